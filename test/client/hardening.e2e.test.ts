/**
 * The attacks of the hardening issue that a client meets, one test each,
 * through the real client over HTTPS with a client certificate:
 * untyped errors (pattern values of megabytes, API misuse), plain-SOAP
 * answers with megabytes of inline base64, fail-open statuses, answers the
 * client used to misread, options that switched limits off, and the smaller
 * holes (http://, characters XML cannot carry, duplicate Content-IDs,
 * escape sequences and megabytes of server text, answers for someone else).
 */
import type { ServerResponse } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MmsClient, type MmsClientOptions } from '../../src/client/client.js';
import { MmsInputError, MmsValidationError } from '../../src/client/errors.js';
import { MmsClientError, MmsError, MmsServerError } from '../../src/errors.js';
import { encodeMtom } from '../../src/transport/mtom.js';
import { buildFaultEnvelope, buildResponseEnvelope } from '../../src/transport/soap.js';
import { clientFor, clientPki, type ClientPki } from '../helpers/client-fixtures.js';
import { startMtlsServer, type MtlsServer } from '../helpers/mtls-server.js';
import { SAMPLES } from '../helpers/paths.js';
import { rejection } from '../helpers/rejection.js';

interface Raw {
  readonly contentType: string;
  readonly body: Buffer;
  readonly status?: number;
}

let keys: ClientPki;
let server: MtlsServer;
/** What the server answers next. */
let answer: () => Raw;

const day = { Date: '2024-03-15', NumOfDays: 1 } as const;
const queryOffers = (c: MmsClient, options = {}): Promise<unknown> =>
  c.request('MarketQuery_OfferQuery', day, { MarketType: 'DAM' }, options);

const outer = {
  success: true,
  warnings: false,
  responseBinary: false,
  responseCompressed: false,
  responseDataType: 'XML',
};

/** An MTOM answer with `payload` as responseData and optional outer fields. */
function mtom(
  payload: string | Buffer,
  fields: Partial<typeof outer> & { responseFilename?: string } = {},
): Raw {
  const envelope = buildResponseEnvelope('MI', {
    ...outer,
    ...fields,
    responseData: { contentId: 'p@h.test' },
  });
  const m = encodeMtom(envelope, 'r@h.test', [{ contentId: 'p@h.test', body: Buffer.from(payload) }]);
  return { contentType: m.contentType, body: m.body };
}

/** The empty, successful answer to an offer query for F100 / FAKEUSER on 2024-03-15, with changes. */
function emptyQueryAnswer(change: (xml: string) => string = (x) => x): string {
  return change(
    '<MarketData><ProcessingStatistics Invalid="0" Received="1" Successful="1" TransactionId="TX000001" Unsuccessful="0" Valid="1"></ProcessingStatistics>' +
      '<MarketQuery Date="2024-03-15" NumOfDays="1" ParticipantName="F100" Success="true" UserName="FAKEUSER" Validation="PASSED">' +
      '<OfferQuery MarketType="DAM"></OfferQuery></MarketQuery></MarketData>',
  );
}

beforeAll(async () => {
  keys = await clientPki();
  answer = () => mtom(emptyQueryAnswer());
  server = await startMtlsServer({
    pki: keys.pki,
    handler: (_req, res: ServerResponse) => {
      const raw = answer();
      res.writeHead(raw.status ?? 200, { 'content-type': raw.contentType });
      res.end(raw.body);
    },
  });
});

afterAll(async () => {
  await server?.close();
  await keys?.pki.cleanup();
});

const urls = (): { MI: string; OMI: string } => ({ MI: server.url(), OMI: server.url() });
const client = (options: Partial<MmsClientOptions> = {}): MmsClient => clientFor(keys, urls(), options);

/** The error, checked to be typed; the server's request count is unchanged when nothing may be sent. */
async function typedFailure(call: () => Promise<unknown>, sent: 'sent' | 'not sent'): Promise<MmsError> {
  const before = server.requests.length;
  const err = await rejection(call());
  expect(err).toBeInstanceOf(MmsError);
  expect(server.requests.length - before).toBe(sent === 'sent' ? 1 : 0);
  return err as MmsError;
}

describe('4: typed errors whatever the input', () => {
  test('a value of 8 MB in a field with a pattern is an input error naming the field, not a RangeError', async () => {
    const c = client();
    const err = await typedFailure(
      () =>
        c.request(
          'MarketQuery_OfferQuery',
          { ...day, Date: '2'.repeat(8_000_000) },
          { MarketType: 'DAM', ResourceName: 'R'.repeat(8_000_000) },
        ),
      'not sent',
    );
    expect(err).toBeInstanceOf(MmsInputError);
    expect((err as MmsInputError).violations.map((v) => v.path)).toEqual(
      expect.arrayContaining(['MarketQuery.Date', 'MarketQuery.OfferQuery.ResourceName']),
    );
  });

  test.each([
    [
      'attributes: null',
      (c: MmsClient) => c.request('MarketQuery_OfferQuery', null as never, { MarketType: 'DAM' }),
      'INVALID_REQUEST',
    ],
    [
      'options: null',
      (c: MmsClient) => c.request('MarketQuery_OfferQuery', day, { MarketType: 'DAM' }, null as never),
      'INVALID_OPTION',
    ],
    ['attachments: "abc"', (c: MmsClient) => queryOffers(c, { attachments: 'abc' }), 'INVALID_REQUEST'],
    [
      'attachment data undefined',
      (c: MmsClient) => queryOffers(c, { attachments: [{ name: 'a.csv', data: undefined }] }),
      'INVALID_REQUEST',
    ],
    [
      'attachment data 42',
      (c: MmsClient) => queryOffers(c, { attachments: [{ name: 'a.csv', data: 42 }] }),
      'INVALID_REQUEST',
    ],
    ['attachment null', (c: MmsClient) => queryOffers(c, { attachments: [null] }), 'INVALID_REQUEST'],
    ['timeoutMs: "5"', (c: MmsClient) => queryOffers(c, { timeoutMs: '5' }), 'INVALID_OPTION'],
    ['signal: {}', (c: MmsClient) => queryOffers(c, { signal: {} }), 'INVALID_OPTION'],
    [
      'data: null',
      (c: MmsClient) => c.request('MarketQuery_OfferQuery', day, null as never),
      'INVALID_REQUEST',
    ],
  ])('%s: a typed error, nothing sent', async (_name, call, code) => {
    const err = await typedFailure(() => call(client()), 'not sent');
    expect(err.code).toBe(code);
  });

  test('certificate: {} and other broken options fail at construction with INVALID_OPTION', () => {
    for (const bad of [
      { certificate: {} },
      { certificate: null },
      { validate: 'loose' },
      { responseMismatch: 'ignore' },
      { retry: { maxAttempts: 1e9 } },
      { retry: null },
      { limits: { maxDepth: 0 } },
      { limits: { maxBanana: 1 } },
    ]) {
      let thrown: unknown;
      try {
        client(bad as never);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(MmsClientError);
      expect((thrown as MmsClientError).code).toBe('INVALID_OPTION');
    }
  });
});

describe('5: plain SOAP with megabytes of inline base64', () => {
  test('a 6 MB report file inline in a plain SOAP answer is read', async () => {
    const file = Buffer.alloc(6 * 1024 * 1024, 0x41);
    const envelope = buildResponseEnvelope('MI', {
      ...outer,
      responseBinary: true,
      responseDataType: 'CSV',
      responseFilename: 'report.csv',
      responseData: { bytes: file },
    });
    answer = () => ({ contentType: 'text/xml; charset=UTF-8', body: Buffer.from(envelope) });
    const result = await client().request('ReportDownloadRequestTrnID', {}, { TransactionId: 'TX000001' });
    expect(result.file?.filename).toBe('report.csv');
    expect(Buffer.from(result.file!.base64, 'base64').equals(file)).toBe(true);
  });
});

describe('7: statuses the client cannot read fail the call', () => {
  test.each([
    ['Success="False"', (x: string) => x.replace('Success="true"', 'Success="False"')],
    ['Validation="failed"', (x: string) => x.replace('Validation="PASSED"', 'Validation="failed"')],
    ['Invalid="1x"', (x: string) => x.replace('Invalid="0"', 'Invalid="1x"')],
    [
      'a <Messages><ERROR> entry',
      (x: string) =>
        x.replace('<OfferQuery', '<Messages><ERROR Code="E9">拒否</ERROR></Messages><OfferQuery'),
    ],
    [
      'SUCCESS="false" in the wrong case',
      (x: string) => x.replace('Success="true"', 'Success="true" SUCCESS="false"'),
    ],
    [
      'Success="false" on an element that has no such attribute',
      (x: string) => x.replace('<ProcessingStatistics ', '<ProcessingStatistics Success="false" '),
    ],
  ])('%s', async (_name, change) => {
    answer = () => mtom(emptyQueryAnswer(change));
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toBeInstanceOf(MmsValidationError);
    // One entry for one unreadable status, not one per way of noticing it.
    const { errors, reasons } = err as MmsValidationError;
    expect([...errors, ...reasons]).toHaveLength(1);
  });
});

describe('8: answers the client used to misread', () => {
  test('success=false on a file answer fails', async () => {
    answer = () => mtom('a,b\n', { success: false, responseBinary: true, responseDataType: 'CSV' });
    const err = await typedFailure(
      () => client().request('ReportDownloadRequestTrnID', {}, { TransactionId: 'TX000001' }),
      'sent',
    );
    expect(err).toBeInstanceOf(MmsValidationError);
  });

  test('success=false on a downloaded report document fails', async () => {
    const rows = readFileSync(path.join(SAMPLES, 'bsp_resource_list_full.xml'), 'utf8');
    answer = () => mtom(`<OutboundData>${rows}</OutboundData>`, { success: false });
    const err = await typedFailure(
      () => client().request('ReportDownloadRequestTrnID', {}, { TransactionId: 'TX000001' }),
      'sent',
    );
    expect(err).toBeInstanceOf(MmsValidationError);
  });

  test.each([
    ['HTML', '<html><body>Service Unavailable</body></html>'],
    ['JSON', '{"error":"maintenance"}'],
  ])('an %s answer to a query is an error, not a file', async (type, text) => {
    answer = () => mtom(text, { responseDataType: type });
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'UNSUPPORTED_RESPONSE' });
    expect(err.message).toContain(type);
  });

  test('an Error inside StandingData fails queryBups', async () => {
    answer = () =>
      mtom(
        '<MarketData><MarketSubmit Date="2024-03-15" NumOfDays="1" ParticipantName="F100" UserName="FAKEUSER">' +
          '<StandingData StandingFlag="true"><Messages><Error Code="E7">停止中</Error></Messages></StandingData>' +
          '</MarketSubmit></MarketData>',
      );
    const err = await typedFailure(
      () => client().request('MarketQuery_BupQuery', day, { ResourceName: 'FAKE_RESO' }),
      'sent',
    );
    expect(err).toBeInstanceOf(MmsValidationError);
    expect((err as MmsValidationError).errors).toContainEqual(
      expect.objectContaining({ code: 'E7', path: 'MarketData.MarketSubmit.StandingData' }),
    );
  });

  test('an unknown attribute keeps its value, and the warnings flag is surfaced', async () => {
    answer = () =>
      mtom(
        emptyQueryAnswer((x) =>
          x.replace('<OfferQuery MarketType="DAM">', '<OfferQuery MarketType="DAM" Extra="新しい値">'),
        ),
        { warnings: true },
      );
    const result = (await queryOffers(client())) as { responseProblems: unknown[]; warnings: boolean };
    expect(result.responseProblems).toContainEqual({
      path: 'MarketData.MarketQuery.OfferQuery.Extra',
      message: 'is not an attribute of OfferQueryType',
      value: '新しい値',
    });
    expect(result.warnings).toBe(true);
  });
});

describe('9: limits and options are checked', () => {
  test.each([Infinity, 3e9, NaN, -5, 0])(
    'timeoutMs %p is refused, on the client and on a call',
    async (value) => {
      expect(() => client({ timeoutMs: value })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
      expect(() => client({ attemptTimeoutMs: value })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      );
      const err = await typedFailure(() => queryOffers(client(), { timeoutMs: value }), 'not sent');
      expect(err.code).toBe('INVALID_OPTION');
    },
  );

  test.each([NaN, 0, -1, 1.5, Infinity, 2 ** 40])('maxResponseBytes %p is refused', (value) => {
    expect(() => client({ maxResponseBytes: value })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  test('8 MB of unknown elements stop at the problem limit, quickly', async () => {
    const junk = '<Junk></Junk>'.repeat(8_000_000 / 13);
    answer = () =>
      mtom(
        emptyQueryAnswer((x) =>
          x.replace('<OfferQuery MarketType="DAM">', `<OfferQuery MarketType="DAM">${junk}`),
        ),
      );
    const started = performance.now();
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxProblems', max: 1000 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('an element with 100,000 attributes stops at the attribute limit', async () => {
    const attributes = Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ');
    answer = () =>
      mtom(
        emptyQueryAnswer((x) =>
          x.replace('<OfferQuery MarketType="DAM"', `<OfferQuery MarketType="DAM" ${attributes}`),
        ),
      );
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxAttributes' });
  });
});

describe('10: smaller holes', () => {
  test('an http:// URL is refused unless allowInsecureHttp is set, and then it is used', async () => {
    const plain = http.createServer((_req, res) => {
      const raw = mtom(emptyQueryAnswer());
      res.writeHead(200, { 'content-type': raw.contentType });
      res.end(raw.body);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/axis2/services/MiWebService`;
    try {
      expect(() => clientFor(keys, { MI: url, OMI: url })).toThrow(/plain http/);
      const insecure = clientFor(keys, { MI: url, OMI: url }, { allowInsecureHttp: true });
      await expect(queryOffers(insecure)).resolves.toMatchObject({ data: [] });
      insecure.close();
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });

  test.each([
    ['U+0000', 'A\u0000B'],
    ['a lone surrogate', 'A\uD800B'],
  ])('with validation off, a value holding %s is refused, not signed', async (_name, value) => {
    const err = await typedFailure(
      () =>
        client({ validate: 'off' }).request('MarketQuery_OfferQuery', day, {
          MarketType: 'DAM',
          ResourceName: value,
        }),
      'not sent',
    );
    expect(err).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  test.each([
    ['U+0000', 'A\u0000B'],
    ['a lone surrogate', 'A\uD800B'],
  ])('in strict mode, a value holding %s is a schema violation, not sent', async (_name, value) => {
    const err = await typedFailure(
      () => client().request('MarketQuery_OfferQuery', day, { MarketType: 'DAM', ResourceName: value }),
      'not sent',
    );
    expect(err).toBeInstanceOf(MmsInputError);
    expect(err.message).toContain('MarketQuery.OfferQuery.ResourceName');
  });

  test('an attachment name with a lone surrogate is refused, even in strict mode', async () => {
    const err = await typedFailure(
      () => queryOffers(client(), { attachments: [{ name: 'a\uDC00.csv', data: new Uint8Array([1]) }] }),
      'not sent',
    );
    expect(err).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  test('two MIME parts with one Content-ID are refused', async () => {
    const raw = mtom(emptyQueryAnswer());
    const boundary = /boundary="([^"]+)"/.exec(raw.contentType)![1]!;
    const extra = `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-ID: <p@h.test>\r\n\r\nother\r\n`;
    const body = Buffer.from(
      raw.body.toString('latin1').replace(`--${boundary}--`, `${extra}--${boundary}--`),
      'latin1',
    );
    answer = () => ({ contentType: raw.contentType, body });
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'DECODE_ERROR' });
    expect(err.message).toMatch(/two parts have the Content-ID <p@h\.test>/);
  });

  test('escape sequences in a TXT answer never reach the message; the raw text stays in serverText', async () => {
    const text = 'エラー\u001b[2J\u001b]0;owned\u0007\u009b31m';
    answer = () => mtom(text, { responseDataType: 'TXT' });
    const err = (await typedFailure(() => queryOffers(client()), 'sent')) as MmsServerError;
    expect(err.code).toBe('SERVER_TEXT');
    for (const c of ['\u001b', '\u0007', '\u009b']) expect(err.message).not.toContain(c);
    expect(err.message).toContain('エラー?[2J?]0;owned??31m');
    expect(err.serverText).toBe(text);
  });

  test('a 50 MB fault string is cut in the message and kept whole in faultString', async () => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const fault = Buffer.from(buildFaultEnvelope({ code: 'soapenv:Server', message: huge }));
    answer = () => ({ contentType: 'text/xml; charset=UTF-8', body: fault, status: 500 });
    const err = (await typedFailure(
      () => queryOffers(client({ maxResponseBytes: 64 * 1024 * 1024 })),
      'sent',
    )) as MmsServerError;
    expect(err.code).toBe('SOAP_FAULT');
    expect(err.message.length).toBeLessThan(3000);
    expect(err.message).toMatch(/more characters\)$/);
    expect(err.faultString?.length).toBe(huge.length);
  });

  test.each([
    [
      'participant',
      (x: string) => x.replace('ParticipantName="F100"', 'ParticipantName="F200"'),
      'ParticipantName',
    ],
    ['user', (x: string) => x.replace('UserName="FAKEUSER"', 'UserName="OTHER"'), 'UserName'],
    ['date', (x: string) => x.replace('Date="2024-03-15"', 'Date="2024-03-16"'), 'Date'],
  ])(
    'an answer for another %s is refused by default, or listed as a problem on request',
    async (_name, change, key) => {
      answer = () => mtom(emptyQueryAnswer(change));
      const err = await typedFailure(() => queryOffers(client()), 'sent');
      expect(err).toMatchObject({ code: 'RESPONSE_MISMATCH' });
      expect(err.message).toContain(`MarketData.MarketQuery.${key}`);
      const result = (await queryOffers(client({ responseMismatch: 'problem' }))) as {
        responseProblems: { path: string }[];
      };
      expect(result.responseProblems).toContainEqual(
        expect.objectContaining({ path: `MarketData.MarketQuery.${key}` }),
      );
    },
  );

  test("a rejection meant for another participant is a mismatch, not this client's rejection", async () => {
    answer = () =>
      mtom(
        emptyQueryAnswer((x) =>
          x
            .replace('ParticipantName="F100"', 'ParticipantName="F200"')
            .replace('<OfferQuery', '<Messages><Error Code="E1">他社の拒否</Error></Messages><OfferQuery'),
        ),
      );
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'RESPONSE_MISMATCH' });
  });

  test('an answer in another envelope is refused', async () => {
    answer = () =>
      mtom(
        '<MarketData><MarketCancel Date="2024-03-15" ParticipantName="F100" UserName="FAKEUSER" Success="true" Validation="PASSED"></MarketCancel></MarketData>',
      );
    const err = await typedFailure(() => queryOffers(client()), 'sent');
    expect(err).toMatchObject({ code: 'RESPONSE_MISMATCH' });
    expect(err.message).toMatch(/MarketCancel envelope/);
  });

  test('C1 controls and bidi overrides in a fault (XML cannot carry ESC itself) never reach the message', async () => {
    const fault = Buffer.from(
      buildFaultEnvelope({ code: 'soapenv:Server\u009b1m', message: 'boom\u202egnp.exe\u009b0m' }),
    );
    answer = () => ({ contentType: 'text/xml; charset=UTF-8', body: fault, status: 500 });
    const err = (await typedFailure(() => queryOffers(client()), 'sent')) as MmsServerError;
    expect(err.message).not.toMatch(/[\u009b\u202e]/);
    expect(err.faultString).toBe('boom\u202egnp.exe\u009b0m');
  });
});
