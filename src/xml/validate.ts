/**
 * Validation of a typed value against its descriptors, collecting every
 * violation with its path (`MarketSubmit.OfferData[0].OfferStack[2].OfferUnitPrice`).
 * It walks the content model in schema order: sequences, choices (at most
 * one branch), all-groups and occurrence bounds, attributes (required,
 * fixed), unknown members (never dropped silently), and every facet.
 */
import {
  UNBOUNDED,
  type ComplexTypeDescriptor,
  type GroupDescriptor,
  type ModuleDescriptor,
  type ParticleDescriptor,
  type SimpleTypeDescriptor,
  type TypeRef,
  TEXT_PROPERTY,
} from './descriptors.js';
import { checkSimpleValue } from './facets.js';
import { describe, toLexical } from './scalar.js';
import { complexIndex, resolveType } from './schema-index.js';

export interface Violation {
  /** Where: element and attribute names from the document root (or the given start), with list indexes. */
  readonly path: string;
  /** What rule was broken, in words. */
  readonly message: string;
}

export function formatViolation(v: Violation): string {
  return `${v.path}: ${v.message}`;
}

/** Validate `value` as an instance of `type`; `path` names it in messages. */
export function validateValue(
  module: ModuleDescriptor,
  type: TypeRef,
  value: unknown,
  path: string,
): Violation[] {
  const out: Violation[] = [];
  validateAny(module, type, value, path, out);
  return out;
}

function validateAny(
  module: ModuleDescriptor,
  ref: TypeRef,
  value: unknown,
  path: string,
  out: Violation[],
): void {
  const type = resolveType(module, ref);
  if (type.kind === 'simple') validateSimple(type, value, path, out);
  else validateComplex(module, type, value, path, out);
}

export function validateSimple(
  type: SimpleTypeDescriptor,
  value: unknown,
  path: string,
  out: Violation[],
): void {
  const lexical = toLexical(value, type);
  if ('error' in lexical) {
    out.push({ path, message: lexical.error });
    return;
  }
  for (const message of checkSimpleValue(lexical.lexical, type)) out.push({ path, message });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateComplex(
  module: ModuleDescriptor,
  type: ComplexTypeDescriptor,
  value: unknown,
  path: string,
  out: Violation[],
): void {
  if (!isPlainObject(value)) {
    out.push({ path, message: `expected an object (${type.name}), got ${describe(value)}` });
    return;
  }
  const index = complexIndex(type);
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    if (
      !index.attributes.has(key) &&
      !index.elements.has(key) &&
      !(key === TEXT_PROPERTY && type.text !== undefined)
    ) {
      out.push({ path: `${path}.${key}`, message: `is not a member of ${type.name}` });
    }
  }
  for (const attribute of type.attributes) {
    const v = value[attribute.name];
    const at = `${path}.${attribute.name}`;
    if (v === undefined) {
      if (attribute.required) out.push({ path: at, message: 'required attribute is missing' });
      continue;
    }
    const before = out.length;
    validateAny(module, attribute.type, v, at, out);
    if (attribute.fixed !== undefined && out.length === before) {
      const lexical = toLexical(v, resolveType(module, attribute.type) as SimpleTypeDescriptor);
      if ('lexical' in lexical && !sameFixed(lexical.lexical, attribute.fixed)) {
        out.push({ path: at, message: `must be the fixed value ${attribute.fixed}` });
      }
    }
  }
  if (type.text !== undefined) {
    const text = value[TEXT_PROPERTY];
    if (text === undefined)
      out.push({ path: `${path}.${TEXT_PROPERTY}`, message: 'text content is missing' });
    else validateAny(module, type.text, text, `${path}.${TEXT_PROPERTY}`, out);
  }
  if (type.content) validateGroup(module, type.content, value, path, true, out);
}

/** Fixed values compare by value for numbers (`1` equals `1.0`), by text otherwise. */
function sameFixed(lexical: string, fixed: string): boolean {
  if (lexical === fixed) return true;
  const a = Number(lexical);
  const b = Number(fixed);
  return lexical.trim() !== '' && !Number.isNaN(a) && a === b;
}

function count(value: unknown): number {
  if (value === undefined) return 0;
  return Array.isArray(value) ? value.length : 1;
}

function particlePresent(p: ParticleDescriptor, value: Record<string, unknown>): boolean {
  if (p.kind === 'element') return count(value[p.name]) > 0;
  return p.particles.some((q) => particlePresent(q, value));
}

function emptiable(p: ParticleDescriptor): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element') return false;
  return p.kind === 'choice' ? p.particles.some(emptiable) : p.particles.every(emptiable);
}

function names(p: ParticleDescriptor): string[] {
  return p.kind === 'element' ? [p.name] : p.particles.flatMap(names);
}

function validateGroup(
  module: ModuleDescriptor,
  group: GroupDescriptor,
  value: Record<string, unknown>,
  path: string,
  required: boolean,
  out: Violation[],
): void {
  // An optional group that occurs (any member given) needs its required members.
  const needed = required && (group.min > 0 || particlePresent(group, value));
  // In a repeating group an element's own maxOccurs is per repetition.
  const repeats = group.max !== 1;
  if (group.kind === 'choice') {
    const present = group.particles.filter((p) => particlePresent(p, value));
    if (present.length > 1 && !repeats) {
      out.push({
        path,
        message: `only one of ${present.flatMap(names).join(', ')} may be given (xs:choice)`,
      });
    }
    if (present.length === 0 && needed && !group.particles.some(emptiable)) {
      out.push({
        path,
        message: `one of ${group.particles.flatMap(names).join(', ')} is required (xs:choice)`,
      });
    }
    for (const p of present)
      validateParticle(module, p, value, path, needed || present.length > 0, repeats, out);
    return;
  }
  for (const p of group.particles) validateParticle(module, p, value, path, needed, repeats, out);
}

function validateParticle(
  module: ModuleDescriptor,
  p: ParticleDescriptor,
  value: Record<string, unknown>,
  path: string,
  required: boolean,
  repeats: boolean,
  out: Violation[],
): void {
  if (p.kind !== 'element') {
    validateGroup(module, p, value, path, required, out);
    return;
  }
  const v = value[p.name];
  const at = `${path}.${p.name}`;
  const n = count(v);
  const array = repeats || p.max !== 1;
  if (n === 0) {
    if (required && p.min > 0) {
      out.push({
        path: at,
        message: p.min === 1 ? 'required element is missing' : `at least ${p.min} required, got 0`,
      });
    }
    return;
  }
  if (Array.isArray(v) !== array) {
    out.push({
      path: at,
      message: array ? `expected a list, got ${describe(v)}` : `expected a single value, got a list`,
    });
    return;
  }
  if (!repeats && p.max !== UNBOUNDED && n > p.max)
    out.push({ path: at, message: `at most ${p.max} allowed, got ${n}` });
  if (required && n < p.min) out.push({ path: at, message: `at least ${p.min} required, got ${n}` });
  if (Array.isArray(v)) v.forEach((item, i) => validateAny(module, p.type, item, `${at}[${i}]`, out));
  else validateAny(module, p.type, v, at, out);
}
