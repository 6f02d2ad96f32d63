/**
 * Audit hooks: the raw HTTP bytes of every attempt, as sent and as received.
 *
 * The bytes hold the payload, its signature and the server's answer; key
 * material and passphrases never pass through here (the key lives inside the
 * TLS context), so an auditor cannot leak them.
 */
import { randomBytes } from 'node:crypto';
import type { OperationKind } from '../vocabulary.js';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MmsError } from '../errors.js';
import type { Interface } from '../vocabulary.js';

/** One attempt's request, as sent. */
export interface AuditRequest {
  /** Random id shared by all attempts of one call. */
  readonly callId: string;
  /** Operation name given by the caller (for example `MarketSubmit_OfferData`). */
  readonly operation: string;
  readonly interface: Interface;
  readonly kind: OperationKind;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly url: string;
  readonly timestamp: Date;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact HTTP body bytes. */
  readonly body: Uint8Array;
  /** Transaction id supplied by the caller, if any. */
  readonly transactionId?: string;
}

/** One HTTP response, whatever its status. */
export interface AuditResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact HTTP body bytes (after content decoding). */
  readonly body: Uint8Array;
  readonly durationMs: number;
}

/** Passed to {@link TransportHooks.beforeSend}. */
export interface BeforeSendEvent {
  readonly request: AuditRequest;
}

/** Passed to {@link TransportHooks.afterReceive}. */
export interface AfterReceiveEvent {
  readonly request: AuditRequest;
  readonly response: AuditResponse;
  /** Transaction id: the caller's, or `ProcessingStatistics/@TransactionId` of the response payload. */
  readonly transactionId?: string;
}

/** Passed to {@link TransportHooks.attemptFailed}. */
export interface AttemptFailedEvent {
  readonly request: AuditRequest;
  /** Present when the server answered (for example HTTP 500). */
  readonly response?: AuditResponse;
  readonly error: MmsError;
  /** Whether another attempt follows. */
  readonly willRetry: boolean;
  readonly durationMs: number;
}

/**
 * Observers of each attempt. All may be async; they are awaited in order.
 *
 * An error thrown by `beforeSend` aborts the call before anything is sent
 * (an auditor that cannot record must not let unrecorded traffic through).
 * Errors thrown by `afterReceive` and `attemptFailed` are logged and
 * swallowed: the server has already acted, and turning its answer into an
 * error could make the caller submit twice.
 */
export interface TransportHooks {
  beforeSend?(event: BeforeSendEvent): void | Promise<void>;
  afterReceive?(event: AfterReceiveEvent): void | Promise<void>;
  attemptFailed?(event: AttemptFailedEvent): void | Promise<void>;
}

/** Options of {@link FileAuditor}. */
export interface FileAuditorOptions {
  /** Clock for file names (tests). */
  readonly now?: () => Date;
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Writes every request/response pair to a directory, one file per message:
 * `<UTC timestamp>_<operation>[_<transaction id>]_<call id>_a<attempt>.request.http`,
 * the matching `.response.http`, and `.error.txt` for attempts without a
 * response. Files hold the request line or status, headers and the raw body.
 * Credentials in headers are redacted; no key or passphrase reaches here.
 *
 * @example
 * ```ts
 * const transport = new Transport({ ..., hooks: new FileAuditor('/var/log/mms') });
 * ```
 */
export class FileAuditor implements TransportHooks {
  readonly directory: string;
  readonly #now: () => Date;
  #ready: Promise<unknown> | undefined;
  /**
   * File-name stem of each attempt, fixed when its request is written (and
   * given the transaction id when the answer is): every file of an attempt
   * shares it, whenever its hook runs. Keyed by the attempt's request
   * object, so nothing is kept once the transport lets go of it.
   */
  readonly #stems = new WeakMap<AuditRequest, string>();

  constructor(directory: string, options: FileAuditorOptions = {}) {
    this.directory = directory;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * The request is on disk before it is sent: if it cannot be written, the
   * hook throws and the transport sends nothing, so no traffic goes unrecorded.
   */
  async beforeSend(event: BeforeSendEvent): Promise<void> {
    const stem = this.#stem(event.request);
    await this.#write(`${stem}.request.http`, requestFile(event.request));
  }

  async afterReceive(event: AfterReceiveEvent): Promise<void> {
    const stem = this.#stem(event.request);
    const base = withTransaction(stem, event.request, event.transactionId);
    if (base !== stem) {
      // Now that the transaction id is known, the pair carries it.
      await rename(
        path.join(this.directory, `${stem}.request.http`),
        path.join(this.directory, `${base}.request.http`),
      );
    }
    this.#stems.set(event.request, base);
    await this.#write(`${base}.response.http`, responseFile(event.response));
  }

  async attemptFailed(event: AttemptFailedEvent): Promise<void> {
    // The request was written before sending; with a response, afterReceive
    // has written the pair already.
    const stem = this.#stem(event.request);
    const text = `${event.error.name} ${event.error.code}: ${event.error.message}\nwillRetry: ${event.willRetry}\n`;
    await this.#write(`${stem}.error.txt`, Buffer.from(text, 'utf8'));
  }

  #stem(request: AuditRequest): string {
    let stem = this.#stems.get(request);
    if (stem === undefined) {
      const stamp = this.#now()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.(\d{3})Z$/, '$1Z');
      stem = [stamp, safe(request.operation), safe(request.callId), `a${request.attempt}`].join('_');
      this.#stems.set(request, stem);
    }
    return stem;
  }

  async #write(name: string, content: Buffer): Promise<void> {
    this.#ready ??= mkdir(this.directory, { recursive: true, mode: 0o700 });
    await this.#ready;
    await writeFile(path.join(this.directory, name), content, { mode: 0o600, flag: 'wx' });
  }
}

/** `<stamp>_<operation>_<call>_a<n>` → `<stamp>_<operation>_<transaction>_<call>_a<n>`. */
function withTransaction(stem: string, request: AuditRequest, transactionId: string | undefined): string {
  if (transactionId === undefined || transactionId === '') return stem;
  const tail = `_${safe(request.callId)}_a${request.attempt}`;
  return `${stem.slice(0, -tail.length)}_${safe(transactionId)}${tail}`;
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80) || 'x';
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${SECRET_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v}\r\n`)
    .join('');
}

function requestFile(req: AuditRequest): Buffer {
  return Buffer.concat([Buffer.from(`POST ${req.url}\r\n${headerLines(req.headers)}\r\n`, 'utf8'), req.body]);
}

function responseFile(res: AuditResponse): Buffer {
  return Buffer.concat([
    Buffer.from(`HTTP ${res.status}\r\n${headerLines(res.headers)}\r\n`, 'utf8'),
    res.body,
  ]);
}

/** A random id for one call (shared by its attempts). */
export function newCallId(): string {
  return randomBytes(6).toString('hex');
}
