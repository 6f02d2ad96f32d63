/**
 * The SQLite driver: better-sqlite3 where its native addon loads (it is
 * built for one Node ABI at install time), else Node's own `node:sqlite`
 * (Node 22.13+ and 24). Both are synchronous and take `?` parameters, so
 * the store above them is the same. Which one is used is reported
 * (`/readyz`, the start-up log), never silently swapped.
 */
import { MmsError } from '../../errors.js';

/** The part of either driver the store uses. */
export interface SqliteDatabase {
  readonly driver: 'better-sqlite3' | 'node:sqlite';
  exec(sql: string): void;
  run(sql: string, params: readonly unknown[]): { changes: number };
  get(sql: string, params: readonly unknown[]): Record<string, unknown> | undefined;
  all(sql: string, params: readonly unknown[]): Record<string, unknown>[];
  close(): void;
}

interface Statement {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface RawDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  close(): unknown;
}

/** Neither driver could be loaded. */
export class SqliteUnavailableError extends MmsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SQLITE_UNAVAILABLE', message, options);
  }
}

// Both drivers refuse `undefined`; node:sqlite also refuses booleans.
const bind = (params: readonly unknown[]): unknown[] =>
  params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? Number(p) : p));

function wrap(raw: RawDatabase, driver: SqliteDatabase['driver']): SqliteDatabase {
  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    driver,
    exec: (sql) => void raw.exec(sql),
    run: (sql, params) => ({ changes: Number(prepared(sql).run(...bind(params)).changes) }),
    get: (sql, params) => prepared(sql).get(...bind(params)) as Record<string, unknown> | undefined,
    all: (sql, params) => prepared(sql).all(...bind(params)) as Record<string, unknown>[],
    close: () => void raw.close(),
  };
}

async function betterSqlite(file: string): Promise<SqliteDatabase> {
  const module = (await import('better-sqlite3')) as unknown as {
    default: new (file: string, options?: { timeout?: number }) => RawDatabase;
  };
  // The timeout is how long a writer waits for another process's lock.
  return wrap(new module.default(file, { timeout: 10_000 }), 'better-sqlite3');
}

async function nodeSqlite(file: string): Promise<SqliteDatabase> {
  // A variable specifier: Node 20's type definitions have no node:sqlite.
  const specifier = 'node:sqlite';
  const module = (await import(specifier)) as {
    DatabaseSync: new (file: string, options?: { timeout?: number }) => RawDatabase;
  };
  return wrap(new module.DatabaseSync(file, { timeout: 10_000 }), 'node:sqlite');
}

/** Which drivers to try, in order (`MMS_SQLITE_DRIVER` picks one, for tests of each). */
export type SqliteDriverChoice = 'auto' | 'better-sqlite3' | 'node:sqlite';

/** Opens a database file with the first driver that loads. */
export async function openSqlite(file: string, choice: SqliteDriverChoice = 'auto'): Promise<SqliteDatabase> {
  const failures: string[] = [];
  const drivers =
    choice === 'auto' ? [betterSqlite, nodeSqlite] : choice === 'node:sqlite' ? [nodeSqlite] : [betterSqlite];
  for (const open of drivers) {
    try {
      return await open(file);
    } catch (err) {
      failures.push((err as Error).message.split('\n')[0] ?? String(err));
    }
  }
  throw new SqliteUnavailableError(
    `no SQLite driver could open ${file} on Node ${process.version}: ${failures.join('; ')} (better-sqlite3 must be built for this Node version, or use Node 22.13+ for node:sqlite)`,
  );
}
