/**
 * Cooperative reading: long decoders (XML, schema decoding, inline base64)
 * work in slices and let the event loop run every few milliseconds, so
 * timers, deadlines and other connections stay served, and stop between
 * slices when the call's signal aborts.
 */
import { MmsError, MmsTransportError } from '../errors.js';

/** Longest stretch of work before the event loop gets a turn. */
export const YIELD_AFTER_MS = 10;

/** The signal's reason if it has aborted: an MmsError as is, anything else as `ABORTED`. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof MmsError) throw reason;
  throw new MmsTransportError('ABORTED', 'The call was cancelled.', { cause: reason });
}

/**
 * A function to await between slices of work: it yields (`setImmediate`)
 * once {@link YIELD_AFTER_MS} have passed since the last yield, then throws
 * if `signal` has aborted.
 */
export function pauser(signal: AbortSignal | undefined): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since > YIELD_AFTER_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
    throwIfAborted(signal);
  };
}
