/**
 * Callers authenticate: no token, a wrong token, a malformed header are
 * 401; a caller not allowed the participant or the operation is 403; none
 * of them reaches the MMS. `--no-auth` is refused off loopback. `/metrics`
 * counts calls by operation and outcome. No secret (bearer tokens, the
 * PKCS#12 passphrase, key material) appears in the journal (its rows and its
 * files on disk, raw bytes included), the JSON logs or the metrics.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { GatewayConfigError } from '../../src/gateway/config.js';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { offer, post, setup, TOKENS, type Setup } from './helpers.js';

let env: Setup;
let gateway: Gateway;
let logs = '';
const QUERY = 'MarketQuery_OfferQuery';
const query = { attributes: { Date: '2026-12-10' }, data: { MarketType: 'DAM' } };

beforeAll(async () => {
  env = await setup({ config: { journal: { file: 'journal.sqlite', recordRaw: true } } });
  const stream = new PassThrough();
  stream.on('data', (d: Buffer) => (logs += d.toString('utf8')));
  gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env, logStream: stream });
});

afterAll(async () => {
  await gateway?.close();
  await env?.cleanup();
});

test.each([
  ['no credentials', {}],
  ['a wrong token', { authorization: 'Bearer not-a-token' }],
  ['a malformed header', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ['an empty bearer', { authorization: 'Bearer ' }],
])('%s: 401, and the MMS sees nothing', async (_name, headers) => {
  const before = env.received.lines.length;
  const answer = await post(gateway.url, 'F100', QUERY, query, headers as Record<string, string>);
  expect(answer.status).toBe(401);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  expect(env.received.lines.length).toBe(before);
});

test.each([
  ['another participant', 'T100', QUERY, query],
  ['a submission (only queries allowed)', 'F100', 'MarketSubmit_OfferData', offer(9)],
])('a caller not allowed %s: 403, and the MMS sees nothing', async (_name, participant, operation, body) => {
  const before = env.received.lines.length;
  const answer = await post(gateway.url, participant, operation, body, {
    authorization: `Bearer ${TOKENS.limited}`,
    'idempotency-key': 'forbidden',
  });
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
  expect(env.received.lines.length).toBe(before);
});

test('an operation the participant type may not call: 403 AUDIENCE, nothing sent', async () => {
  const before = env.received.lines.length;
  const answer = await post(gateway.url, 'T100', 'MarketSubmit_OfferData', offer(10), {
    authorization: `Bearer ${TOKENS.admin}`,
    'idempotency-key': 'audience',
  });
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ code: 'AUDIENCE', outcome: 'not-sent' });
  expect(env.received.lines.length).toBe(before);
});

test('an allowed caller gets through, and /metrics (authenticated) counts the call', async () => {
  const answer = await post(gateway.url, 'F100', QUERY, query, { authorization: `Bearer ${TOKENS.limited}` });
  expect(answer.status).toBe(200);
  expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
  const metrics = await (
    await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })
  ).text();
  expect(metrics).toContain(`mms_gateway_calls_total{operation="${QUERY}",outcome="ok"} 1`);
  expect(metrics).toContain(`mms_gateway_attempts_total{operation="${QUERY}"} 1`);
  expect(metrics).toMatch(new RegExp(`mms_gateway_call_duration_seconds_count\\{operation="${QUERY}"\\} 1`));
  expect(metrics).toContain('mms_gateway_in_flight{participant="F100"} 0');
});

test('health and readiness are open and say what is ready', async () => {
  expect(await (await fetch(`${gateway.url}/healthz`)).json()).toEqual({ status: 'ok' });
  expect(await (await fetch(`${gateway.url}/readyz`)).json()).toEqual({
    status: 'ready',
    journal: 'sqlite',
    participants: ['F100', 'M100', 'T100'],
  });
});

test('--no-auth is refused unless bound to loopback', async () => {
  await expect(
    startGateway({
      config: env.config,
      baseDir: env.dir,
      env: env.env,
      host: '0.0.0.0',
      port: 0,
      noAuth: true,
    }),
  ).rejects.toThrow(GatewayConfigError);
});

test('a body over the limit is 413', async () => {
  const answer = await post(gateway.url, 'F100', QUERY, { ...query, pad: 'x'.repeat(1_100_000) });
  expect(answer.status).toBe(413);
  expect(answer.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
});

test('no secret in the journal (rows and files), the logs or the metrics', async () => {
  // A submission and a query with raw bytes recorded, so the journal holds signed payloads.
  expect(
    (
      await post(gateway.url, 'F100', 'MarketSubmit_OfferData', offer(11), {
        authorization: `Bearer ${TOKENS.admin}`,
        'idempotency-key': 'scan',
      })
    ).status,
  ).toBe(200);
  const entries = await gateway.journal.list({ limit: 1000 });
  expect(entries.some((e) => e.rawRequest && e.rawRequest.length > 0)).toBe(true);
  const metrics = await (
    await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })
  ).text();
  const journalRows = entries
    .map((e) =>
      JSON.stringify({
        ...e,
        rawRequest: Buffer.from(e.rawRequest ?? []).toString('latin1'),
        rawAnswer: Buffer.from(e.rawAnswer ?? []).toString('latin1'),
      }),
    )
    .join('\n');
  const files = await Promise.all(
    (await readdir(env.dir))
      .filter((f) => f.startsWith('journal.sqlite'))
      .map((f) => readFile(path.join(env.dir, f), 'latin1')),
  );
  expect(logs).toContain('"msg"');
  const passphrase = env.env['MMS_TEST_P12_PASSPHRASE']!;
  const p12Sample = Buffer.from(env.sim.credentials[0]!.p12).subarray(100, 140).toString('base64');
  for (const [where, text] of [
    ['journal rows', journalRows],
    ['journal files', files.join('')],
    ['logs', logs],
    ['metrics', metrics],
  ] as const) {
    for (const secret of [TOKENS.admin, TOKENS.limited, passphrase, 'PRIVATE KEY', p12Sample]) {
      expect({ where, found: text.includes(secret) ? secret : undefined }).toEqual({
        where,
        found: undefined,
      });
    }
  }
});
