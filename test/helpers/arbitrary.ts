/**
 * fast-check arbitraries that build random VALID values for any type of a
 * generated schema module, straight from its descriptors.
 *
 * The generators are written independently of the runtime validator
 * (src/xml/facets.ts, src/xml/validate.ts): facets are honoured here by
 * construction, with small predicates of our own as a final guard, so a bug
 * in the validator shows up as a rejected value instead of being hidden by a
 * generator that asks the validator what is valid.
 *
 * Simple types:
 * - strings honour enumeration, length / minLength / maxLength (in Unicode
 *   code points) and every pattern of every restriction step. Patterns are
 *   translated by src/xml/pattern.ts and generated with `fc.stringMatching`;
 *   unbounded quantifiers are rewritten to bounded ones that fit the length
 *   facets, and what still cannot be guaranteed by construction is filtered
 *   with a bounded retry (never an endless loop: the arbitrary throws, naming
 *   the type, when it cannot find a value).
 * - numbers are built as scaled BigInts: every value of `decimal` types is
 *   `k / 10^s` with `s <= fractionDigits`, inside min/maxInclusive and
 *   totalDigits, with the bounds, zero and the finest step as edge values.
 *   `js: 'number'` types give JS numbers made from the exact decimal text
 *   (`Number("12.34")`), `js: 'string'` types give lexical strings (with the
 *   occasional `+` sign or leading zero the lexical space allows).
 * - dates `YYYY-MM-DD`, dateTimes `YYYY-MM-DDThh:mm:ss` (JST wall clock, no
 *   offset), inside any min/maxInclusive.
 * Complex types: every required attribute, optional ones sometimes; content
 * groups in schema order (sequence, choice with exactly one branch when the
 * choice is required and no branch is emptiable, all); occurrence bounds with
 * short lists; simple content as the `value` property; a depth limit past
 * which only what is required is generated. Values are plain JSON objects.
 */
import fc from 'fast-check';
import {
  TEXT_PROPERTY,
  UNBOUNDED,
  type ComplexTypeDescriptor,
  type Facets,
  type GroupDescriptor,
  type ModuleDescriptor,
  type OperationDescriptor,
  type ParticleDescriptor,
  type SimpleTypeDescriptor,
  type TypeRef,
} from '../../src/xml/descriptors.js';
import { translatePattern, translatePatternSource } from '../../src/xml/pattern.js';
import { complexIndex, resolveType } from '../../src/xml/schema-index.js';
import { isXmlText } from './xmllint.js';

export type Value = string | number | boolean | Value[] | { [key: string]: Value };
export type Rec = { [key: string]: Value };

export interface ArbitraryOptions {
  /** Depth of nested complex elements past which only required members are generated. Default 8. */
  readonly maxDepth?: number;
  /** Most items in a list, unless minOccurs needs more. Default 3. */
  readonly maxItems?: number;
  /**
   * `random` (default): optional attributes and elements appear sometimes.
   * `all`: every optional attribute and element appears (choices still pick
   * one branch at random); useful to reach a deep field.
   */
  readonly presence?: 'random' | 'all';
  /** Longest string generated for a type without a maxLength. Default 16. */
  readonly defaultMaxLength?: number;
}

interface Context {
  readonly module: ModuleDescriptor;
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly presence: 'random' | 'all';
  readonly defaultMaxLength: number;
  readonly cache: Map<string, fc.Arbitrary<Value>>;
}

const contexts = new WeakMap<ModuleDescriptor, Map<string, Context>>();

function contextFor(module: ModuleDescriptor, options: ArbitraryOptions = {}): Context {
  const maxDepth = options.maxDepth ?? 8;
  const maxItems = options.maxItems ?? 3;
  const presence = options.presence ?? 'random';
  const defaultMaxLength = options.defaultMaxLength ?? 16;
  const key = `${maxDepth}/${maxItems}/${presence}/${defaultMaxLength}`;
  let byKey = contexts.get(module);
  if (!byKey) contexts.set(module, (byKey = new Map()));
  let ctx = byKey.get(key);
  if (!ctx)
    byKey.set(key, (ctx = { module, maxDepth, maxItems, presence, defaultMaxLength, cache: new Map() }));
  return ctx;
}

/** Random valid values of `typeRef` (a simple or complex type of `module`, or `xs:<builtin>`). */
export function arbitraryFor(
  module: ModuleDescriptor,
  typeRef: TypeRef,
  options?: ArbitraryOptions,
): fc.Arbitrary<Value> {
  return typeArb(contextFor(module, options), typeRef, 0);
}

/** Random valid values of a simple type descriptor (which need not be in a module: e.g. with changed facets). */
export function arbitrarySimple(type: SimpleTypeDescriptor, options?: ArbitraryOptions): fc.Arbitrary<Value> {
  return simpleArb(type, options?.defaultMaxLength ?? 16);
}

/** Random valid attribute sets of a complex type: just its attributes, no content. */
export function arbitraryAttributes(
  module: ModuleDescriptor,
  typeRef: TypeRef,
  options?: ArbitraryOptions,
): fc.Arbitrary<Rec> {
  const ctx = contextFor(module, options);
  const type = resolveType(module, typeRef);
  if (type.kind !== 'complex') throw new Error(`${typeRef} is not a complex type`);
  return mergeAll(attributeArbs(ctx, type, 0));
}

/**
 * A whole request document for an operation, as the value of the root
 * element: root → envelope (random valid envelope attributes) → data
 * element(s); for report operations the data element sits under the root,
 * which then carries the random attributes. A repeated data element gets one
 * to `maxItems` items.
 */
export function arbitraryOperationDocument(
  module: ModuleDescriptor,
  operation: OperationDescriptor,
  options?: ArbitraryOptions,
): fc.Arbitrary<Rec> {
  const ctx = contextFor(module, options);
  const holderType = operation.envelopeType ?? operation.rootType;
  const holder = resolveType(module, holderType);
  if (holder.kind !== 'complex') throw new Error(`${holderType} is not a complex type`);
  const member = complexIndex(holder).elements.get(operation.element);
  if (!member) throw new Error(`${operation.element} is not an element of ${holderType}`);
  // The data element sits at depth 2 under an envelope, 1 under the root.
  const depth = operation.envelope === undefined ? 1 : 2;
  const item = typeArb(ctx, operation.dataType, depth);
  const data: fc.Arbitrary<Value> = member.array
    ? fc.array(item, { minLength: 1, maxLength: Math.max(1, ctx.maxItems) })
    : item;
  const holderValue = fc
    .tuple(mergeAll(attributeArbs(ctx, holder, depth - 1)), data)
    .map(([attributes, d]): Rec => ({ ...attributes, [operation.element]: d }));
  if (operation.envelope === undefined) return holderValue;
  const envelope = operation.envelope;
  const root = resolveType(module, operation.rootType);
  if (root.kind !== 'complex') throw new Error(`${operation.rootType} is not a complex type`);
  return fc
    .tuple(mergeAll(attributeArbs(ctx, root, 0)), holderValue)
    .map(([attributes, env]): Rec => ({ ...attributes, [envelope]: env }));
}

// ---------------------------------------------------------------------------
// Complex types

function typeArb(ctx: Context, ref: TypeRef, depth: number): fc.Arbitrary<Value> {
  const type = resolveType(ctx.module, ref);
  if (type.kind === 'simple') {
    const key = `simple:${ref}`;
    let arb = ctx.cache.get(key);
    if (!arb) ctx.cache.set(key, (arb = simpleArb(type, ctx.defaultMaxLength)));
    return arb;
  }
  if (depth > ctx.maxDepth + 32)
    throw new Error(`${ref}: required content recurses deeper than ${ctx.maxDepth + 32} levels`);
  // Past maxDepth everything optional is left out, so the shape no longer
  // depends on the depth: one cache entry serves all deeper levels.
  const key = `complex:${ref}:${Math.min(depth, ctx.maxDepth + 1)}`;
  let arb = ctx.cache.get(key);
  if (!arb) ctx.cache.set(key, (arb = complexArb(ctx, type, depth)));
  return arb;
}

function complexArb(ctx: Context, type: ComplexTypeDescriptor, depth: number): fc.Arbitrary<Value> {
  const parts = attributeArbs(ctx, type, depth);
  if (type.text !== undefined) {
    parts.push(typeArb(ctx, type.text, depth).map((v): Rec => ({ [TEXT_PROPERTY]: v })));
  }
  if (type.content) parts.push(groupArb(ctx, type, type.content, depth));
  return mergeAll(parts);
}

function attributeArbs(ctx: Context, type: ComplexTypeDescriptor, depth: number): fc.Arbitrary<Rec>[] {
  const shallow = depth <= ctx.maxDepth;
  const parts: fc.Arbitrary<Rec>[] = [];
  for (const attribute of type.attributes) {
    const simple = resolveType(ctx.module, attribute.type);
    if (simple.kind !== 'simple')
      throw new Error(`${type.name}.${attribute.name}: ${attribute.type} is not simple`);
    const value: fc.Arbitrary<Value> =
      attribute.fixed !== undefined
        ? fc.constant(fromLexical(attribute.fixed, simple))
        : typeArb(ctx, attribute.type, depth);
    const present = value.map((v): Rec => ({ [attribute.name]: v }));
    if (attribute.required) parts.push(present);
    else if (shallow) parts.push(optional(ctx, present));
  }
  return parts;
}

function optional(ctx: Context, arb: fc.Arbitrary<Rec>): fc.Arbitrary<Rec> {
  return ctx.presence === 'all' ? arb : fc.oneof(fc.constant({}), arb);
}

function mergeAll(parts: fc.Arbitrary<Rec>[]): fc.Arbitrary<Rec> {
  if (parts.length === 0) return fc.constant({});
  if (parts.length === 1) return parts[0]!;
  return fc.tuple(...parts).map((records) => Object.assign({}, ...records) as Rec);
}

function emptiable(p: ParticleDescriptor): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element') return false;
  return p.kind === 'choice' ? p.particles.some(emptiable) : p.particles.every(emptiable);
}

/**
 * One occurrence of a group. A group that may repeat is generated once: a
 * value holds each element's items in one list, so repetitions of a
 * sequence could not be interleaved anyway.
 */
function groupArb(
  ctx: Context,
  owner: ComplexTypeDescriptor,
  group: GroupDescriptor,
  depth: number,
): fc.Arbitrary<Rec> {
  const shallow = depth <= ctx.maxDepth;
  let body: fc.Arbitrary<Rec>;
  if (group.kind === 'choice') {
    const required = group.min > 0 && !group.particles.some(emptiable);
    const branches = group.particles.map((p) => particleArb(ctx, owner, p, depth, true));
    if (required) body = fc.oneof(...branches);
    else if (!shallow) return fc.constant({});
    else body = fc.oneof(fc.constant({}), ...branches);
  } else {
    body = mergeAll(group.particles.map((p) => particleArb(ctx, owner, p, depth, false)));
  }
  if (group.min > 0) return body;
  if (!shallow) return fc.constant({});
  return optional(ctx, body);
}

function particleArb(
  ctx: Context,
  owner: ComplexTypeDescriptor,
  p: ParticleDescriptor,
  depth: number,
  inChoice: boolean,
): fc.Arbitrary<Rec> {
  if (p.kind !== 'element') return groupArb(ctx, owner, p, depth);
  const member = complexIndex(owner).elements.get(p.name);
  if (!member) throw new Error(`${owner.name}: no member ${p.name}`);
  const type = resolveType(ctx.module, p.type);
  let item: fc.Arbitrary<Value>;
  if (p.fixed !== undefined) {
    if (type.kind !== 'simple') throw new Error(`${owner.name}.${p.name}: fixed value on a complex element`);
    item = fc.constant(fromLexical(p.fixed, type));
  } else item = typeArb(ctx, p.type, depth + 1);
  const shallow = depth <= ctx.maxDepth;
  // A branch chosen in a choice is present at least once, so that the choice
  // is really exercised (an empty branch is the `{}` alternative).
  const min = Math.max(p.min, inChoice && shallow ? 1 : 0);
  const limit = p.max === UNBOUNDED ? Infinity : p.max;
  let max = Math.min(limit, Math.max(min, ctx.maxItems));
  if (!shallow) max = min;
  if (max === 0) return fc.constant({});
  if (member.array) {
    const lo = ctx.presence === 'all' ? Math.max(min, 1) : min;
    return fc
      .array(item, { minLength: lo, maxLength: Math.max(lo, max) })
      .map((items): Rec => (items.length === 0 ? {} : { [p.name]: items }));
  }
  const present = item.map((v): Rec => ({ [p.name]: v }));
  return min >= 1 ? present : optional(ctx, present);
}

// ---------------------------------------------------------------------------
// Simple types

/** The JS value of a lexical form, for fixed values and enumerations. */
function fromLexical(lexical: string, type: SimpleTypeDescriptor): Value {
  switch (type.js) {
    case 'string':
      return lexical;
    case 'number':
      return Number(lexical.trim());
    case 'boolean':
      return lexical.trim() === 'true' || lexical.trim() === '1';
  }
}

/** Code points, the unit of XSD length facets on strings. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Every step's patterns: within a step any may match, all steps must hold. */
export function matchesPatterns(lexical: string, facets: Facets): boolean {
  return (facets.patterns ?? []).every((step) => step.some((p) => translatePattern(p).test(lexical)));
}

function lengthOk(lexical: string, facets: Facets): boolean {
  const n = codePointLength(lexical);
  if (facets.length !== undefined && n !== facets.length) return false;
  if (facets.minLength !== undefined && n < facets.minLength) return false;
  if (facets.maxLength !== undefined && n > facets.maxLength) return false;
  return true;
}

function simpleArb(type: SimpleTypeDescriptor, defaultMaxLength: number): fc.Arbitrary<Value> {
  const f = type.facets;
  if (f.enumeration !== undefined) return enumerationArb(type);
  switch (type.builtin) {
    case 'string':
      return stringArb(type, defaultMaxLength);
    case 'boolean':
      return type.js === 'boolean' ? fc.boolean() : fc.constantFrom('true', 'false', '1', '0');
    case 'int':
    case 'integer':
    case 'long':
    case 'decimal':
      return f.patterns !== undefined ? patternedNumberArb(type) : decimalArb(type);
    case 'float':
      return floatArb(type);
    case 'date':
      return dateArb(type, false);
    case 'dateTime':
      return dateArb(type, true);
    case 'base64Binary':
      return base64Arb(type);
  }
}

function describeType(type: SimpleTypeDescriptor): string {
  return `${type.name} (${type.builtin}, ${JSON.stringify(type.facets)})`;
}

function enumerationArb(type: SimpleTypeDescriptor): fc.Arbitrary<Value> {
  const f = type.facets;
  const allowed = (f.enumeration ?? []).filter(
    (v) => lengthOk(v, f) && matchesPatterns(v, f) && numericBoundsOk(v, type),
  );
  if (allowed.length === 0)
    throw new Error(`no enumeration value of ${describeType(type)} satisfies its other facets`);
  return fc.constantFrom(...allowed.map((v) => fromLexical(v, type)));
}

function numericBoundsOk(lexical: string, type: SimpleTypeDescriptor): boolean {
  if (!['int', 'integer', 'long', 'decimal', 'float'].includes(type.builtin)) return true;
  const v = parseDecimal(lexical);
  if (!v) return false;
  const f = type.facets;
  if (f.minInclusive !== undefined && compareDecimal(v, parseDecimal(f.minInclusive)!) < 0) return false;
  if (f.maxInclusive !== undefined && compareDecimal(v, parseDecimal(f.maxInclusive)!) > 0) return false;
  return true;
}

// -- bounded retry ----------------------------------------------------------

/**
 * `arb` filtered by `accept`, trying at most `attempts` times per value and
 * then throwing (naming `what`) instead of looping forever like `filter`.
 */
class BoundedRetry<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly arb: fc.Arbitrary<T>,
    private readonly accept: (value: T) => boolean,
    private readonly what: string,
    private readonly attempts = 50,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    for (let i = 0; i < this.attempts; i++) {
      const candidate = this.arb.generate(mrng, biasFactor);
      if (this.accept(candidate.value)) return candidate;
    }
    throw new Error(`arbitrary: no valid value for ${this.what} after ${this.attempts} attempts`);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.arb.canShrinkWithoutContext(value) && this.accept(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.arb.shrink(value, context).filter((v) => this.accept(v.value));
  }
}

export function boundedRetry<T>(
  arb: fc.Arbitrary<T>,
  accept: (value: T) => boolean,
  what: string,
  attempts?: number,
): fc.Arbitrary<T> {
  return new BoundedRetry(arb, accept, what, attempts);
}

// -- strings ------------------------------------------------------------------

/** Characters for strings without a pattern: mostly ASCII, with Japanese, astral, markup and whitespace characters. */
const freeChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x3041, max: 0x30ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fea }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f600, max: 0x1f64f }).map((c) => String.fromCodePoint(c)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', '\u00a0', '\u3000', 'é'),
  },
);

function lengthRange(f: Facets, defaultMaxLength: number): [number, number] {
  const lo = f.length ?? f.minLength ?? 0;
  const hi = f.length ?? f.maxLength ?? Math.max(lo, defaultMaxLength);
  return [lo, hi];
}

/** A count in [lo, hi], with the two bounds as frequent edge cases. */
function countArb(lo: number, hi: number): fc.Arbitrary<number> {
  if (lo === hi) return fc.constant(lo);
  return fc.oneof(fc.constant(lo), fc.constant(hi), fc.integer({ min: lo, max: hi }));
}

function stringArb(type: SimpleTypeDescriptor, defaultMaxLength: number): fc.Arbitrary<Value> {
  const f = type.facets;
  const [lo, hi] = lengthRange(f, defaultMaxLength);
  if (lo > hi) throw new Error(`${describeType(type)}: empty length range`);
  if (f.patterns === undefined || f.patterns.length === 0) {
    return countArb(lo, hi).chain((n) => fc.string({ unit: freeChar, minLength: n, maxLength: n }));
  }
  return patternedStringArb(type, lo, hi);
}

/**
 * Strings of a patterned type: generated from the patterns of one
 * restriction step (the last, most derived one first), length-bounded by
 * rewriting quantifiers, then checked against every step and length facet.
 */
function patternedStringArb(type: SimpleTypeDescriptor, lo: number, hi: number): fc.Arbitrary<string> {
  const f = type.facets;
  const steps = [...(f.patterns ?? [])].reverse();
  for (const step of steps) {
    const alternatives = step
      .map((p) => boundedPatternArb(p, lo, hi))
      .filter((a): a is fc.Arbitrary<string> => a !== null);
    if (alternatives.length === 0) continue;
    const raw = alternatives.length === 1 ? alternatives[0]! : fc.oneof(...alternatives);
    return boundedRetry(
      raw,
      (s) => isXmlText(s) && lengthOk(s, f) && matchesPatterns(s, f),
      describeType(type),
    );
  }
  throw new Error(`${describeType(type)}: no pattern can produce a string of length ${lo}..${hi}`);
}

/** Strings matching one XSD pattern whose length is likely (not certainly) in [lo, hi]; null when impossible. */
function boundedPatternArb(xsd: string, lo: number, hi: number): fc.Arbitrary<string> | null {
  const ast = parseRegex(translatePatternSource(xsd));
  const [patMin, patMax] = altLength(ast);
  if (patMin > hi || patMax < lo) return null;
  const unbounded: Quantified[] = [];
  collectUnbounded(ast, unbounded);
  const top = ast.branches.length === 1 ? ast.branches[0]!.items : [];
  const only = unbounded.length === 1 ? unbounded[0]! : undefined;
  if (only && top.includes(only)) {
    // Exactly one unbounded quantifier, at top level: choose its count so the
    // whole string fits [lo, hi].
    const saved = only.max;
    only.max = 0;
    const savedMin = only.min;
    only.min = 0;
    const [restMin, restMax] = altLength(ast);
    only.max = saved;
    only.min = savedMin;
    const [atomMin, atomMax] = atomLength(only.atom);
    const countLo = Math.max(only.min, atomMax === 0 ? 0 : Math.ceil((lo - restMax) / atomMax));
    const countHi = atomMin === 0 ? countLo + 4 : Math.floor((hi - restMin) / atomMin);
    if (countLo > countHi) return null;
    return countArb(countLo, countHi).chain((n) => regexArb(emitAlt(ast, new Map([[only, n]]))));
  }
  const extra = Math.max(0, hi - patMin);
  const caps = new Map<Quantified, [number, number]>();
  for (const q of unbounded) {
    const [atomMin] = atomLength(q.atom);
    caps.set(q, [q.min, q.min + (atomMin === 0 ? 4 : Math.floor(extra / atomMin))]);
  }
  return regexArb(emitAlt(ast, caps));
}

/** Shortest and longest string (in code points) an XSD pattern matches; the longest may be Infinity. */
export function patternLengthRange(xsd: string): [number, number] {
  return altLength(parseRegex(translatePatternSource(xsd)));
}

const regexCache = new Map<string, fc.Arbitrary<string>>();

function regexArb(source: string): fc.Arbitrary<string> {
  let arb = regexCache.get(source);
  if (!arb) regexCache.set(source, (arb = fc.stringMatching(new RegExp(`^(?:${source})$`, 'u'))));
  return arb;
}

// -- a small reader for the JS RegExp sources that pattern.ts emits ----------

interface Alt {
  readonly kind: 'alt';
  readonly branches: Seq[];
}
interface Seq {
  readonly items: Quantified[];
}
type Atom =
  | { readonly kind: 'char'; readonly source: string }
  | { readonly kind: 'group'; readonly prefix: string; readonly body: Alt }
  | { readonly kind: 'zero'; readonly prefix: string; readonly body: Alt };
interface Quantified {
  readonly atom: Atom;
  min: number;
  max: number; // Infinity when unbounded
  /** The quantifier as written, or '' when there is none. */
  readonly written: string;
}

function parseRegex(source: string): Alt {
  const chars = Array.from(source);
  let pos = 0;
  const peek = (): string | undefined => chars[pos];
  const fail = (why: string): never => {
    throw new Error(`arbitrary: cannot read RegExp /${source}/ at ${pos}: ${why}`);
  };
  const alt = (): Alt => {
    const branches: Seq[] = [seq()];
    while (peek() === '|') {
      pos++;
      branches.push(seq());
    }
    return { kind: 'alt', branches };
  };
  const seq = (): Seq => {
    const items: Quantified[] = [];
    while (pos < chars.length && peek() !== '|' && peek() !== ')') items.push(quantified(atom()));
    return { items };
  };
  const escape = (): string => {
    // at '\\'
    let out = chars[pos++]!;
    const c = chars[pos++];
    if (c === undefined) fail('dangling escape');
    out += c;
    if ((c === 'u' || c === 'p' || c === 'P') && peek() === '{') {
      while (peek() !== '}') {
        if (pos >= chars.length) fail('unterminated escape');
        out += chars[pos++];
      }
      out += chars[pos++];
    } else if (c === 'u') {
      for (let i = 0; i < 4; i++) out += chars[pos++] ?? fail('short \\u escape');
    } else if (c === 'x') {
      for (let i = 0; i < 2; i++) out += chars[pos++] ?? fail('short \\x escape');
    }
    return out;
  };
  const atom = (): Atom => {
    const c = peek()!;
    if (c === '(') {
      pos++;
      let prefix = '(';
      if (peek() === '?') {
        const kind = chars[pos + 1];
        prefix += `?${kind ?? ''}`;
        pos += 2;
        const body = alt();
        if (peek() !== ')') fail('unclosed group');
        pos++;
        return kind === ':' ? { kind: 'group', prefix, body } : { kind: 'zero', prefix, body };
      }
      const body = alt();
      if (peek() !== ')') fail('unclosed group');
      pos++;
      return { kind: 'group', prefix, body };
    }
    if (c === '[') {
      let out = chars[pos++]!;
      if (peek() === '^') out += chars[pos++];
      while (peek() !== ']') {
        if (pos >= chars.length) fail('unterminated class');
        out += peek() === '\\' ? escape() : chars[pos++];
      }
      out += chars[pos++];
      return { kind: 'char', source: out };
    }
    if (c === '\\') return { kind: 'char', source: escape() };
    if (c === '^' || c === '$') {
      pos++;
      return { kind: 'zero', prefix: c, body: { kind: 'alt', branches: [] } };
    }
    pos++;
    return { kind: 'char', source: c };
  };
  const quantified = (a: Atom): Quantified => {
    const c = peek();
    if (c === '*' || c === '+' || c === '?') {
      pos++;
      return { atom: a, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity, written: c };
    }
    if (c === '{') {
      const rest = chars.slice(pos).join('');
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (m) {
        pos += m[0].length;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        return { atom: a, min, max, written: m[0] };
      }
    }
    return { atom: a, min: 1, max: 1, written: '' };
  };
  const result = alt();
  if (pos !== chars.length) fail('unexpected )');
  return result;
}

function atomLength(a: Atom): [number, number] {
  if (a.kind === 'char') return [1, 1];
  if (a.kind === 'zero') return [0, 0];
  return altLength(a.body);
}

function altLength(alt: Alt): [number, number] {
  if (alt.branches.length === 0) return [0, 0];
  let min = Infinity;
  let max = 0;
  for (const b of alt.branches) {
    let bmin = 0;
    let bmax = 0;
    for (const q of b.items) {
      const [amin, amax] = atomLength(q.atom);
      bmin += q.min * amin;
      bmax += q.max === 0 || amax === 0 ? 0 : q.max * amax;
    }
    min = Math.min(min, bmin);
    max = Math.max(max, bmax);
  }
  return [min, max];
}

function collectUnbounded(alt: Alt, out: Quantified[]): void {
  for (const b of alt.branches) {
    for (const q of b.items) {
      if (q.max === Infinity) out.push(q);
      if (q.atom.kind !== 'char') collectUnbounded(q.atom.body, out);
    }
  }
}

/** The source again, with some quantifiers replaced by an exact count or a [min, max] range. */
function emitAlt(alt: Alt, replace: ReadonlyMap<Quantified, number | [number, number]>): string {
  return alt.branches
    .map((b) =>
      b.items
        .map((q) => {
          const a = q.atom;
          const atom =
            a.kind === 'char'
              ? a.source
              : a.prefix === '^' || a.prefix === '$'
                ? a.prefix
                : `${a.prefix}${emitAlt(a.body, replace)})`;
          const r = replace.get(q);
          if (r === undefined) return atom + q.written;
          if (typeof r === 'number') return `${atom}{${r}}`;
          return `${atom}{${r[0]},${r[1]}}`;
        })
        .join(''),
    )
    .join('|');
}

// -- numbers ------------------------------------------------------------------

/** A decimal value `n / 10^scale`. */
interface Scaled {
  readonly n: bigint;
  readonly scale: number;
}

/** Reads an XSD decimal/integer lexical form (optional sign, digits, optional fraction). */
export function parseDecimal(lexical: string): Scaled | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(lexical);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const fraction = m[3] ?? '';
  const n = BigInt(`${m[2] || '0'}${fraction}`);
  return { n: m[1] === '-' ? -n : n, scale: fraction.length };
}

function rescale(v: Scaled, scale: number, round: 'floor' | 'ceil'): bigint {
  if (scale >= v.scale) return v.n * 10n ** BigInt(scale - v.scale);
  const d = 10n ** BigInt(v.scale - scale);
  const q = v.n / d; // truncates toward zero
  const r = v.n % d;
  if (r === 0n) return q;
  if (round === 'floor') return v.n < 0n ? q - 1n : q;
  return v.n > 0n ? q + 1n : q;
}

export function compareDecimal(a: Scaled, b: Scaled): number {
  const s = Math.max(a.scale, b.scale);
  const x = rescale(a, s, 'floor');
  const y = rescale(b, s, 'floor');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `n / 10^scale` in plain decimal notation, with exactly `scale` fraction digits. */
export function formatScaled(n: bigint, scale: number): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const body =
    scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${body}` : body;
}

const BUILTIN_INTEGER_RANGE: Partial<Record<SimpleTypeDescriptor['builtin'], [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** The inclusive bounds at a scale, from the built-in, the facets and the JS representation. */
function scaledBounds(type: SimpleTypeDescriptor, scale: number): [bigint, bigint] {
  const f = type.facets;
  const p = 10n ** BigInt(scale);
  const builtinRange = BUILTIN_INTEGER_RANGE[type.builtin];
  // Unbounded integer/decimal types: a wide range that still fits the JS representation.
  const wide = type.js === 'number' ? BigInt(Number.MAX_SAFE_INTEGER) : 10n ** 20n;
  let lo = builtinRange ? builtinRange[0] * p : -wide;
  let hi = builtinRange ? builtinRange[1] * p : wide;
  if (type.js === 'number') {
    // Keep every value exactly representable as a double.
    lo = lo > -BigInt(Number.MAX_SAFE_INTEGER) ? lo : -BigInt(Number.MAX_SAFE_INTEGER);
    hi = hi < BigInt(Number.MAX_SAFE_INTEGER) ? hi : BigInt(Number.MAX_SAFE_INTEGER);
  }
  if (f.minInclusive !== undefined) {
    const m = rescale(parseDecimal(f.minInclusive)!, scale, 'ceil');
    if (m > lo) lo = m;
  }
  if (f.maxInclusive !== undefined) {
    const m = rescale(parseDecimal(f.maxInclusive)!, scale, 'floor');
    if (m < hi) hi = m;
  }
  if (f.totalDigits !== undefined) {
    const t = 10n ** BigInt(f.totalDigits) - 1n;
    if (t < hi) hi = t;
    if (-t > lo) lo = -t;
  }
  return [lo, hi];
}

/** Largest number of fraction digits a value of this type may have. */
function maxScale(type: SimpleTypeDescriptor): number {
  if (type.builtin !== 'decimal' && type.builtin !== 'float') return 0;
  const f = type.facets;
  // A decimal without fractionDigits: a few digits are enough to exercise it.
  let s = f.fractionDigits ?? 4;
  if (f.totalDigits !== undefined) s = Math.min(s, f.totalDigits);
  return s;
}

/** Random lexical variants that keep the value: a `+` sign or leading zeros (strings only). */
function lexicalVariant(lexical: string): fc.Arbitrary<string> {
  const negative = lexical.startsWith('-');
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(lexical) },
    { weight: 1, arbitrary: fc.constant(negative ? lexical : `+${lexical}`) },
    { weight: 1, arbitrary: fc.constant(negative ? `-0${lexical.slice(1)}` : `0${lexical}`) },
  );
}

function decimalArb(type: SimpleTypeDescriptor): fc.Arbitrary<Value> {
  const top = maxScale(type);
  const f = type.facets;
  const perScale: fc.Arbitrary<string>[] = [];
  const edges = new Set<string>();
  for (let scale = 0; scale <= top; scale++) {
    const [lo, hi] = scaledBounds(type, scale);
    if (lo > hi) continue;
    if (f.totalDigits !== undefined && scale > f.totalDigits) continue;
    perScale.push(fc.bigInt({ min: lo, max: hi }).map((n) => formatScaled(n, scale)));
    if (scale === top) {
      // Edge values: the bounds, zero, the finest step next to them, all nines.
      const candidates = [lo, hi, lo + 1n, hi - 1n, 0n, 1n, -1n];
      const nines = 10n ** BigInt(scale) - 1n;
      candidates.push(nines, -nines, hi - (hi % 10n ** BigInt(scale)) + nines);
      for (const n of candidates) if (n >= lo && n <= hi) edges.add(formatScaled(n, scale));
    }
  }
  if (perScale.length === 0) throw new Error(`${describeType(type)}: no value in range`);
  const lexical = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...perScale) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  );
  if (type.js === 'number') return lexical.map((s) => Number(s));
  return lexical.chain(lexicalVariant);
}

/** Integers of a patterned numeric type: lexical forms from the patterns, kept when canonical and in range. */
function patternedNumberArb(type: SimpleTypeDescriptor): fc.Arbitrary<Value> {
  const base = patternedStringArb(
    { ...type, builtin: 'string', facets: { patterns: type.facets.patterns ?? [] } },
    0,
    12,
  );
  const accept = (s: string): boolean => {
    const v = parseDecimal(s);
    if (!v || !numericBoundsOk(s, type)) return false;
    const [lo, hi] = scaledBounds(type, v.scale);
    if (v.n < lo || v.n > hi) return false;
    // A JS number is written back canonically: only canonical forms survive.
    return type.js !== 'number' || String(Number(s)) === s;
  };
  const lexical = boundedRetry(base, accept, describeType(type));
  return type.js === 'number' ? lexical.map((s) => Number(s)) : lexical;
}

function floatArb(type: SimpleTypeDescriptor): fc.Arbitrary<Value> {
  // Quarters of small integers: exact in binary32, plainly written.
  const [lo, hi] = scaledBounds({ ...type, builtin: 'decimal' }, 2);
  const lo4 = lo / 25n;
  const hi4 = hi / 25n;
  const arb = fc
    .bigInt({ min: lo4 > -4_000_000n ? lo4 : -4_000_000n, max: hi4 < 4_000_000n ? hi4 : 4_000_000n })
    .map((q) => Number(q) / 4);
  return type.js === 'number' ? arb : arb.map((n) => String(n));
}

// -- dates --------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Seconds since 1970-01-01T00:00:00 (wall clock, no zone) of a date or dateTime lexical form. */
function wallSeconds(lexical: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(lexical.trim());
  if (!m) throw new Error(`unreadable date bound ${lexical}`);
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return days * 86400 + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
}

function formatWall(seconds: number, withTime: boolean): string {
  const days = Math.floor(seconds / 86400);
  const [y, mo, d] = civilFromDays(days);
  const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
  if (!withTime) return date;
  const s = seconds - days * 86400;
  return `${date}T${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor((s % 3600) / 60), 2)}:${pad(s % 60, 2)}`;
}

function dateArb(type: SimpleTypeDescriptor, withTime: boolean): fc.Arbitrary<Value> {
  const f = type.facets;
  const unit = withTime ? 1 : 86400;
  let lo = wallSeconds('2000-01-01T00:00:00');
  let hi = wallSeconds('2099-12-31T23:59:59');
  if (f.minInclusive !== undefined) lo = Math.max(lo, wallSeconds(f.minInclusive));
  if (f.maxInclusive !== undefined) hi = Math.min(hi, wallSeconds(f.maxInclusive));
  const loU = Math.ceil(lo / unit);
  const hiU = Math.floor(hi / unit);
  if (loU > hiU) throw new Error(`${describeType(type)}: empty date range`);
  const edges = [
    loU,
    hiU,
    ...['2024-02-29T00:00:00', '2024-12-31T23:59:59', '2025-03-30T12:00:00'].map((s) =>
      Math.floor(wallSeconds(s) / unit),
    ),
  ].filter((u) => u >= loU && u <= hiU);
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: loU, max: hiU }) },
      { weight: 1, arbitrary: fc.constantFrom(...edges) },
    )
    .map((u) => formatWall(u * unit, withTime));
}

// -- binary -------------------------------------------------------------------

function base64Arb(type: SimpleTypeDescriptor): fc.Arbitrary<Value> {
  const f = type.facets;
  const lo = f.length ?? f.minLength ?? 0;
  const hi = f.length ?? f.maxLength ?? Math.max(lo, 24);
  return fc
    .uint8Array({ minLength: lo, maxLength: hi })
    .map((bytes) => Buffer.from(bytes).toString('base64'));
}

// ---------------------------------------------------------------------------
// Seeds and samples shared by the conformance tests

/** A 32-bit seed for one operation: the base seed mixed with the operation id (FNV-1a), so adding operations shifts no other. */
export function operationSeed(baseSeed: number, id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ baseSeed) | 0;
}

/** The first `count` documents of an operation for a base seed: the same documents in every test file. */
export function sampleOperationDocuments(
  module: ModuleDescriptor,
  operation: OperationDescriptor,
  count: number,
  baseSeed: number,
  options?: ArbitraryOptions,
): Rec[] {
  if (count <= 0) return [];
  return fc.sample(arbitraryOperationDocument(module, operation, options), {
    numRuns: count,
    seed: operationSeed(baseSeed, operation.id),
  });
}
