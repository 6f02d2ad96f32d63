/**
 * The schema model: what the generator knows about one schema module after
 * reading, before emitting. Readers fill it; passes refine it in place, in a
 * fixed order (see passes/index.ts); emitters and the release diff read it.
 */
import type {
  Builtin,
  Facets,
  IdentityAttribute,
  JsRepresentation,
  OperationKind,
} from '../../src/xml/descriptors.js';
import type { Interface } from '../../src/vocabulary.js';
import type { ModuleName } from '../schemas.js';

/** `xs:<builtin>` or the name of a type declared in the same module. */
export type TypeName = string;

export const UNBOUNDED = -1;

/** The facets a single restriction step declares. */
export interface FacetStep {
  enumeration?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  patterns?: string[];
  minInclusive?: string;
  maxInclusive?: string;
  fractionDigits?: number;
  totalDigits?: number;
}

export interface SimpleTypeModel {
  readonly kind: 'simple';
  name: string;
  /** Restriction base: a built-in or another simple type of the module. */
  base: TypeName;
  step: FacetStep;
  anonymous: boolean;
  line: number;
  /** Filled by passes/fold-restrictions. */
  builtin?: Builtin;
  facets?: Facets;
  /** Filled by passes/representation. */
  js?: JsRepresentation;
  /** Filled by passes/code-names: readable names of some codes, from a reference enumeration. */
  names?: CodeNames;
}

/** Readable names of an enumeration's codes (overlays/enum-names.ts). */
export interface CodeNames {
  /** The reference client's enumeration the names come from. */
  readonly reference: string;
  /** Code → name, for the codes of this type that the reference names (in schema order). */
  readonly byCode: ReadonlyMap<string, string>;
}

export interface AttributeModel {
  name: string;
  type: TypeName;
  required: boolean;
  default?: string;
  fixed?: string;
}

export interface ElementModel {
  readonly kind: 'element';
  name: string;
  type: TypeName;
  min: number;
  max: number;
  default?: string;
  fixed?: string;
  /** `ref="..."` to a global element, resolved by passes/resolve-references. */
  ref?: string;
}

export interface GroupModel {
  readonly kind: 'sequence' | 'choice' | 'all';
  min: number;
  max: number;
  particles: ParticleModel[];
}

export type ParticleModel = ElementModel | GroupModel;

/** An attribute, or a reference to an attribute group (until flattened). */
export type AttributeUse = AttributeModel | { readonly groupRef: string };

export interface ComplexTypeModel {
  readonly kind: 'complex';
  name: string;
  attributes: AttributeUse[];
  content?: GroupModel;
  /** simpleContent extension base (a simple type, built-in or another simple-content type). */
  textBase?: TypeName;
  /** Filled by passes/flatten: the text's simple type after following complex bases. */
  text?: TypeName;
  anonymous: boolean;
  line: number;
}

export type TypeModel = SimpleTypeModel | ComplexTypeModel;

/** Where an operation's results are found in the response. */
export interface ResultModel {
  /** Envelope holding the results; undefined when they sit under the root (reports). */
  envelope?: string;
  element: string;
  type: TypeName;
  many: boolean;
  /** Set when the location comes from the hand-kept overlay (codegen/overlays/query-results.ts). */
  source?: string;
  /**
   * Set when the XML results are a document of another schema module (the
   * report downloads answer with `OutboundData`, codegen/overlays/result-documents.ts);
   * `element` and `type` then describe the request echoed in a `MarketReport` answer.
   */
  document?: { module: ModuleName; root: string; rootType: TypeName; source: string };
}

export interface OperationModel {
  /** Catalog key, unique across interfaces (OMI operations carry an `Omi_` prefix). */
  id: string;
  /** `<Envelope>_<DataElement>`, or the element name for report requests. */
  name: string;
  /** Root element of the payload document (MarketData, RegistrationData, MarketReport). */
  root: string;
  /** Envelope element, or undefined when the data element sits directly under the root. */
  envelope?: string;
  envelopeType?: string;
  element: string;
  dataType: TypeName;
  /** The data element repeats (maxOccurs > 1): the call takes a list. */
  many: boolean;
  /** Elements that may travel with the data element in the same envelope (e.g. StandingData with BupSubmit). */
  companions?: ElementModel[];
  /** Filled by passes/overlays: client types allowed (all when unknown). */
  audience?: string[];
  /** Filled by passes/overlays: where the results are. */
  result?: ResultModel;
  /** Filled by passes/overlays: the answer may be a file (a report) instead of XML data. */
  files?: boolean;
  /** Changes state on the server (passes/kind.ts): decides whether a retry is safe. */
  kind?: OperationKind;
  /** Envelope (or root) attributes the client fills in from its own identity, in schema order. */
  identity?: IdentityAttribute[];
  /** Filled by passes/overlays: data-item members a BSP's client fills in from its identity. */
  filledInData?: IdentityAttribute[];
  /** Filled by passes/answer-only: members of the data type only answers carry (never sent). */
  answerOnly?: readonly string[];
}

/** What the WSDL binds: read by read/wsdl.ts from `wsdl:binding` and `wsdl:service`. */
export interface BindingModel {
  /** `wsdl:service` name. */
  service: string;
  /** The bound operation (`submitAttachment`). */
  operation: string;
  soapAction: string;
  /** Path of `soap:address` (the host in the WSDL is a placeholder). */
  path: string;
  /** Target namespace of the embedded types schema. */
  typesNamespace: string;
  line: number;
}

/** A web service as the catalog states it: binding facts plus what its types schema allows. */
export interface ServiceModel {
  readonly interface: Interface;
  readonly service: string;
  readonly operation: string;
  readonly soapAction: string;
  readonly path: string;
  readonly typesNamespace: string;
  /** Enumeration of the `RequestType` simple type. */
  readonly requestTypes: readonly string[];
  /** `maxOccurs` of `RequestAttInfo/attachmentData`. */
  readonly maxAttachments: number;
  /** Facts taken from codegen/overlays/services.ts rather than the WSDL, with the overlay's citation. */
  readonly overlaid?: { readonly fields: readonly string[]; readonly source: string };
}

export interface SchemaModel {
  module: ModuleName;
  file: string;
  sha256: string;
  namespace: string;
  types: Map<string, TypeModel>;
  /** Global elements: name → element model (min/max 1). */
  elements: Map<string, ElementModel>;
  attributeGroups: Map<string, AttributeUse[]>;
  operations: OperationModel[];
  /** WSDL modules only: the binding (read/wsdl.ts), then the service facts (passes/service.ts). */
  binding?: BindingModel;
  service?: ServiceModel;
  /** Filled by passes/code-names when a type of the module has named codes: the file the names come from. */
  codeNamesFrom?: { readonly file: string; readonly sha256: string };
}

export function isBuiltin(type: TypeName): boolean {
  return type.startsWith('xs:');
}
