/**
 * Typed value → canonical XML, walking the descriptors in schema order (never
 * in the order of an object's keys). The output is the exact byte sequence
 * that gets signed. Encoding assumes a value the validator accepted; a value
 * it cannot write at all (wrong JS type) throws rather than being dropped.
 */
import { TEXT_PROPERTY, type GroupDescriptor, type ModuleDescriptor, type TypeRef } from './descriptors.js';
import { endTag, escapeText, startTag } from './canonical.js';
import { toLexical } from './scalar.js';
import { resolveElementType, resolveType } from './schema-index.js';

export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Encode a whole document: the global element `root` holding `value`. */
export function encodeDocument(module: ModuleDescriptor, root: string, value: unknown): string {
  resolveElementType(module, root);
  const parts: string[] = [];
  writeElement(module, root, module.elements[root]!, value, root, parts);
  return parts.join('');
}

/** Encode one element of the given type (a fragment, e.g. a single data item). */
export function encodeElement(module: ModuleDescriptor, name: string, type: TypeRef, value: unknown): string {
  const parts: string[] = [];
  writeElement(module, name, type, value, name, parts);
  return parts.join('');
}

function lexicalOf(module: ModuleDescriptor, ref: TypeRef, value: unknown, path: string): string {
  const type = resolveType(module, ref);
  if (type.kind !== 'simple') throw new EncodeError(path, `${ref} is not a simple type`);
  const result = toLexical(value, type);
  if ('error' in result) throw new EncodeError(path, result.error);
  return result.lexical;
}

function writeElement(
  module: ModuleDescriptor,
  name: string,
  ref: TypeRef,
  value: unknown,
  path: string,
  out: string[],
): void {
  const type = resolveType(module, ref);
  if (type.kind === 'simple') {
    out.push(startTag(name, []), escapeText(lexicalOf(module, ref, value, path)), endTag(name));
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EncodeError(path, `expected an object (${type.name})`);
  }
  const record = value as Record<string, unknown>;
  const attributes: [string, string][] = [];
  for (const attribute of type.attributes) {
    const v = record[attribute.name];
    if (v !== undefined)
      attributes.push([attribute.name, lexicalOf(module, attribute.type, v, `${path}.${attribute.name}`)]);
  }
  out.push(startTag(name, attributes));
  if (type.text !== undefined) {
    const text = record[TEXT_PROPERTY];
    if (text !== undefined)
      out.push(escapeText(lexicalOf(module, type.text, text, `${path}.${TEXT_PROPERTY}`)));
  }
  if (type.content) writeGroup(module, type.content, record, path, out, new Set());
  out.push(endTag(name));
}

function writeGroup(
  module: ModuleDescriptor,
  group: GroupDescriptor,
  record: Record<string, unknown>,
  path: string,
  out: string[],
  written: Set<string>,
): void {
  for (const particle of group.particles) {
    if (particle.kind !== 'element') {
      writeGroup(module, particle, record, path, out, written);
      continue;
    }
    const v = record[particle.name];
    // An element name may stand in two branches of a choice: write it once.
    if (v === undefined || written.has(particle.name)) continue;
    written.add(particle.name);
    const at = `${path}.${particle.name}`;
    if (Array.isArray(v))
      v.forEach((item, i) => writeElement(module, particle.name, particle.type, item, `${at}[${i}]`, out));
    else writeElement(module, particle.name, particle.type, v, at, out);
  }
}
