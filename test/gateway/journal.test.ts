/**
 * The journal stores, each on its real database: SQLite through
 * better-sqlite3 (where its addon loads: the Node it was built for) and
 * through node:sqlite (Node 22.13+), and PostgreSQL. Which SQLite driver
 * loads on which Node is asserted, not assumed: CI runs Node 20 (the addon)
 * and Node 24 (node:sqlite). Migrations apply once, a key binds once across
 * two connections, outcomes move only from the expected state, retention
 * prunes finished calls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PostgresJournal } from '../../src/gateway/journal/postgres-store.js';
import { SqliteJournal } from '../../src/gateway/journal/sqlite-store.js';
import { openSqlite } from '../../src/gateway/journal/sqlite-driver.js';
import type { JournalStore, NewEntry } from '../../src/gateway/journal/types.js';
import { describeWithPostgres, freshDatabase, type TestDatabase } from './postgres.js';

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const hasNodeSqlite = major > 22 || (major === 22 && minor >= 13);

const entry = (id: string, key: string | null = null): NewEntry => ({
  id,
  caller: 'c',
  participant: 'F100',
  operation: 'MarketSubmit_OfferData',
  kind: 'submit',
  idempotencyKey: key,
  bodySha256: 'ab'.repeat(32),
  input: '{"data":[]}',
  traceId: null,
  instance: 'test',
});

/** The behaviour every store must have; `second` is another connection to the same database. */
function contract(
  open: () => Promise<[JournalStore, JournalStore]>,
  close: () => Promise<void> = async () => {},
) {
  let a: JournalStore;
  let b: JournalStore;
  beforeAll(async () => {
    [a, b] = await open();
    await Promise.all([a.migrate(), b.migrate()]);
    await a.migrate(); // a second time changes nothing
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await close();
  });

  test('a key binds once across two connections; the loser sees the winner', async () => {
    const binding = (callId: string) => ({ scope: 's', key: 'k1', bodySha256: 'cd'.repeat(32), callId });
    const [x, y] = await Promise.all([
      a.begin(entry('x1', 'k1'), binding('x1')),
      b.begin(entry('y1', 'k1'), binding('y1')),
    ]);
    const winners = [x, y].filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const loser = [x, y].find((r) => !r.claimed) as { existing: { callId: string } };
    expect(loser.existing.callId).toBe(x.claimed ? 'x1' : 'y1');
    expect(await a.get(loser.existing.callId === 'x1' ? 'y1' : 'x1')).toBeUndefined();
  });

  test('sent, then finished; transitions only from the state named', async () => {
    await a.begin(entry('c1'));
    await a.markSent('c1', {
      payloadSha256: 'ef'.repeat(32),
      attempts: 1,
      rawRequest: new Uint8Array([1, 2, 3]),
    });
    expect(await b.get('c1')).toMatchObject({
      outcome: 'sent',
      attempts: 1,
      rawRequest: new Uint8Array([1, 2, 3]),
    });
    await a.finish('c1', {
      outcome: 'unknown',
      httpStatus: 502,
      response: '{}',
      durationMs: 5,
      errorCode: 'CONNECTION_FAILED',
    });
    expect(await b.transition('c1', 'ok', 'reconciling')).toBe(false);
    const moved = await Promise.all([
      a.transition('c1', 'unknown', 'reconciling'),
      b.transition('c1', 'unknown', 'reconciling'),
    ]);
    expect(moved.filter(Boolean)).toHaveLength(1);
    expect((await a.get('c1'))?.outcome).toBe('reconciling');
  });

  test('list filters and retention', async () => {
    await a.begin(entry('old'));
    await a.finish('old', {
      outcome: 'ok',
      httpStatus: 200,
      response: '{}',
      durationMs: 1,
      transactionId: 'TX000001',
    });
    expect((await a.list({ outcome: 'ok' })).map((e) => e.id)).toContain('old');
    expect(await a.prune(Date.now() + 1000)).toBeGreaterThanOrEqual(1);
    expect(await a.get('old')).toBeUndefined();
    expect(await a.get('c1')).toBeDefined(); // not finished: kept
  });
}

const sqliteDriver = (driver: 'better-sqlite3' | 'node:sqlite') => {
  let dir: string;
  return {
    open: async (): Promise<[JournalStore, JournalStore]> => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'mms-journal-'));
      const file = path.join(dir, 'j.sqlite');
      return [await SqliteJournal.open(file, driver), await SqliteJournal.open(file, driver)];
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
};

test('the SQLite driver each Node gets: better-sqlite3 on the Node it was built for (20 in CI), else node:sqlite', async () => {
  const db = await openSqlite(':memory:');
  db.close();
  if (major === 20) expect(db.driver).toBe('better-sqlite3');
  else if (hasNodeSqlite) expect(['better-sqlite3', 'node:sqlite']).toContain(db.driver);
});

describe('SQLite through better-sqlite3', () => {
  // Loads wherever its addon was built for this Node; CI builds it for Node 20.
  const d = sqliteDriver('better-sqlite3');
  if (major === 20) contract(d.open, d.close);
  else test.skip(`better-sqlite3's addon is built for Node 20 in CI, not ${process.version}`, () => {});
});

(hasNodeSqlite ? describe : describe.skip)('SQLite through node:sqlite', () => {
  const d = sqliteDriver('node:sqlite');
  contract(d.open, d.close);
});

describeWithPostgres('PostgreSQL', () => {
  let database: TestDatabase;
  contract(
    async () => {
      database = await freshDatabase('mms_gw_journal');
      return [await PostgresJournal.open(database.url), await PostgresJournal.open(database.url)];
    },
    () => database.drop(),
  );
});
