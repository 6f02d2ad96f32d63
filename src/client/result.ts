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
  /** The content, as received (not copied). Not enumerable: JSON carries `base64` instead. */
  readonly bytes: Uint8Array;
  /** The content as base64, made when first read (and by JSON.stringify). */
  readonly base64: string;
}

/**
 * A file the server returned (a report). The content is `bytes`, the part of
 * the response it arrived in; `base64` is made only when read, so a result
 * still turns into plain JSON (`{ filename, dataType, base64 }`).
 */
export interface MmsFile {
  readonly filename?: string;
  /** `responseDataType` of the response: XML, CSV, HTML, ... */
  readonly dataType: string;
  /** The content, as received (not copied). Not enumerable: JSON carries `base64` instead. */
  readonly bytes: Uint8Array;
  /** The content as base64, made when first read (and by JSON.stringify). */
  readonly base64: string;
}

/** The bytes of a returned file or attachment (also of one rebuilt from JSON, which has only base64). */
export function fileBytes(file: MmsFile | MmsAttachment | { readonly base64: string }): Uint8Array {
  if ('bytes' in file && file.bytes instanceof Uint8Array) return file.bytes;
  return new Uint8Array(Buffer.from(file.base64, 'base64'));
}

/**
 * Adds the content of a file or attachment to `fields`: `bytes` as is (not
 * enumerable, so neither JSON nor a spread copies it into text) and a
 * `base64` made on first read.
 */
export function withContent<T extends object>(
  fields: T,
  bytes: Uint8Array,
): T & { readonly bytes: Uint8Array; readonly base64: string } {
  let base64: string | undefined;
  return Object.defineProperties(fields, {
    bytes: { value: bytes, enumerable: false },
    base64: {
      enumerable: true,
      get: () =>
        (base64 ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')),
    },
  }) as T & { readonly bytes: Uint8Array; readonly base64: string };
}
