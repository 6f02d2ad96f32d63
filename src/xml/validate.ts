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
import { checkSimpleValue, hasTimezone } from './facets.js';
import { describe, toLexical } from './scalar.js';
import { complexIndex, resolveType } from './schema-index.js';

export interface Violation {
  /** Where: element and attribute names from the document root (or the given start), with list indexes. */
  readonly path: string;
  /** What rule was broken, in words. */
  readonly message: string;
  /**
   * The value as the document wrote it, where the message cannot hold it:
   * an attribute or element the schema does not know keeps its text here,
   * so nothing the server sent is lost.
   */
  readonly value?: string;
}

export function formatViolation(v: Violation): string {
  return `${v.path}: ${v.message}`;
}

/** Default of {@link ValidateOptions.maxViolations}. */
export const DEFAULT_MAX_VIOLATIONS = 1000;

/** Whether a violation is the last entry of a list cut at its maximum (there are more). */
export function isStopNote(v: Violation): boolean {
  return v.message.startsWith(STOP_NOTE);
}

const STOP_NOTE = 'validation stopped after';

/** Thrown through the walk when the list is full; caught by {@link validateValue}. */
const FULL = new Error('the violation list is full');

/**
 * Validate `value` as an instance of `type`; `path` names it in messages.
 * At most {@link ValidateOptions.maxViolations} violations are collected;
 * when there are more, the walk stops there and one last entry says so.
 */
export function validateValue(
  module: ModuleDescriptor,
  type: TypeRef,
  value: unknown,
  path: string,
  options: ValidateOptions = {},
): Violation[] {
  const max = options.maxViolations ?? DEFAULT_MAX_VIOLATIONS;
  const ctx: Context = { module, out: [], wallClock: options.wallClock ?? false, max };
  try {
    validateAny(ctx, type, value, path);
  } catch (err) {
    if (err !== FULL) throw err;
    ctx.out.push({ path, message: `${STOP_NOTE} ${max} violations; there are more` });
  }
  return ctx.out;
}

export interface ValidateOptions {
  /**
   * Refuse dates and date-times with a time-zone offset: the MMS takes JST
   * wall-clock values without one (MMS-PROTOCOL.md §8), and an offset that
   * the schema allows would shift the time silently.
   */
  readonly wallClock?: boolean;
  /**
   * Most violations collected (default 1,000). Without a bound a value of
   * many tiny items costs far more than itself: 100,000 empty objects
   * (300 KB of JSON) in a list of Resources broke 1.6 million rules, which
   * took 200 MiB and over a second to list (found by the fuzzer, test/fuzz).
   */
  readonly maxViolations?: number;
}

interface Context {
  readonly module: ModuleDescriptor;
  readonly out: Violation[];
  readonly wallClock: boolean;
  readonly max: number;
}

/** Adds a violation, or stops the walk when the list is full. */
function add(ctx: Context, violation: Violation): void {
  if (ctx.out.length >= ctx.max) throw FULL;
  ctx.out.push(violation);
}

function validateAny(ctx: Context, ref: TypeRef, value: unknown, path: string): void {
  const type = resolveType(ctx.module, ref);
  if (type.kind === 'simple') validateSimple(ctx, type, value, path);
  else validateComplex(ctx, type, value, path);
}

function validateSimple(ctx: Context, type: SimpleTypeDescriptor, value: unknown, path: string): void {
  const lexical = toLexical(value, type);
  if ('error' in lexical) {
    add(ctx, { path, message: lexical.error });
    return;
  }
  const messages = checkSimpleValue(lexical.lexical, type);
  for (const message of messages) add(ctx, { path, message });
  if (
    ctx.wallClock &&
    messages.length === 0 &&
    (type.builtin === 'date' || type.builtin === 'dateTime') &&
    hasTimezone(lexical.lexical)
  ) {
    add(ctx, {
      path,
      message: `${lexical.lexical} has a time-zone offset; the MMS takes JST wall-clock time without one (toJstDateTime() converts an instant)`,
    });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateComplex(ctx: Context, type: ComplexTypeDescriptor, value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    add(ctx, { path, message: `expected an object (${type.name}), got ${describe(value)}` });
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
      add(ctx, { path: `${path}.${key}`, message: `is not a member of ${type.name}` });
    }
  }
  for (const attribute of type.attributes) {
    const v = value[attribute.name];
    const at = `${path}.${attribute.name}`;
    if (v === undefined) {
      if (attribute.required) add(ctx, { path: at, message: 'required attribute is missing' });
      continue;
    }
    const before = ctx.out.length;
    validateAny(ctx, attribute.type, v, at);
    if (attribute.fixed !== undefined && ctx.out.length === before) {
      const lexical = toLexical(v, resolveType(ctx.module, attribute.type) as SimpleTypeDescriptor);
      if ('lexical' in lexical && !sameFixed(lexical.lexical, attribute.fixed)) {
        add(ctx, { path: at, message: `must be the fixed value ${attribute.fixed}` });
      }
    }
  }
  if (type.text !== undefined) {
    const text = value[TEXT_PROPERTY];
    if (text === undefined)
      add(ctx, { path: `${path}.${TEXT_PROPERTY}`, message: 'text content is missing' });
    else validateAny(ctx, type.text, text, `${path}.${TEXT_PROPERTY}`);
  }
  if (type.content) validateGroup(ctx, type.content, value, path, true);
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
  ctx: Context,
  group: GroupDescriptor,
  value: Record<string, unknown>,
  path: string,
  required: boolean,
): void {
  // An optional group that occurs (any member given) needs its required members.
  const needed = required && (group.min > 0 || particlePresent(group, value));
  // In a repeating group an element's own maxOccurs is per repetition.
  const repeats = group.max !== 1;
  if (group.kind === 'choice') {
    const present = group.particles.filter((p) => particlePresent(p, value));
    if (present.length > 1 && !repeats) {
      add(ctx, {
        path,
        message: `only one of ${present.flatMap(names).join(', ')} may be given (xs:choice)`,
      });
    }
    if (present.length === 0 && needed && !group.particles.some(emptiable)) {
      add(ctx, {
        path,
        message: `one of ${group.particles.flatMap(names).join(', ')} is required (xs:choice)`,
      });
    }
    for (const p of present) validateParticle(ctx, p, value, path, needed || present.length > 0, repeats);
    return;
  }
  for (const p of group.particles) validateParticle(ctx, p, value, path, needed, repeats);
}

function validateParticle(
  ctx: Context,
  p: ParticleDescriptor,
  value: Record<string, unknown>,
  path: string,
  required: boolean,
  repeats: boolean,
): void {
  if (p.kind !== 'element') {
    validateGroup(ctx, p, value, path, required);
    return;
  }
  const v = value[p.name];
  const at = `${path}.${p.name}`;
  const n = count(v);
  const array = repeats || p.max !== 1;
  if (n === 0) {
    if (required && p.min > 0) {
      add(ctx, {
        path: at,
        message: p.min === 1 ? 'required element is missing' : `at least ${p.min} required, got 0`,
      });
    }
    return;
  }
  if (Array.isArray(v) !== array) {
    add(ctx, {
      path: at,
      message: array ? `expected a list, got ${describe(v)}` : `expected a single value, got a list`,
    });
    return;
  }
  if (!repeats && p.max !== UNBOUNDED && n > p.max)
    add(ctx, { path: at, message: `at most ${p.max} allowed, got ${n}` });
  if (required && n < p.min) add(ctx, { path: at, message: `at least ${p.min} required, got ${n}` });
  if (Array.isArray(v)) v.forEach((item, i) => validateAny(ctx, p.type, item, `${at}[${i}]`));
  else validateAny(ctx, p.type, v, at);
}
