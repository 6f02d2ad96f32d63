/**
 * The vocabulary of a schema diff report. A report is plain data (no
 * classes, no functions) so it can be written as JSON and read by other
 * tools; see format-json.ts for the stable serialisation.
 */
import type { ModuleName } from '../schemas.js';

/** Which way a document travels: participant → MMS (request) or MMS → participant (response). */
export type Direction = 'request' | 'response';

/**
 * What a change does to one direction.
 * - `breaking`: for requests, a request that was valid can now be rejected;
 *   for responses, code that read the old responses can meet something it
 *   never saw (or miss something it relied on).
 * - `possibly-breaking`: the tool cannot prove it either way (a changed
 *   pattern, a changed default): a human has to look.
 * - `compatible`: visible, but it cannot break that direction.
 * - `none`: no effect on that direction (the type is not used there, or the
 *   set of valid documents did not change).
 */
export type Impact = 'breaking' | 'possibly-breaking' | 'compatible' | 'none';

/** The worse of a change's two impacts; `info` when neither direction is affected. */
export type Severity = 'breaking' | 'possibly-breaking' | 'compatible' | 'info';

export type ChangeKind =
  | 'operation-added'
  | 'operation-removed'
  | 'type-added'
  | 'type-removed'
  | 'type-changed'
  | 'element-added'
  | 'element-removed'
  | 'attribute-added'
  | 'attribute-removed'
  | 'text-added'
  | 'text-removed'
  | 'requiredness-changed'
  | 'occurrence-changed'
  | 'order-changed'
  | 'choice-changed'
  | 'default-changed'
  | 'fixed-changed'
  /** A service fact of a WSDL (SOAPAction, path, types namespace, request types, attachment limit). */
  | 'binding-changed'
  | ValueSpaceChangeKind;

/** Changes of a simple type's value space (codegen/diff/value-space.ts). */
export type ValueSpaceChangeKind =
  | 'builtin-changed'
  | 'representation-changed'
  | 'facet-changed'
  | 'pattern-changed'
  | 'enumeration-changed'
  | 'enumeration-value-added'
  | 'enumeration-value-removed';

/** One semantic difference between two releases. */
export interface SchemaChange {
  readonly module: ModuleName;
  /**
   * Where, inside the module: `Type` (a type itself), `Type@Attribute`,
   * `Type/Element`, `Type#text` (simple content), `element:Name` (a global
   * element), `operation:Id` or `service:<fact>` (a WSDL binding fact). A member compared through a renamed type is
   * written `NewType (was OldType)@Attribute`.
   */
  readonly path: string;
  readonly kind: ChangeKind;
  /** One line, in words. */
  readonly description: string;
  /** The old and new value, where the change has one (a facet value, a type name, an occurrence). */
  readonly old?: string;
  readonly new?: string;
  readonly request: Impact;
  readonly response: Impact;
  readonly severity: Severity;
  /** The directions the changed type or element travels in, in either release. */
  readonly usedIn: readonly Direction[];
  /** Operation ids (as in generated/*\/operations.ts) whose documents can contain the changed item. */
  readonly operations: readonly string[];
}

/** An operation that was added, removed, or whose documents changed. */
export interface OperationChange {
  readonly module: ModuleName;
  readonly id: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly request: Impact;
  readonly response: Impact;
  readonly severity: Severity;
  /** Number of changes that list this operation. */
  readonly changes: number;
}

export interface ReleaseFile {
  readonly module: ModuleName;
  readonly file: string;
  /** SHA-256 of the file's bytes; absent when the side was not read from files (generated descriptors without a header). */
  readonly sha256?: string;
}

/** One side of the comparison. */
export interface ReleaseSide {
  /** A release name, a directory, or `generated/ (release …)`. */
  readonly label: string;
  readonly files: readonly ReleaseFile[];
}

export interface ModuleSummary {
  readonly module: ModuleName;
  readonly file: string;
  /** Both files have the same SHA-256 (only known when both sides were read from files). */
  readonly identicalBytes: boolean;
  readonly changes: number;
  readonly breaking: number;
}

export type SeverityCounts = Readonly<Record<Severity, number>> & { readonly total: number };

export interface SchemaDiffReport {
  readonly old: ReleaseSide;
  readonly new: ReleaseSide;
  /** True when any change is breaking or possibly breaking in either direction. */
  readonly breaking: boolean;
  readonly summary: SeverityCounts;
  readonly modules: readonly ModuleSummary[];
  /** Sorted by module (in MODULE_NAMES order), then id. */
  readonly operations: readonly OperationChange[];
  /** Sorted by module (in MODULE_NAMES order), then path, kind and description. */
  readonly changes: readonly SchemaChange[];
}
