/**
 * One JSON call through the gateway: find the operation and participant,
 * check the caller may make it, validate the body, bind the idempotency key,
 * journal the call, send it through the participant's MmsClient under its
 * concurrency cap, journal the outcome, answer with the result or a problem.
 *
 * Idempotency: the first request with a key owns it (the journal's unique
 * key decides, across instances). A repeat with the same body waits for the
 * first to finish and gets its recorded answer without reaching the MMS; a
 * different body is 409. When the first was sent and never answered
 * ("outcome unknown"), one repeat at a time asks the MMS through a query
 * that can tell (see reconcile.ts), and sends again only when the query
 * shows none of the items arrived.
 */
import { randomUUID } from 'node:crypto';
import { operations } from '../../generated/index.js';
import { AudienceError } from '../client/errors.js';
import type { MmsResult } from '../client/result.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { authorize, sha256Hex, type Caller } from './auth.js';
import { currentCall, type CallContext } from './call-context.js';
import { FINAL_OUTCOMES, type CallOutcome, type JournalEntry, type JournalStore } from './journal/index.js';
import type { KeyBinding, NewEntry } from './journal/types.js';
import type { GatewayMetrics } from './metrics.js';
import type { HeldParticipant } from './participants.js';
import { GatewayProblem, problemOf, type Outcome } from './problem.js';
import { canReconcile, reconcile, type Reconciliation } from './reconcile.js';
import type { RequestValidator } from './request-validator.js';
import { stableJson } from './stable-json.js';

export interface CallRequest {
  readonly caller: Caller;
  readonly participant: string;
  readonly operation: string;
  readonly body: unknown;
  readonly idempotencyKey?: string;
  readonly traceId?: string;
}

export interface CallReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Body {
  readonly attributes?: Record<string, unknown>;
  readonly data: unknown;
  readonly options?: { readonly timeoutMs?: number };
}

export interface CallHandlerOptions {
  readonly participants: ReadonlyMap<string, HeldParticipant>;
  readonly journal: JournalStore;
  readonly validator: RequestValidator;
  readonly metrics: GatewayMetrics;
  readonly instance: string;
  readonly keyRequiredForSubmissions: boolean;
  /** Longest a repeat waits for the first call with its key. */
  readonly waitMs: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const journalOutcome: Record<Outcome, CallOutcome> = {
  'not-sent': 'not-sent',
  rejected: 'rejected',
  unknown: 'unknown',
  failed: 'failed',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function problemReply(err: unknown, callId?: string): CallReply {
  const problem = problemOf(err);
  return { status: problem.status, body: { ...problem, ...(callId ? { callId } : {}) } };
}

export class CallHandler {
  readonly #o: CallHandlerOptions;

  constructor(options: CallHandlerOptions) {
    this.#o = options;
  }

  async handle(request: CallRequest): Promise<CallReply> {
    try {
      return await this.#handle(request);
    } catch (err) {
      return problemReply(err);
    }
  }

  async #handle(request: CallRequest): Promise<CallReply> {
    const op = (operations as Record<string, OperationDescriptor | undefined>)[request.operation];
    if (!op)
      throw new GatewayProblem(
        404,
        'UNKNOWN_OPERATION',
        `unknown operation ${request.operation} (see /openapi.json)`,
      );
    const held = this.#o.participants.get(request.participant);
    if (!held)
      throw new GatewayProblem(
        404,
        'UNKNOWN_PARTICIPANT',
        `the gateway holds no credentials for ${request.participant}`,
      );
    authorize(request.caller, request.participant, op);
    if (!op.audience.includes(held.entry.clientType))
      throw new AudienceError(op.id, held.entry.clientType, op.audience);
    const violations = this.#o.validator.check(op.id, request.body);
    if (violations.length > 0) {
      const list = violations.map((v) => `${v.path}: ${v.message}`).join('; ');
      throw new GatewayProblem(
        400,
        'INVALID_BODY',
        `${op.id}: the body breaks the schema: ${list}`,
        'not-sent',
        violations,
      );
    }
    const key = request.idempotencyKey;
    if (key !== undefined && !KEY_PATTERN.test(key))
      throw new GatewayProblem(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 visible ASCII characters',
      );
    if (key === undefined && op.kind === 'submit' && this.#o.keyRequiredForSubmissions)
      throw new GatewayProblem(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        `${op.id} is a submission: send an Idempotency-Key header, so that a retry cannot submit twice`,
        'not-sent',
      );

    const body = request.body as Body;
    const entry: NewEntry = {
      id: randomUUID(),
      caller: request.caller.name,
      participant: request.participant,
      operation: op.id,
      kind: op.kind,
      idempotencyKey: key ?? null,
      bodySha256: sha256Hex(stableJson(body)),
      input: JSON.stringify(body),
      traceId: request.traceId ?? null,
      instance: this.#o.instance,
    };
    const binding: KeyBinding | undefined =
      key === undefined
        ? undefined
        : {
            scope: `${request.caller.name}/${request.participant}`,
            key,
            bodySha256: entry.bodySha256,
            callId: entry.id,
          };
    const begun = await this.#o.journal.begin(entry, binding);
    if (!begun.claimed) return this.#repeat(entry, begun.existing, op, held, body);
    return this.#run(entry.id, op, held, body);
  }

  /** Sends the call and journals its outcome under `callId`. */
  async #run(
    callId: string,
    op: OperationDescriptor,
    held: HeldParticipant,
    body: Body,
    note?: Record<string, unknown>,
  ): Promise<CallReply> {
    const started = performance.now();
    const { metrics, journal } = this.#o;
    const context: CallContext = { callId, operation: op.id, attempts: 0 };
    metrics.inFlight.add({ participant: held.entry.name }, 1);
    let reply: CallReply;
    let outcome: CallOutcome;
    let transactionId: string | undefined;
    let errorCode: string | undefined;
    try {
      const result = (await held.limiter.run(() =>
        currentCall.run(context, () =>
          (
            held.client.request as unknown as (
              o: string,
              a: unknown,
              d: unknown,
              c: unknown,
            ) => Promise<MmsResult<unknown>>
          ).call(
            held.client,
            op.id,
            body.attributes ?? {},
            body.data,
            body.options?.timeoutMs !== undefined ? { timeoutMs: body.options.timeoutMs } : {},
          ),
        ),
      )) as MmsResult<unknown>;
      transactionId = result.statistics?.TransactionId;
      outcome = 'ok';
      reply = {
        status: 200,
        body: { ...result, ...(transactionId ? { transactionId } : {}), callId, ...(note ?? {}) },
      };
    } catch (err) {
      reply = problemReply(err, callId);
      const problem = reply.body as { outcome?: Outcome; code: string };
      outcome = journalOutcome[problem.outcome ?? 'failed'];
      errorCode = problem.code;
      if (note) reply = { ...reply, body: { ...reply.body, ...note } };
    } finally {
      metrics.inFlight.add({ participant: held.entry.name }, -1);
    }
    const durationMs = Math.round(performance.now() - started);
    await journal.finish(callId, {
      outcome,
      httpStatus: reply.status,
      response: JSON.stringify(reply.body),
      ...(transactionId ? { transactionId } : {}),
      attempts: context.attempts,
      durationMs,
      ...(errorCode ? { errorCode } : {}),
      ...(context.lastAnswer ? { rawAnswer: context.lastAnswer } : {}),
    });
    metrics.calls.add({ operation: op.id, outcome });
    metrics.duration.observe({ operation: op.id }, durationMs / 1000);
    return reply;
  }

  /** Polls the journal until the call is final or the wait is over. */
  async #waitFinal(callId: string): Promise<JournalEntry | undefined> {
    const until = Date.now() + this.#o.waitMs;
    let pause = 10;
    for (;;) {
      const entry = await this.#o.journal.get(callId);
      if (entry && FINAL_OUTCOMES.has(entry.outcome)) return entry;
      if (Date.now() >= until) return entry;
      await sleep(pause);
      pause = Math.min(pause * 2, 200);
    }
  }

  /** A request whose key another call already owns. */
  async #repeat(
    entry: NewEntry,
    existing: KeyBinding,
    op: OperationDescriptor,
    held: HeldParticipant,
    body: Body,
  ): Promise<CallReply> {
    if (existing.bodySha256 !== entry.bodySha256) {
      return this.#recordRepeat(
        entry,
        existing.callId,
        problemReply(
          new GatewayProblem(
            409,
            'IDEMPOTENCY_KEY_REUSED',
            `the Idempotency-Key was first used with another body (call ${existing.callId}); use a new key for a new request`,
          ),
        ),
      );
    }
    for (let round = 0; round < 3; round++) {
      const first = await this.#waitFinal(existing.callId);
      if (!first || !FINAL_OUTCOMES.has(first.outcome)) {
        return this.#recordRepeat(
          entry,
          existing.callId,
          problemReply(
            new GatewayProblem(
              409,
              'IDEMPOTENCY_IN_PROGRESS',
              `the first call with this Idempotency-Key (${existing.callId}) has not finished; its outcome is unknown so far`,
              'unknown',
            ),
          ),
        );
      }
      if (first.outcome === 'unknown') {
        const resolved = await this.#resolveUnknown(first, op, held, body);
        if (resolved) return this.#recordRepeat(entry, first.id, resolved, false);
        continue; // another repeat is reconciling: wait for its result
      }
      if (first.outcome === 'not-sent' && (first.httpStatus ?? 0) >= 500) {
        // Never reached the MMS (it could not be reached): one repeat sends it, the others wait for that.
        if (await this.#o.journal.transition(first.id, 'not-sent', 'reconciling')) {
          return this.#recordRepeat(entry, first.id, await this.#run(first.id, op, held, body), false);
        }
        continue;
      }
      this.#o.metrics.replays.add({ operation: op.id });
      return this.#recordRepeat(entry, first.id, {
        status: first.httpStatus ?? 500,
        body: JSON.parse(first.response ?? '{}') as Record<string, unknown>,
        headers: { 'idempotent-replayed': 'true' },
      });
    }
    return this.#recordRepeat(
      entry,
      existing.callId,
      problemReply(
        new GatewayProblem(
          409,
          'OUTCOME_UNKNOWN',
          `the outcome of the first call with this Idempotency-Key (${existing.callId}) is still unknown`,
          'unknown',
        ),
      ),
    );
  }

  /**
   * The first call was sent and not answered. Returns the reply, or
   * undefined when another repeat is already reconciling it.
   */
  async #resolveUnknown(
    first: JournalEntry,
    op: OperationDescriptor,
    held: HeldParticipant,
    body: Body,
  ): Promise<CallReply | undefined> {
    const unknown = (detail: string): CallReply =>
      problemReply(new GatewayProblem(409, 'OUTCOME_UNKNOWN', detail, 'unknown'), first.id);
    if (!canReconcile(op.id)) {
      return unknown(
        `the first call with this Idempotency-Key (${first.id}) was sent and no answer came; no MMS query can tell whether ${op.id} was processed, so the gateway will not send it again: check with the MMS, then use a new key`,
      );
    }
    if (!(await this.#o.journal.transition(first.id, 'unknown', 'reconciling'))) return undefined;
    let found: Reconciliation;
    try {
      found = await held.limiter.run(() => reconcile(held.client, op.id, body));
    } catch (err) {
      await this.#o.journal.transition(first.id, 'reconciling', 'unknown');
      return problemReply(err, first.id);
    }
    const note = { reconciliation: { previousOutcome: 'unknown', query: found.query, found: found.found } };
    if (found.found) {
      const reply: CallReply = {
        status: 200,
        body: {
          data: found.data,
          messages: [],
          statistics: null,
          responseProblems: [],
          warnings: false,
          ...(found.transactionId ? { transactionId: found.transactionId } : {}),
          callId: first.id,
          ...note,
        },
      };
      await this.#o.journal.finish(first.id, {
        outcome: 'ok',
        httpStatus: reply.status,
        response: JSON.stringify(reply.body),
        durationMs: first.durationMs ?? 0,
      });
      return reply;
    }
    if (found.some) {
      await this.#o.journal.transition(first.id, 'reconciling', 'unknown');
      return unknown(
        `${found.query} shows only some items of the first call (${first.id}) at the MMS; sending again would duplicate them: check, then use a new key`,
      );
    }
    // The query shows nothing arrived: sending now cannot make a duplicate.
    return this.#run(first.id, op, held, body, note);
  }

  /** Journals a repeat as its own entry, pointing to the call whose answer it got. */
  async #recordRepeat(
    entry: NewEntry,
    firstId: string,
    reply: CallReply,
    replayed = true,
  ): Promise<CallReply> {
    const { journal } = this.#o;
    await journal.begin({ ...entry, outcome: 'replayed', replayOf: firstId });
    await journal.finish(entry.id, {
      outcome: 'replayed',
      httpStatus: reply.status,
      response: JSON.stringify(reply.body),
      durationMs: 0,
    });
    return replayed
      ? { ...reply, headers: { ...(reply.headers ?? {}), 'idempotent-replayed': 'true' } }
      : reply;
  }
}
