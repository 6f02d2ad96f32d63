/**
 * One benchmark scenario in a fresh process (`node --expose-gc --import tsx
 * bench/worker.ts <scenario> ...args`); prints one JSON line
 * `{ series, info }`: `series` holds CPU milliseconds per run (or bytes for
 * memory) of our code and of each baseline, measured here on the same bytes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createPrivateKey, sign } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { XMLParser } from 'fast-xml-parser';
import { operations } from '../generated/index.js';
import { Certificate, MmsClient } from '../src/index.js';
import { answerInterpreter, interpretResponse } from '../src/client/response.js';
import { buildDocument, encodePayload, validateDocument } from '../src/client/payload.js';
import { checkRules } from '../src/rules/index.js';
import { readAnswer } from '../src/transport/answer.js';
import { frameRequest } from '../src/transport/framing.js';
import { buildResponseEnvelope } from '../src/transport/soap.js';
import { encodeMtom } from '../src/transport/mtom.js';
import type { OperationDescriptor } from '../src/xml/descriptors.js';
import { awardsAnswer, offers, offersByJoin, outboundReport, ROOT, MB } from './data.js';
import { cpuMs, interleaved, peakRss } from './measure.js';
import { benchPki, PASSPHRASE } from './pki.js';

type Series = Record<string, number[]>;
interface Output {
  readonly series: Series;
  readonly info?: Record<string, number | string>;
}

const op = (id: string): OperationDescriptor =>
  (operations as unknown as Record<string, OperationDescriptor>)[id]!;
const certificate = (): Promise<Certificate> => Certificate.fromFile(benchPki().p12Path, PASSPHRASE);
const AWARDS = op('MarketQuery_AwardResultsQuery');
const DOWNLOAD = op('ReportDownloadRequestTrnID');
const SUBMIT = op('MarketSubmit_OfferData');
const ok = {
  success: true,
  warnings: false,
  responseBinary: false,
  responseCompressed: false,
  responseDataType: 'XML',
} as const;
const neverAborted = new AbortController().signal;

/** Decode with validation (the client's interpreter on the payload) vs a bare saxes scan and fast-xml-parser. */
async function decode(mb: number, runs: number): Promise<Output> {
  const bytes = readFileSync(await awardsAnswer(mb));
  const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const series = await interleaved(
    {
      ours: async () => {
        const r = await interpretResponse(AWARDS, { response: ok, payload: bytes, attachments: [] });
        if (r.data === undefined) throw new Error('decoded nothing');
      },
      saxes: () => {
        const p = new SaxesParser({ xmlns: true });
        const d = new TextDecoder('utf-8', { fatal: true });
        for (let at = 0; at < bytes.length; at += MB)
          p.write(d.decode(bytes.subarray(at, at + MB), { stream: true }));
        p.close();
      },
      fastXmlParser: () => fxp.parse(bytes),
    },
    runs,
    1,
  );
  return { series, info: { bytes: bytes.length } };
}

/** Heap held by a decoded answer: measured after GC, with the value still referenced. */
async function heap(mb: number): Promise<Output> {
  const bytes = readFileSync(await awardsAnswer(mb));
  globalThis.gc!();
  const before = process.memoryUsage().heapUsed;
  const held = await interpretResponse(AWARDS, { response: ok, payload: bytes, attachments: [] });
  globalThis.gc!();
  const after = process.memoryUsage().heapUsed;
  if (held.data === undefined) throw new Error('decoded nothing');
  return { series: { retained: [after - before], xml: [bytes.length] } };
}

/** Peak RSS while decoding an answer, the answer's bytes included. */
async function rss(mb: number): Promise<Output> {
  const file = await awardsAnswer(mb);
  globalThis.gc!();
  const base = process.memoryUsage().rss;
  const bytes = readFileSync(file);
  const held = await interpretResponse(AWARDS, { response: ok, payload: bytes, attachments: [] });
  const peak = peakRss();
  if (held.data === undefined) throw new Error('decoded nothing');
  return { series: { peak: [peak - base], xml: [bytes.length] }, info: { base } };
}

/** Encode + validate + frame + sign `n` offers, vs a bare sign and vs a string join plus sign. */
async function encode(n: number, runs: number): Promise<Output> {
  const cert = await certificate();
  const data = offers(n);
  const envelope = {
    Date: '2024-03-15',
    MarketType: 'DAM',
    NumOfDays: 1,
    ParticipantName: 'F100',
    UserName: 'FAKEUSER',
  };
  const document = buildDocument(SUBMIT, envelope, data);
  const payload = new TextEncoder().encode(encodePayload(SUBMIT, document));
  const joined = offersByJoin('2024-03-15', data);
  if (joined !== Buffer.from(payload).toString('utf8'))
    throw new Error('the string join does not give the same bytes');
  const pem = benchPki();
  // The same key as a KeyObject made once, as the Certificate holds it.
  const key = createPrivateKey(readFileSync(path.join(path.dirname(pem.p12Path), 'client.key'), 'utf8'));
  const series = await interleaved(
    {
      ours: () => {
        const doc = buildDocument(SUBMIT, envelope, data);
        if (validateDocument(SUBMIT, doc).length > 0) throw new Error('invalid offers');
        // The business rules run as the client runs them, after the schema.
        if (checkRules(SUBMIT, 'bsp', doc).some((v) => v.severity === 'error'))
          throw new Error('offers break a rule');
        const bytes = new TextEncoder().encode(encodePayload(SUBMIT, doc));
        frameRequest(
          { interface: 'MI', requestType: 'mp.market', payload: bytes, operation: SUBMIT.id },
          { certificate: cert, contentIdDomain: 'bench.example.jp', userAgent: 'bench' },
        );
      },
      sign: () => cert.sign(payload),
      joinSign: () => {
        const bytes = Buffer.from(offersByJoin('2024-03-15', data));
        sign('sha256', bytes, key);
      },
    },
    runs,
  );
  return { series, info: { bytes: payload.length } };
}

async function startServer(mode: string, size = 0): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', 'server.ts'), mode, String(size)],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const m = /port=(\d+)/.exec(out);
    if (m) return { child, port: Number(m[1]) };
  }
  throw new Error('the bench server did not start');
}

async function clientFor(port: number, keepAlive: boolean, extra: object = {}): Promise<MmsClient> {
  return new MmsClient({
    participant: 'F100',
    user: 'FAKEUSER',
    clientType: 'bsp',
    certificate: await certificate(),
    domain: 'bench.example.jp',
    urls: { MI: `https://127.0.0.1:${port}/axis2/services/mi` },
    ca: benchPki().caPem,
    keepAlive,
    ...extra,
  });
}

/** A whole small call over mutual TLS, client CPU only (the server is another process), vs a bare sign. */
async function call(mode: string, calls: number): Promise<Output> {
  const { child, port } = await startServer('small');
  const client = await clientFor(port, mode === 'keepalive');
  const cert = await certificate();
  try {
    const run = async (): Promise<void> => {
      await client.request(
        'MarketQuery_AwardResultsQuery',
        { Date: '2024-04-12', NumOfDays: 1 },
        { MarketType: 'DAM', StartTime: '2024-04-12T15:00:00', EndTime: '2024-04-12T18:00:00' },
      );
    };
    const payload = Buffer.from('<MarketData>' + 'x'.repeat(400) + '</MarketData>');
    const series = await interleaved({ ours: run, sign: () => cert.sign(payload) }, calls, 3);
    return { series };
  } finally {
    client.close();
    child.stdin!.end();
  }
}

/** Reading a 14 MB file answer (envelope, MIME, base64) to the client's result, vs node-soap. */
async function mtom(mb: number, form: string, runs: number): Promise<Output> {
  const file = Buffer.alloc(mb * MB, 'F100,RESO0001,2024-04-12T15:00:00,5000,42.15\n');
  const fields = {
    ...ok,
    responseBinary: true,
    responseDataType: 'CSV',
    responseFilename: 'report.csv',
  } as const;
  let headers: Record<string, string>;
  let body: Buffer;
  let boundary = '';
  if (form === 'mtom') {
    const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { contentId: 'payload@bench' } });
    const m = encodeMtom(envelope, 'root@bench', [{ contentId: 'payload@bench', body: file }]);
    headers = { 'content-type': m.contentType };
    body = m.body;
    boundary = /boundary="([^"]+)"/.exec(m.contentType)![1]!;
  } else {
    headers = { 'content-type': 'text/xml; charset=UTF-8' };
    body = Buffer.from(buildResponseEnvelope('MI', { ...fields, responseData: { bytes: file } }));
  }
  const require = createRequire(import.meta.url);
  const soap = require('soap') as typeof import('soap');
  const utils = require('soap/lib/utils') as {
    parseMTOMResp: (
      b: Buffer,
      boundary: string,
      cb: (e: unknown, r: { parts: { body: Buffer }[] }) => void,
    ) => Promise<void>;
  };
  const wsdl = path.resolve(ROOT, '..', 'shared', 'mms-schemas', '2025-12', 'mi-web-service-jbms.wsdl');
  const soapClient = await soap.createClientAsync(wsdl);
  const interpret = answerInterpreter(DOWNLOAD);
  const request = {
    operation: DOWNLOAD.id,
    url: 'https://127.0.0.1/',
    callId: 'b',
    interface: 'MI',
    kind: 'query',
    attempt: 1,
    timestamp: new Date(),
    headers: {},
    body: Buffer.alloc(0),
  } as never;
  const series = await interleaved(
    {
      ours: async () => {
        const answer = await readAnswer({ status: 200, headers, body }, request, {
          signal: neverAborted,
          maxResponseBytes: 512 * MB,
        });
        const verdict = await interpret(answer, neverAborted);
        if (!('ok' in verdict) || verdict.ok.file === undefined) throw new Error('no file in the answer');
      },
      nodeSoap: async () => {
        let xml: string;
        if (form === 'mtom') {
          const parts = await new Promise<{ body: Buffer }[]>((resolve, reject) => {
            void utils.parseMTOMResp(body, boundary, (e, r) => (e ? reject(e) : resolve(r.parts)));
          });
          xml = parts[0]!.body.toString('utf8');
        } else xml = body.toString('utf8');
        const obj = soapClient.wsdl.xmlToObject(xml);
        if (!obj) throw new Error('node-soap read nothing');
      },
    },
    runs,
    1,
  );
  return { series, info: { bytes: body.length } };
}

/** A report download over mutual TLS: peak RSS of the client process above its level before the call. */
async function download(mb: number, form: string): Promise<Output> {
  const { child, port } = await startServer(form, mb * MB);
  const client = await clientFor(port, false, { maxResponseBytes: 512 * MB });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-bench-'));
  try {
    globalThis.gc!();
    const base = process.memoryUsage().rss;
    const cpu0 = cpuMs();
    const to = path.join(dir, 'report.csv');
    // downloadReport(id, { to }) streams to the file; a client without it ignores `to` and returns the bytes.
    const r = await (
      client.downloadReport as (id: string, o: object) => Promise<{ file?: { base64?: string } }>
    )('TX0001', { to });
    const streaming = !existsSync(to) ? 'no' : 'yes';
    if (streaming === 'no') writeFileSync(to, Buffer.from(r.file!.base64!, 'base64'));
    const cpu = cpuMs() - cpu0;
    const size = statSync(to).size;
    if (size !== mb * MB) throw new Error(`the file has ${size} bytes, expected ${mb * MB}`);
    return { series: { peak: [peakRss() - base], file: [size], cpu: [cpu] }, info: { streaming } };
  } finally {
    client.close();
    child.stdin!.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An `OutboundData` report of `mb` megabytes read row by row: peak RSS above the level before. */
async function outbound(mb: number): Promise<Output> {
  const file = await outboundReport(mb);
  const mod = (await import('../src/xml/outbound-rows.js').catch(() => undefined)) as
    { readOutboundRows?: (source: string) => AsyncIterable<unknown> } | undefined;
  globalThis.gc!();
  const base = process.memoryUsage().rss;
  const cpu0 = cpuMs();
  let rows = 0;
  if (mod?.readOutboundRows) {
    for await (const _ of mod.readOutboundRows(file)) rows++;
  } else {
    const { decodeDocument } = await import('../src/xml/decode.js');
    const { modules } = await import('../generated/index.js');
    const d = decodeDocument<Record<string, unknown[]>>(
      modules.outbound,
      'OutboundData',
      readFileSync(file),
      { maxLength: 512 * MB },
    );
    rows = d.value['Offers']?.length ?? 0;
  }
  const cpu = cpuMs() - cpu0;
  return {
    series: { peak: [peakRss() - base], file: [statSync(file).size], cpu: [cpu] },
    info: { rows, iterator: mod?.readOutboundRows ? 'yes' : 'no' },
  };
}

const scenarios: Record<string, (...args: string[]) => Promise<Output>> = {
  decode: (mb, runs) => decode(Number(mb), Number(runs)),
  heap: (mb) => heap(Number(mb)),
  rss: (mb) => rss(Number(mb)),
  encode: (n, runs) => encode(Number(n), Number(runs)),
  call: (mode, calls) => call(mode!, Number(calls)),
  mtom: (mb, form, runs) => mtom(Number(mb), form!, Number(runs)),
  download: (mb, form) => download(Number(mb), form!),
  outbound: (mb) => outbound(Number(mb)),
};

const [name, ...args] = process.argv.slice(2);
const scenario = scenarios[name ?? ''];
if (!scenario) throw new Error(`unknown scenario ${name}`);
const output = await scenario(...args);
process.stdout.write(`${JSON.stringify(output)}\n`);
