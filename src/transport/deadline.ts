/**
 * The deadline of one call: a timer and the caller's AbortSignal folded into
 * one signal, whose `reason` is an {@link MmsTransportError} (`TIMEOUT` or
 * `ABORTED`). Everything a call waits for (hooks, HTTP attempts, back-off,
 * decoding) waits under this signal, so nothing can hold a call past its
 * deadline or after the caller gave up.
 */
import { asMmsError, MmsTransportError, type MmsError } from '../errors.js';
import type { AuditRequest } from './audit.js';

export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: () => void;

  /**
   * @param operation - named in the messages
   * @param timeoutMs - already checked (see `checkTimeout`)
   */
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
    callerSignal?: AbortSignal,
  ) {
    this.#timer = setTimeout(
      () =>
        this.#controller.abort(
          new MmsTransportError(
            'TIMEOUT',
            `${operation}: no result within the call deadline of ${timeoutMs} ms.`,
          ),
        ),
      timeoutMs,
    );
    this.#callerSignal = callerSignal;
    this.#onCallerAbort = () =>
      this.#controller.abort(
        new MmsTransportError('ABORTED', `${operation}: cancelled by the caller.`, {
          cause: callerSignal?.reason,
        }),
      );
    if (callerSignal?.aborted) this.#onCallerAbort();
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Aborts at the deadline or when the caller aborts; `reason` is an MmsTransportError. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stops the timer and lets go of the caller's signal. Safe to call more than once. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/**
 * Settles like `work`, unless `signal` aborts first: then rejects with the
 * signal's reason and stops waiting (the work itself cannot be stopped; a
 * hook that never settles is simply no longer awaited).
 */
export function untilAborted<T>(work: Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Whether `err` is the call's own deadline or cancellation, not a failure of what ran. */
export function stoppedBy(signal: AbortSignal, err: unknown): boolean {
  return signal.aborted && err === signal.reason;
}

/**
 * A deadline or cancellation that struck after the server had answered:
 * the request was received (and a submission may have been processed).
 */
export function answeredButStopped(err: unknown, request: AuditRequest, status: number): MmsError {
  if (!(err instanceof MmsTransportError) || (err.code !== 'TIMEOUT' && err.code !== 'ABORTED'))
    return asMmsError(err, request.operation);
  return new MmsTransportError(
    err.code,
    `${err.message} The MMS had answered (HTTP ${status}) before that; the request was received, so check its outcome before sending it again.`,
    { url: request.url, status, requestSent: true, cause: err.cause ?? err },
  );
}
