/**
 * Builders for rules that share a shape: a field that is required (or
 * forbidden) under a condition, a value that must be unique in a list. Each
 * built rule keeps its own id, source and summary; only the predicate is
 * shared.
 */
import type { Rule, RuleFinding, RuleSeverity } from './rule.js';
import { numberOf, textOf, type Item } from './values.js';

/** A condition on a data item, with the words the summary and messages use for it. */
export interface Condition {
  readonly words: string;
  holds(item: Item): boolean;
}

interface FieldRuleSpec {
  readonly id: string;
  readonly operations: readonly string[];
  readonly field: string;
  readonly when: Condition;
  readonly source: string;
  readonly severity?: RuleSeverity;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function fieldRule(spec: FieldRuleSpec, summary: string, check: (item: Item) => RuleFinding[]): Rule {
  return {
    id: spec.id,
    operations: spec.operations,
    severity: spec.severity ?? 'error',
    summary,
    source: spec.source,
    check: ({ item }) => check(item),
  };
}

/** `field` is set whenever the condition holds (the source says nothing firm about the other case). */
export function requiredWhen(spec: FieldRuleSpec): Rule {
  const { field, when } = spec;
  return fieldRule(spec, `${field} is set when ${when.words}.`, (item) =>
    when.holds(item) && !isSet(item[field])
      ? [{ path: field, message: `${field} is required when ${when.words}` }]
      : [],
  );
}

/** `field` is set when the condition holds and left out otherwise. */
export function onlyWhen(spec: FieldRuleSpec): Rule {
  const { field, when } = spec;
  return fieldRule(spec, `${field} is set when ${when.words}, and only then.`, (item) => {
    const holds = when.holds(item);
    if (holds && !isSet(item[field]))
      return [{ path: field, message: `${field} is required when ${when.words}` }];
    if (!holds && isSet(item[field]))
      return [{ path: field, message: `${field} cannot be set unless ${when.words}` }];
    return [];
  });
}

/** `field` has `value` (named `valueName`) when the condition holds. */
export function fixedWhen(
  spec: FieldRuleSpec & { readonly value: string; readonly valueName: string },
): Rule {
  const { field, when, value, valueName } = spec;
  return fieldRule(spec, `${field} is ${valueName} (${value}) when ${when.words}.`, (item) => {
    const actual = item[field];
    return when.holds(item) && isSet(actual) && actual !== value
      ? [
          {
            path: field,
            message: `${field} is ${String(actual)}; it must be ${valueName} (${value}) when ${when.words}`,
          },
        ]
      : [];
  });
}

/** The lists a uniqueness rule looks in: each with the path it is found at. */
export type ListsOf = (item: Item) => { readonly path: string; readonly entries: Item[] }[];

/** Within each list, no two entries share `key`. */
export function uniqueWithin(spec: {
  readonly id: string;
  readonly operations: readonly string[];
  readonly summary: string;
  readonly source: string;
  readonly key: string;
  readonly lists: ListsOf;
}): Rule {
  const { key } = spec;
  return {
    id: spec.id,
    operations: spec.operations,
    severity: 'error',
    summary: spec.summary,
    source: spec.source,
    check({ item }) {
      return spec.lists(item).flatMap(({ path, entries }) => {
        const seen = new Set<string>();
        return entries.flatMap((entry, i) => {
          const raw = entry[key];
          const value = String(numberOf(raw) ?? textOf(raw) ?? raw);
          if (!seen.has(value)) {
            seen.add(value);
            return [];
          }
          return [{ path: `${path}[${i}].${key}`, message: `${key} ${value} is used twice in ${path}` }];
        });
      });
    },
  };
}

/** A member of an object-valued member, or undefined. */
export function pick(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Item)[name]
    : undefined;
}
