/**
 * Comparing the value spaces of two simple types: a built-in plus folded
 * facets (codegen/passes/fold-restrictions.ts), whatever the types are
 * called. Every finding carries the relation of the new value space to the
 * old one for that facet; classify.ts turns relations into impacts.
 *
 * Exactness rules:
 * - bounds are compared as values (src/xml/lexical.ts): decimals as digit
 *   strings, never through floats, dates by XSD's order;
 * - enumerations are compared as sets of values (`1.0` equals `1.00` for a
 *   decimal type), after removing values the type's other facets exclude;
 * - an enumeration replaced by open facets (or the reverse) is decided by
 *   checking every enumerated value against the other side's facets with
 *   the runtime's validator (src/xml/facets.ts), patterns included, so
 *   containment is proven, not guessed;
 * - patterns are compared as strings: adding a pattern step (steps are
 *   ANDed) provably narrows, removing one widens, adding an alternative to a
 *   step widens; any other change is reported as `unknown` (possibly
 *   breaking both ways) because regular-language containment is not decided
 *   here.
 * Facets are compared one by one. Where one facet makes another irrelevant
 * (a maxInclusive tighter than totalDigits allows), the change is still
 * reported: conservative, never silent.
 */
import { chooseRepresentation } from '../passes/representation.js';
import type { Builtin, Facets, SimpleTypeDescriptor } from '../../src/xml/descriptors.js';
import { checkSimpleValue } from '../../src/xml/facets.js';
import {
  canonicalDecimal,
  collapseWhitespace,
  compareDateTimes,
  compareDecimals,
  dateTimeKey,
  parseBoolean,
  parseDateTime,
  parseDecimal,
  parseFloatLexical,
} from '../../src/xml/lexical.js';
import type { Relation } from './classify.js';
import type { ValueSpaceChangeKind } from './types.js';

export interface ValueSpace {
  readonly builtin: Builtin;
  readonly facets: Facets;
}

export type { ValueSpaceChangeKind };

export interface ValueSpaceFinding {
  readonly kind: ValueSpaceChangeKind;
  readonly description: string;
  readonly old?: string;
  readonly new?: string;
  readonly relation: Relation;
}

/**
 * Lexical spaces that contain another's: every int is a valid long, every
 * lexical form of any type is a valid string. Pairs not listed are treated
 * as incomparable (date vs dateTime, decimal vs float).
 */
const WIDER_BUILTINS: Readonly<Record<Builtin, readonly Builtin[]>> = {
  int: ['long', 'integer', 'decimal', 'string'],
  long: ['integer', 'decimal', 'string'],
  integer: ['decimal', 'string'],
  decimal: ['string'],
  float: ['string'],
  boolean: ['string'],
  date: ['string'],
  dateTime: ['string'],
  base64Binary: ['string'],
  string: [],
};

export function builtinRelation(old: Builtin, neu: Builtin): Relation {
  if (old === neu) return 'equal';
  if (WIDER_BUILTINS[old].includes(neu)) return 'widened';
  if (WIDER_BUILTINS[neu].includes(old)) return 'narrowed';
  return 'changed';
}

const DECIMAL_BUILTINS: ReadonlySet<Builtin> = new Set(['int', 'long', 'integer', 'decimal']);

/** Order two bound values of a built-in exactly (src/xml/lexical.ts); undefined when they cannot be ordered. */
function compareBound(a: string, b: string, builtin: Builtin): number | undefined {
  const [x, y] = [collapseWhitespace(a), collapseWhitespace(b)];
  if (DECIMAL_BUILTINS.has(builtin)) {
    const [p, q] = [parseDecimal(x), parseDecimal(y)];
    return p && q ? Math.sign(compareDecimals(p, q)) : undefined;
  }
  if (builtin === 'float') {
    const [p, q] = [parseFloatLexical(x), parseFloatLexical(y)];
    return p === undefined || q === undefined || Number.isNaN(p) || Number.isNaN(q)
      ? undefined
      : Math.sign(p - q);
  }
  if (builtin === 'date' || builtin === 'dateTime') {
    const [p, q] = [parseDateTime(x, builtin), parseDateTime(y, builtin)];
    if (!('value' in p) || !('value' in q)) return undefined;
    const order = compareDateTimes(p.value, q.value);
    return order === undefined ? undefined : Math.sign(order);
  }
  return undefined;
}

/** The value-space identity of a lexical value, so enumerations compare as sets of values (`1.0` = `1`). */
function valueKey(value: string, builtin: Builtin): string {
  if (builtin === 'string') return value;
  const text = collapseWhitespace(value);
  if (DECIMAL_BUILTINS.has(builtin)) {
    const d = parseDecimal(text);
    return d ? canonicalDecimal(d) : text;
  }
  if (builtin === 'boolean') return String(parseBoolean(text) ?? text);
  if (builtin === 'date' || builtin === 'dateTime') {
    const parsed = parseDateTime(text, builtin);
    return 'value' in parsed ? dateTimeKey(parsed.value) : text;
  }
  return text;
}

const descriptors = new WeakMap<ValueSpace, SimpleTypeDescriptor>();

/**
 * Whether a lexical value is valid for a value space, by the runtime's own
 * checker (src/xml/facets.ts, cross-checked with libxml2): true or false, or
 * undefined when the facets cannot be compiled (a pattern the translator does
 * not support), so nothing is claimed that was not checked.
 */
export function satisfies(value: string, space: ValueSpace): boolean | undefined {
  let descriptor = descriptors.get(space);
  if (descriptor === undefined) {
    descriptor = {
      kind: 'simple',
      name: '(compared)',
      builtin: space.builtin,
      js: 'string',
      facets: space.facets,
    };
    descriptors.set(space, descriptor);
  }
  try {
    return checkSimpleValue(value, descriptor).length === 0;
  } catch {
    return undefined;
  }
}

function lengthBounds(facets: Facets): { min: number; max: number | undefined } {
  return {
    min: facets.length ?? facets.minLength ?? 0,
    max: facets.length ?? facets.maxLength,
  };
}

/** The enumerated values that the type's other facets do not exclude, by value identity. */
function effectiveEnumeration(space: ValueSpace): Map<string, string> {
  const { enumeration, ...rest } = space.facets;
  const open: ValueSpace = { builtin: space.builtin, facets: rest };
  const values = new Map<string, string>();
  for (const value of enumeration ?? []) {
    // An undecidable value is kept: dropping it could hide a real change.
    if (satisfies(value, open) === false) continue;
    const key = valueKey(value, space.builtin);
    if (!values.has(key)) values.set(key, value);
  }
  return values;
}

// Verbatim between quotes: a pattern's backslashes are part of it, not escapes to undo.
const quoted = (s: string): string => `"${s}"`;

function patternText(patterns: Facets['patterns']): string {
  return (patterns ?? []).map((step) => step.map(quoted).join(' | ')).join(' and ');
}

/** A value space in words: `string, length 1..10, pattern "[A-Z]*"`. */
export function describeSpace(space: ValueSpace): string {
  const f = space.facets;
  const parts: string[] = [space.builtin];
  if (f.enumeration) parts.push(`one of ${f.enumeration.map(quoted).join(', ')}`);
  if (f.length !== undefined) parts.push(`length ${f.length}`);
  else if (f.minLength !== undefined || f.maxLength !== undefined)
    parts.push(`length ${f.minLength ?? 0}..${f.maxLength ?? '∞'}`);
  if (f.minInclusive !== undefined) parts.push(`≥ ${f.minInclusive}`);
  if (f.maxInclusive !== undefined) parts.push(`≤ ${f.maxInclusive}`);
  if (f.totalDigits !== undefined) parts.push(`totalDigits ${f.totalDigits}`);
  if (f.fractionDigits !== undefined) parts.push(`fractionDigits ${f.fractionDigits}`);
  if (f.patterns) parts.push(`pattern ${patternText(f.patterns)}`);
  return parts.join(', ');
}

function list(values: Iterable<string>): string {
  return [...values].map(quoted).join(', ');
}

function compareEnumerations(old: ValueSpace, neu: ValueSpace): ValueSpaceFinding[] {
  const before = effectiveEnumeration(old);
  const after = effectiveEnumeration(neu);
  const findings: ValueSpaceFinding[] = [];
  for (const [key, value] of after) {
    if (!before.has(key))
      findings.push({
        kind: 'enumeration-value-added',
        description: `enumeration value ${quoted(value)} added`,
        new: value,
        relation: 'widened',
      });
  }
  for (const [key, value] of before) {
    if (!after.has(key))
      findings.push({
        kind: 'enumeration-value-removed',
        description: `enumeration value ${quoted(value)} removed`,
        old: value,
        relation: 'narrowed',
      });
  }
  return findings;
}

/** One side is a closed list of values, the other open facets: check each listed value against the other side. */
function compareEnumerationWithFacets(old: ValueSpace, neu: ValueSpace): ValueSpaceFinding {
  const enumOld = old.facets.enumeration !== undefined;
  const listed = [...effectiveEnumeration(enumOld ? old : neu).values()];
  const other = enumOld ? neu : old;
  const verdicts = listed.map((v) => [v, satisfies(v, other)] as const);
  const outside = verdicts.filter(([, ok]) => ok === false).map(([v]) => v);
  const undecided = verdicts.some(([, ok]) => ok === undefined);
  const relation: Relation =
    outside.length > 0 ? 'changed' : undecided ? 'unknown' : enumOld ? 'widened' : 'narrowed';
  const verdict =
    outside.length > 0
      ? enumOld
        ? `; no longer valid: ${list(outside)}`
        : `; not valid before: ${list(outside)}`
      : undecided
        ? '; containment not proven'
        : enumOld
          ? '; every listed value stays valid'
          : '; every listed value was valid before';
  const description = enumOld
    ? `enumeration (${list(listed)}) replaced by ${describeSpace(neu)}${verdict}`
    : `${describeSpace(old)} replaced by enumeration (${list(listed)})${verdict}`;
  return {
    kind: 'enumeration-changed',
    description,
    old: describeSpace(old),
    new: describeSpace(neu),
    relation,
  };
}

function boundFinding(
  name: string,
  old: string | number | undefined,
  neu: string | number | undefined,
  /** Positive when the new bound is tighter, negative when looser, 0 when equal in value; undefined if not comparable. */
  cmp: number | undefined,
): ValueSpaceFinding | undefined {
  if (old === neu) return undefined;
  const show = (v: string | number | undefined): string => (v === undefined ? 'none' : String(v));
  let relation: Relation;
  // An absent bound is open: adding one narrows, removing one widens.
  if (old === undefined) relation = 'narrowed';
  else if (neu === undefined) relation = 'widened';
  else if (cmp === undefined) relation = 'unknown';
  else relation = cmp > 0 ? 'narrowed' : cmp < 0 ? 'widened' : 'equal';
  if (relation === 'equal') return undefined;
  const verb = old === undefined ? 'added' : neu === undefined ? 'removed' : 'changed';
  return {
    kind: 'facet-changed',
    description:
      verb === 'changed'
        ? `${name} ${show(old)} → ${show(neu)}`
        : verb === 'added'
          ? `${name} ${show(neu)} added`
          : `${name} ${show(old)} removed`,
    ...(old !== undefined ? { old: String(old) } : {}),
    ...(neu !== undefined ? { new: String(neu) } : {}),
    relation,
  };
}

function comparePatterns(old: Facets['patterns'], neu: Facets['patterns']): ValueSpaceFinding | undefined {
  const stepKey = (step: readonly string[]): string => JSON.stringify([...new Set(step)].sort());
  const before = new Set((old ?? []).map(stepKey));
  const after = new Set((neu ?? []).map(stepKey));
  const onlyBefore = [...before].filter((k) => !after.has(k));
  const onlyAfter = [...after].filter((k) => !before.has(k));
  if (onlyBefore.length === 0 && onlyAfter.length === 0) return undefined;
  let relation: Relation = 'unknown';
  if (onlyBefore.length === 0)
    relation = 'narrowed'; // steps were added, and steps are ANDed
  else if (onlyAfter.length === 0) relation = 'widened';
  else if (onlyBefore.length === 1 && onlyAfter.length === 1) {
    // One step changed its alternatives (ORed): a superset widens, a subset narrows.
    const a = JSON.parse(onlyBefore[0]!) as string[];
    const b = JSON.parse(onlyAfter[0]!) as string[];
    if (a.every((p) => b.includes(p))) relation = 'widened';
    else if (b.every((p) => a.includes(p))) relation = 'narrowed';
  }
  const oldText = patternText(old);
  const newText = patternText(neu);
  const description = !old?.length
    ? `pattern ${newText} added`
    : !neu?.length
      ? `pattern ${oldText} removed`
      : `pattern ${oldText} → ${newText}${relation === 'unknown' ? ' (containment not proven)' : ''}`;
  return {
    kind: 'pattern-changed',
    description,
    ...(oldText ? { old: oldText } : {}),
    ...(newText ? { new: newText } : {}),
    relation,
  };
}

/** Every difference between two value spaces; empty when they are the same set of values. */
/**
 * What the type itself became: the built-in, and how the generated
 * TypeScript holds the value (a number ↔ string switch breaks callers'
 * code both ways, whatever the value space does).
 */
function typeFindings(old: ValueSpace, neu: ValueSpace): ValueSpaceFinding[] {
  const findings: ValueSpaceFinding[] = [];
  if (old.builtin !== neu.builtin) {
    findings.push({
      kind: 'builtin-changed',
      description: `built-in type ${old.builtin} → ${neu.builtin}`,
      old: old.builtin,
      new: neu.builtin,
      relation: builtinRelation(old.builtin, neu.builtin),
    });
  }
  const before = chooseRepresentation(old.builtin, old.facets);
  const after = chooseRepresentation(neu.builtin, neu.facets);
  if (before !== after) {
    findings.push({
      kind: 'representation-changed',
      description: `TypeScript type ${before} → ${after}`,
      old: before,
      new: after,
      relation: 'changed',
    });
  }
  return findings;
}

export function compareValueSpaces(old: ValueSpace, neu: ValueSpace): ValueSpaceFinding[] {
  const typing = typeFindings(old, neu);
  const oldEnum = old.facets.enumeration !== undefined;
  const newEnum = neu.facets.enumeration !== undefined;
  // A closed list of values is the whole value space: the other facets only filter it.
  if (oldEnum && newEnum) return [...typing, ...compareEnumerations(old, neu)];
  if (oldEnum || newEnum) return [...typing, compareEnumerationWithFacets(old, neu)];

  const findings: (ValueSpaceFinding | undefined)[] = [...typing];
  const o = old.facets;
  const n = neu.facets;
  const ol = lengthBounds(o);
  const nl = lengthBounds(n);
  findings.push(boundFinding('minimum length', ol.min, nl.min, Math.sign(nl.min - ol.min)));
  findings.push(
    boundFinding(
      'maximum length',
      ol.max,
      nl.max,
      ol.max !== undefined && nl.max !== undefined ? Math.sign(ol.max - nl.max) : undefined,
    ),
  );
  const bound = (a: string | undefined, b: string | undefined, sign: 1 | -1): number | undefined =>
    a !== undefined && b !== undefined
      ? ((c) => (c === undefined ? undefined : c * sign))(compareBound(b, a, neu.builtin))
      : undefined;
  // A higher minimum is tighter; a lower maximum is tighter.
  findings.push(
    boundFinding('minInclusive', o.minInclusive, n.minInclusive, bound(o.minInclusive, n.minInclusive, 1)),
  );
  findings.push(
    boundFinding('maxInclusive', o.maxInclusive, n.maxInclusive, bound(o.maxInclusive, n.maxInclusive, -1)),
  );
  const fewer = (a: number | undefined, b: number | undefined): number | undefined =>
    a !== undefined && b !== undefined ? Math.sign(a - b) : undefined;
  findings.push(
    boundFinding('totalDigits', o.totalDigits, n.totalDigits, fewer(o.totalDigits, n.totalDigits)),
  );
  findings.push(
    boundFinding(
      'fractionDigits',
      o.fractionDigits,
      n.fractionDigits,
      fewer(o.fractionDigits, n.fractionDigits),
    ),
  );
  findings.push(comparePatterns(o.patterns, n.patterns));
  return findings.filter((f): f is ValueSpaceFinding => f !== undefined);
}
