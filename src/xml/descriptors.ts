/**
 * The descriptor vocabulary shared by the generator (which emits descriptors
 * as object literals in `generated/`) and the runtime (which encodes, decodes
 * and validates values by walking them). Descriptors are plain data: no
 * functions, no classes, so generated files stay readable and diffable.
 */
import type { ClientType, Interface, OperationKind, RequestType } from '../vocabulary.js';

/** XML Schema built-in types that the MMS schemas use. */
export type Builtin =
  | 'string'
  | 'boolean'
  | 'int'
  | 'integer'
  | 'long'
  | 'decimal'
  | 'float'
  | 'date'
  | 'dateTime'
  | 'base64Binary';

/**
 * How a simple value is held in TypeScript. `number` is chosen only where the
 * facets prove every valid value survives a round trip through a double
 * (see codegen/passes/representation.ts); everything else keeps its lexical
 * form as a string so no digit is lost.
 */
export type JsRepresentation = 'string' | 'number' | 'boolean';

/** Facets after the restriction chain is folded (narrowest value wins). */
export interface Facets {
  readonly enumeration?: readonly string[];
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /**
   * XSD patterns, one entry per restriction step: within a step the patterns
   * are alternatives (any may match), across steps all must hold. Each
   * pattern is kept in its XSD source form; the runtime translates it
   * (src/xml/pattern.ts) once and caches the RegExp.
   */
  readonly patterns?: readonly (readonly string[])[];
  /** Lexical decimal or date values, compared exactly. */
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly fractionDigits?: number;
  readonly totalDigits?: number;
}

/** A simple type: a built-in narrowed by facets. */
export interface SimpleTypeDescriptor {
  readonly kind: 'simple';
  readonly name: string;
  readonly builtin: Builtin;
  readonly js: JsRepresentation;
  readonly facets: Facets;
  /** Readable names of some enumeration codes (code → name), from the reference client. */
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * A reference to a type: either `xs:<builtin>` or the name of a type in the
 * same module's descriptor table.
 */
export type TypeRef = string;

export interface AttributeDescriptor {
  readonly name: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly default?: string;
  readonly fixed?: string;
}

export interface ElementDescriptor {
  readonly kind: 'element';
  readonly name: string;
  readonly type: TypeRef;
  readonly min: number;
  /** `Infinity` is written as -1 in generated code; see {@link UNBOUNDED}. */
  readonly max: number;
  readonly default?: string;
  readonly fixed?: string;
}

export interface GroupDescriptor {
  readonly kind: 'sequence' | 'choice' | 'all';
  readonly min: number;
  readonly max: number;
  readonly particles: readonly ParticleDescriptor[];
}

export type ParticleDescriptor = ElementDescriptor | GroupDescriptor;

export interface ComplexTypeDescriptor {
  readonly kind: 'complex';
  readonly name: string;
  /** Attributes in schema order (attribute groups already flattened). */
  readonly attributes: readonly AttributeDescriptor[];
  /** Element content; absent for empty and simple-content types. */
  readonly content?: GroupDescriptor;
  /** Simple content (text plus attributes): the text's type. */
  readonly text?: TypeRef;
}

export type TypeDescriptor = SimpleTypeDescriptor | ComplexTypeDescriptor;

/** `maxOccurs="unbounded"`. */
export const UNBOUNDED = -1;

/** Property name that holds the text of a simple-content element. */
export const TEXT_PROPERTY = 'value';

/** Everything the runtime needs about one schema module. */
export interface ModuleDescriptor {
  /** Module name: market, omi, registration, report, outbound, soap-mi, soap-omi. */
  readonly module: string;
  /** Schema file the module comes from. */
  readonly file: string;
  /** Schema release and SHA-256 of the file it was generated from. */
  readonly release: string;
  readonly sha256: string;
  /** Target namespace, or '' when the schema has none (the payload schemas). */
  readonly namespace: string;
  readonly types: Readonly<Record<string, TypeDescriptor>>;
  /** Global elements: name → type. */
  readonly elements: Readonly<Record<string, TypeRef>>;
}

/** The payload schema modules that carry operations. */
export type PayloadModule = 'market' | 'omi' | 'registration' | 'report';
/** Every schema module: the payload modules, the outbound reports and the two WSDLs. */
export type SchemaModule = PayloadModule | 'outbound' | 'soap-mi' | 'soap-omi';

export type { OperationKind } from '../vocabulary.js';

/**
 * Envelope attributes the client fills in: the participant and user from its
 * options, and the report root's ApplicationType, which has one allowed value.
 */
export type IdentityAttribute = 'ParticipantName' | 'UserName' | 'ApplicationType';

/** One MMS web service as its WSDL binds it (generated/services.ts). */
export interface ServiceDescriptor {
  readonly interface: Interface;
  /** WSDL file the facts come from. */
  readonly wsdl: string;
  /** `wsdl:service` name. */
  readonly service: string;
  /** Target namespace of the message types (`RequestAttInfo`, `ResponseAttInfo`). */
  readonly typesNamespace: string;
  /** SOAPAction of `submitAttachment`. */
  readonly soapAction: string;
  /** Path of the service on the Axis2 host. */
  readonly path: string;
  /** Allowed `requestType` values. */
  readonly requestTypes: readonly RequestType[];
  /** `maxOccurs` of `attachmentData`. */
  readonly maxAttachments: number;
}

/** One operation of the MMS: one data element of one envelope. */
export interface OperationDescriptor {
  /** Catalog key, unique across interfaces (OMI operations carry an `Omi_` prefix). */
  readonly id: string;
  /** `<Envelope>_<DataElement>`, or the element name for report requests. */
  readonly name: string;
  readonly module: PayloadModule;
  readonly interface: Interface;
  readonly requestType: RequestType;
  /** Submit or query: decides whether a retry is safe (see {@link OperationKind}). */
  readonly kind: OperationKind;
  /** Payload document root element and its type. */
  readonly root: string;
  readonly rootType: string;
  /** Envelope element and type; absent when the data element sits under the root. */
  readonly envelope?: string;
  readonly envelopeType?: string;
  readonly element: string;
  readonly dataType: string;
  /** The data element repeats: the call takes a list. */
  readonly many: boolean;
  /** Envelope elements that may travel with the data (given with the envelope attributes). */
  readonly companions?: readonly string[];
  /** Where the results are in the response (queries may answer in the submit envelope). */
  readonly result: {
    readonly envelope?: string;
    readonly element: string;
    readonly type: string;
    readonly many: boolean;
    /** Where the location is known from, when it is not the request's own element. */
    readonly source?: string;
    /**
     * Set when the XML results are a document of another schema module: the
     * report downloads answer with `OutboundData` (mi-outbnd-reports.xsd).
     * `element` and `type` then describe the request a `MarketReport` answer echoes.
     */
    readonly document?: SchemaModule;
    /** Root element and type of that document. */
    readonly root?: string;
    readonly rootType?: string;
  };
  /** Envelope (or, for reports, root) attributes the client fills in itself. */
  readonly identity: readonly IdentityAttribute[];
  /** Data-item members a BSP's client fills in from its identity where left out (codegen/overlays/filled-in-data.ts). */
  readonly filledInData?: readonly IdentityAttribute[];
  /** Members of the data type that only answers carry: refused in a request (codegen/overlays/answer-only.ts). */
  readonly answerOnly?: readonly string[];
  /** Client types allowed to call it; all when unknown. */
  readonly audience: readonly ClientType[];
  /** The answer may be a file (a report, CSV, PDF) instead of XML data; other operations refuse files. */
  readonly files?: boolean;
  /** Name of the MmsClient method. */
  readonly method: string;
}

/** How a built-in used directly (with no facets) is held in TypeScript. */
export const BUILTIN_REPRESENTATION: Readonly<Record<Builtin, JsRepresentation>> = {
  string: 'string',
  boolean: 'boolean',
  int: 'number',
  integer: 'string',
  long: 'string',
  decimal: 'string',
  float: 'number',
  date: 'string',
  dateTime: 'string',
  base64Binary: 'string',
};
