/** Model → `types.ts`: one TypeScript declaration per schema type. */
import type { Facets } from '../../src/xml/descriptors.js';
import {
  isBuiltin,
  type CodeNames,
  type ComplexTypeModel,
  type SchemaModel,
  type SimpleTypeModel,
  type TypeName,
} from '../model/model.js';
import { BUILTIN_REPRESENTATION, type Builtin } from '../../src/xml/descriptors.js';
import { propertyKey, quote, typeIdentifier } from './names.js';
import { propertiesOf, type PropertyModel } from './properties.js';
import { byKey } from '../order.js';
import { MEANINGS } from '../overlays/enum-names.js';
import { fieldDocText, resolveFieldDoc, wrapWords, type FieldDocEntry } from '../../src/field-docs.js';

const BUILTIN_NOTES: Readonly<Record<string, string>> = {
  'xs:date': 'xs:date, JST wall-clock date `YYYY-MM-DD`',
  'xs:dateTime': 'xs:dateTime, JST wall-clock time `YYYY-MM-DDThh:mm:ss` without offset',
  'xs:long': 'xs:long, held as its lexical string (64-bit)',
  'xs:integer': 'xs:integer, held as its lexical string',
  'xs:decimal': 'xs:decimal, held as its lexical string',
  'xs:base64Binary': 'xs:base64Binary, as a base64 string',
};

export function tsTypeOf(type: TypeName): string {
  if (isBuiltin(type)) return BUILTIN_REPRESENTATION[type.slice(3) as Builtin];
  return typeIdentifier(type);
}

/** The facets, a line each; an enumeration's codes with their readable names where `names` has them. */
export function describeFacets(facets: Facets, names?: CodeNames): string[] {
  const lines: string[] = [];
  const code = (c: string): string => {
    const name = names?.byCode.get(c);
    return name !== undefined ? `${c} (${name})` : c;
  };
  if (facets.enumeration) lines.push(`enumeration: ${[...new Set(facets.enumeration)].map(code).join(', ')}`);
  for (const key of [
    'length',
    'minLength',
    'maxLength',
    'minInclusive',
    'maxInclusive',
    'fractionDigits',
    'totalDigits',
  ] as const) {
    if (facets[key] !== undefined) lines.push(`${key}: ${facets[key]}`);
  }
  for (const step of facets.patterns ?? [])
    lines.push(`pattern: ${step.map((p) => '`' + p + '`').join(' or ')}`);
  return lines;
}

function doc(lines: string[], indent = ''): string {
  const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
  if (safe.length === 1) return `${indent}/** ${safe[0]} */\n`;
  return `${indent}/**\n${safe.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The type's doc: where the keys come from; the values stay the codes of the wire. */
const namesNote = (names: CodeNames, codes: readonly string[]): string[] => [
  '',
  `Keyed by the names of the reference client's \`${names.reference}\` enumeration (mms-client for`,
  codes.every((code) => names.byCode.has(code))
    ? 'Python 1.12.3); the values are the codes.'
    : 'Python 1.12.3), a code it does not name by the code itself; the values are the codes.',
];

/**
 * Members keyed by readable name (overlays/enum-names.ts), each with its code
 * in the doc comment; a code without a name keeps the code as key, as an
 * unnamed enumeration has it. A key used twice stops generation.
 */
function namedMembers(
  type: SimpleTypeModel,
  names: CodeNames,
  codes: readonly string[],
  literal: (code: string) => string,
): string {
  const keys = new Map<string, string>();
  return codes
    .map((code) => {
      const name = names.byCode.get(code);
      const key = name ?? code;
      const clash = keys.get(key);
      if (clash !== undefined)
        throw new Error(`${type.name}: codes ${clash} and ${code} both have the key ${key}`);
      keys.set(key, code);
      const meaning = name && MEANINGS[names.reference]?.[name];
      const note = name
        ? `Code \`${code}\`: ${name}${meaning ? `, ${meaning}` : ''}.`
        : `Code \`${code}\`: the reference client has no name for it, so the code is the key.`;
      return `${doc([note], '  ')}  ${propertyKey(key)}: ${literal(code)},`;
    })
    .join('\n');
}

function emitSimple(model: SchemaModel, type: SimpleTypeModel): string {
  const id = typeIdentifier(type.name);
  const facets = type.facets ?? {};
  const description = [
    `${model.file}, simpleType \`${type.name}\`${type.anonymous ? ' (anonymous)' : ''}: ${type.builtin}` +
      `${type.js === 'string' && type.builtin !== 'string' ? ', held as its lexical string' : ''}.`,
    ...describeFacets(facets).map((l) => `- ${l}`),
  ];
  if (facets.enumeration) {
    const literal = (v: string): string =>
      type.js === 'number' ? String(Number(v)) : type.js === 'boolean' ? v : quote(v);
    const codes = [...new Set(facets.enumeration)];
    const members = type.names
      ? namedMembers(type, type.names, codes, literal)
      : codes.map((v) => `  ${propertyKey(v)}: ${literal(v)},`).join('\n');
    if (type.names) description.push(...namesNote(type.names, codes));
    return (
      doc(description) +
      `export const ${id} = {\n${members}\n} as const;\n` +
      `export type ${id} = (typeof ${id})[keyof typeof ${id}];\n`
    );
  }
  return doc(description) + `export type ${id} = ${type.js};\n`;
}

/** What a member's type says: the built-in's format, or the named type with its facets (a line each). */
function typeNotes(model: SchemaModel, ref: TypeName): { summary: string; facets: string[] } {
  if (isBuiltin(ref)) return { summary: BUILTIN_NOTES[ref] ?? ref, facets: [] };
  const type = model.types.get(ref);
  if (type?.kind !== 'simple') return { summary: `type ${ref}`, facets: [] };
  const facets = describeFacets(type.facets ?? {}, type.names);
  return { summary: `type ${ref} (${type.builtin})`, facets: facets.map((l) => `- ${l}`) };
}

/**
 * A member's doc: its meaning and unit where the meanings overlay has them,
 * then occurrence and type, then the facets of its type, so that hovering
 * the member shows what the validator checks.
 */
function memberDoc(
  model: SchemaModel,
  owner: ComplexTypeModel,
  p: PropertyModel,
  docs: Readonly<Record<string, FieldDocEntry>>,
): string[] {
  const meaning = p.kind === 'text' ? undefined : resolveFieldDoc(docs, owner.name, p.name);
  const notes = [p.occurrence];
  if (p.default !== undefined) notes.push(`default ${p.default}`);
  if (p.fixed !== undefined) notes.push(`fixed ${p.fixed}`);
  const { summary, facets } = typeNotes(model, p.type);
  notes.push(summary);
  return [
    ...(meaning ? [...wrapWords(fieldDocText(meaning), 96), ''] : []),
    `${notes.join('; ')}.`,
    ...facets,
  ];
}

function emitComplex(
  model: SchemaModel,
  type: ComplexTypeModel,
  withAttributes: boolean,
  docs: Readonly<Record<string, FieldDocEntry>>,
): string {
  const id = typeIdentifier(type.name);
  const props = propertiesOf(type, model.file);
  const member = (p: PropertyModel): string => {
    const tsType = tsTypeOf(p.type) + (p.array ? '[]' : '');
    return (
      doc(memberDoc(model, type, p, docs), '  ') +
      `  ${propertyKey(p.name)}${p.optional ? '?' : ''}: ${tsType};\n`
    );
  };
  const head = doc([`${model.file}, complexType \`${type.name}\`${type.anonymous ? ' (anonymous)' : ''}.`]);
  const attributes = props.filter((p) => p.kind === 'attribute');
  const rest = props.filter((p) => p.kind !== 'attribute');
  if (!withAttributes) return head + `export interface ${id} {\n${props.map(member).join('')}}\n`;
  // Root and envelope types also get their attributes alone: the envelope
  // attributes of an operation call.
  return (
    doc([`The attributes of \`${type.name}\` (${model.file}).`]) +
    `export interface ${id}Attributes {\n${attributes.map(member).join('')}}\n\n` +
    head +
    `export interface ${id} extends ${id}Attributes {\n${rest.map(member).join('')}}\n`
  );
}

/** Types whose attributes are also emitted alone (roots and envelopes of operations). */
export function attributeCarriers(model: SchemaModel): Set<string> {
  const carriers = new Set<string>();
  for (const op of model.operations) {
    const root = model.elements.get(op.root);
    if (root) carriers.add(root.type);
    if (op.envelopeType) carriers.add(op.envelopeType);
  }
  return carriers;
}

export function emitTypes(
  model: SchemaModel,
  header: string,
  docs: Readonly<Record<string, FieldDocEntry>> = {},
): string {
  const carriers = attributeCarriers(model);
  const names = [...model.types.keys()].sort();
  const ids = new Map<string, string>();
  for (const name of names) {
    const id = typeIdentifier(name);
    const clash = ids.get(id);
    if (clash !== undefined) throw new Error(`${model.file}: types ${clash} and ${name} both become ${id}`);
    ids.set(id, name);
  }
  const parts = names.map((name) => {
    const type = model.types.get(name)!;
    return type.kind === 'simple'
      ? emitSimple(model, type)
      : emitComplex(model, type, carriers.has(name), docs);
  });
  const elements = [...model.elements.values()]
    .sort(byKey((e) => e.name))
    .map(
      (e) =>
        doc([`${model.file}, global element \`${e.name}\`.`]) +
        `export type ${typeIdentifier(e.name)}Element = ${tsTypeOf(e.type)};\n`,
    );
  return `${header}\n${[...parts, ...elements].join('\n')}`;
}
