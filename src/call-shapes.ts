/**
 * The shapes of a call, generic over one operation's entry in the generated
 * `OperationTypes` (its attributes, data and result types). Generated code
 * (generated/methods.ts) and the client (src/client/types.ts) both build on
 * these, so neither has to import the other: generated code reaches them
 * through src/generated-support.ts.
 */
import type { IdentityAttribute } from './xml/descriptors.js';
import type { MmsResult } from './client/result.js';
// The one generated module the shapes need, and it imports nothing (so no cycle
// through the door; test/codegen/operation-facts.test.ts checks both).
// eslint-disable-next-line no-restricted-imports
import type { AnswerOnlyMember } from '../generated/answer-only.js';

/** What generated/index.ts `OperationTypes` says about one operation. */
export interface OperationShape {
  readonly attributes: object;
  readonly data: unknown;
  readonly many: boolean;
  readonly result: unknown;
  readonly resultMany: boolean;
  /** Members of the data type only answers carry (`never` when none). */
  readonly answerOnly: string;
  /** Data-item members the client fills in from its identity (`never` when none). */
  readonly filledInData: string;
}

/** A decimal written as text, e.g. `'100.00'`: sent exactly as written. */
export type DecimalString = `${number}`;

/**
 * What a request accepts for a generated type: the same shape without the
 * members only answers carry, where every number may also be given as a
 * {@link DecimalString} (values read from a database or a spreadsheet keep
 * their spelling; facets are checked as usual).
 *
 * The answer-only members ({@link AnswerOnlyMember} at any depth, and
 * `Extra` at the top) stay as optional `never`: a response item passed as a
 * request, which carries them, is then a compile error rather than a
 * silently accepted excess property.
 */
export type Input<T, Extra extends PropertyKey = never> = T extends number
  ? T | DecimalString
  : T extends readonly (infer U)[]
    ? readonly Input<U>[]
    : T extends object
      ? { readonly [P in keyof T]: P extends AnswerOnlyMember | Extra ? never : Input<T[P]> }
      : T;

/**
 * The envelope attributes of an operation, with `ParticipantName`,
 * `UserName` and `ApplicationType` optional (the client fills them in; a
 * participant or user given here must match the client's own).
 */
export type EnvelopeInputOf<E extends OperationShape> = Input<
  Omit<E['attributes'], IdentityAttribute> &
    Partial<Pick<E['attributes'], Extract<keyof E['attributes'], IdentityAttribute>>>
>;

/**
 * One data item of an operation's request (the type to declare a request
 * item with); the members the client fills in are optional.
 */
export type DataInputOf<E extends OperationShape> = Input<
  Omit<E['data'], E['filledInData']> & Partial<Pick<E['data'], Extract<keyof E['data'], E['filledInData']>>>,
  E['answerOnly']
>;

/** What a call's `data` argument takes: one item, or for operations on many items one or a list. */
export type DataArgumentOf<E extends OperationShape> = E['many'] extends true
  ? DataInputOf<E> | readonly DataInputOf<E>[]
  : DataInputOf<E>;

/**
 * What a call's `data` holds: the results where the MMS puts them (the
 * catalog's `result`), a list when they repeat (empty when nothing was found).
 */
export type DataOutputOf<E extends OperationShape> = E['resultMany'] extends true
  ? E['result'][]
  : E['result'] | undefined;

export type CallResultOf<E extends OperationShape> = MmsResult<DataOutputOf<E>>;

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
  /** Files to send with the request, each signed (at most the service's `maxAttachments`, see `services`). */
  readonly attachments?: readonly AttachmentInput[];
  /**
   * Retry a submission after a 5xx, a timeout or a lost connection. A retry
   * may submit twice if the server had already processed the first attempt.
   */
  readonly retrySubmission?: boolean;
  /** Override the client's validation mode for this call. */
  readonly validate?: 'strict' | 'off';
}
