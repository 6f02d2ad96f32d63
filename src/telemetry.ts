/**
 * OpenTelemetry tracing through `@opentelemetry/api`: a span per call
 * (`mms.call`) and one per HTTP attempt (`mms.attempt`, a child of the
 * call's). Attributes are the operation, interface, kind, attempt number,
 * outcome and the MMS transaction id: never a payload, a header, a
 * certificate or a passphrase. Without an SDK installed by the application
 * the API is a no-op and costs next to nothing.
 */
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import { operations } from '../generated/index.js';
import { MmsError } from './errors.js';
import type { AuditRequest, TransportHooks } from './transport/audit.js';

/** Name of the tracer (instrumentation scope) mms-client uses. */
export const TRACER_NAME = 'mms-client';

const tracer = () => trace.getTracer(TRACER_NAME);

function endWithError(span: Span, err: unknown): void {
  const code = err instanceof MmsError ? err.code : 'INTERNAL_ERROR';
  span.setAttribute('mms.outcome', 'error');
  span.setAttribute('mms.error_code', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  span.end();
}

/** Runs one call under a `mms.call` span, made the active span so attempts nest under it. */
export async function inCallSpan<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const op = (operations as Record<string, { interface: string; kind: string } | undefined>)[operation];
  const span = tracer().startSpan('mms.call', {
    kind: SpanKind.CLIENT,
    attributes: {
      'mms.operation': operation,
      ...(op ? { 'mms.interface': op.interface, 'mms.kind': op.kind } : {}),
    },
  });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), call);
    const transactionId = (result as { statistics?: { TransactionId?: string } } | undefined)?.statistics
      ?.TransactionId;
    if (transactionId) span.setAttribute('mms.transaction_id', transactionId);
    span.setAttribute('mms.outcome', 'ok');
    span.end();
    return result;
  } catch (err) {
    endWithError(span, err);
    throw err;
  }
}

/** Transport hooks that open a span per attempt; they never throw, so they can never stop a call. */
export function attemptSpans(): TransportHooks {
  const open = new WeakMap<AuditRequest, Span>();
  const guard = (body: () => void): void => {
    try {
      body();
    } catch {
      // Tracing must not change what a call does.
    }
  };
  return {
    beforeSend({ request }) {
      guard(() => {
        open.set(
          request,
          tracer().startSpan('mms.attempt', {
            kind: SpanKind.CLIENT,
            attributes: {
              'mms.operation': request.operation,
              'mms.interface': request.interface,
              'mms.kind': request.kind,
              'mms.attempt': request.attempt,
            },
          }),
        );
      });
    },
    afterReceive({ request, response, transactionId }) {
      guard(() => {
        const span = open.get(request);
        if (!span) return;
        span.setAttribute('http.response.status_code', response.status);
        if (transactionId) span.setAttribute('mms.transaction_id', transactionId);
        span.setAttribute('mms.outcome', response.status < 400 ? 'answered' : 'error');
        span.end();
        open.delete(request);
      });
    },
    attemptFailed({ request, error, willRetry }) {
      guard(() => {
        const span = open.get(request);
        if (!span) return;
        span.setAttribute('mms.will_retry', willRetry);
        endWithError(span, error);
        open.delete(request);
      });
    },
  };
}

/** The user's hooks with the attempt spans added after them. */
export function withAttemptSpans(
  hooks: TransportHooks | readonly TransportHooks[] | undefined,
): readonly TransportHooks[] {
  const list = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks as TransportHooks];
  return [...list, attemptSpans()];
}
