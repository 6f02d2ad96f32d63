/** Opens the journal a configuration names: PostgreSQL for a `postgres://` URL, else a SQLite file. */
import { PostgresJournal } from './postgres-store.js';
import { SqliteJournal } from './sqlite-store.js';
import type { SqliteDriverChoice } from './sqlite-driver.js';
import type { JournalStore } from './types.js';

export type { JournalStore, JournalEntry, CallOutcome, ListFilter } from './types.js';
export { FINAL_OUTCOMES } from './types.js';

export interface JournalLocation {
  /** `postgres://…` (or `postgresql://…`). */
  readonly databaseUrl?: string;
  /** SQLite file, used when no database URL is given. */
  readonly file?: string;
  readonly sqliteDriver?: SqliteDriverChoice;
}

/** Opens and migrates the journal. */
export async function openJournal(location: JournalLocation): Promise<JournalStore> {
  const journal: JournalStore = location.databaseUrl
    ? await PostgresJournal.open(location.databaseUrl)
    : await SqliteJournal.open(location.file ?? 'mms-journal.sqlite', location.sqliteDriver);
  try {
    await journal.migrate();
  } catch (err) {
    await journal.close();
    throw err;
  }
  return journal;
}
