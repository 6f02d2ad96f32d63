/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of the MMS types,
 * read from the generated descriptors at run time: the same facts the
 * client's validator checks, so the document cannot drift from the catalog.
 *
 * Every schema type becomes a component named `<module>.<Type>`; complex
 * types come in two forms, `in.` (what a caller sends: no server-only
 * members) and `out.` (what comes back). Simple types are shared.
 */
import { modules } from '../../generated/index.js';
import type {
  ComplexTypeDescriptor,
  Facets,
  GroupDescriptor,
  ModuleDescriptor,
  SchemaModule,
  SimpleTypeDescriptor,
} from '../xml/descriptors.js';
import { TEXT_PROPERTY, UNBOUNDED } from '../xml/descriptors.js';
import { translatePatternSource } from '../xml/pattern.js';
import { resolveType } from '../xml/schema-index.js';
import { SERVER_ONLY } from '../client/describe.js';

/** A JSON Schema object (kept loose: it is data for a document). */
export type JsonSchema = { [key: string]: unknown };

export type Direction = 'in' | 'out';

/** Where components live in the OpenAPI document. */
export const COMPONENTS = '#/components/schemas/';

/** Lexical forms of the XSD date built-ins (time zone optional, JST wall-clock in practice). */
// Years of four digits (the MMS uses no others), real months, days and times; the client checks the calendar.
const DATE = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
// No offset: the client refuses one (JST wall-clock values, MMS-PROTOCOL.md §8).
const ZONE = '';
const LEXICAL: Partial<Record<SimpleTypeDescriptor['builtin'], string>> = {
  date: `^${DATE}${ZONE}$`,
  dateTime: `^${DATE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?${ZONE}$`,
  base64Binary: '^[A-Za-z0-9+/\\s]*={0,2}\\s*$',
};

/** A decimal written as text with at most `fractionDigits` digits after the point. */
function decimalPattern(facets: Facets): string {
  const f = facets.fractionDigits;
  const fraction = f === undefined ? '(?:\\.\\d*)?' : f === 0 ? '' : `(?:\\.\\d{0,${f}})?`;
  return `^[+-]?(?:\\d+${fraction}|\\.\\d+)$`;
}

/** The schema's own name for a component reference. */
export function componentName(module: string, type: string, direction?: Direction): string {
  return direction ? `${direction}.${module}.${type}` : `${module}.${type}`;
}

export function ref(name: string): JsonSchema {
  return { $ref: `${COMPONENTS}${name}` };
}

/** Facets common to strings: lengths, patterns (every restriction step must hold), enumerations. */
function stringFacets(type: SimpleTypeDescriptor): JsonSchema {
  const { facets } = type;
  const out: JsonSchema = {};
  if (facets.length !== undefined) {
    out['minLength'] = facets.length;
    out['maxLength'] = facets.length;
  }
  if (facets.minLength !== undefined) out['minLength'] = facets.minLength;
  if (facets.maxLength !== undefined) out['maxLength'] = facets.maxLength;
  const patterns = (facets.patterns ?? []).map(
    (step) => `^(?:${step.map((p) => translatePatternSource(p)).join('|')})$`,
  );
  if (patterns.length === 1) out['pattern'] = patterns[0];
  else if (patterns.length > 1) out['allOf'] = patterns.map((pattern) => ({ pattern }));
  return out;
}

function enumeration(type: SimpleTypeDescriptor): JsonSchema {
  const codes = type.facets.enumeration;
  if (!codes) return {};
  const values =
    type.js === 'number' ? codes.map(Number) : type.js === 'boolean' ? codes.map((c) => c === 'true') : codes;
  const names = codes.map((code) => type.names?.[code] ?? code);
  return {
    enum: values,
    // openapi-generator reads this as the enum member names; the codes travel on the wire.
    'x-enum-varnames': names,
    description: `${type.name}: ${codes.map((c, i) => (names[i] === c ? c : `${c} = ${names[i]}`)).join(', ')}`,
  };
}

/** A numeric value: a JSON number within the bounds, or the same value as a decimal string. */
function numberSchema(type: SimpleTypeDescriptor): JsonSchema {
  const { facets } = type;
  const integer = ['int', 'integer', 'long'].includes(type.builtin) || facets.fractionDigits === 0;
  const asNumber: JsonSchema = { type: integer ? 'integer' : 'number' };
  if (facets.minInclusive !== undefined) asNumber['minimum'] = Number(facets.minInclusive);
  if (facets.maxInclusive !== undefined) asNumber['maximum'] = Number(facets.maxInclusive);
  if (!integer && facets.fractionDigits !== undefined) asNumber['multipleOf'] = 10 ** -facets.fractionDigits;
  if (facets.enumeration) return { ...enumeration(type), 'x-xsd-type': type.name };
  const asText: JsonSchema = {
    type: 'string',
    pattern: decimalPattern(integer ? { fractionDigits: 0 } : facets),
  };
  return {
    anyOf: [asNumber, asText],
    'x-xsd-type': type.name,
    ...(facets.totalDigits !== undefined ? { 'x-total-digits': facets.totalDigits } : {}),
  };
}

/** JSON Schema of a simple type, facets included. */
export function simpleSchema(type: SimpleTypeDescriptor): JsonSchema {
  if (type.js === 'boolean') return { type: 'boolean', 'x-xsd-type': type.name };
  if (type.js === 'number') return numberSchema(type);
  const out: JsonSchema = {
    type: 'string',
    'x-xsd-type': type.name,
    ...stringFacets(type),
    ...enumeration(type),
  };
  const lexical = type.builtin === 'decimal' ? decimalPattern(type.facets) : LEXICAL[type.builtin];
  if (lexical !== undefined && !type.facets.enumeration) {
    // The lexical form joins the facet patterns: all must hold.
    const existing = out['pattern'] as string | undefined;
    if (existing === undefined && out['allOf'] === undefined) out['pattern'] = lexical;
    else {
      const all = (out['allOf'] as JsonSchema[] | undefined) ?? [{ pattern: existing }];
      delete out['pattern'];
      out['allOf'] = [...all, { pattern: lexical }];
    }
  }
  if (type.facets.minInclusive !== undefined) out['x-minimum'] = type.facets.minInclusive;
  if (type.facets.maxInclusive !== undefined) out['x-maximum'] = type.facets.maxInclusive;
  return out;
}

/** Collects the components every referenced type needs, once each. */
export class SchemaSet {
  readonly components: Record<string, JsonSchema> = {};

  /** A reference to a type of a module (`xs:` built-ins inline). */
  typeRef(module: ModuleDescriptor, typeRef: string, direction: Direction): JsonSchema {
    const type = resolveType(module, typeRef);
    if (type.kind === 'simple') {
      if (typeRef.startsWith('xs:')) return simpleSchema(type);
      const name = componentName(module.module, type.name);
      this.components[name] ??= simpleSchema(type);
      return ref(name);
    }
    const name = componentName(module.module, type.name, direction);
    if (this.components[name] === undefined) {
      this.components[name] = {}; // placeholder: recursive types refer to themselves
      this.components[name] = this.complexSchema(module, type, direction);
    }
    return ref(name);
  }

  /** A complex type as an object: attributes, simple content as `value`, child elements in schema order. */
  complexSchema(
    module: ModuleDescriptor,
    type: ComplexTypeDescriptor,
    direction: Direction,
    omit: ReadonlySet<string> = new Set(),
  ): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const skip = (name: string): boolean => omit.has(name);
    // Members only the server writes are accepted in requests as the schema allows them, marked read-only.
    const serverOnly = (schema: JsonSchema, name: string): JsonSchema =>
      SERVER_ONLY.has(name) ? { ...schema, readOnly: true } : schema;
    for (const attribute of type.attributes) {
      if (skip(attribute.name)) continue;
      properties[attribute.name] = this.typeRef(module, attribute.type, direction);
      if (attribute.required && direction === 'in') required.push(attribute.name);
    }
    if (type.text !== undefined) {
      properties[TEXT_PROPERTY] = this.typeRef(module, type.text, direction);
      if (direction === 'in') required.push(TEXT_PROPERTY);
    }
    if (type.content) this.#group(module, type.content, direction, false, properties, required, skip);
    for (const name of Object.keys(properties)) properties[name] = serverOnly(properties[name]!, name);
    return {
      type: 'object',
      'x-xsd-type': type.name,
      properties,
      ...(required.length > 0 ? { required } : {}),
      // Strict on requests: a misspelt member is an error, not silently dropped.
      ...(direction === 'in' ? { additionalProperties: false } : {}),
    };
  }

  #group(
    module: ModuleDescriptor,
    group: GroupDescriptor,
    direction: Direction,
    optional: boolean,
    properties: Record<string, JsonSchema>,
    required: string[],
    skip: (name: string) => boolean,
  ): void {
    const inChoice = optional || group.min === 0 || (group.kind === 'choice' && group.particles.length > 1);
    for (const particle of group.particles) {
      if (particle.kind !== 'element') {
        this.#group(module, particle, direction, inChoice, properties, required, skip);
        continue;
      }
      if (skip(particle.name)) continue;
      properties[particle.name] = this.elementSchema(
        module,
        particle.type,
        particle.min,
        particle.max,
        direction,
      );
      if (particle.min > 0 && !inChoice && direction === 'in') required.push(particle.name);
    }
  }

  /** One element: its type, or a list of it when it repeats. */
  elementSchema(
    module: ModuleDescriptor,
    typeRef: string,
    min: number,
    max: number,
    direction: Direction,
  ): JsonSchema {
    const item = this.typeRef(module, typeRef, direction);
    if (max === 1) return item;
    return {
      type: 'array',
      items: item,
      ...(min > 0 && direction === 'in' ? { minItems: min } : {}),
      ...(max !== UNBOUNDED ? { maxItems: max } : {}),
    };
  }
}

export function moduleOf(name: SchemaModule): ModuleDescriptor {
  return modules[name];
}
