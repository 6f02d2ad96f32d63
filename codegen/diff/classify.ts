/**
 * From "how did the set of valid values change" to "what breaks". One rule,
 * applied everywhere, so every kind of change is classified the same way:
 *
 * - narrowed (new ⊂ old): a request that was valid may now be rejected
 *   (breaking for requests); a response holds nothing an old reader did not
 *   expect (compatible for responses).
 * - widened (new ⊃ old): every old request is still valid (compatible); a
 *   response can hold what old code never saw, an enum value it does not
 *   switch on, a number beyond its range, a list where it read one value
 *   (breaking for responses).
 * - changed (neither contains the other): breaking both ways.
 * - unknown (the tool cannot prove containment, e.g. a changed pattern):
 *   possibly breaking both ways.
 *
 * Two exceptions are policy, stated in compare.ts where they apply: a removed
 * member is breaking for responses too (data the caller used never arrives
 * again), and a new optional member is compatible for responses.
 */
import type { Direction, Impact, Severity } from './types.js';

export type Relation = 'equal' | 'narrowed' | 'widened' | 'changed' | 'unknown';

export interface Impacts {
  readonly request: Impact;
  readonly response: Impact;
}

export const BREAKING_BOTH: Impacts = { request: 'breaking', response: 'breaking' };
export const COMPATIBLE_BOTH: Impacts = { request: 'compatible', response: 'compatible' };
export const NO_IMPACT: Impacts = { request: 'none', response: 'none' };

export function impactsOf(relation: Relation): Impacts {
  switch (relation) {
    case 'equal':
      return NO_IMPACT;
    case 'narrowed':
      return { request: 'breaking', response: 'compatible' };
    case 'widened':
      return { request: 'compatible', response: 'breaking' };
    case 'changed':
      return BREAKING_BOTH;
    case 'unknown':
      return { request: 'possibly-breaking', response: 'possibly-breaking' };
  }
}

const IMPACT_RANK: Readonly<Record<Impact, number>> = {
  none: 0,
  compatible: 1,
  'possibly-breaking': 2,
  breaking: 3,
};

export function worstImpact(impacts: readonly Impact[]): Impact {
  let worst: Impact = 'none';
  for (const impact of impacts) if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact;
  return worst;
}

export function severityOf(impacts: Impacts): Severity {
  const worst = worstImpact([impacts.request, impacts.response]);
  return worst === 'none' ? 'info' : worst;
}

export const SEVERITY_ORDER: readonly Severity[] = ['breaking', 'possibly-breaking', 'compatible', 'info'];

export function isBreaking(severity: Severity): boolean {
  return severity === 'breaking' || severity === 'possibly-breaking';
}

/** A direction the changed item never travels in cannot be affected by the change. */
export function restrictToUse(impacts: Impacts, usedIn: ReadonlySet<Direction>): Impacts {
  return {
    request: usedIn.has('request') ? impacts.request : 'none',
    response: usedIn.has('response') ? impacts.response : 'none',
  };
}

/** Containment of two closed intervals [min, max] (max undefined = unbounded) as a relation. */
export function intervalRelation(
  old: { readonly min: number; readonly max: number | undefined },
  neu: { readonly min: number; readonly max: number | undefined },
): Relation {
  const maxCmp = compareMax(neu.max, old.max);
  const minCmp = Math.sign(neu.min - old.min);
  if (minCmp === 0 && maxCmp === 0) return 'equal';
  // new ⊂ old: the lower bound went up or stayed, the upper went down or stayed.
  if (minCmp >= 0 && maxCmp <= 0) return 'narrowed';
  if (minCmp <= 0 && maxCmp >= 0) return 'widened';
  return 'changed';
}

function compareMax(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Math.sign(a - b);
}
