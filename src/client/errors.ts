/** Errors of the client layer: refused before sending, or failed by the MMS rules. */
import { MmsError } from '../errors.js';
import { isStopNote, type Violation } from '../xml/validate.js';
import type { ClientType } from '../transport/index.js';
import type { MmsMessage, ProcessingStatistics, RejectionReason } from './result.js';

/**
 * The request breaks the schema, or a rule of the MMS beyond it, and was not
 * sent (strict validation). Lists every violation with its path; a broken
 * rule's violation also carries the rule's `rule` id and `severity`
 * (src/rules, docs/rules.md).
 */
export class MmsInputError extends MmsError {
  declare readonly code: 'INVALID_INPUT';
  readonly operation: string;
  readonly violations: readonly Violation[];

  constructor(operation: string, violations: readonly Violation[]) {
    // A list cut at its maximum ends with a note that there are more.
    const cut = violations.length > 0 && isStopNote(violations[violations.length - 1]!);
    const count = cut ? violations.length - 1 : violations.length;
    const lines = violations.slice(0, 20).map((v) => `  ${v.path}: ${v.message}`);
    if (violations.length > 20) lines.push(`  … and ${count - 20}${cut ? ' and more' : ' more'}`);
    const places = cut ? `more than ${count} places` : `${count} place${count === 1 ? '' : 's'}`;
    const what = violations.every((v) => 'rule' in v) ? 'the MMS rules' : 'the MMS schema';
    super(
      'INVALID_INPUT',
      `${operation}: the request breaks ${what} in ${places} and was not sent:\n${lines.join('\n')}`,
    );
    this.operation = operation;
    this.violations = violations;
  }
}

/** The operation is not open to this client type; nothing was sent. */
export class AudienceError extends MmsError {
  declare readonly code: 'AUDIENCE';
  constructor(
    readonly operation: string,
    readonly clientType: ClientType,
    readonly allowed: readonly ClientType[],
  ) {
    super(
      'AUDIENCE',
      `${operation} is open to ${allowed.map((c) => c.toUpperCase()).join(' and ')} clients only; this client is configured as ${clientType.toUpperCase()}. Nothing was sent.`,
    );
  }
}

/**
 * The MMS processed the request and rejected it, wholly or in part
 * (MMS-PROTOCOL.md §7). `errors` holds exactly the server's `Error` entries,
 * with their path and the index of the data item the path lies in;
 * `reasons` the client's own reading of the statuses that fail the call
 * (`Success=false`, `Validation=FAILED`, `Invalid` > 0, a status it cannot
 * read), which may be the only sign of a rejection; `messages` every
 * message of the response, warnings and information included.
 */
export class MmsValidationError extends MmsError {
  declare readonly code: 'VALIDATION_FAILED';
  readonly operation: string;
  /** What the server said: its `Error` entries, none invented. */
  readonly errors: readonly MmsMessage[];
  /** What the client read from the statuses, in its own words. */
  readonly reasons: readonly RejectionReason[];
  readonly messages: readonly MmsMessage[];
  readonly statistics: ProcessingStatistics | undefined;
  /** The decoded response data, for inspecting which items passed. */
  readonly data: unknown;

  constructor(
    operation: string,
    details: {
      errors: readonly MmsMessage[];
      reasons: readonly RejectionReason[];
      messages: readonly MmsMessage[];
      statistics: ProcessingStatistics | undefined;
      data: unknown;
    },
  ) {
    const lines = [
      ...details.errors.map((e) => `  ${e.path}: ${e.code ? `[${e.code}] ` : ''}${e.text}`),
      ...details.reasons.map((r) => `  ${r.path}: (status) ${r.text}`),
    ];
    const shown = lines.slice(0, 20);
    if (lines.length > 20) shown.push(`  … and ${lines.length - 20} more`);
    const tx = details.statistics?.TransactionId;
    super(
      'VALIDATION_FAILED',
      `${operation} was rejected by the MMS${tx ? ` (transaction ${tx})` : ''}:\n${shown.join('\n')}`,
    );
    this.operation = operation;
    this.errors = details.errors;
    this.reasons = details.reasons;
    this.messages = details.messages;
    this.statistics = details.statistics;
    this.data = details.data;
  }
}
