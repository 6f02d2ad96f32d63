/**
 * Running the audit hooks of one attempt, each under the call's deadline and
 * AbortSignal (a hook that never settles cannot hold a call past either).
 * `beforeSend` failing stops the attempt before anything is sent; failures
 * of `afterReceive` and `attemptFailed` are logged and swallowed, because
 * the server has already acted and turning its answer into an error could
 * make the caller submit twice.
 */
import { MmsClientError, type MmsError } from '../errors.js';
import type { Logger } from '../logger.js';
import { printable } from '../text.js';
import type { AttemptFailedEvent, AuditRequest, AuditResponse, TransportHooks } from './audit.js';
import { answeredButStopped, stoppedBy, untilAborted } from './deadline.js';

/** The hooks of a transport, run in order. */
export class HookRunner {
  readonly #hooks: readonly TransportHooks[];
  readonly #logger: Logger;

  constructor(hooks: TransportHooks | readonly TransportHooks[] | undefined, logger: Logger) {
    this.#hooks = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks as TransportHooks];
    this.#logger = logger;
  }

  /**
   * Runs every `beforeSend` hook. Returns `stopped` when the deadline or the
   * caller stopped a hook; throws `HOOK_FAILED` when one threw or rejected.
   */
  async beforeSend(request: AuditRequest, signal: AbortSignal): Promise<'sent' | 'stopped'> {
    for (const hook of this.#hooks) {
      if (!hook.beforeSend) continue;
      try {
        await runHook(() => hook.beforeSend?.({ request }), signal);
      } catch (err) {
        if (stoppedBy(signal, err)) return 'stopped';
        throw new MmsClientError(
          'HOOK_FAILED',
          `${request.operation}: a beforeSend hook failed (${hookErrorText(err)}); attempt ${request.attempt} was not sent.`,
          { cause: err },
        );
      }
    }
    return 'sent';
  }

  /**
   * Runs every `afterReceive` hook. A deadline or cancellation while one runs
   * ends the call: the error returned says that the MMS had answered.
   */
  async afterReceive(
    request: AuditRequest,
    response: AuditResponse,
    transactionId: string | undefined,
    signal: AbortSignal,
  ): Promise<MmsError | undefined> {
    for (const hook of this.#hooks) {
      if (!hook.afterReceive) continue;
      try {
        await runHook(
          () =>
            hook.afterReceive?.({
              request,
              response,
              ...(transactionId !== undefined ? { transactionId } : {}),
            }),
          signal,
        );
      } catch (err) {
        if (stoppedBy(signal, err)) return answeredButStopped(err, request, response.status);
        this.#logFailure('afterReceive', request, err);
      }
    }
    return undefined;
  }

  /** Runs every `attemptFailed` hook; a deadline passing here is seen by the retry loop. */
  async attemptFailed(event: AttemptFailedEvent, signal: AbortSignal): Promise<void> {
    for (const hook of this.#hooks) {
      if (!hook.attemptFailed) continue;
      try {
        await runHook(() => hook.attemptFailed?.(event), signal);
      } catch (err) {
        if (stoppedBy(signal, err)) return;
        this.#logFailure('attemptFailed', event.request, err);
      }
    }
  }

  #logFailure(hook: string, request: AuditRequest, err: unknown): void {
    this.#logger.error(`mms: ${hook} hook failed`, {
      operation: request.operation,
      error: hookErrorText(err),
    });
  }
}

/**
 * Runs one hook (sync or async, throwing or rejecting) under the call's
 * signal: settles like the hook, or rejects with the signal's reason when
 * the deadline passes or the caller aborts first.
 */
function runHook(call: () => void | Promise<void>, signal: AbortSignal): Promise<void> {
  return untilAborted(Promise.resolve().then(call), signal);
}

/** A hook's error, for a message: its name and first line, never more than a line. */
function hookErrorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return printable(text.split('\n')[0] ?? '', 300);
}
