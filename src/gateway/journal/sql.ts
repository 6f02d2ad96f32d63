/**
 * SQL shared by the SQLite and PostgreSQL stores: the versioned migrations,
 * the column list and the mapping of a row to a {@link JournalEntry}.
 * Statements use `?` placeholders; the PostgreSQL store numbers them.
 */
import type {
  CallOutcome,
  FinishUpdate,
  JournalEntry,
  KeyBinding,
  ListFilter,
  NewEntry,
  SentUpdate,
} from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** One migration: its version and its statements per dialect. Never edit one that shipped: add the next. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (dialect: Dialect) => readonly string[];
}

const blob = (d: Dialect): string => (d === 'postgres' ? 'BYTEA' : 'BLOB');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'calls and idempotency keys',
    sql: (d) => [
      `CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL,
        finished_at BIGINT,
        caller TEXT NOT NULL,
        participant TEXT NOT NULL,
        operation TEXT NOT NULL,
        kind TEXT NOT NULL,
        idempotency_key TEXT,
        body_sha256 TEXT NOT NULL,
        input_json TEXT NOT NULL,
        payload_sha256 TEXT,
        raw_request ${blob(d)},
        raw_answer ${blob(d)},
        outcome TEXT NOT NULL,
        http_status INTEGER,
        response_json TEXT,
        transaction_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER,
        error_code TEXT,
        replay_of TEXT,
        trace_id TEXT,
        instance TEXT NOT NULL
      )`,
      'CREATE INDEX calls_created_at ON calls (created_at)',
      'CREATE INDEX calls_operation ON calls (participant, operation)',
      // The unique key is what makes a key bind once, across every instance sharing the database.
      `CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        idem_key TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        call_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (scope, idem_key)
      )`,
    ],
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export const INSERT_CALL = `INSERT INTO calls (id, created_at, caller, participant, operation, kind, idempotency_key,
  body_sha256, input_json, outcome, replay_of, trace_id, instance, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`;

export function insertCallParams(entry: NewEntry, now: number): unknown[] {
  return [
    entry.id,
    now,
    entry.caller,
    entry.participant,
    entry.operation,
    entry.kind,
    entry.idempotencyKey,
    entry.bodySha256,
    entry.input,
    entry.outcome ?? 'pending',
    entry.replayOf ?? null,
    entry.traceId,
    entry.instance,
  ];
}

export const MARK_SENT = `UPDATE calls SET outcome = 'sent', payload_sha256 = ?, attempts = ?, raw_request = COALESCE(?, raw_request)
  WHERE id = ? AND outcome IN ('pending', 'sent', 'reconciling')`;

export const FINISH = `UPDATE calls SET outcome = ?, finished_at = ?, http_status = ?, response_json = ?,
  transaction_id = COALESCE(?, transaction_id), attempts = COALESCE(?, attempts), duration_ms = ?, error_code = ?,
  raw_answer = COALESCE(?, raw_answer) WHERE id = ?`;

export function markSentParams(id: string, u: SentUpdate): unknown[] {
  return [u.payloadSha256, u.attempts, u.rawRequest ? Buffer.from(u.rawRequest) : null, id];
}

export function finishParams(id: string, u: FinishUpdate, now: number): unknown[] {
  return [
    u.outcome,
    now,
    u.httpStatus,
    u.response,
    u.transactionId ?? null,
    u.attempts ?? null,
    u.durationMs,
    u.errorCode ?? null,
    u.rawAnswer ? Buffer.from(u.rawAnswer) : null,
    id,
  ];
}

export const TRANSITION = 'UPDATE calls SET outcome = ? WHERE id = ? AND outcome = ?';

export const GET_CALL = 'SELECT * FROM calls WHERE id = ?';

export const INSERT_KEY = `INSERT INTO idempotency_keys (scope, idem_key, body_sha256, call_id, created_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

export const GET_KEY = 'SELECT * FROM idempotency_keys WHERE scope = ? AND idem_key = ?';

// Only calls in a final state: one being reconciled or sent again keeps its row and its key.
const PRUNABLE =
  "finished_at IS NOT NULL AND finished_at < ? AND outcome NOT IN ('pending', 'sent', 'reconciling')";
export const PRUNE_KEYS = `DELETE FROM idempotency_keys WHERE call_id IN (SELECT id FROM calls WHERE ${PRUNABLE})`;
export const PRUNE_CALLS = `DELETE FROM calls WHERE ${PRUNABLE}`;

/** `SELECT` for a list filter, newest first. */
export function listQuery(filter: ListFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    params.push(value);
  };
  if (filter.since !== undefined) add('created_at >= ?', filter.since);
  if (filter.until !== undefined) add('created_at < ?', filter.until);
  if (filter.operation !== undefined) add('operation = ?', filter.operation);
  if (filter.participant !== undefined) add('participant = ?', filter.participant);
  if (filter.outcome !== undefined) add('outcome = ?', filter.outcome);
  params.push(Math.max(1, Math.min(filter.limit ?? 100, 100_000)));
  return {
    sql: `SELECT * FROM calls ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`,
    params,
  };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bytes = (v: unknown): Uint8Array | null => (v instanceof Uint8Array ? new Uint8Array(v) : null);

/** A row of `calls` (either driver) as an entry. PostgreSQL's BIGINT comes back as a string. */
export function entryOf(row: Record<string, unknown>): JournalEntry {
  return {
    id: String(row['id']),
    createdAt: Number(row['created_at']),
    finishedAt: num(row['finished_at']),
    caller: String(row['caller']),
    participant: String(row['participant']),
    operation: String(row['operation']),
    kind: String(row['kind']),
    idempotencyKey: str(row['idempotency_key']),
    bodySha256: String(row['body_sha256']),
    input: String(row['input_json']),
    payloadSha256: str(row['payload_sha256']),
    rawRequest: bytes(row['raw_request']),
    rawAnswer: bytes(row['raw_answer']),
    outcome: String(row['outcome']) as CallOutcome,
    httpStatus: num(row['http_status']),
    response: str(row['response_json']),
    transactionId: str(row['transaction_id']),
    attempts: Number(row['attempts'] ?? 0),
    durationMs: num(row['duration_ms']),
    errorCode: str(row['error_code']),
    replayOf: str(row['replay_of']),
    traceId: str(row['trace_id']),
    instance: String(row['instance']),
  };
}

export function bindingOf(row: Record<string, unknown>): KeyBinding {
  return {
    scope: String(row['scope']),
    key: String(row['idem_key']),
    bodySha256: String(row['body_sha256']),
    callId: String(row['call_id']),
  };
}
