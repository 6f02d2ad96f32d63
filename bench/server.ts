/**
 * The MMS stand-in of the call and download benchmarks, in its own process
 * so that its CPU and memory are not counted against the client. Mutual TLS
 * on 127.0.0.1 with the bench PKI; every POST is answered the same way:
 *
 * - `small`: MTOM, the awards answer sample as payload (a whole small call);
 * - `file`: MTOM, a binary CSV file of `size` bytes as its own part, streamed;
 * - `file-inline`: plain SOAP, the same file inline as base64, streamed.
 *
 * Prints `port=<n>` when listening; stops when stdin closes.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { buildResponseEnvelope } from '../src/transport/soap.js';
import { SAMPLES } from './data.js';
import { benchPki } from './pki.js';

const mode = process.argv[2] ?? 'small';
const size = Number(process.argv[3] ?? 0);
const pki = benchPki();
const BOUNDARY = 'MIMEBoundary_bench0123456789';
const CRLF = '\r\n';
const LINE = 'F100,RESO0001,2024-04-12T15:00:00,2024-04-12T18:00:00,5000,42.15,偽電力\n';

function mtomHead(envelope: string): string {
  return (
    `--${BOUNDARY}${CRLF}Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"${CRLF}` +
    `Content-Transfer-Encoding: binary${CRLF}Content-ID: <root@bench>${CRLF}${CRLF}${envelope}${CRLF}` +
    `--${BOUNDARY}${CRLF}Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: binary${CRLF}` +
    `Content-ID: <payload@bench>${CRLF}${CRLF}`
  );
}
const MTOM_TYPE = `multipart/related; type="application/xop+xml"; start="<root@bench>"; start-info="text/xml"; boundary="${BOUNDARY}"`;

/** Writes `total` bytes of CSV lines, as bytes or as base64, honouring back-pressure. */
async function writeFile(res: ServerResponse, total: number, base64: boolean): Promise<void> {
  // 3 × 64 KiB lines-worth per chunk, so base64 chunks concatenate to valid base64.
  const block = Buffer.from(LINE.repeat(Math.ceil((3 * 65536) / Buffer.byteLength(LINE)))).subarray(
    0,
    3 * 65536,
  );
  let left = total;
  while (left > 0) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    left -= piece.length;
    const ok = res.write(base64 ? piece.toString('base64') : piece);
    if (!ok) await new Promise((r) => res.once('drain', r));
  }
}

const fileFields = {
  success: true,
  warnings: false,
  responseBinary: true,
  responseCompressed: false,
  responseDataType: 'CSV',
  responseFilename: 'report.csv',
} as const;

const server = https.createServer(
  {
    key: pki.serverKeyPem,
    cert: pki.serverCertPem,
    ca: pki.caPem,
    requestCert: true,
    rejectUnauthorized: true,
  },
  (req, res) => {
    req.resume();
    req.on('end', () => {
      void (async () => {
        if (mode === 'small') {
          const payload = readFileSync(path.join(SAMPLES, 'query_awards_response.xml'));
          const envelope = buildResponseEnvelope('MI', {
            success: true,
            warnings: false,
            responseBinary: false,
            responseCompressed: false,
            responseDataType: 'XML',
            responseData: { contentId: 'payload@bench' },
          });
          const body = Buffer.concat([
            Buffer.from(mtomHead(envelope)),
            payload,
            Buffer.from(`${CRLF}--${BOUNDARY}--${CRLF}`),
          ]);
          res.writeHead(200, { 'content-type': MTOM_TYPE, 'content-length': body.length });
          res.end(body);
          return;
        }
        if (mode === 'file') {
          const envelope = buildResponseEnvelope('MI', {
            ...fileFields,
            responseData: { contentId: 'payload@bench' },
          });
          const head = Buffer.from(mtomHead(envelope));
          const tail = Buffer.from(`${CRLF}--${BOUNDARY}--${CRLF}`);
          res.writeHead(200, {
            'content-type': MTOM_TYPE,
            'content-length': head.length + size + tail.length,
          });
          res.write(head);
          await writeFile(res, size, false);
          res.end(tail);
          return;
        }
        // file-inline
        const envelope = buildResponseEnvelope('MI', {
          ...fileFields,
          responseData: { bytes: new Uint8Array() },
        });
        const [before, after] = envelope.split('<responseData></responseData>') as [string, string];
        res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
        res.write(`${before}<responseData>`);
        await writeFile(res, size, true);
        res.end(`</responseData>${after}`);
      })();
    });
  },
);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`port=${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
