/**
 * A gateway killed (SIGKILL) in the middle of 100 submissions loses no
 * journal entry for a call the simulator received: every transaction the
 * simulator logged is in the journal with its outcome, or is one of the
 * calls journaled as "sent" (outcome unknown), which `mms journal list`
 * shows as such. The journal is written before each request leaves, so this
 * holds however the process dies.
 */
import path from 'node:path';
import { SqliteJournal } from '../../src/gateway/journal/sqlite-store.js';
import { runScript } from '../helpers/subprocess.js';
import { offer, post, setup, TOKENS, type Setup } from './helpers.js';
import { startServe, type ServeProcess } from './processes.js';

const SUBMIT = 'MarketSubmit_OfferData';
let env: Setup;
let gateway: ServeProcess;

beforeAll(async () => {
  // Each answer takes a little while, so calls are in flight when the process dies.
  env = await setup({ faults: [{ kind: 'delay', ms: 40, operation: SUBMIT }] });
  gateway = await startServe(['--config', env.configFile, '--quiet'], env.env);
}, 60_000);

afterAll(async () => {
  await gateway?.stop('SIGKILL');
  await env?.cleanup();
});

test('killing the gateway mid-run loses no journal entry for a call the simulator received', async () => {
  let answered = 0;
  let killed = false;
  const calls = Array.from({ length: 100 }, (_, i) =>
    post(gateway.url, 'F100', SUBMIT, offer(i % 23, undefined), {
      authorization: `Bearer ${TOKENS.admin}`,
      'idempotency-key': `kill-${i}`,
    }).then(
      (a) => {
        if (a.status === 200) answered++;
        if (answered >= 30 && !killed) {
          killed = true;
          gateway.child.kill('SIGKILL');
        }
        return a;
      },
      () => undefined, // the connection died with the process
    ),
  );
  const answers = await Promise.all(calls);
  await gateway.stop('SIGKILL');
  expect(killed).toBe(true);
  const lost = answers.filter((a) => a === undefined).length;
  expect(lost).toBeGreaterThan(0);

  const received = env.received.lines
    .filter((l) => l.startsWith(`mms-sim: ${SUBMIT} from`))
    .map((l) => /tx=(\w+)/.exec(l)![1]!);
  const journal = await SqliteJournal.open(path.join(env.dir, 'journal.sqlite'));
  const entries = (await journal.list({ operation: SUBMIT, limit: 1000 })).filter((e) =>
    e.idempotencyKey?.startsWith('kill-'),
  );
  await journal.close();
  const recorded = new Set(entries.filter((e) => e.transactionId).map((e) => e.transactionId));
  const unknown = entries.filter((e) => e.outcome === 'sent');
  const missing = received.filter((tx) => !recorded.has(tx));
  // Every received call is either recorded with its transaction id or among the "sent, outcome unknown" entries.
  expect(missing.length).toBeLessThanOrEqual(unknown.length);
  expect(received.length).toBeGreaterThanOrEqual(30);
  // Every answer a caller got is in the journal as ok.
  for (const a of answers)
    if (a?.status === 200) expect(recorded.has(String(a.body['transactionId']))).toBe(true);
  // `mms journal list` shows the unanswered ones as outcome unknown.
  const listed = await runScript('src/cli/main.ts', [
    'journal',
    'list',
    '--config',
    env.configFile,
    '--limit',
    '1000',
  ]);
  expect(listed.status).toBe(0);
  expect(listed.stdout.split('\n').filter((l) => l.includes('sent (outcome unknown)'))).toHaveLength(
    unknown.length,
  );
  console.log(
    `kill test: simulator received ${received.length}, answered ${answers.filter((a) => a?.status === 200).length}, lost ${lost}, journal: ${recorded.size} with transaction id, ${unknown.length} outcome unknown`,
  );
});
