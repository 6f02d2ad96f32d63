/**
 * Every field of an operation's input, as data: the list a type error cuts
 * short ("… and 10 more") and a program or the CLI help can read in full.
 * Read from the same descriptors the validator walks, so it says what the
 * validator will check.
 */
import { ANSWER_ONLY_MEMBERS, FIELD_DOCS, modules, operations } from '../../generated/index.js';
import { resolveFieldDoc, type FieldDoc } from '../field-docs.js';
import { MmsClientError } from '../errors.js';
import type {
  Builtin,
  ComplexTypeDescriptor,
  Facets,
  GroupDescriptor,
  JsRepresentation,
  ModuleDescriptor,
  OperationDescriptor,
  ParticleDescriptor,
  SimpleTypeDescriptor,
} from '../xml/descriptors.js';
import { UNBOUNDED } from '../xml/descriptors.js';
import { resolveType } from '../xml/schema-index.js';

/** One field of an operation's input. */
export interface InputField {
  /** `attributes` (the envelope's) or `data` (each data item). */
  readonly in: 'attributes' | 'data';
  /** Path inside `attributes` or a data item, `[]` marking a list: `OfferStack[].OfferUnitPrice`. */
  readonly path: string;
  /** An XML attribute, a child element, or the text of a simple-content element (`value`). */
  readonly kind: 'attribute' | 'element' | 'text';
  /** Schema type: a named type (`PriceValue6.2RoundedType`) or a built-in (`xs:dateTime`). */
  readonly type: string;
  /** For a simple value: its XSD built-in and how TypeScript holds it. Absent for an object. */
  readonly builtin?: Builtin;
  readonly js?: JsRepresentation;
  /**
   * The caller must give it: the schema requires it within its parent (the
   * parent itself may be optional), it is in no choice, and the client does
   * not fill it in.
   */
  readonly required: boolean;
  /** Occurrences of an element: `max` is `Infinity` for an unbounded list. Attributes occur 0..1. */
  readonly min: number;
  readonly max: number;
  /** One of the alternatives of a choice group: required only if chosen. */
  readonly alternative: boolean;
  /** The client fills it in (`ParticipantName`, `UserName`, the report's `ApplicationType`, a BSP's resource `ParticipantName`). */
  readonly filledByClient: boolean;
  /** Facets the validator checks (range, digits, pattern, length, allowed values). */
  readonly facets: Facets;
  readonly fixed?: string;
  readonly default?: string;
  /** What the field means, and the unit of its value, where known (the texts of the generated doc comments). */
  readonly meaning?: string;
  readonly unit?: string;
}

/** The meaning and unit of member `name` of complex type `owner`, as fields to spread. */
function explained(owner: ComplexTypeDescriptor, name: string): Pick<InputField, 'meaning' | 'unit'> {
  const doc: FieldDoc | undefined = resolveFieldDoc(FIELD_DOCS, owner.name, name);
  if (!doc) return {};
  return { meaning: doc.meaning, ...(doc.unit !== undefined ? { unit: doc.unit } : {}) };
}

/** Members only the server writes (generated/answer-only.ts): not part of any input. */
export const SERVER_ONLY: ReadonlySet<string> = new Set(ANSWER_ONLY_MEMBERS);
/** Nesting beyond this is a recursive type; its fields were listed at the outer level. */
const MAX_DEPTH = 12;

interface Walk {
  readonly module: ModuleDescriptor;
  readonly in: 'attributes' | 'data';
  readonly filled: ReadonlySet<string>;
  /** Answer-only members of the data item itself (the operation's `answerOnly`), left out at its top. */
  readonly own: ReadonlySet<string>;
  readonly out: InputField[];
}

function answerOnly(w: Walk, prefix: string, name: string): boolean {
  return SERVER_ONLY.has(name) || (prefix === '' && w.own.has(name));
}

function simpleFacts(type: SimpleTypeDescriptor): Pick<InputField, 'type' | 'builtin' | 'js' | 'facets'> {
  return { type: type.name, builtin: type.builtin, js: type.js, facets: type.facets };
}

/** The text of a simple-content element, or a data item that is a simple value. */
function textField(w: Walk, path: string, type: SimpleTypeDescriptor, alternative: boolean): InputField {
  return {
    in: w.in,
    path,
    kind: 'text',
    ...simpleFacts(type),
    required: !alternative,
    min: 1,
    max: 1,
    alternative,
    filledByClient: false,
  };
}

function attributesOf(w: Walk, type: ComplexTypeDescriptor, prefix: string, alternative: boolean): void {
  for (const attribute of type.attributes) {
    if (answerOnly(w, prefix, attribute.name)) continue;
    const filledByClient = prefix === '' && w.filled.has(attribute.name);
    w.out.push({
      in: w.in,
      path: `${prefix}${attribute.name}`,
      kind: 'attribute',
      ...simpleFacts(resolveType(w.module, attribute.type) as SimpleTypeDescriptor),
      required: attribute.required && !alternative && !filledByClient,
      min: attribute.required ? 1 : 0,
      max: 1,
      alternative,
      filledByClient,
      ...(attribute.fixed !== undefined ? { fixed: attribute.fixed } : {}),
      ...(attribute.default !== undefined ? { default: attribute.default } : {}),
      ...explained(type, attribute.name),
    });
  }
}

function groupOf(
  w: Walk,
  owner: ComplexTypeDescriptor,
  group: GroupDescriptor,
  prefix: string,
  alternative: boolean,
  seen: string[],
): void {
  // Members of a choice between several particles are alternatives, and so is everything an optional group holds.
  const inChoice = alternative || (group.kind === 'choice' && group.particles.length > 1) || group.min === 0;
  for (const particle of group.particles) {
    if (particle.kind !== 'element') {
      groupOf(w, owner, particle, prefix, inChoice, seen);
      continue;
    }
    if (answerOnly(w, prefix, particle.name)) continue;
    const type = resolveType(w.module, particle.type);
    const list = particle.max !== 1;
    const path = `${prefix}${particle.name}`;
    w.out.push({
      in: w.in,
      path,
      kind: 'element',
      ...(type.kind === 'simple' ? simpleFacts(type) : { type: type.name, facets: {} }),
      required: particle.min > 0 && !inChoice,
      min: particle.min,
      max: particle.max === UNBOUNDED ? Infinity : particle.max,
      alternative: inChoice,
      filledByClient: false,
      ...(particle.fixed !== undefined ? { fixed: particle.fixed } : {}),
      ...(particle.default !== undefined ? { default: particle.default } : {}),
      ...explained(owner, particle.name),
    });
    if (type.kind === 'complex' && !seen.includes(type.name) && seen.length < MAX_DEPTH) {
      complexOf(w, type, `${path}${list ? '[]' : ''}.`, false, [...seen, type.name]);
    }
  }
}

function complexOf(
  w: Walk,
  type: ComplexTypeDescriptor,
  prefix: string,
  alternative: boolean,
  seen: string[],
): void {
  attributesOf(w, type, prefix, alternative);
  if (type.text !== undefined) {
    const text = resolveType(w.module, type.text) as SimpleTypeDescriptor;
    w.out.push(textField(w, `${prefix}value`, text, alternative));
  }
  if (type.content) groupOf(w, type, type.content, prefix, alternative, seen);
}

/**
 * Every field of an operation's input in schema order: the envelope
 * attributes, then each data item's attributes and elements, nested ones
 * with their path. Response-only members are left out.
 *
 * @throws {@link MmsClientError} `INVALID_REQUEST` for an unknown operation
 */
export function describeInput(operation: string): InputField[] {
  const op = (operations as Record<string, OperationDescriptor>)[operation];
  if (!op) throw new MmsClientError('INVALID_REQUEST', `unknown operation ${operation}`);
  const module = modules[op.module];
  const filled = new Set<string>(op.identity);
  const out: InputField[] = [];
  const carrier = resolveType(module, op.envelopeType ?? op.rootType) as ComplexTypeDescriptor;
  const envelope: Walk = { module, in: 'attributes', filled, own: new Set(), out };
  attributesOf(envelope, carrier, '', false);
  // Envelope elements that travel with the data are given beside the attributes.
  if (op.companions && carrier.content) {
    const wanted = new Set(op.companions);
    const pick = (g: GroupDescriptor): ParticleDescriptor[] =>
      g.particles.flatMap((p) => (p.kind === 'element' ? (wanted.has(p.name) ? [p] : []) : pick(p)));
    const companions: GroupDescriptor = {
      kind: 'sequence',
      min: 1,
      max: 1,
      particles: pick(carrier.content),
    };
    groupOf(envelope, carrier, companions, '', false, []);
  }
  const items: Walk = {
    module,
    in: 'data',
    filled: new Set(op.filledInData),
    own: new Set(op.answerOnly),
    out,
  };
  const data = resolveType(module, op.dataType);
  if (data.kind === 'complex') complexOf(items, data, '', false, [data.name]);
  else out.push(textField(items, '', data, false));
  return out;
}
