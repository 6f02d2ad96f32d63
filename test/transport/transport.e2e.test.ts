/**
 * The transport against real HTTPS servers on 127.0.0.1 that require a client
 * certificate, with a PKI made at test time.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { CertificateError, MmsClientError, MmsServerError, MmsTransportError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { judgeEnvelope } from '../../src/client/response.js';
import { Certificate } from '../../src/security/index.js';
import {
  FileAuditor,
  Transport,
  type AfterReceiveEvent,
  type AttemptFailedEvent,
  type BeforeSendEvent,
  type SendOptions,
  type TransportOptions,
} from '../../src/transport/index.js';
import {
  closedPort,
  startMtlsServer,
  type MtlsServer,
  type RecordedRequest,
} from '../helpers/mtls-server.js';
import { createTestPki, type TestPki } from '../helpers/pki.js';
import { inlineXopIncludes, validateEnvelope } from '../helpers/wsdl-schema.js';
import { failure } from '../helpers/failures.js';

const fixtures = path.resolve(__dirname, '../../../shared/fixtures');
const PASSPHRASE = 'e2e-Passphrase-7Hq';
const MI_NS = 'urn:abb.com:project/mms/types';
const OMI_NS = 'urn:types.ws.web.omi.co.jp';

const PAYLOAD = Buffer.from(
  '<MarketData xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="mi-market.xsd">' +
    '<MarketQuery Date="2024-03-15" MarketType="DAM" ParticipantName="F100" UserName="FAKEUSER">' +
    '<AwardResultsQuery Area="03" ResourceName="東京リソース"></AwardResultsQuery></MarketQuery></MarketData>',
  'utf8',
);
const RESPONSE_PAYLOAD =
  '<MarketData><ProcessingStatistics Received="1" Valid="1" Invalid="0" TransactionId="TRN-123456"></ProcessingStatistics>' +
  '<MarketQuery Date="2024-03-15"><Messages><Information Code="I001">日本語のメッセージ</Information></Messages></MarketQuery></MarketData>';

// ---- hand-written server responses (independent of src/transport/soap.ts) ----

function responseAttInfo(ns: string, data: string, extra = '', type = 'XML'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">` +
    `<soapenv:Body><ns1:ResponseAttInfo xmlns:ns1="${ns}"><success>true</success><warnings>false</warnings>` +
    `<responseBinary>false</responseBinary><responseCompressed>false</responseCompressed>` +
    `<responseDataType>${type}</responseDataType>${data}${extra}</ns1:ResponseAttInfo></soapenv:Body></soapenv:Envelope>`
  );
}

const inlineResponse = (payload = RESPONSE_PAYLOAD, ns = MI_NS, type = 'XML'): string =>
  responseAttInfo(
    ns,
    `<responseData>${Buffer.from(payload, 'utf8').toString('base64')}</responseData>`,
    '',
    type,
  );

const FAULT =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>' +
  '<faultcode>soapenv:Server</faultcode><faultstring>認証に失敗しました</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

interface MtomPart {
  readonly id: string;
  readonly type: string;
  readonly body: string | Buffer;
}
function mtomBody(
  parts: readonly MtomPart[],
  nl = '\r\n',
  boundary = 'uuid:srv-boundary',
  close = true,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}${nl}Content-Type: ${p.type}${nl}Content-Transfer-Encoding: binary${nl}Content-ID: <${p.id}>${nl}${nl}`,
      ),
      Buffer.from(p.body),
      Buffer.from(nl),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--${nl}`));
  return Buffer.concat(chunks);
}
const mtomType = (start: string, boundary = 'uuid:srv-boundary'): string =>
  `multipart/related; boundary="${boundary}"; type="application/xop+xml"; start="<${start}>"; start-info="text/xml"`;

function reply(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(body);
}
const okHandler = (_req: RecordedRequest, res: ServerResponse): void =>
  reply(res, 200, 'text/xml; charset=UTF-8', inlineResponse());

// ---- fixtures shared by the tests ----

let pki: TestPki;
let certificate: Certificate;
let main: MtlsServer;
let backup: MtlsServer;
const transports: Transport[] = [];

interface Recorder {
  readonly events: Array<
    | ({ type: 'before' } & BeforeSendEvent)
    | ({ type: 'after' } & AfterReceiveEvent)
    | ({ type: 'failed' } & AttemptFailedEvent)
  >;
  readonly sleeps: number[];
  readonly logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
}

function makeTransport(overrides: Partial<TransportOptions> = {}, recorder?: Recorder): Transport {
  const rec = recorder;
  const logger: Logger = {
    debug: (message, fields) => rec?.logs.push({ level: 'debug', message, ...(fields ? { fields } : {}) }),
    info: (message, fields) => rec?.logs.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => rec?.logs.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => rec?.logs.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
  const t = new Transport({
    certificate,
    clientType: 'bsp',
    environment: 'production',
    contentIdDomain: 'mms-client.test',
    ca: pki.ca.certPem,
    endpoints: {
      MI: [main.url('/axis2/services/MiWebService'), backup.url('/axis2/services/MiWebService')],
      OMI: [main.url('/axis2/services/OmiWebService'), backup.url('/axis2/services/OmiWebService')],
    },
    retry: {
      sleep: async (ms) => {
        rec?.sleeps.push(ms);
      },
      random: () => 0.5,
    },
    hooks: {
      beforeSend: (e) => void rec?.events.push({ type: 'before', ...e }),
      afterReceive: (e) => void rec?.events.push({ type: 'after', ...e }),
      attemptFailed: (e) => void rec?.events.push({ type: 'failed', ...e }),
    },
    logger,
    ...overrides,
  });
  transports.push(t);
  return t;
}

const newRecorder = (): Recorder => ({ events: [], sleeps: [], logs: [] });

const query: SendOptions = {
  interface: 'MI',
  requestType: 'mp.market',
  payload: PAYLOAD,
  operation: 'MarketQuery_AwardResultsQuery',
  kind: 'query',
  interpret: judgeEnvelope,
};
const submit: SendOptions = { ...query, operation: 'MarketSubmit_OfferData', kind: 'submit' };

beforeAll(async () => {
  pki = await createTestPki();
  // The client identity goes through an openssl-made PKCS#12, as a user's file would.
  certificate = await Certificate.fromBytes(await pki.opensslPkcs12(pki.client, PASSPHRASE), PASSPHRASE);
  [main, backup] = await Promise.all([startMtlsServer({ pki }), startMtlsServer({ pki })]);
});

afterAll(async () => {
  for (const t of transports) t.close();
  await Promise.all([main.close(), backup.close()]);
  await pki.cleanup();
});

beforeEach(() => {
  main.requests.length = 0;
  backup.requests.length = 0;
  main.handler = okHandler;
  backup.handler = okHandler;
});

describe('a call over mutual TLS', () => {
  it('presents a verified client certificate and sends MTOM that an independent MIME parser reads, signed and schema-valid', async () => {
    const transport = makeTransport();
    const attachment = Buffer.from('col1,col2\r\n--not-a-boundary\r\n値\n', 'utf8');
    const result = await transport.send({
      ...query,
      attachments: [{ name: 'offers.csv', data: attachment }],
    });

    // The result.
    expect(result.attempts).toBe(1);
    expect(result.status).toBe(200);
    expect(result.url).toBe(main.url('/axis2/services/MiWebService'));
    expect(result.response).toEqual({
      success: true,
      warnings: false,
      responseBinary: false,
      responseCompressed: false,
      responseDataType: 'XML',
    });
    expect(Buffer.from(result.payload ?? []).toString('utf8')).toBe(RESPONSE_PAYLOAD);
    expect(result.transactionId).toBe('TRN-123456');

    // TLS: the client certificate was presented and verified by the server.
    expect(main.requests).toHaveLength(1);
    const req = main.requests[0] as RecordedRequest;
    expect(req.authorized).toBe(true);
    expect(req.peerCommonName).toBe('mms-test-client');
    expect(createPublicKey(req.peerCertPem ?? '').export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(pki.client.certPem).export({ type: 'spki', format: 'pem' }),
    );
    expect(req.tlsProtocol).toMatch(/^TLSv1\.[23]$/);

    // HTTP.
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/axis2/services/MiWebService');
    expect(req.headers.soapaction).toBe('"urn:abb.com:project/mms/submitAttachment"');
    const contentType = req.headers['content-type'] ?? '';
    expect(contentType).toMatch(/^multipart\/related;/);
    expect(contentType).toContain('type="application/xop+xml"');
    expect(contentType).toContain('start-info="application/soap+xml"');
    const start = /start="<([^>]+)>"/.exec(contentType)?.[1] ?? '';
    expect(start).toMatch(/^[A-Z0-9]{16}-root@mms-client\.test$/);
    const boundary = /boundary="([^"]+)"/.exec(contentType)?.[1] ?? '';
    // Every MIME header line and boundary line ends in CRLF.
    const text = req.body.toString('latin1');
    for (const m of text.matchAll(new RegExp(`--${boundary}(--)?(\\r?\\n)`, 'g'))) expect(m[2]).toBe('\r\n');
    for (const m of text.matchAll(/Content-(?:Type|ID|Transfer-Encoding): [^\r\n]*(\r?\n)/g))
      expect(m[1]).toBe('\r\n');

    // An independent MIME parser (mailparser) reads the body.
    const mail = await simpleParser(
      Buffer.concat([Buffer.from(`Content-Type: ${contentType}\r\n\r\n`), req.body]),
    );
    const parts = new Map(mail.attachments.map((a) => [(a.contentId ?? '').replace(/^<|>$/g, ''), a]));
    expect(parts.size).toBe(3);
    const root = parts.get(start);
    expect(root?.contentType).toBe('application/xop+xml');
    expect(root?.headers.get('content-type')).toMatchObject({ params: { type: 'text/xml' } });
    const envelope = root?.content.toString('utf8') ?? '';
    const hrefs = [...envelope.matchAll(/<xop:Include [^>]*href="cid:([^"]+)"/g)].map((m) =>
      decodeURIComponent(m[1] ?? ''),
    );
    expect(hrefs).toHaveLength(2);
    expect(hrefs[0]).toMatch(/^[A-Z0-9]{16}-payload@mms-client\.test$/);
    const payloadPart = parts.get(hrefs[0] ?? '');
    const attachmentPart = parts.get(hrefs[1] ?? '');
    expect(payloadPart?.contentType).toBe('application/octet-stream');
    expect(payloadPart?.content.equals(PAYLOAD)).toBe(true);
    expect(attachmentPart?.content.equals(attachment)).toBe(true);

    // The signatures verify with the client's public key (plain node:crypto).
    const clientKey = createPublicKey(pki.client.certPem);
    const requestSignature = /<requestSignature>([^<]+)<\/requestSignature>/.exec(envelope)?.[1] ?? '';
    expect(
      cryptoVerify(
        'sha256',
        payloadPart?.content ?? Buffer.alloc(0),
        clientKey,
        Buffer.from(requestSignature, 'base64'),
      ),
    ).toBe(true);
    expect(
      cryptoVerify('sha256', Buffer.from('tampered'), clientKey, Buffer.from(requestSignature, 'base64')),
    ).toBe(false);
    const attSignature = /<signature>([^<]+)<\/signature>/.exec(envelope)?.[1] ?? '';
    expect(cryptoVerify('sha256', attachment, clientKey, Buffer.from(attSignature, 'base64'))).toBe(true);

    // The envelope, XOP-reconstructed, is valid against the WSDL's schema (libxml2).
    const byCid = new Map([...parts].map(([id, a]) => [id, a.content]));
    const validation = await validateEnvelope(inlineXopIncludes(envelope, byCid), 'MI');
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it('OMI goes to the OMI path with the OMI SOAPAction and a schema-valid envelope', async () => {
    main.handler = (_r, res) => reply(res, 200, 'text/xml', inlineResponse(RESPONSE_PAYLOAD, OMI_NS));
    const transport = makeTransport();
    const result = await transport.send({
      ...query,
      interface: 'OMI',
      requestType: 'mp.omi',
      adminRole: true,
    });
    expect(result.response.success).toBe(true);
    const req = main.requests[0] as RecordedRequest;
    expect(req.path).toBe('/axis2/services/OmiWebService');
    expect(req.headers.soapaction).toBe('"urn:ws.web.omi.co.jp:submitAttachment"');
    const mail = await simpleParser(
      Buffer.concat([Buffer.from(`Content-Type: ${req.headers['content-type'] ?? ''}\r\n\r\n`), req.body]),
    );
    const byCid = new Map(
      mail.attachments.map((a) => [(a.contentId ?? '').replace(/^<|>$/g, ''), a.content]),
    );
    const start = /start="<([^>]+)>"/.exec(req.headers['content-type'] ?? '')?.[1] ?? '';
    const envelope = byCid.get(start)?.toString('utf8') ?? '';
    expect(envelope).toContain(`xmlns:mms="${OMI_NS}"`);
    expect(envelope).toContain('<adminRole>true</adminRole>');
    expect((await validateEnvelope(inlineXopIncludes(envelope, byCid), 'OMI')).valid).toBe(true);
  });

  it('the RC2-40 fixture works end to end through real mutual TLS', async () => {
    const legacy = await Certificate.fromFile(path.join(fixtures, 'pkcs12-legacy-rc2-40.p12'), 'pw');
    const server = await startMtlsServer({ pki, handler: okHandler, trust: [legacy.certificatePem] });
    try {
      const transport = makeTransport({ certificate: legacy, endpoints: { MI: server.url() } });
      const result = await transport.send(query);
      expect(result.response.success).toBe(true);
      const req = server.requests[0] as RecordedRequest;
      expect(req.authorized).toBe(true);
      expect(req.peerCommonName).toBe('FAKEUSER');
      // The server can check the payload signature with the fixture's certificate.
      const sig = /<requestSignature>([^<]+)</.exec(req.body.toString('utf8'))?.[1] ?? '';
      expect(
        cryptoVerify('sha256', PAYLOAD, createPublicKey(legacy.certificatePem), Buffer.from(sig, 'base64')),
      ).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses to send with a certificate that expired since it was opened', async () => {
    const old = await pki.issue({
      commonName: 'old',
      notBefore: new Date('2020-01-01Z'),
      notAfter: new Date('2021-01-01Z'),
    });
    const cert = await Certificate.fromBytes(pki.pkcs12(old, 'pw'), 'pw', { allowInvalidDates: true });
    const err = await failure(makeTransport({ certificate: cert }).send(query));
    expect(err).toBeInstanceOf(CertificateError);
    expect(err.code).toBe('CERT_EXPIRED');
    expect(main.requests).toHaveLength(0);
  });

  it('an openssl -legacy (RC2-40) file of the test PKI works end to end too', async () => {
    const legacy = await Certificate.fromBytes(
      await pki.opensslPkcs12(pki.client, 'pw', { legacy: true }),
      'pw',
    );
    const result = await makeTransport({ certificate: legacy }).send(query);
    expect(result.attempts).toBe(1);
    expect(main.requests[0]?.authorized).toBe(true);
  });

  it('opens a fresh connection (no TLS resumption) per request by default; keepAlive reuses one', async () => {
    const fresh = makeTransport();
    await fresh.send(query);
    await fresh.send(query);
    const [a, b] = main.requests;
    expect(a?.connection).not.toBe(b?.connection);
    expect([a?.tlsSessionReused, b?.tlsSessionReused]).toEqual([false, false]);
    expect([a?.authorized, b?.authorized]).toEqual([true, true]);
    // Fresh Content-IDs per request.
    const startOf = (r: RecordedRequest | undefined): string =>
      /start="<([^>]+)>"/.exec(r?.headers['content-type'] ?? '')?.[1] ?? '';
    expect(startOf(a)).not.toBe(startOf(b));
    const payloadCid = (r: RecordedRequest | undefined): string =>
      /href="cid:([^"]+)"/.exec(r?.body.toString('utf8') ?? '')?.[1] ?? '';
    expect(payloadCid(a)).toMatch(/-payload@mms-client\.test$/);
    expect(payloadCid(a)).not.toBe(payloadCid(b));

    main.requests.length = 0;
    const pooled = makeTransport({ keepAlive: true });
    await pooled.send(query);
    await pooled.send(query);
    expect(main.requests[0]?.connection).toBe(main.requests[1]?.connection);
    pooled.close();
  });

  it('verifies the server: without the test CA the handshake fails and nothing is sent', async () => {
    const rec = newRecorder();
    const { ca: _ca, ...rest } = { ca: undefined };
    void _ca;
    const transport = new Transport({
      certificate,
      clientType: 'bsp',
      environment: 'test',
      contentIdDomain: 'x.test',
      endpoints: { MI: main.url() },
      retry: { maxAttempts: 2, sleep: async (ms) => void rec.sleeps.push(ms) },
      ...rest,
    });
    transports.push(transport);
    const err = (await failure(transport.send(submit))) as MmsTransportError;
    expect(err).toBeInstanceOf(MmsTransportError);
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.requestSent).toBe(false);
    expect(err.message).toMatch(/TLS handshake failed/);
    // Never sent, so even a submission is retried.
    expect(err.attempts).toBe(2);
    expect(main.requests).toHaveLength(0);
  });

  it('a client certificate the server does not trust: TLS 1.2 fails in the handshake (not sent, retried even for a submission)', async () => {
    const stranger = await pki.issue({ commonName: 'stranger', selfSigned: true });
    const cert = await Certificate.fromBytes(pki.pkcs12(stranger, 'pw'), 'pw');
    const tls12 = await startMtlsServer({ pki, handler: okHandler, maxVersion: 'TLSv1.2' });
    try {
      const err = (await failure(
        makeTransport({
          certificate: cert,
          endpoints: { MI: tls12.url() },
          retry: { maxAttempts: 2, sleep: async () => undefined },
        }).send(submit),
      )) as MmsTransportError;
      expect(err.code).toBe('CONNECTION_FAILED');
      expect(err.requestSent).toBe(false);
      expect(err.message).toMatch(/TLS handshake failed/);
      expect(err.attempts).toBe(2);
      expect(tls12.requests).toHaveLength(0);
    } finally {
      await tls12.close();
    }
  });

  it('a client certificate the server does not trust: with TLS 1.3 the rejection looks like a lost connection, so a submission is not retried', async () => {
    // In TLS 1.3 the server checks the client certificate after the client
    // has finished its handshake and sent the request; the client only sees
    // a reset and cannot tell it from a server that failed mid-request.
    const stranger = await pki.issue({ commonName: 'stranger', selfSigned: true });
    const cert = await Certificate.fromBytes(pki.pkcs12(stranger, 'pw'), 'pw');
    const err = (await failure(makeTransport({ certificate: cert }).send(submit))) as MmsTransportError;
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.attempts).toBe(1);
    expect(main.requests).toHaveLength(0);
    expect(backup.requests).toHaveLength(0);
  });
});

describe('retries and fail-over', () => {
  const serverError = (_r: RecordedRequest, res: ServerResponse): void =>
    reply(res, 500, 'text/html', '<html>Internal Server Error</html>');

  it('a query after HTTP 500 is retried on the backup host; hooks and logger see each attempt', async () => {
    main.handler = serverError;
    const rec = newRecorder();
    const result = await makeTransport({}, rec).send(query);
    expect(result.attempts).toBe(2);
    expect(result.url).toBe(backup.url());
    expect(main.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
    expect(
      rec.events.map(
        (e) => `${e.type}:${e.request.attempt}:${e.request.url === main.url() ? 'main' : 'backup'}`,
      ),
    ).toEqual(['before:1:main', 'after:1:main', 'failed:1:main', 'before:2:backup', 'after:2:backup']);
    const failed = rec.events.find((e) => e.type === 'failed') as AttemptFailedEvent;
    expect(failed.willRetry).toBe(true);
    expect(failed.error.code).toBe('HTTP_STATUS');
    expect(failed.response?.status).toBe(500);
    expect(rec.sleeps).toEqual([375]); // base 500 ms, equal jitter with random 0.5
    expect(rec.logs.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(rec.logs.find((l) => l.level === 'warn')?.fields).toMatchObject({
      attempt: 1,
      code: 'HTTP_STATUS',
    });
    // Both attempts carry the same bytes (the same signed message).
    expect(main.requests[0]?.body.equals(backup.requests[0]?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('a submission after HTTP 500 is not retried', async () => {
    main.handler = serverError;
    const rec = newRecorder();
    const err = (await failure(makeTransport({}, rec).send(submit))) as MmsTransportError;
    expect(err).toBeInstanceOf(MmsTransportError);
    expect(err.code).toBe('HTTP_STATUS');
    expect(err.status).toBe(500);
    expect(err.attempts).toBe(1);
    expect(err.bodyExcerpt).toContain('Internal Server Error');
    expect(backup.requests).toHaveLength(0);
    expect(rec.sleeps).toEqual([]);
    expect(rec.logs.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('a submission after HTTP 500 is retried when the caller opts in (per call or per transport)', async () => {
    main.handler = serverError;
    const perCall = await makeTransport().send({ ...submit, retrySubmission: true });
    expect(perCall.attempts).toBe(2);
    expect(perCall.url).toBe(backup.url());
    const perTransport = await makeTransport({
      retry: { retrySubmissions: true, sleep: async () => undefined },
    }).send(submit);
    expect(perTransport.attempts).toBe(2);
  });

  it('HTTP 400 is never retried and carries status and a body excerpt', async () => {
    main.handler = (_r, res) => reply(res, 400, 'text/plain', `Bad request: ${'x'.repeat(2000)}`);
    const err = (await failure(makeTransport().send(query))) as MmsTransportError;
    expect(err.code).toBe('HTTP_STATUS');
    expect(err.status).toBe(400);
    expect(err.attempts).toBe(1);
    expect(err.url).toBe(main.url());
    expect(err.bodyExcerpt?.startsWith('Bad request: xxx')).toBe(true);
    expect(err.bodyExcerpt?.length).toBeLessThanOrEqual(500);
    expect(backup.requests).toHaveLength(0);
  });

  it('connection refused is retried on the backup host even for a submission', async () => {
    const port = await closedPort();
    const rec = newRecorder();
    const transport = makeTransport(
      { endpoints: { MI: [`https://127.0.0.1:${port}/x`, backup.url()] } },
      rec,
    );
    const result = await transport.send(submit);
    expect(result.attempts).toBe(2);
    expect(result.url).toBe(backup.url());
    const failed = rec.events.find((e) => e.type === 'failed') as AttemptFailedEvent;
    expect((failed.error as MmsTransportError).requestSent).toBe(false);
    expect(failed.error.message).toMatch(/ECONNREFUSED/);
  });

  it('a connection reset after the request: a query is retried, a submission is not', async () => {
    main.handler = (_r, res) => {
      res.socket?.destroy();
    };
    const ok = await makeTransport().send(query);
    expect(ok.attempts).toBe(2);
    expect(ok.url).toBe(backup.url());

    backup.requests.length = 0;
    const err = (await failure(makeTransport().send(submit))) as MmsTransportError;
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.requestSent).toBe(true);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(/failed after the request was sent, so the server may have received it/);
    expect(backup.requests).toHaveLength(0);
  });

  it('a stalled response ends at the attempt deadline (TIMEOUT); a query retries, then gives up', async () => {
    const stall = (): void => undefined; // never answers; close() destroys the socket
    main.handler = stall;
    backup.handler = stall;
    const started = Date.now();
    const err = (await failure(makeTransport({ attemptTimeoutMs: 300 }).send(submit))) as MmsTransportError;
    expect(err.code).toBe('TIMEOUT');
    expect(err.attempts).toBe(1);
    expect(err.requestSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);

    const q = (await failure(
      makeTransport({ attemptTimeoutMs: 200, retry: { maxAttempts: 2, sleep: async () => undefined } }).send(
        query,
      ),
    )) as MmsTransportError;
    expect(q.code).toBe('TIMEOUT');
    expect(q.attempts).toBe(2);
  });

  it('the call deadline bounds all attempts, and a caller AbortSignal cancels', async () => {
    main.handler = () => undefined;
    backup.handler = () => undefined;
    const t0 = Date.now();
    const err = (await failure(
      makeTransport({ attemptTimeoutMs: 10_000 }).send({ ...query, timeoutMs: 250 }),
    )) as MmsTransportError;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/call deadline of 250 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed stop')), 150);
    const aborted = (await failure(
      makeTransport().send({ ...query, signal: controller.signal }),
    )) as MmsTransportError;
    expect(aborted.code).toBe('ABORTED');
    expect(aborted.attempts).toBe(1);

    const already = new AbortController();
    already.abort();
    main.requests.length = 0;
    const early = (await failure(
      makeTransport().send({ ...query, signal: already.signal }),
    )) as MmsTransportError;
    expect(early.code).toBe('ABORTED');
    expect(early.attempts).toBe(0);
    expect(main.requests).toHaveLength(0);
  });

  it('refuses a response larger than maxResponseBytes', async () => {
    main.handler = (_r, res) => reply(res, 200, 'text/xml', inlineResponse('x'.repeat(200_000)));
    const err = (await failure(makeTransport({ maxResponseBytes: 10_000 }).send(query))) as MmsTransportError;
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(err.attempts).toBe(1);
  });
});

describe('decoding responses', () => {
  const env = inlineResponse();
  const xopEnvelope = (cid: string, ns = MI_NS): string =>
    responseAttInfo(
      ns,
      `<responseData><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:${cid}"/></responseData>`,
      `<attachmentData><binaryData><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:att%2B1%40srv"/></binaryData><name>report.csv</name></attachmentData>`,
    );

  it.each([
    ['CRLF', '\r\n'],
    ['bare LF', '\n'],
  ])('MTOM with xop:Include (%s), root not first, percent-encoded cid', async (_n, nl) => {
    const body = mtomBody(
      [
        { id: 'att+1@srv', type: 'application/octet-stream', body: Buffer.from([0, 1, 2, 0x0d, 0x0a, 255]) },
        {
          id: 'root.0@srv',
          type: 'application/xop+xml; charset=UTF-8; type="text/xml"',
          body: xopEnvelope('payload.1%40srv'),
        },
        {
          id: 'payload.1@srv',
          type: 'application/octet-stream',
          body: Buffer.from(RESPONSE_PAYLOAD, 'utf8'),
        },
      ],
      nl,
    );
    main.handler = (_r, res) => reply(res, 200, mtomType('root.0@srv'), body);
    const result = await makeTransport().send(query);
    expect(Buffer.from(result.payload ?? []).toString('utf8')).toBe(RESPONSE_PAYLOAD);
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments[0]?.name).toBe('report.csv');
    expect(
      Buffer.from(result.attachments[0]?.binaryData ?? []).equals(Buffer.from([0, 1, 2, 0x0d, 0x0a, 255])),
    ).toBe(true);
  });

  it('MTOM with inline base64 and plain SOAP with inline base64 both decode', async () => {
    main.handler = (_r, res) =>
      reply(
        res,
        200,
        mtomType('r@srv'),
        mtomBody([{ id: 'r@srv', type: 'application/xop+xml; type="text/xml"', body: env }]),
      );
    expect(Buffer.from((await makeTransport().send(query)).payload ?? []).toString()).toBe(RESPONSE_PAYLOAD);
    main.handler = okHandler;
    expect(Buffer.from((await makeTransport().send(query)).payload ?? []).toString()).toBe(RESPONSE_PAYLOAD);
  });

  const good = mtomBody([
    { id: 'r@srv', type: 'application/xop+xml; type="text/xml"', body: xopEnvelope('p@srv') },
    { id: 'p@srv', type: 'application/octet-stream', body: RESPONSE_PAYLOAD },
    { id: 'att+1@srv', type: 'application/octet-stream', body: 'a' },
  ]);
  it.each<[string, string, Buffer, RegExp]>([
    ['truncated multipart', mtomType('r@srv'), good.subarray(0, good.length - 40), /truncated/],
    [
      'a wrong boundary',
      mtomType('r@srv', 'other-boundary'),
      good,
      /boundary "other-boundary".*does not occur/,
    ],
    ['start naming no part', mtomType('nothere@srv'), good, /start="<nothere@srv>" names no part/],
    [
      'a cid naming no part',
      mtomType('r@srv'),
      mtomBody([
        { id: 'r@srv', type: 'application/xop+xml; type="text/xml"', body: xopEnvelope('missing@srv') },
      ]),
      /cid:missing@srv names no MIME part/,
    ],
  ])('%s is a clear decode error, not retried', async (_name, contentType, body, message) => {
    main.handler = (_r, res) => reply(res, 200, contentType, body);
    const err = await failure(makeTransport().send(query));
    expect(err).toBeInstanceOf(MmsClientError);
    expect(err.code).toBe('DECODE_ERROR');
    expect(err.message).toMatch(message);
    expect(backup.requests).toHaveLength(0);
  });

  it.each([
    ['inside MTOM with HTTP 500', 500, true],
    ['inside MTOM with HTTP 200', 200, true],
    ['as plain SOAP with HTTP 500', 500, false],
  ])('a SOAP fault %s becomes MmsServerError, never retried', async (_n, status, mtom) => {
    main.handler = (_r, res) =>
      mtom
        ? reply(
            res,
            status,
            mtomType('f@srv'),
            mtomBody([{ id: 'f@srv', type: 'application/xop+xml; type="text/xml"', body: FAULT }]),
          )
        : reply(res, status, 'text/xml; charset=utf-8', FAULT);
    const err = (await failure(makeTransport().send(query))) as MmsServerError;
    expect(err).toBeInstanceOf(MmsServerError);
    expect(err.code).toBe('SOAP_FAULT');
    expect(err.faultCode).toBe('soapenv:Server');
    expect(err.faultString).toBe('認証に失敗しました');
    expect(err.status).toBe(status);
    expect(err.message).toContain('認証に失敗しました');
    expect(backup.requests).toHaveLength(0);
  });

  it('responseDataType TXT is a server error with its text; a compressed response is refused', async () => {
    main.handler = (_r, res) =>
      reply(res, 200, 'text/xml', inlineResponse('ファイル形式が不正です', MI_NS, 'TXT'));
    const txt = (await failure(makeTransport().send(query))) as MmsServerError;
    expect(txt).toBeInstanceOf(MmsServerError);
    expect(txt.code).toBe('SERVER_TEXT');
    expect(txt.serverText).toBe('ファイル形式が不正です');

    main.handler = (_r, res) =>
      reply(
        res,
        200,
        'text/xml',
        inlineResponse().replace('<responseCompressed>false', '<responseCompressed>true'),
      );
    const compressed = await failure(makeTransport().send(query));
    expect(compressed.code).toBe('UNSUPPORTED_RESPONSE');
  });
});

describe('audit', () => {
  it('FileAuditor writes each request/response pair with operation and transaction id, and no secrets', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-audit-'));
    try {
      main.handler = (_r, res) => reply(res, 503, 'text/plain', 'busy');
      const auditor = new FileAuditor(dir, { now: () => new Date('2024-03-15T03:04:05.678Z') });
      const transport = makeTransport({ hooks: auditor });
      await transport.send(query);
      const port = await closedPort();
      await failure(
        makeTransport({
          hooks: auditor,
          endpoints: { MI: `https://127.0.0.1:${port}/x` },
          retry: { maxAttempts: 1 },
        }).send(submit),
      );

      const files = await readdir(dir);
      expect(files).toHaveLength(7);
      const byName = new Map<string, Buffer>();
      for (const f of files)
        byName.set(f.replace(/_[0-9a-f]{12}_/, '_ID_'), await readFile(path.join(dir, f)));
      const stamp = '20240315T030405678Z';
      expect([...byName.keys()].sort()).toEqual(
        [
          `${stamp}_MarketQuery_AwardResultsQuery_ID_a1.error.txt`,
          `${stamp}_MarketQuery_AwardResultsQuery_ID_a1.request.http`,
          `${stamp}_MarketQuery_AwardResultsQuery_ID_a1.response.http`,
          `${stamp}_MarketQuery_AwardResultsQuery_TRN-123456_ID_a2.request.http`,
          `${stamp}_MarketQuery_AwardResultsQuery_TRN-123456_ID_a2.response.http`,
          `${stamp}_MarketSubmit_OfferData_ID_a1.error.txt`,
          `${stamp}_MarketSubmit_OfferData_ID_a1.request.http`,
        ].sort(),
      );
      const request = byName.get(`${stamp}_MarketQuery_AwardResultsQuery_TRN-123456_ID_a2.request.http`);
      expect(request?.toString('latin1')).toMatch(
        /^POST https:\/\/127\.0\.0\.1:\d+\/axis2\/services\/MiWebService\r\n/,
      );
      expect(request?.includes(PAYLOAD)).toBe(true);
      const response = byName.get(`${stamp}_MarketQuery_AwardResultsQuery_TRN-123456_ID_a2.response.http`);
      expect(response?.toString('utf8')).toMatch(/^HTTP 200\r\n/);
      expect(
        byName.get(`${stamp}_MarketQuery_AwardResultsQuery_ID_a1.response.http`)?.toString('utf8'),
      ).toMatch(/^HTTP 503\r\n[\s\S]*busy$/);
      expect(byName.get(`${stamp}_MarketSubmit_OfferData_ID_a1.error.txt`)?.toString('utf8')).toMatch(
        /MmsTransportError CONNECTION_FAILED: .*ECONNREFUSED/,
      );
      const contents = [...byName.values()];
      const keyBody = pki.client.keyPem.replace(/-----[A-Z ]+-----|\s+/g, '');
      for (const c of contents) {
        const t = c.toString('latin1');
        expect(t).not.toContain(PASSPHRASE);
        expect(t).not.toContain(keyBody.slice(40, 100));
        expect(t).not.toMatch(/PRIVATE KEY/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('FileAuditor: the error file of an answered attempt pairs with its request and response, whatever the clock', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-audit-'));
    try {
      main.handler = (_r, res) => reply(res, 503, 'text/plain', 'busy');
      let tick = 0;
      const auditor = new FileAuditor(dir, { now: () => new Date(Date.UTC(2024, 2, 15, 3, 4, tick++)) });
      await failure(makeTransport({ hooks: auditor, retry: { maxAttempts: 1 } }).send(submit));
      const stems = new Set(
        (await readdir(dir)).map((f) => f.replace(/\.(request\.http|response\.http|error\.txt)$/, '')),
      );
      expect(stems.size).toBe(1);
      expect((await readdir(dir)).sort().map((f) => f.slice([...stems][0]!.length))).toEqual([
        '.error.txt',
        '.request.http',
        '.response.http',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an async beforeSend hook that throws stops the call before anything is sent', async () => {
    const transport = makeTransport({
      hooks: {
        beforeSend: async () => {
          await new Promise((r) => setTimeout(r, 5));
          throw new Error('audit store unavailable');
        },
      },
    });
    await expect(transport.send(submit)).rejects.toThrow('audit store unavailable');
    expect(main.requests).toHaveLength(0);
  });

  it('an afterReceive hook that throws is logged and does not turn a success into an error', async () => {
    const rec = newRecorder();
    const transport = makeTransport(
      { hooks: { afterReceive: () => Promise.reject(new Error('disk full')) } },
      rec,
    );
    const result = await transport.send(submit);
    expect(result.response.success).toBe(true);
    expect(rec.logs.some((l) => l.level === 'error' && String(l.fields?.error).includes('disk full'))).toBe(
      true,
    );
  });
});
