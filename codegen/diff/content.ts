/**
 * What a content model means for each element in it, independent of how the
 * groups are nested: how often the element can occur in one parent
 * (effective occurrence), which elements exclude it (alternatives of a
 * choice), and which must come before it (sequence order). Comparing these
 * instead of the group trees means that wrapping elements in a new sequence
 * is no change, while moving one out of a choice is reported as what it is.
 */
import { UNBOUNDED, type ElementModel, type GroupModel } from '../model/model.js';

interface PathStep {
  readonly group: GroupModel;
  /** Position, in `group.particles`, of the particle the path continues into. */
  readonly index: number;
  /** How often this group can occur in one parent: the product of the maxOccurs from the root down to it. */
  readonly max: number;
}

export interface ElementSite {
  /** The element name, or `Name[2]` for a second element of the same name in one content model. */
  readonly key: string;
  readonly element: ElementModel;
  /** Fewest occurrences in one valid parent (0 when a choice can pick another branch). */
  readonly min: number;
  /** Most occurrences in one parent; UNBOUNDED for unbounded. */
  readonly max: number;
  readonly path: readonly PathStep[];
}

function multiplyMax(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  if (a === UNBOUNDED || b === UNBOUNDED) return UNBOUNDED;
  return a * b;
}

/** Every element of a content model, in document order, with its effective occurrence. */
export function elementSites(content: GroupModel | undefined): ElementSite[] {
  const sites: ElementSite[] = [];
  const seen = new Map<string, number>();
  const walk = (group: GroupModel, minFactor: number, maxFactor: number, path: PathStep[]): void => {
    const groupMin = minFactor * group.min;
    const groupMax = multiplyMax(maxFactor, group.max);
    // In a choice with real alternatives, any one particle may be absent.
    const childMin = group.kind === 'choice' && group.particles.length > 1 ? 0 : groupMin;
    group.particles.forEach((particle, index) => {
      const here = [...path, { group, index, max: groupMax }];
      if (particle.kind !== 'element') {
        walk(particle, childMin, groupMax, here);
        return;
      }
      const count = (seen.get(particle.name) ?? 0) + 1;
      seen.set(particle.name, count);
      sites.push({
        key: count === 1 ? particle.name : `${particle.name}[${count}]`,
        element: particle,
        min: childMin * particle.min,
        max: multiplyMax(groupMax, particle.max),
        path: here,
      });
    });
  };
  if (content) walk(content, 1, 1, []);
  return sites;
}

/** The innermost group holding both elements, and whether `a` comes first in it. */
function commonGroup(a: ElementSite, b: ElementSite): { step: PathStep; aFirst: boolean } | undefined {
  for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
    const x = a.path[i]!;
    const y = b.path[i]!;
    if (x.group !== y.group) return undefined;
    if (x.index !== y.index) return { step: x, aFirst: x.index < y.index };
  }
  return undefined;
}

/** Both elements can never appear in the same parent: they are branches of a choice that occurs at most once. */
export function exclusive(a: ElementSite, b: ElementSite): boolean {
  const common = commonGroup(a, b);
  return (
    common !== undefined &&
    common.step.group.kind === 'choice' &&
    common.step.max !== UNBOUNDED &&
    common.step.max <= 1
  );
}

/** Whether a sequence fixes the order of the two: 'before' when `a` must come first. */
export function order(a: ElementSite, b: ElementSite): 'before' | 'after' | 'free' {
  const common = commonGroup(a, b);
  if (!common || common.step.group.kind !== 'sequence') return 'free';
  return common.aFirst ? 'before' : 'after';
}

export function formatOccurs(min: number, max: number): string {
  return `${min}..${max === UNBOUNDED ? 'unbounded' : max}`;
}
