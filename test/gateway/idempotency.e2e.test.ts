/**
 * Idempotent submissions. With one key, 50 concurrent requests make the
 * simulator receive exactly one submission and all 50 get the same answer:
 * with SQLite and one gateway, and with two `mms serve` processes sharing
 * one PostgreSQL. The same key with another body is 409. After a dropped
 * answer the first call is "outcome unknown"; a repeat says so and
 * reconciles through the offer query: found → no resubmission; absent →
 * sent once more.
 */
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { offer, post, setup, TOKENS, type Setup } from './helpers.js';
import { describeWithPostgres, freshDatabase, type TestDatabase } from './postgres.js';
import { startServe, type ServeProcess } from './processes.js';

const SUBMIT = 'MarketSubmit_OfferData';
const auth = (key: string) => ({ authorization: `Bearer ${TOKENS.admin}`, 'idempotency-key': key });
/** Submissions the simulator received (one summary line each, whatever became of the answer). */
const submissions = (env: Setup) =>
  env.received.lines.filter((l) => l.startsWith(`mms-sim: ${SUBMIT} from`)).length;

async function fifty(urls: readonly string[], key: string, body: unknown) {
  return Promise.all(
    Array.from({ length: 50 }, (_, i) => post(urls[i % urls.length]!, 'F100', SUBMIT, body, auth(key))),
  );
}

function expectOneAnswer(answers: Awaited<ReturnType<typeof fifty>>): void {
  expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
  const first = JSON.stringify(answers[0]!.body);
  expect(answers.filter((a) => JSON.stringify(a.body) !== first)).toEqual([]);
  expect(answers[0]!.body['transactionId']).toMatch(/^[A-Z0-9]{8}$/);
  // All but the one that made the call were answered from the journal.
  expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
}

describe('SQLite, one gateway', () => {
  let env: Setup;
  let gateway: Gateway;

  beforeAll(async () => {
    env = await setup();
    gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env });
  });
  afterAll(async () => {
    await gateway?.close();
    await env?.cleanup();
  });

  test('50 concurrent requests with one key: one submission, 50 equal answers', async () => {
    const before = submissions(env);
    const answers = await fifty([gateway.url], 'sqlite-fifty', offer(1));
    expect(submissions(env) - before).toBe(1);
    expectOneAnswer(answers);
    const replays = await gateway.journal.list({ operation: SUBMIT, outcome: 'replayed', limit: 1000 });
    expect(replays.filter((r) => r.idempotencyKey === 'sqlite-fifty')).toHaveLength(49);
  });

  test('the same key with another body is 409 and reaches nothing', async () => {
    expect((await post(gateway.url, 'F100', SUBMIT, offer(2), auth('reuse'))).status).toBe(200);
    const before = submissions(env);
    const answer = await post(gateway.url, 'F100', SUBMIT, offer(3), auth('reuse'));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(submissions(env)).toBe(before);
  });

  test('a submission without a key is refused (400) before the MMS', async () => {
    const before = submissions(env);
    const answer = await post(gateway.url, 'F100', SUBMIT, offer(4));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', outcome: 'not-sent' });
    expect(submissions(env)).toBe(before);
  });

  test('a dropped answer: "outcome unknown", then a repeat reconciles through the offer query without resubmitting', async () => {
    env.sim.setFaults([{ kind: 'drop', processed: true, times: 1, operation: SUBMIT }]);
    const body = offer(5);
    const before = submissions(env);
    const first = await post(gateway.url, 'F100', SUBMIT, body, auth('dropped'));
    expect(first.status).toBe(502);
    expect(first.body).toMatchObject({ code: 'CONNECTION_FAILED', outcome: 'unknown' });
    expect((await gateway.journal.get(String(first.body['callId'])))?.outcome).toBe('unknown');
    expect(submissions(env) - before).toBe(1);

    const repeat = await post(gateway.url, 'F100', SUBMIT, body, auth('dropped'));
    expect(repeat.status).toBe(200);
    expect(repeat.body['reconciliation']).toEqual({
      previousOutcome: 'unknown',
      query: 'MarketQuery_OfferQuery',
      found: true,
    });
    expect(repeat.body['data']).toEqual([
      expect.objectContaining({ ResourceName: 'SIMRES01', StartTime: body.data[0]!['StartTime'] }),
    ]);
    expect(submissions(env) - before).toBe(1);
    // A third try is answered from the journal, with nothing more sent.
    const lines = env.received.lines.length;
    const third = await post(gateway.url, 'F100', SUBMIT, body, auth('dropped'));
    expect(third.body).toEqual(repeat.body);
    expect(env.received.lines.length).toBe(lines);
  });

  test('a dropped request the MMS never processed: the repeat finds nothing and sends it once more', async () => {
    env.sim.setFaults([{ kind: 'drop', processed: false, times: 1, operation: SUBMIT }]);
    const body = offer(6);
    const before = submissions(env);
    const first = await post(gateway.url, 'F100', SUBMIT, body, auth('lost'));
    expect(first.body).toMatchObject({ outcome: 'unknown' });
    const repeat = await post(gateway.url, 'F100', SUBMIT, body, auth('lost'));
    expect(repeat.status).toBe(200);
    expect(repeat.body['reconciliation']).toEqual({
      previousOutcome: 'unknown',
      query: 'MarketQuery_OfferQuery',
      found: false,
    });
    expect(repeat.body['transactionId']).toMatch(/^[A-Z0-9]{8}$/);
    expect(submissions(env) - before).toBe(2);
  });
});

describeWithPostgres('PostgreSQL, two gateway processes', () => {
  let env: Setup;
  let database: TestDatabase;
  let gateways: ServeProcess[] = [];

  beforeAll(async () => {
    env = await setup();
    database = await freshDatabase('mms_gw_idem');
    const serveEnv = { ...env.env, DATABASE_URL: database.url };
    // Started together: both apply the migrations at once (the advisory lock lets one do it).
    gateways = await Promise.all(
      [0, 1].map(() => startServe(['--config', env.configFile, '--quiet'], serveEnv)),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await database?.drop();
    await env?.cleanup();
  });

  test('50 concurrent requests with one key across both: one submission, 50 equal answers', async () => {
    const before = submissions(env);
    const answers = await fifty(
      gateways.map((g) => g.url),
      'pg-fifty',
      offer(7),
    );
    expect(submissions(env) - before).toBe(1);
    expectOneAnswer(answers);
  });

  test('the journal in PostgreSQL holds the call with its outcome and payload digest', async () => {
    const answer = await post(gateways[1]!.url, 'F100', SUBMIT, offer(8), auth('pg-journal'));
    expect(answer.status).toBe(200);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT outcome, transaction_id, payload_sha256, attempts FROM calls WHERE id = $1',
      [answer.body['callId']],
    );
    await client.end();
    expect(rows).toEqual([
      {
        outcome: 'ok',
        transaction_id: answer.body['transactionId'],
        payload_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        attempts: 1,
      },
    ]);
  });
});
