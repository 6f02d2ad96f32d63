/**
 * Input and output types of every operation, derived from the generated
 * catalog: the operation name alone decides what a call takes and returns.
 * The shapes themselves live in src/call-shapes.ts, beside the door that
 * generated code imports (src/generated-support.ts).
 */
import type { OperationId, OperationTypes } from '../../generated/index.js';
import type {
  CallResultOf,
  DataArgumentOf,
  DataInputOf,
  DataOutputOf,
  EnvelopeInputOf,
} from '../call-shapes.js';

export type { OperationId, OperationTypes };
export type { AttachmentInput, CallOptions, DecimalString, Input } from '../call-shapes.js';
export type { IdentityAttribute } from '../xml/descriptors.js';

/** The envelope attributes of an operation; the identity attributes are optional (the client fills them in). */
export type EnvelopeInput<K extends OperationId> = EnvelopeInputOf<OperationTypes[K]>;

/**
 * One data item of an operation's request, without the members only answers
 * carry: `const offer: DataInput<'MarketSubmit_OfferData'> = { ... }`.
 */
export type DataInput<K extends OperationId> = DataInputOf<OperationTypes[K]>;

/** What a call's `data` argument takes: one item, or for operations on many items one or a list. */
export type DataArgument<K extends OperationId> = DataArgumentOf<OperationTypes[K]>;

/**
 * What a call's `data` holds: the results where the MMS puts them (see the
 * catalog's `result`), a list when they repeat (empty when nothing was found).
 */
export type DataOutput<K extends OperationId> = DataOutputOf<OperationTypes[K]>;

export type CallResult<K extends OperationId> = CallResultOf<OperationTypes[K]>;
