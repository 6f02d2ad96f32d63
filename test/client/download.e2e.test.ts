/**
 * `downloadReport(id, { to })` over real mutual TLS: the report reaches a
 * file or a stream byte for byte, in MTOM and inline; a refusal, a failed
 * outer response or a limit leaves neither the destination nor a spool
 * file; an XML report is read back row by row.
 */
import type { ServerResponse } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { MmsClientOptions } from '../../src/client/client.js';
import { MmsValidationError } from '../../src/client/errors.js';
import { fileBytes } from '../../src/client/result.js';
import { MmsTransportError } from '../../src/errors.js';
import type { ResponseFields } from '../../src/transport/answer.js';
import { encodeMtom } from '../../src/transport/mtom.js';
import { buildResponseEnvelope } from '../../src/transport/soap.js';
import { readOutboundRows } from '../../src/xml/outbound-rows.js';
import { decodeDocument } from '../../src/xml/decode.js';
import { modules } from '../../generated/index.js';
import { clientFor, clientPki, type ClientPki } from '../helpers/client-fixtures.js';
import { startMtlsServer, type MtlsServer } from '../helpers/mtls-server.js';

let keys: ClientPki;
let server: MtlsServer;
let dir: string;
let answer: () => { contentType: string; body: Buffer };

const FILE: ResponseFields = {
  success: true,
  warnings: false,
  responseBinary: true,
  responseCompressed: false,
  responseDataType: 'CSV',
  responseFilename: 'r.csv',
};
const XML: ResponseFields = { ...FILE, responseBinary: false, responseDataType: 'XML' };

function mtomAnswer(fields: ResponseFields, content: Buffer) {
  const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { contentId: 'payload@t' } });
  return encodeMtom(envelope, 'root@t', [{ contentId: 'payload@t', body: content }]);
}

function inlineAnswer(fields: ResponseFields, content: Buffer) {
  return {
    contentType: 'text/xml; charset=utf-8',
    body: Buffer.from(buildResponseEnvelope('MI', { ...fields, responseData: { bytes: content } })),
  };
}

/** An OutboundData report of `rows` Offers rows, the third one breaking its schema. */
function outbound(rows: number): Buffer {
  let xml = '<OutboundData DatasetName="Offers">';
  for (let i = 0; i < rows; i++)
    xml +=
      `<Offers ROW="${i + 1}" TradeDate="2024-04-12" StartTime="2024-04-12T15:00:00" EndTime="2024-04-12T18:00:00" OfferID="O${i}"` +
      ` MarketType="DAM" Direction="1" Area="${i === 2 ? '99' : '03'}" ResourceName="RESO0001" SystemCode="FSYS0" ParticipantName="F100"` +
      ` CompanyShortName="偽会社" ResourceShortName="偽電力" StackNumber="1" MinimumSupplyQuantity="100" OfferUnitPrice="42.15"` +
      ` RampDownUnitPrice="9.99" StartUpUnitPrice="99.99" CompletionDate="2024-04-10T22:34:44"></Offers>`;
  return Buffer.from(`${xml}</OutboundData>`);
}

beforeAll(async () => {
  keys = await clientPki();
  server = await startMtlsServer({
    pki: keys.pki,
    handler: (_req, res: ServerResponse) => {
      const raw = answer();
      res.writeHead(200, { 'content-type': raw.contentType });
      res.end(raw.body);
    },
  });
});
afterAll(async () => {
  await server?.close();
  await keys?.pki.cleanup();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mms-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const client = (options: Partial<MmsClientOptions> = {}) =>
  clientFor(keys, { MI: server.url(), OMI: server.url() }, options);

test.each([
  ['MTOM', mtomAnswer],
  ['inline base64', inlineAnswer],
] as const)('a %s file goes to the path byte for byte, with the outer fields', async (_, make) => {
  const content = randomBytes(3 * 1024 * 1024 + 7);
  answer = () => make(FILE, content);
  const to = path.join(dir, 'report.csv');
  const result = await client().downloadReport('TX000001', { to });
  expect(result.saved).toEqual({ path: to, size: content.length, filename: 'r.csv', dataType: 'CSV' });
  expect((await readFile(to)).equals(content)).toBe(true);
  expect(await readdir(dir)).toEqual(['report.csv']);
  // The request was the usual signed ReportDownloadRequestTrnID.
  expect(server.requests.at(-1)!.body.toString()).toContain('TransactionId="TX000001"');
});

test('a file goes to a writable stream, which is ended', async () => {
  const content = randomBytes(2 * 1024 * 1024);
  answer = () => mtomAnswer(FILE, content);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  const result = await client().downloadReport('TX000001', { to: sink });
  await ended;
  expect(Buffer.concat(chunks).equals(content)).toBe(true);
  expect(result.saved.path).toBeUndefined();
  expect(result.saved.size).toBe(content.length);
});

test('success=false is a rejection, and neither the file nor a spool file is left', async () => {
  answer = () => mtomAnswer({ ...FILE, success: false }, randomBytes(2 * 1024 * 1024));
  const to = path.join(dir, 'report.csv');
  const err = await client()
    .downloadReport('TX000001', { to })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MmsValidationError);
  expect(await readdir(dir)).toEqual([]);
});

test('an existing file is replaced only once the answer has passed', async () => {
  const to = path.join(dir, 'report.csv');
  await writeFile(to, 'previous');
  answer = () => inlineAnswer({ ...FILE, success: false }, randomBytes(100));
  await expect(client().downloadReport('TX000001', { to })).rejects.toBeInstanceOf(MmsValidationError);
  expect(await readFile(to, 'utf8')).toBe('previous');
});

test('past maxDownloadBytes the download stops: RESPONSE_TOO_LARGE, request sent, nothing left', async () => {
  answer = () => mtomAnswer(FILE, randomBytes(3 * 1024 * 1024));
  const to = path.join(dir, 'report.csv');
  const err = await client({ maxDownloadBytes: 2 * 1024 * 1024 })
    .downloadReport('TX000001', { to })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MmsTransportError);
  expect(err).toMatchObject({ code: 'RESPONSE_TOO_LARGE', requestSent: true });
  expect(await readdir(dir)).toEqual([]);
});

test('a report larger than the in-memory limit is saved (the limits are separate)', async () => {
  const content = randomBytes(3 * 1024 * 1024);
  answer = () => mtomAnswer(FILE, content);
  const to = path.join(dir, 'report.csv');
  await client({ maxResponseBytes: 1024 * 1024 }).downloadReport('TX000001', { to });
  expect((await readFile(to)).equals(content)).toBe(true);
  // Without `to`, the same answer is refused by the in-memory limit.
  await expect(client({ maxResponseBytes: 1024 * 1024 }).downloadReport('TX000001')).rejects.toMatchObject({
    code: 'RESPONSE_TOO_LARGE',
  });
});

test('an XML report is saved and read back row by row, problems included, as the whole-document decoder reads it', async () => {
  const xml = outbound(8000); // over a megabyte: spooled
  answer = () => mtomAnswer(XML, xml);
  const to = path.join(dir, 'report.xml');
  const result = await client().downloadReport('TX000001', { to });
  expect(result.saved.dataType).toBe('XML');
  const rows = [];
  for await (const row of readOutboundRows(to)) rows.push(row);
  const whole = decodeDocument<{ Offers: unknown[] }>(modules.outbound, 'OutboundData', xml, {
    maxLength: 64 * 1024 * 1024,
  });
  expect(rows.map((r) => r.value)).toEqual(whole.value.Offers);
  expect(rows.flatMap((r) => r.problems)).toEqual(whole.problems);
  expect(rows[2]!.problems[0]!.path).toBe('OutboundData.Offers[2].Area');
});

test("a MarketReport answer instead of the report is the MMS's refusal", async () => {
  const refusal =
    '<MarketReport ApplicationType="MARKET_REPORT" ParticipantName="F100">' +
    '<ReportDownloadRequestTrnID TransactionId="TX000001" ValidationStatus="FAILED">' +
    '<Messages><Error Code="E1">no such report</Error></Messages></ReportDownloadRequestTrnID></MarketReport>';
  answer = () => mtomAnswer(XML, Buffer.from(refusal));
  const to = path.join(dir, 'report.xml');
  const err = await client()
    .downloadReport('TX000001', { to })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MmsValidationError);
  expect(String((err as Error).message)).toContain('no such report');
  expect(await readdir(dir)).toEqual([]);
});

test('`to` that is neither a path nor a stream is refused before sending', async () => {
  const before = server.requests.length;
  await expect(client().downloadReport('TX000001', { to: 42 as never })).rejects.toMatchObject({
    code: 'INVALID_REQUEST',
  });
  expect(server.requests.length).toBe(before);
});

test('without `to`, the file is its bytes as received; base64 appears only in JSON', async () => {
  const content = randomBytes(100_000);
  answer = () => mtomAnswer(FILE, content);
  const result = await client().downloadReport('TX000001');
  const file = result.file!;
  expect(Buffer.from(file.bytes).equals(content)).toBe(true);
  expect(fileBytes(file)).toBe(file.bytes);
  // A view into the one body buffer the transport read, not a copy of it.
  expect(file.bytes.buffer.byteLength).toBeGreaterThan(content.length);
  const json = JSON.parse(JSON.stringify(result)) as { file: Record<string, unknown> };
  expect(Object.keys(json.file).sort()).toEqual(['base64', 'dataType', 'filename']);
  expect(Buffer.from(json.file['base64'] as string, 'base64').equals(content)).toBe(true);
  // A file rebuilt from JSON still gives its bytes.
  expect(Buffer.from(fileBytes(json.file as { base64: string })).equals(content)).toBe(true);
});
