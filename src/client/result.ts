/** What a successful call returns. Plain objects only: results survive JSON round trips. */
import type { Violation } from '../xml/validate.js';
import type { RuleViolation } from '../rules/walk.js';

export type MessageLevel = 'error' | 'warning' | 'information';

/** One entry of a `Messages` element, wherever it stood in the response. */
export interface MmsMessage {
  readonly level: MessageLevel;
  /** The `Code` attribute, when the server sent one. */
  readonly code?: string;
  readonly text: string;
  /** Where the entry stood, e.g. `MarketSubmit.OfferData[1].OfferStack[0]`. */
  readonly path: string;
  /** Index of the data item the entry belongs to, when it belongs to one. */
  readonly item?: number;
}

/**
 * Why the client reads a response as rejected, in its own words: a status
 * that says so (`Success=false`, `Validation=FAILED`), one it cannot read, or
 * `Invalid` > 0. Kept apart from the server's own `Error` entries.
 */
export interface RejectionReason {
  readonly text: string;
  /** The element whose status it is, e.g. `MarketData.MarketSubmit.OfferData[1]`. */
  readonly path: string;
  /** Index of the data item, when the path lies in one. */
  readonly item?: number;
}

/**
 * `ProcessingStatistics` of the response (MMS-PROTOCOL.md §7). Counts and
 * durations are numbers: the counts are xs:int, the durations xs:long in
 * milliseconds, read as a number when it is a safe integer (below 2^53 ms,
 * some 285,000 years); a larger one is left out and reported in
 * `responseProblems`. Ids and timestamps stay strings.
 */
export interface ProcessingStatistics {
  readonly Received?: number;
  readonly Valid?: number;
  readonly Invalid?: number;
  readonly Successful?: number;
  readonly Unsuccessful?: number;
  /** Milliseconds the MMS took (market, registration and OMI answers). */
  readonly ProcessingTimeMs?: number;
  /** Milliseconds the MMS took (report answers). */
  readonly TimeInMs?: number;
  readonly TransactionId?: string;
  readonly TimeStamp?: string;
  readonly XmlTimeStamp?: string;
}

export interface MmsResult<T> {
  /** The data the operation returned: a list for operations on many items (empty when none). */
  readonly data: T;
  /** Every warning and information entry of the response, never dropped. */
  readonly messages: readonly MmsMessage[];
  readonly statistics: ProcessingStatistics | undefined;
  /**
   * Places where the response itself breaks the schema (the server is the
   * authority; we report, not reject), and, with `responseMismatch:
   * 'problem'`, where it names another participant, user or date.
   */
  readonly responseProblems: readonly Violation[];
  /**
   * The `warnings` flag of `ResponseAttInfo`: the MMS says its answer carries
   * warnings. Their text, where the payload has it, is in `messages`.
   */
  readonly warnings: boolean;
  /** Set when the server answered with a file (a report) instead of XML data. */
  readonly file?: MmsFile;
  /** Files the server sent along (`attachmentData` of the response). */
  readonly attachments?: readonly MmsAttachment[];
  /**
   * The warning rules the request broke (src/rules: "should", not "must"),
   * checked by the client before sending; absent when none. Never the MMS's words.
   */
  readonly ruleWarnings?: readonly RuleViolation[];
}

/** A file the server attached to its answer, with the signature it came with. */
export interface MmsAttachment {
  readonly name?: string;
  readonly signature?: string;
  readonly base64: string;
}

/**
 * A file the server returned (a report). The content is base64 so results
 * stay plain JSON; {@link fileBytes} gives the bytes.
 */
export interface MmsFile {
  readonly filename?: string;
  /** `responseDataType` of the response: XML, CSV, HTML, ... */
  readonly dataType: string;
  readonly base64: string;
}

/** The bytes of a returned file or attachment. */
export function fileBytes(file: MmsFile | MmsAttachment): Uint8Array {
  return new Uint8Array(Buffer.from(file.base64, 'base64'));
}
