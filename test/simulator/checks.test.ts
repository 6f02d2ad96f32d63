/**
 * The simulator checks every request the way the MMS does and answers each
 * failure the way the MMS does: TLS refuses foreign certificates, SOAP
 * faults for transport-level problems (SOAPAction, MTOM, signature), a TXT
 * message for an unreadable payload, and Validation="FAILED" with coded
 * error messages for schema, identity and audience problems.
 */
import { MmsClient } from '../../src/client/client.js';
import { MmsValidationError } from '../../src/client/errors.js';
import { judgeEnvelope } from '../../src/client/response.js';
import { MmsServerError, MmsTransportError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { Certificate } from '../../src/security/certificate.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { Transport } from '../../src/transport/transport.js';
import { encodeMtom } from '../../src/transport/mtom.js';
import { services } from '../../generated/index.js';
import { buildRequestEnvelope, parseResponseEnvelope } from '../../src/transport/soap.js';
import { decodeMessage } from '../../src/transport/mtom.js';
import { createTestPki } from '../helpers/pki.js';
import {
  PayloadRecorder,
  certificateOf,
  invalidPayloads,
  rawPost,
  simulatorClient,
  tomorrowJst,
} from './helpers.js';
import { rejection } from '../helpers/rejection.js';

let sim: Simulator;
const logs: string[] = [];
const recorder = new PayloadRecorder();
const clients: MmsClient[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: (m) => void logs.push(`info ${m}`),
  warn: (m) => void logs.push(`warn ${m}`),
  error: (m) => void logs.push(`error ${m}`),
};
const date = tomorrowJst();
const offer = {
  ResourceName: 'SIMRES01',
  StartTime: `${date}T12:00:00`,
  EndTime: `${date}T15:00:00`,
  Direction: '1' as const,
  OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 10 }],
};
const envelope = { Date: date, MarketType: 'DAM' as const };

async function client(
  selector: Parameters<Simulator['credential']>[0],
  options: Partial<ConstructorParameters<typeof MmsClient>[0]> = {},
): Promise<MmsClient> {
  const c = await simulatorClient(sim, sim.credential(selector), { hooks: recorder, ...options });
  clients.push(c);
  return c;
}

/** An MTOM request as the client builds it, with knobs to break it. */
function mtomRequest(
  certificate: Certificate,
  payload: string,
  options: { sign?: boolean; start?: string; requestType?: 'mp.market' | 'mp.omi' } = {},
): { headers: Record<string, string>; body: Buffer } {
  const bytes = Buffer.from(payload, 'utf8');
  const envelopeXml = buildRequestEnvelope('MI', {
    requestType: options.requestType ?? 'mp.market',
    adminRole: false,
    requestDataCompressed: false,
    requestDataType: 'XML',
    sendRequestDataOnSuccess: true,
    sendResponseDataCompressed: false,
    ...(options.sign === false ? {} : { requestSignature: certificate.sign(bytes) }),
    requestData: { contentId: 'PAYLOAD-payload@sim.test' },
  });
  const mtom = encodeMtom(envelopeXml, 'ROOT-root@sim.test', [
    { contentId: 'PAYLOAD-payload@sim.test', body: bytes },
  ]);
  const contentType =
    options.start === undefined
      ? mtom.contentType
      : mtom.contentType.replace('<ROOT-root@sim.test>', options.start);
  return {
    headers: { 'content-type': contentType, soapaction: `"${services.MI.soapAction}"` },
    body: mtom.body,
  };
}

const QUERY_PAYLOAD = (participant: string, user: string): string =>
  `<MarketData><MarketQuery Date="${date}" ParticipantName="${participant}" UserName="${user}"><OfferQuery MarketType="DAM"></OfferQuery></MarketQuery></MarketData>`;

async function faultOf(response: { status: number; headers: Record<string, string>; body: Buffer }): Promise<{
  code: string;
  message: string;
}> {
  const message = decodeMessage(response.headers['content-type'], response.body);
  const parsed = await parseResponseEnvelope(message.rootXml, message.resolve);
  if (parsed.kind !== 'fault') throw new Error(`expected a fault, got ${message.rootXml.slice(0, 200)}`);
  return parsed.fault;
}

beforeAll(async () => {
  sim = await startSimulator({ logger });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await sim?.stop();
});

test('refuses a client certificate it did not issue, in the TLS handshake', async () => {
  const foreign = await createTestPki();
  try {
    const identity = await foreign.issue({ commonName: 'FAKEUSER', organization: 'F100' });
    const certificate = await Certificate.fromBytes(foreign.pkcs12(identity, 'pw'), 'pw');
    const outsider = new MmsClient({
      participant: 'F100',
      user: 'FAKEUSER',
      clientType: 'bsp',
      certificate,
      domain: 'sim.test',
      urls: sim.urls,
      ca: sim.caPem,
      retry: { maxAttempts: 1 },
    });
    clients.push(outsider);
    const before = logs.length;
    const err = await rejection(outsider.queryOffers(envelope, { MarketType: 'DAM' }));
    expect(err).toBeInstanceOf(MmsTransportError);
    expect((err as MmsTransportError).code).toBe('CONNECTION_FAILED');
    const after = logs.slice(before);
    expect(after.some((l) => /TLS handshake refused/.test(l))).toBe(true);
    // Nothing reached the service.
    expect(after.some((l) => /MarketQuery_OfferQuery from/.test(l))).toBe(false);
  } finally {
    await foreign.cleanup();
  }
});

test('answers a signature that does not verify against the presented certificate with a SOAP fault', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const m100 = await certificateOf(sim.credential({ participant: 'M100' }));
  // TLS as F100, payload signed with M100's key.
  const forged = {
    subject: f100.subject,
    notBefore: f100.notBefore,
    notAfter: f100.notAfter,
    isValidAt: (d: Date) => f100.isValidAt(d),
    createSecureContext: (o: Parameters<Certificate['createSecureContext']>[0]) =>
      f100.createSecureContext(o),
    sign: (data: Uint8Array) => m100.sign(data),
  } as unknown as Certificate;
  const c = await client({ participant: 'F100' }, { certificate: forged });
  const err = await rejection(c.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsServerError);
  expect((err as MmsServerError).code).toBe('SOAP_FAULT');
  expect((err as MmsServerError).status).toBe(500);
  expect((err as MmsServerError).faultString).toMatch(/signature of requestData does not verify.*O=F100/);
});

test('accepts attachments whose signatures verify', async () => {
  const c = await client({ participant: 'F100' });
  const result = await c.queryOffers(
    envelope,
    { MarketType: 'DAM' },
    { attachments: [{ name: 'note.txt', data: new TextEncoder().encode('添付ファイル') }] },
  );
  expect(result.statistics?.TransactionId).toMatch(/^[A-Z0-9]{8}$/);
});

test('answers an unsigned request with a SOAP fault', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const { headers, body } = mtomRequest(f100, QUERY_PAYLOAD('F100', 'FAKEUSER'), { sign: false });
  const response = await rawPost(sim.urls.MI, f100, sim.caPem, headers, body);
  expect(response.status).toBe(500);
  expect((await faultOf(response)).message).toMatch(/requestSignature is missing/);
});

test('answers a payload that breaks the schema with Validation FAILED, a code and the path of each error', async () => {
  const c = await client({ participant: 'F100' }, { validate: 'off' });
  const bad = {
    ...offer,
    ResourceName: 'lower-case',
    OfferStack: [{ ...offer.OfferStack[0]!, OfferUnitPrice: 12.345 }],
  };
  const err = await rejection(c.putOffer(envelope, bad));
  expect(err).toBeInstanceOf(MmsValidationError);
  const e = err as MmsValidationError;
  expect(e.statistics?.Invalid).toBe(1);
  expect(e.statistics?.TransactionId).toMatch(/^[A-Z0-9]{8}$/);
  const coded = e.errors.filter((m) => m.code === 'SIM-E1001').map((m) => m.text);
  expect(coded).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/MarketData\.MarketSubmit\.OfferData\[0\]\.ResourceName: .*pattern/),
      expect.stringMatching(
        /MarketData\.MarketSubmit\.OfferData\[0\]\.OfferStack\[0\]\.OfferUnitPrice: .*fraction digits/,
      ),
    ]),
  );
  expect(
    e.reasons.some((m) => m.path === 'MarketData.MarketSubmit' && /Success=false.*FAILED/.test(m.text)),
  ).toBe(true);
  // Nothing was stored.
  const query = await (await client({ participant: 'F100' })).queryOffers(envelope, { MarketType: 'DAM' });
  expect(query.data).toEqual([]);
});

test("answers a ParticipantName that is not the certificate's with Validation FAILED", async () => {
  // The client would refuse the mismatch itself; with `warn` it sends, and the MMS refuses it.
  const c = await client({ participant: 'F100' }, { participant: 'F101', identityCheck: 'warn' });
  const err = await rejection(c.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsValidationError);
  const e = err as MmsValidationError;
  expect(e.errors.find((m) => m.code === 'SIM-E2001')?.text).toMatch(/ParticipantName F101 .*O=F100/);
  expect(e.statistics?.Invalid).toBe(1);
});

test("answers a UserName that is not the certificate's with Validation FAILED", async () => {
  // The client would refuse this identity itself; `warn` lets the request reach the MMS.
  const c = await client({ participant: 'F100' }, { user: 'SOMEONE', identityCheck: 'warn' });
  const err = await rejection(c.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsValidationError);
  expect((err as MmsValidationError).errors.find((m) => m.code === 'SIM-E2002')?.text).toMatch(
    /UserName SOMEONE .*CN=FAKEUSER/,
  );
});

test("answers an operation outside the caller's audience with Validation FAILED", async () => {
  // A TSO's certificate, with the client told it is a BSP so that it sends.
  const c = await client({ participant: 'T100' }, { clientType: 'bsp' });
  const err = await rejection(c.putOffer(envelope, { ...offer, ResourceName: 'TSORES' }));
  expect(err).toBeInstanceOf(MmsValidationError);
  const e = err as MmsValidationError;
  expect(e.errors.find((m) => m.code === 'SIM-E3001')?.text).toMatch(
    /MarketSubmit_OfferData .*TSO.*BSP only/,
  );
  expect(e.statistics?.Invalid).toBe(1);
});

test('refuses adminRole from a participant that is not a market operator', async () => {
  const c = await client({ participant: 'F100' }, { adminRole: true });
  const err = await rejection(c.queryOffers(envelope, { MarketType: 'DAM' }));
  expect((err as MmsValidationError).errors.some((m) => m.code === 'SIM-E3002')).toBe(true);
});

test('answers a wrong SOAPAction with a SOAP fault', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const { headers, body } = mtomRequest(f100, QUERY_PAYLOAD('F100', 'FAKEUSER'));
  const response = await rawPost(
    sim.urls.MI,
    f100,
    sim.caPem,
    { ...headers, soapaction: `"${services.OMI.soapAction}"` },
    body,
  );
  expect(response.status).toBe(500);
  expect((await faultOf(response)).message).toMatch(/WSA Action = urn:ws\.web\.omi\.co\.jp:submitAttachment/);
});

test('answers a broken MTOM structure (start names no part) with a SOAP fault', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const { headers, body } = mtomRequest(f100, QUERY_PAYLOAD('F100', 'FAKEUSER'), {
    start: '<NOPE@sim.test>',
  });
  const response = await rawPost(sim.urls.MI, f100, sim.caPem, headers, body);
  expect(response.status).toBe(500);
  expect((await faultOf(response)).message).toMatch(/start="<NOPE@sim\.test>" names no part/);
});

test('answers a request to an unknown service path with the Axis2 EPR fault', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const { headers, body } = mtomRequest(f100, QUERY_PAYLOAD('F100', 'FAKEUSER'));
  const response = await rawPost(
    sim.urls.MI.replace('MiWebService', 'NoService'),
    f100,
    sim.caPem,
    headers,
    body,
  );
  expect((await faultOf(response)).message).toMatch(/service cannot be found for the endpoint reference/);
});

test('answers a payload that is not XML with a TXT message', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const transport = new Transport({
    certificate: f100,
    clientType: 'bsp',
    environment: 'production',
    endpoints: sim.urls,
    contentIdDomain: 'sim.test',
    ca: sim.caPem,
    retry: { maxAttempts: 1 },
  });
  try {
    const err = await rejection(
      transport.send({
        interface: 'MI',
        requestType: 'mp.market',
        payload: Buffer.from('this is not XML'),
        operation: 'garbage',
        kind: 'query',
        interpret: judgeEnvelope,
      }),
    );
    expect(err).toBeInstanceOf(MmsServerError);
    expect((err as MmsServerError).code).toBe('SERVER_TEXT');
    expect((err as MmsServerError).serverText).toMatch(/XMLを解析できません.*not well-formed/);
  } finally {
    transport.close();
  }
});

test('answers an envelope without a data element with Validation FAILED', async () => {
  const f100 = await certificateOf(sim.credential({ participant: 'F100' }));
  const empty = `<MarketData><MarketQuery Date="${date}" ParticipantName="F100" UserName="FAKEUSER"></MarketQuery></MarketData>`;
  const { headers, body } = mtomRequest(f100, empty);
  const response = await rawPost(sim.urls.MI, f100, sim.caPem, headers, body);
  expect(response.status).toBe(200);
  const message = decodeMessage(response.headers['content-type'], response.body);
  const parsed = await parseResponseEnvelope(message.rootXml, message.resolve);
  if (parsed.kind !== 'response') throw new Error('expected a response');
  const payload = Buffer.from(parsed.response.responseData!).toString('utf8');
  expect(parsed.response.success).toBe(false);
  expect(payload).toMatch(/<MarketQuery [^>]*Success="false"[^>]*Validation="FAILED"/);
  expect(payload).toMatch(/<Error Code="SIM-E1002">/);
  recorder.payloads.push({ operation: '(none)', interface: 'MI', dataType: 'XML', binary: false, payload });
});

test('every response payload of these failures is valid against the real XSD (libxml2)', async () => {
  expect(recorder.payloads.length).toBeGreaterThan(4);
  expect(await invalidPayloads(recorder.payloads)).toEqual([]);
});
