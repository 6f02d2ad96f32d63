/**
 * Input and output types of every operation, derived from the generated
 * catalog: the operation name alone decides what a call takes and returns.
 */
import type { OperationId, OperationTypes } from '../../generated/index.js';
import type { outbound } from '../../generated/index.js';
import type { MmsResult } from './result.js';

export type { OperationId, OperationTypes };

/**
 * Envelope attributes the client fills in: the participant and user from its
 * options, and the report root's ApplicationType, which has one allowed value.
 */
export type IdentityAttribute = 'ParticipantName' | 'UserName' | 'ApplicationType';

type Attributes<K extends OperationId> = OperationTypes[K]['attributes'];

/** A decimal written as text, e.g. `'100.00'`: sent exactly as written. */
export type DecimalString = `${number}`;

/**
 * What a request accepts for a generated type: the same shape, where every
 * number may also be given as a {@link DecimalString} (values read from a
 * database or a spreadsheet keep their spelling; facets are checked as usual).
 */
export type Input<T> = T extends number
  ? T | DecimalString
  : T extends readonly (infer U)[]
    ? readonly Input<U>[]
    : T extends object
      ? { readonly [P in keyof T]: Input<T[P]> }
      : T;

/**
 * The envelope attributes of an operation, with `ParticipantName`,
 * `UserName` and `ApplicationType` optional (the client fills them in; a
 * participant or user given here must match the client's own).
 */
export type EnvelopeInput<K extends OperationId> = Input<
  Omit<Attributes<K>, IdentityAttribute> &
    Partial<Pick<Attributes<K>, Extract<keyof Attributes<K>, IdentityAttribute>>>
>;

/** The data of an operation: one item, or for operations on many items one or a list. */
export type DataInput<K extends OperationId> = OperationTypes[K]['many'] extends true
  ? Input<OperationTypes[K]['data']> | readonly Input<OperationTypes[K]['data']>[]
  : Input<OperationTypes[K]['data']>;

/** Report downloads whose XML answer is an `OutboundData` document (mi-outbnd-reports.xsd). */
export type ReportDownloadOperation = 'ReportDownloadRequest' | 'ReportDownloadRequestTrnID';

/**
 * What a call's `data` holds: the results where the MMS puts them (see the
 * catalog's `result`), a list when they repeat (empty when nothing was found).
 */
export type DataOutput<K extends OperationId> = K extends ReportDownloadOperation
  ? outbound.OutboundDataType | undefined
  : OperationTypes[K]['resultMany'] extends true
    ? OperationTypes[K]['result'][]
    : OperationTypes[K]['result'] | undefined;

export type CallResult<K extends OperationId> = MmsResult<DataOutput<K>>;

/** A file sent with a request: its name and bytes (a string is read as base64). */
export interface AttachmentInput {
  readonly name: string;
  readonly data: Uint8Array | string;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, retries included. */
  readonly signal?: AbortSignal;
  /** Deadline of the whole call, retries included (overrides the client's). */
  readonly timeoutMs?: number;
  /** Files to send with the request, each signed (at most 40 on MI, 20 on OMI). */
  readonly attachments?: readonly AttachmentInput[];
  /**
   * Retry a submission after a 5xx, a timeout or a lost connection. A retry
   * may submit twice if the server had already processed the first attempt.
   */
  readonly retrySubmission?: boolean;
  /** Override the client's validation mode for this call. */
  readonly validate?: 'strict' | 'off';
}
