/**
 * When to retry a call, and how long to wait (MMS-PROTOCOL.md §9).
 *
 * - A request that never reached the server (refused, DNS, TLS handshake,
 *   connection lost before the body was flushed) is always retried: nothing
 *   can have been processed.
 * - HTTP 5xx without a SOAP fault, timeouts and connections lost after the
 *   request was sent are retried for queries only. A submission is not known
 *   to be idempotent, so it is retried only when the caller opts in.
 * - 4xx, SOAP faults and undecodable responses are never retried: the server
 *   answered, and asking again gives the same answer.
 */
import { MmsClientError } from '../errors.js';
import type { OperationKind } from '../vocabulary.js';
import { checkBoolean, checkDelay, checkInteger } from '../options.js';

/** Most attempts a policy may ask for: more is a mistake, not resilience. */
export const MAX_ATTEMPTS = 100;

/** Retry settings. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 4 (three retries, as the reference client). */
  readonly maxAttempts: number;
  /** Delay before the first retry, before jitter. Default 500 ms. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. Default 8 s. */
  readonly maxDelayMs: number;
  /** Retry submissions after 5xx/timeouts/lost connections too. Default false. */
  readonly retrySubmissions: boolean;
  /** Waits `ms` or rejects when `signal` aborts. Injectable so tests run fast. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform random in [0, 1) for jitter. Injectable for deterministic tests. */
  readonly random: () => number;
}

/** Sleeps `ms`, rejecting with the signal's reason if it aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The default policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  retrySubmissions: false,
  sleep: abortableSleep,
  random: Math.random,
});

/** Merges user settings over the defaults and checks them. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  if (typeof partial !== 'object' || partial === null)
    throw new MmsClientError('INVALID_OPTION', 'retry must be an object of retry settings.');
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...defined };
  checkInteger('retry.maxAttempts', policy.maxAttempts, 1, MAX_ATTEMPTS);
  checkDelay('retry.baseDelayMs', policy.baseDelayMs);
  checkDelay('retry.maxDelayMs', policy.maxDelayMs);
  checkBoolean('retry.retrySubmissions', policy.retrySubmissions);
  for (const name of ['sleep', 'random'] as const) {
    if (typeof policy[name] !== 'function')
      throw new MmsClientError('INVALID_OPTION', `retry.${name} must be a function.`);
  }
  return policy;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential
 * growth capped at `maxDelayMs`, with "equal jitter" (half fixed, half
 * random) so that clients that failed together do not retry together, while
 * no retry fires immediately.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + policy.random() * (exp / 2));
}

/** How an attempt failed, as far as retrying is concerned. */
export type FailureKind =
  /** The request cannot have reached the server. */
  | 'not-sent'
  /** The request may have been processed (5xx, timeout, connection lost after sending). */
  | 'ambiguous'
  /** A definite answer or a caller decision: never retried. */
  | 'final';

/** Whether a failure of `kind` is retried for a call of `callKind`. */
export function isRetryable(kind: FailureKind, callKind: OperationKind, retrySubmissions: boolean): boolean {
  if (kind === 'not-sent') return true;
  if (kind === 'ambiguous') return callKind === 'query' || retrySubmissions;
  return false;
}
