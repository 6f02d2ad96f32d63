/**
 * The one door between generated/ and the runtime: generated code imports
 * what it needs from here and from nowhere else in src/, so the runtime can
 * move its modules without touching the generator, and what generated code
 * depends on is listed in one place. Types, and one function: generated code
 * carries data and declarations, never runtime behaviour of its own, but
 * every schema namespace re-exports `codeName` beside its enumerations (the
 * root entry has no room for it; docs/decisions.md, "Named codes").
 */
export { codeName } from './codes.js';
export type { IdentityAttribute, ModuleDescriptor, OperationDescriptor } from './xml/descriptors.js';
export type {
  CallOptions,
  CallResultOf,
  DataArgumentOf,
  DataInputOf,
  DataOutputOf,
  EnvelopeInputOf,
  Input,
} from './call-shapes.js';
export type { MmsResult } from './client/result.js';
export type { FieldDoc, FieldDocEntry } from './field-docs.js';
