/** The journal in an embedded SQLite file (WAL mode: several readers, one writer at a time, across processes). */
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
import { openSqlite, type SqliteDatabase, type SqliteDriverChoice } from './sqlite-driver.js';
import type { FinishUpdate, JournalStore, KeyBinding, ListFilter, NewEntry, SentUpdate } from './types.js';

export class SqliteJournal implements JournalStore {
  readonly kind = 'sqlite';
  readonly #db: SqliteDatabase;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  static async open(file: string, driver: SqliteDriverChoice = 'auto'): Promise<SqliteJournal> {
    const db = await openSqlite(file, driver);
    // WAL keeps every committed write across a killed process; NORMAL syncs at checkpoints.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    return new SqliteJournal(db);
  }

  get driver(): SqliteDatabase['driver'] {
    return this.#db.driver;
  }

  /** Runs `body` in one write transaction (taken at once, so two processes never both read-then-write). */
  #transaction<T>(body: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      this.#db.exec('COMMIT');
      return result;
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  async migrate(): Promise<void> {
    this.#transaction(() => {
      this.#db.exec(MIGRATIONS_TABLE);
      const done = new Set(
        this.#db.all('SELECT version FROM schema_migrations', []).map((r) => Number(r['version'])),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.sql('sqlite')) this.#db.exec(statement);
        this.#db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
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
    return this.#transaction(() => {
      if (binding) {
        const inserted = this.#db.run(INSERT_KEY, [
          binding.scope,
          binding.key,
          binding.bodySha256,
          binding.callId,
          now,
        ]);
        if (inserted.changes === 0) {
          const row = this.#db.get(GET_KEY, [binding.scope, binding.key])!;
          return { claimed: false as const, existing: bindingOf(row) };
        }
      }
      this.#db.run(INSERT_CALL, insertCallParams(entry, now));
      return { claimed: true as const };
    });
  }

  async markSent(id: string, update: SentUpdate): Promise<void> {
    this.#db.run(MARK_SENT, markSentParams(id, update));
  }

  async finish(id: string, u: FinishUpdate): Promise<void> {
    this.#db.run(FINISH, finishParams(id, u, Date.now()));
  }

  async transition(id: string, from: string, to: string): Promise<boolean> {
    return this.#db.run(TRANSITION, [to, id, from]).changes === 1;
  }

  async get(id: string) {
    const row = this.#db.get(GET_CALL, [id]);
    return row ? entryOf(row) : undefined;
  }

  async list(filter: ListFilter) {
    const { sql, params } = listQuery(filter);
    return this.#db.all(sql, params).map(entryOf);
  }

  async prune(before: number): Promise<number> {
    return this.#transaction(() => {
      this.#db.run(PRUNE_KEYS, [before]);
      return this.#db.run(PRUNE_CALLS, [before]).changes;
    });
  }

  async ping(): Promise<void> {
    this.#db.get('SELECT 1 AS ok', []);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
