/**
 * Injected faults, through the real MmsClient: how the client copes with an
 * MMS that answers 5xx, is slow, drops the connection, sends a truncated or
 * malformed body, or a fault inside MTOM.
 */
import type { MmsClient } from '../../src/client/client.js';
import { MmsClientError, MmsServerError, MmsTransportError } from '../../src/errors.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { AfterReceiveEvent, AttemptFailedEvent, TransportHooks } from '../../src/transport/audit.js';
import { simulatorClient, tomorrowJst } from './helpers.js';
import { rejection } from '../helpers/rejection.js';

let sim: Simulator;
let client: MmsClient;
const failures: AttemptFailedEvent[] = [];
const received: AfterReceiveEvent[] = [];
const hooks: TransportHooks = {
  attemptFailed: (e) => void failures.push(e),
  afterReceive: (e) => void received.push(e),
};
const date = tomorrowJst();
const envelope = { Date: date, MarketType: 'DAM' as const };
const offer = {
  ResourceName: 'SIMRES01',
  StartTime: `${date}T15:00:00`,
  EndTime: `${date}T18:00:00`,
  Direction: '1' as const,
  OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 10 }],
};

beforeAll(async () => {
  sim = await startSimulator();
  client = await simulatorClient(sim, sim.credential({ clientType: 'bsp' }), {
    hooks,
    // Fast retries: the policy's waits are not what is tested here.
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
  });
});

beforeEach(() => {
  failures.length = 0;
  received.length = 0;
  sim.setFaults([]);
});

afterAll(async () => {
  client?.close();
  await sim?.stop();
});

test('a query that meets HTTP 503 is retried and succeeds', async () => {
  sim.setFaults([{ kind: 'status', status: 503, times: 1, operation: 'MarketQuery_OfferQuery' }]);
  const result = await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(result.statistics?.TransactionId).toMatch(/^[A-Z0-9]{8}$/);
  expect(failures.map((f) => [f.error.code, f.response?.status, f.willRetry])).toEqual([
    ['HTTP_STATUS', 503, true],
  ]);
  expect(Buffer.from(failures[0]!.response!.body).toString()).toMatch(/Service Unavailable/);
});

test('a submission that meets HTTP 503 is not retried, and had no effect', async () => {
  sim.setFaults([{ kind: 'status', status: 503, times: 1 }]);
  const err = await rejection(client.putOffer(envelope, offer));
  expect(err).toBeInstanceOf(MmsTransportError);
  expect((err as MmsTransportError).status).toBe(503);
  expect(failures).toHaveLength(1);
  expect((await client.queryOffers(envelope, { MarketType: 'DAM' })).data).toEqual([]);
});

test('a delay longer than the call deadline ends in a timeout', async () => {
  sim.setFaults([{ kind: 'delay', ms: 5000, operation: 'MarketQuery_OfferQuery' }]);
  const started = Date.now();
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }, { timeoutMs: 400 }));
  expect(err).toBeInstanceOf(MmsTransportError);
  expect((err as MmsTransportError).code).toBe('TIMEOUT');
  expect(Date.now() - started).toBeLessThan(3000);
});

test('a short delay only slows the answer down', async () => {
  sim.setFaults([{ kind: 'delay', ms: 300 }]);
  const started = Date.now();
  await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('a dropped connection is a transport error (retried for a query until it gives up)', async () => {
  sim.setFaults([{ kind: 'drop' }]);
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsTransportError);
  expect((err as MmsTransportError).code).toBe('CONNECTION_FAILED');
  expect((err as MmsTransportError).attempts).toBe(3);
});

test('a connection dropped after the MMS processed a submission leaves it stored', async () => {
  sim.setFaults([{ kind: 'drop', processed: true, times: 1, operation: 'MarketSubmit_OfferData' }]);
  const err = await rejection(client.putOffer(envelope, offer));
  expect((err as MmsTransportError).code).toBe('CONNECTION_FAILED');
  expect((err as MmsTransportError).requestSent).toBe(true);
  const stored = await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(stored.data.map((o) => o.ResourceName)).toEqual(['SIMRES01']);
  await client.cancelOffer(envelope, {
    ResourceName: offer.ResourceName,
    StartTime: offer.StartTime,
    EndTime: offer.EndTime,
    MarketType: 'DAM',
  });
});

test('a truncated MTOM body cannot be decoded', async () => {
  sim.setFaults([{ kind: 'truncate' }]);
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsClientError);
  expect((err as MmsClientError).code).toBe('DECODE_ERROR');
  expect((err as Error).message).toMatch(/truncated|closing boundary/);
});

test('a SOAP fault inside an MTOM message is a server error', async () => {
  sim.setFaults([{ kind: 'mtom-fault', message: 'システムエラーが発生しました' }]);
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsServerError);
  expect((err as MmsServerError).code).toBe('SOAP_FAULT');
  expect((err as MmsServerError).faultString).toBe('システムエラーが発生しました');
  expect(received[0]?.response.headers['content-type']).toMatch(/^multipart\/related/);
});

test('a body that is not SOAP is a decode error', async () => {
  sim.setFaults([{ kind: 'malformed' }]);
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }));
  expect(err).toBeInstanceOf(MmsClientError);
  expect((err as MmsClientError).code).toBe('DECODE_ERROR');
});

test('a TXT answer is a server error carrying the text', async () => {
  sim.setFaults([{ kind: 'txt', text: 'メンテナンス中です' }]);
  const err = await rejection(client.queryOffers(envelope, { MarketType: 'DAM' }));
  expect((err as MmsServerError).code).toBe('SERVER_TEXT');
  expect((err as MmsServerError).serverText).toBe('メンテナンス中です');
});

test('skip and times select which requests fail', async () => {
  sim.setFaults([{ kind: 'status', status: 500, skip: 1, times: 1, operation: 'MarketQuery_OfferQuery' }]);
  await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(failures).toHaveLength(0);
  await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(failures.map((f) => f.response?.status)).toEqual([500]);
  await client.queryOffers(envelope, { MarketType: 'DAM' });
  expect(failures).toHaveLength(1);
});

test('bad fault rules are refused', () => {
  expect(() => sim.setFaults([{ kind: 'status', status: 42 }])).toThrow(/status must be 100..599/);
  expect(() => sim.setFaults([{ kind: 'nope' } as never])).toThrow(/unknown kind/);
});

test('answers plain SOAP with inline base64 when MTOM is off', async () => {
  const plain = await startSimulator({
    mtom: false,
    participants: [{ name: 'F200', clientType: 'bsp', users: ['U1'] }],
  });
  const seen: AfterReceiveEvent[] = [];
  const c = await simulatorClient(plain, plain.credential({ participant: 'F200' }), {
    hooks: { afterReceive: (e) => void seen.push(e) },
  });
  try {
    const result = await c.putOffer(envelope, offer);
    expect(result.data?.BspParticipantName).toBe('F200');
    expect(seen[0]?.response.headers['content-type']).toMatch(/^text\/xml/);
    expect(Buffer.from(seen[0]!.response.body).toString()).toMatch(
      /<responseData>[A-Za-z0-9+/=]+<\/responseData>/,
    );
  } finally {
    c.close();
    await plain.stop();
  }
});
