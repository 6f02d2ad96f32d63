/**
 * Errors as RFC 9457 problem details (`application/problem+json`), with the
 * MmsError code and an HTTP status chosen by what kind of failure it is.
 * Whether the MMS may have received a submission is read from the error's
 * `requestSent` (what happened on the connection), never from its name.
 */
import { MmsError, MmsServerError, MmsTransportError } from '../errors.js';
import { AudienceError, MmsInputError, MmsValidationError } from '../client/errors.js';
import type { MmsMessage } from '../client/result.js';
import type { Violation } from '../xml/validate.js';
import { printable } from '../text.js';
import type { BodyViolation } from './request-validator.js';

/** The statuses the gateway answers with, and what each means (also in the OpenAPI document). */
export const PROBLEM_STATUSES = {
  '400': 'The request is invalid (body, attributes or data); nothing was sent to the MMS',
  '401': 'No valid credentials (bearer token or client certificate)',
  '403': 'The caller may not use this participant or operation, or the participant type may not',
  '404': 'Unknown participant or operation',
  '409': 'Idempotency conflict: the key was used with another body, or the first outcome is unknown',
  '413': 'Request body too large',
  '422': 'The MMS rejected the request',
  '502': 'The MMS or the connection to it failed',
  '503': 'The gateway is shutting down or not ready',
  '504': 'The deadline passed',
} as const;

/** What became of the call at the MMS, as far as the gateway can know. */
export type Outcome = 'not-sent' | 'rejected' | 'unknown' | 'failed';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly outcome?: Outcome;
  readonly violations?: readonly (Violation | BodyViolation)[];
  readonly messages?: readonly MmsMessage[];
  readonly callId?: string;
}

const BASE = 'https://mms-client.dev/problems/';

/** A problem the gateway itself raises (authentication, idempotency, limits). */
export class GatewayProblem extends MmsError {
  readonly status: number;
  readonly outcome: Outcome | undefined;
  readonly violations: readonly BodyViolation[] | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    outcome?: Outcome,
    violations?: readonly BodyViolation[],
  ) {
    super(code, message);
    this.status = status;
    this.outcome = outcome;
    this.violations = violations;
  }
}

function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `${BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: PROBLEM_STATUSES[String(status) as keyof typeof PROBLEM_STATUSES] ?? 'Error',
    status,
    detail: printable(detail, 4000),
    code,
    ...extra,
  };
}

/** Whether a failed call may have reached the MMS. Only a transport error can say it did not. */
export function mayHaveReached(err: unknown): boolean {
  return problemOf(err).outcome !== 'not-sent';
}

/** The problem for any error of a call. */
export function problemOf(err: unknown): Problem {
  if (err instanceof GatewayProblem)
    return problem(err.status, err.code, err.message, {
      ...(err.outcome ? { outcome: err.outcome } : {}),
      ...(err.violations ? { violations: err.violations } : {}),
    });
  if (err instanceof MmsInputError)
    return problem(400, err.code, err.message, { violations: err.violations, outcome: 'not-sent' });
  if (err instanceof AudienceError) return problem(403, err.code, err.message, { outcome: 'not-sent' });
  if (err instanceof MmsValidationError)
    return problem(422, err.code, err.message, { messages: err.errors, outcome: 'rejected' });
  if (err instanceof MmsServerError) return problem(502, err.code, err.message, { outcome: 'failed' });
  if (err instanceof MmsTransportError) {
    const status = err.code === 'TIMEOUT' ? 504 : 502;
    return problem(status, err.code, err.message, { outcome: err.requestSent ? 'unknown' : 'not-sent' });
  }
  if (err instanceof MmsError) {
    const input = err.code === 'INVALID_REQUEST' || err.code === 'INVALID_OPTION';
    // A beforeSend hook (the journal) failing stops the attempt before a byte is sent; any
    // other failure (an answer that cannot be read, a defect) may follow a processed submission.
    const notSent = input || err.code === 'HOOK_FAILED';
    return problem(input ? 400 : 502, err.code, err.message, { outcome: notSent ? 'not-sent' : 'unknown' });
  }
  return problem(500, 'INTERNAL_ERROR', 'internal error in the gateway');
}
