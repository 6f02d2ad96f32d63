/**
 * The journal in PostgreSQL, shared by every gateway instance: the
 * idempotency key's primary key decides which instance's call owns a key
 * (`INSERT … ON CONFLICT DO NOTHING` inside the transaction that journals
 * the call), and migrations run under an advisory lock so instances that
 * start together apply each once.
 */
import type { Pool, PoolClient } from 'pg';
import { MmsError } from '../../errors.js';
import {
  FINISH,
  GET_CALL,
  GET_KEY,
  INSERT_CALL,
  INSERT_KEY,
  MARK_SENT,
  MIGRATIONS,
  MIGRATIONS_TABLE,
  PRUNE_CALLS,
  PRUNE_KEYS,
  TRANSITION,
  bindingOf,
  entryOf,
  finishParams,
  markSentParams,
  insertCallParams,
  listQuery,
} from './sql.js';
import type { FinishUpdate, JournalStore, KeyBinding, ListFilter, NewEntry, SentUpdate } from './types.js';

/** Arbitrary constant of the migration advisory lock ("MMSJ"). */
const MIGRATION_LOCK = 0x4d4d534a;

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The URL with any password removed, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

export class PostgresJournal implements JournalStore {
  readonly kind = 'postgres';
  readonly #pool: Pool;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresJournal> {
    const pg = (await import('pg')) as unknown as { default: { Pool: new (config: object) => Pool } };
    const pool = new pg.default.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    // An idle client's error (the server restarting) must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const journal = new PostgresJournal(pool);
    try {
      await journal.ping();
    } catch (err) {
      await pool.end();
      throw new MmsError(
        'DATABASE_UNAVAILABLE',
        `cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return journal;
  }

  async #query(sql: string, params: readonly unknown[] = [], client?: PoolClient) {
    return (client ?? this.#pool).query(numbered(sql), params as unknown[]);
  }

  async #transaction<T>(body: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const done = new Set(
        (await client.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.sql('postgres')) await client.query(statement);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
  }

  async begin(
    entry: NewEntry,
    binding?: KeyBinding,
  ): Promise<{ claimed: true } | { claimed: false; existing: KeyBinding }> {
    const now = Date.now();
    return this.#transaction(async (client) => {
      if (binding) {
        // A second instance inserting the same key waits here until the first commits, then inserts nothing.
        const inserted = await this.#query(
          INSERT_KEY,
          [binding.scope, binding.key, binding.bodySha256, binding.callId, now],
          client,
        );
        if (inserted.rowCount === 0) {
          const existing = await this.#query(GET_KEY, [binding.scope, binding.key], client);
          return {
            claimed: false as const,
            existing: bindingOf(existing.rows[0] as Record<string, unknown>),
          };
        }
      }
      await this.#query(INSERT_CALL, insertCallParams(entry, now), client);
      return { claimed: true as const };
    });
  }

  async markSent(id: string, update: SentUpdate): Promise<void> {
    await this.#query(MARK_SENT, markSentParams(id, update));
  }

  async finish(id: string, u: FinishUpdate): Promise<void> {
    await this.#query(FINISH, finishParams(id, u, Date.now()));
  }

  async transition(id: string, from: string, to: string): Promise<boolean> {
    return (await this.#query(TRANSITION, [to, id, from])).rowCount === 1;
  }

  async get(id: string) {
    const { rows } = await this.#query(GET_CALL, [id]);
    return rows[0] ? entryOf(rows[0] as Record<string, unknown>) : undefined;
  }

  async list(filter: ListFilter) {
    const { sql, params } = listQuery(filter);
    return (await this.#query(sql, params)).rows.map((r) => entryOf(r as Record<string, unknown>));
  }

  async prune(before: number): Promise<number> {
    return this.#transaction(async (client) => {
      await this.#query(PRUNE_KEYS, [before], client);
      return (await this.#query(PRUNE_CALLS, [before], client)).rowCount ?? 0;
    });
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
