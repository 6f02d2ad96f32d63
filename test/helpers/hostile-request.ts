/**
 * Sends one hostile request to a server with a client certificate, from a
 * process of its own (so that building and encrypting a large body does not
 * hold up the test process, where the server under test runs), and prints
 * `{ status, ms, text }` as one JSON line. `status` 0 means the server closed
 * the connection before answering.
 *
 * Environment: HOSTILE_URL, HOSTILE_P12, HOSTILE_PASSPHRASE, HOSTILE_CA,
 * HOSTILE_KIND (`deep`, `parts`, `oversized`, `inline`).
 */
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import { Certificate } from '../../src/security/certificate.js';
import { SOAP11_NS } from '../../src/transport/soap.js';

const MB = 1024 * 1024;
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

function envelope(body: string): Buffer {
  return Buffer.from(
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`,
  );
}

/** The request of each kind: its Content-Type and body. */
const KINDS: Record<string, () => { contentType: string; body: Buffer }> = {
  deep: () => ({ contentType: 'text/xml', body: envelope('<a>'.repeat(40_000) + '</a>'.repeat(40_000)) }),
  parts: () => ({
    contentType: 'multipart/related; type="application/xop+xml"; boundary=b',
    body: Buffer.from('--b\n\n\n'.repeat(8_000_000)),
  }),
  oversized: () => ({ contentType: 'text/xml', body: Buffer.alloc(229 * MB, 0x41) }),
  inline: () => ({
    contentType: 'text/xml',
    body: envelope(
      '<mms:RequestAttInfo xmlns:mms="urn:abb.com:project/mms/types"><requestType>mp.market</requestType>' +
        `<requestData>${Buffer.alloc(45 * MB, 0x20).toString('base64')}</requestData></mms:RequestAttInfo>`,
    ),
  }),
};

async function main(): Promise<void> {
  const certificate = await Certificate.fromBytes(
    await readFile(env('HOSTILE_P12')),
    env('HOSTILE_PASSPHRASE'),
  );
  const ca = await readFile(env('HOSTILE_CA'), 'utf8');
  const make = KINDS[env('HOSTILE_KIND')];
  if (!make) throw new Error(`unknown kind ${env('HOSTILE_KIND')}`);
  const { contentType, body } = make();
  const started = performance.now();
  const result = await new Promise<{ status: number; text: string }>((resolve) => {
    let answered = false;
    const req = https.request(
      env('HOSTILE_URL'),
      {
        method: 'POST',
        headers: {
          SOAPAction: '"urn:abb.com:project/mms/submitAttachment"',
          'content-type': contentType,
          'content-length': String(body.byteLength),
        },
        secureContext: certificate.createSecureContext({ ca }),
        agent: false,
      } as https.RequestOptions,
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const done = (): void =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
          });
        res.on('end', done);
        res.on('error', done);
      },
    );
    // The server stops reading a refused body; the rest of the write then fails.
    req.on('error', () => {
      if (!answered) resolve({ status: 0, text: '' });
    });
    req.end(body);
  });
  process.stdout.write(
    `${JSON.stringify({ ...result, ms: performance.now() - started, bytes: body.byteLength })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `hostile request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
