/**
 * The journal: one row per call the gateway handled (caller, operation,
 * input, the signed payload's SHA-256, raw bytes when enabled, outcome,
 * transaction id, attempts, timings), and the idempotency keys that bind a
 * key to the first call made with it. Two stores implement it: an embedded
 * SQLite file and PostgreSQL (shared by several gateway instances).
 */

/**
 * Where a call stands. `pending`: journaled, nothing sent yet. `sent`: the
 * request is about to be written to the MMS connection (recorded before the
 * first byte goes out). The rest are final. `unknown`: sent, and no answer
 * that tells whether the MMS processed it.
 */
export type CallOutcome =
  'pending' | 'sent' | 'reconciling' | 'ok' | 'rejected' | 'failed' | 'not-sent' | 'unknown' | 'replayed';

export const FINAL_OUTCOMES: ReadonlySet<CallOutcome> = new Set([
  'ok',
  'rejected',
  'failed',
  'not-sent',
  'unknown',
  'replayed',
]);

export interface JournalEntry {
  readonly id: string;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly caller: string;
  readonly participant: string;
  readonly operation: string;
  readonly kind: string;
  readonly idempotencyKey: string | null;
  /** SHA-256 (hex) of the request body as the caller sent it, canonicalized. */
  readonly bodySha256: string;
  /** The caller's input (attributes, data, options) as JSON. */
  readonly input: string;
  /** SHA-256 (hex) of the exact signed payload bytes of the last attempt. */
  readonly payloadSha256: string | null;
  readonly rawRequest: Uint8Array | null;
  readonly rawAnswer: Uint8Array | null;
  readonly outcome: CallOutcome;
  /** HTTP status the gateway answered with. */
  readonly httpStatus: number | null;
  /** The JSON body the gateway answered with (a result or a problem). */
  readonly response: string | null;
  readonly transactionId: string | null;
  readonly attempts: number;
  readonly durationMs: number | null;
  readonly errorCode: string | null;
  /** For a repeat answered from the journal: the call whose result it returned. */
  readonly replayOf: string | null;
  readonly traceId: string | null;
  /** The gateway instance that handled it. */
  readonly instance: string;
}

export type NewEntry = Pick<
  JournalEntry,
  | 'id'
  | 'caller'
  | 'participant'
  | 'operation'
  | 'kind'
  | 'idempotencyKey'
  | 'bodySha256'
  | 'input'
  | 'traceId'
  | 'instance'
> & { readonly outcome?: CallOutcome; readonly replayOf?: string };

export interface SentUpdate {
  readonly payloadSha256: string;
  readonly attempts: number;
  readonly rawRequest?: Uint8Array;
}

export interface FinishUpdate {
  readonly outcome: CallOutcome;
  readonly httpStatus: number;
  readonly response: string;
  readonly transactionId?: string;
  readonly attempts?: number;
  readonly durationMs: number;
  readonly errorCode?: string;
  readonly rawAnswer?: Uint8Array;
}

/** The binding of an idempotency key to the first call made with it. */
export interface KeyBinding {
  readonly scope: string;
  readonly key: string;
  readonly bodySha256: string;
  readonly callId: string;
}

export interface ListFilter {
  readonly since?: number;
  readonly until?: number;
  readonly operation?: string;
  readonly participant?: string;
  readonly outcome?: CallOutcome;
  readonly limit?: number;
}

/** What every journal store does. All writes are committed when the promise settles. */
export interface JournalStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the migrations not yet applied (several instances may start at once). */
  migrate(): Promise<void>;
  /** Journals a call. With `binding`, first claims the key: `claimed: false` returns the existing binding. */
  begin(
    entry: NewEntry,
    binding?: KeyBinding,
  ): Promise<{ claimed: true } | { claimed: false; existing: KeyBinding }>;
  markSent(id: string, update: SentUpdate): Promise<void>;
  finish(id: string, update: FinishUpdate): Promise<void>;
  /** Moves a call from one outcome to another if it still has the first (a compare-and-set). */
  transition(id: string, from: CallOutcome, to: CallOutcome): Promise<boolean>;
  get(id: string): Promise<JournalEntry | undefined>;
  list(filter: ListFilter): Promise<JournalEntry[]>;
  /** Removes calls finished before `before` (ms since the epoch) and their keys; returns how many. */
  prune(before: number): Promise<number>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
