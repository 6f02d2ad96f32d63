/**
 * The comparison of one schema module in two releases, through the codegen
 * model (after all passes), never the text: comments, documentation, line
 * endings, declaration order and attribute order cannot show up.
 *
 * What is compared:
 * - operations by id; global elements and types by name (a renamed type is
 *   a removal plus an addition, both `info`: the name alone changes no
 *   document);
 * - each simple type's value space (value-space.ts);
 * - each complex type's members by name: attributes (requiredness, type,
 *   default, fixed), simple content, and elements with their effective
 *   occurrence, choice alternatives and sequence order (content.ts);
 * - where a member's type reference changes, what it now accepts: two
 *   simple types are compared by value space, so a field whose type was
 *   renamed with the same facets is `info`, not breaking; two complex types
 *   are compared member by member under `New (was Old)`.
 *
 * Policy beyond classify.ts: a removed member or operation is breaking both
 * ways (requests using it are rejected; data a reader used never arrives
 * again), and a new optional member is compatible both ways.
 */
import {
  UNBOUNDED,
  isBuiltin,
  type ComplexTypeModel,
  type SchemaModel,
  type TypeModel,
} from '../model/model.js';
import type { Builtin } from '../../src/xml/descriptors.js';
import type { ModuleName } from '../schemas.js';
import {
  BREAKING_BOTH,
  COMPATIBLE_BOTH,
  NO_IMPACT,
  impactsOf,
  intervalRelation,
  restrictToUse,
  severityOf,
  type Impacts,
} from './classify.js';
import { compareStrings } from './report.js';
import { elementSites, exclusive, formatOccurs, order, type ElementSite } from './content.js';
import type { ChangeKind, Direction, SchemaChange } from './types.js';
import { analyseUsage, type Usage } from './usage.js';
import { compareValueSpaces, type ValueSpace } from './value-space.js';

interface Side {
  readonly model: SchemaModel;
  readonly usage: Usage;
}

/** What a change is attached to, for finding its directions and operations. */
type Scope =
  | { readonly kind: 'type'; readonly old?: string; readonly new?: string; readonly element?: string }
  | { readonly kind: 'element'; readonly name: string }
  | { readonly kind: 'operation'; readonly id: string };

interface Draft {
  readonly path: string;
  readonly kind: ChangeKind;
  readonly description: string;
  readonly old?: string | undefined;
  readonly new?: string | undefined;
  readonly impacts: Impacts;
}

interface ValueConstraints {
  readonly default?: string;
  readonly fixed?: string;
}

export function compareModule(
  module: ModuleName,
  oldModel: SchemaModel,
  newModel: SchemaModel,
): SchemaChange[] {
  return new ModuleComparison(
    module,
    { model: oldModel, usage: analyseUsage(oldModel) },
    { model: newModel, usage: analyseUsage(newModel) },
  ).run();
}

const sortedUnion = (a: Iterable<string>, b: Iterable<string>): string[] =>
  [...new Set([...a, ...b])].sort(compareStrings);

const kindWord = (type: TypeModel): string => (type.kind === 'simple' ? 'simple type' : 'complex type');

function valueSpaceOf(model: SchemaModel, ref: string): ValueSpace | undefined {
  if (isBuiltin(ref)) return { builtin: ref.slice(3) as Builtin, facets: {} };
  const type = model.types.get(ref);
  if (type?.kind !== 'simple' || !type.builtin) return undefined;
  return { builtin: type.builtin, facets: type.facets ?? {} };
}

/**
 * XML names are case-sensitive, so `BaseLineLoadFileNamePos` →
 * `BaselineLoadFileNamePos` is a removal and an addition; saying that it is
 * probably a rename saves the reader a search.
 */
function caseOnlyRenames(before: Iterable<string>, after: Iterable<string>): (removed: string) => string {
  const oldNames = new Set(before);
  const added = new Map<string, string>();
  for (const name of after) if (!oldNames.has(name)) added.set(name.toLowerCase(), name);
  return (removed) => {
    const match = added.get(removed.toLowerCase());
    return match === undefined ? '' : `; probably renamed to ${match} (the names differ only in case)`;
  };
}

class ModuleComparison {
  private readonly changes: SchemaChange[] = [];
  private readonly comparedPairs = new Set<string>();

  constructor(
    private readonly module: ModuleName,
    private readonly old: Side,
    private readonly neu: Side,
  ) {}

  run(): SchemaChange[] {
    this.compareOperations();
    this.compareGlobalElements();
    this.compareTypes();
    return this.changes;
  }

  private emit(scope: Scope, draft: Draft): void {
    const usedIn = new Set<Direction>();
    const operations = new Set<string>();
    const add = (directions: Iterable<Direction>, ops: Iterable<string>): void => {
      for (const d of directions) usedIn.add(d);
      for (const op of ops) operations.add(op);
    };
    if (scope.kind === 'type') {
      for (const [side, type] of [
        [this.old, scope.old],
        [this.neu, scope.new],
      ] as const) {
        if (type !== undefined)
          add(side.usage.typeDirections(type), side.usage.operations(type, scope.element));
      }
    } else if (scope.kind === 'element') {
      for (const side of [this.old, this.neu]) {
        const element = side.model.elements.get(scope.name);
        if (element) add(side.usage.elementDirections(scope.name), side.usage.operations(element.type));
      }
    } else {
      add(['request', 'response'], [scope.id]);
    }
    const impacts = restrictToUse(draft.impacts, usedIn);
    this.changes.push({
      module: this.module,
      path: draft.path,
      kind: draft.kind,
      description: draft.description,
      ...(draft.old !== undefined ? { old: draft.old } : {}),
      ...(draft.new !== undefined ? { new: draft.new } : {}),
      request: impacts.request,
      response: impacts.response,
      severity: severityOf(impacts),
      usedIn: (['request', 'response'] as const).filter((d) => usedIn.has(d)),
      operations: [...operations].sort(),
    });
  }

  private compareOperations(): void {
    const describe = (id: string, side: Side): string => {
      const op = side.usage.catalog.get(id)!;
      return `element ${op.element} (${op.dataType}${op.many ? ', repeatable' : ''}) in ${op.envelope ?? op.root}`;
    };
    for (const id of sortedUnion(this.old.usage.catalog.keys(), this.neu.usage.catalog.keys())) {
      const inOld = this.old.usage.catalog.has(id);
      const inNew = this.neu.usage.catalog.has(id);
      if (inOld && !inNew) {
        this.emit(
          { kind: 'operation', id },
          {
            path: `operation:${id}`,
            kind: 'operation-removed',
            description: `operation removed: ${describe(id, this.old)}`,
            impacts: BREAKING_BOTH,
          },
        );
      } else if (!inOld && inNew) {
        this.emit(
          { kind: 'operation', id },
          {
            path: `operation:${id}`,
            kind: 'operation-added',
            description: `operation added: ${describe(id, this.neu)}`,
            impacts: COMPATIBLE_BOTH,
          },
        );
      }
    }
  }

  private compareGlobalElements(): void {
    const { elements: before } = this.old.model;
    const { elements: after } = this.neu.model;
    for (const name of sortedUnion(before.keys(), after.keys())) {
      const a = before.get(name);
      const b = after.get(name);
      const path = `element:${name}`;
      const scope: Scope = { kind: 'element', name };
      if (a && !b)
        this.emit(scope, {
          path,
          kind: 'element-removed',
          description: `global element removed (type ${a.type})`,
          old: a.type,
          impacts: BREAKING_BOTH,
        });
      else if (!a && b)
        this.emit(scope, {
          path,
          kind: 'element-added',
          description: `global element added (type ${b.type})`,
          new: b.type,
          impacts: COMPATIBLE_BOTH,
        });
      // Defaults and fixed values of global elements are not compared: the
      // generated descriptors do not keep them (codegen:check compares with
      // those), and no MMS document root has one.
      else if (a && b && a.type !== b.type) this.compareTypeRef(path, scope, a.type, b.type);
    }
  }

  private compareTypes(): void {
    const { types: before } = this.old.model;
    const { types: after } = this.neu.model;
    for (const name of sortedUnion(before.keys(), after.keys())) {
      const a = before.get(name);
      const b = after.get(name);
      if (a && !b) {
        this.emit(
          { kind: 'type', old: name },
          {
            path: name,
            kind: 'type-removed',
            description: `${kindWord(a)} removed (members that used it are reported where they are)`,
            impacts: NO_IMPACT,
          },
        );
      } else if (!a && b) {
        this.emit(
          { kind: 'type', new: name },
          { path: name, kind: 'type-added', description: `${kindWord(b)} added`, impacts: NO_IMPACT },
        );
      } else if (a && b) {
        if (a.kind !== b.kind) {
          this.emit(
            { kind: 'type', old: name, new: name },
            {
              path: name,
              kind: 'type-changed',
              description: `${kindWord(a)} became a ${kindWord(b)}`,
              impacts: BREAKING_BOTH,
            },
          );
        } else if (a.kind === 'complex' && b.kind === 'complex') {
          this.compareComplex(a, b, name);
        } else {
          const findings = compareValueSpaces(
            valueSpaceOf(this.old.model, name)!,
            valueSpaceOf(this.neu.model, name)!,
          );
          for (const f of findings)
            this.emit(
              { kind: 'type', old: name, new: name },
              {
                path: name,
                kind: f.kind,
                description: f.description,
                old: f.old,
                new: f.new,
                impacts: impactsOf(f.relation),
              },
            );
        }
      }
    }
  }

  /** A member (or global element) now refers to a different type: compare what the two accept. */
  private compareTypeRef(path: string, scope: Scope, oldRef: string, newRef: string): void {
    const a = valueSpaceOf(this.old.model, oldRef);
    const b = valueSpaceOf(this.neu.model, newRef);
    if (a && b) {
      const findings = compareValueSpaces(a, b);
      if (findings.length === 0) {
        this.emit(scope, {
          path,
          kind: 'type-changed',
          description: `type ${oldRef} → ${newRef}, same value space`,
          old: oldRef,
          new: newRef,
          impacts: NO_IMPACT,
        });
      }
      for (const f of findings)
        this.emit(scope, {
          path,
          kind: f.kind,
          description: `type ${oldRef} → ${newRef}: ${f.description}`,
          old: f.old,
          new: f.new,
          impacts: impactsOf(f.relation),
        });
      return;
    }
    const x = this.old.model.types.get(oldRef);
    const y = this.neu.model.types.get(newRef);
    if (x?.kind === 'complex' && y?.kind === 'complex') {
      const label = `${newRef} (was ${oldRef})`;
      this.emit(scope, {
        path,
        kind: 'type-changed',
        description: `type ${oldRef} → ${newRef}; members compared under ${label}`,
        old: oldRef,
        new: newRef,
        impacts: NO_IMPACT,
      });
      const key = `${oldRef}\u0000${newRef}`;
      if (!this.comparedPairs.has(key)) {
        this.comparedPairs.add(key);
        this.compareComplex(x, y, label);
      }
      return;
    }
    this.emit(scope, {
      path,
      kind: 'type-changed',
      description: `type ${oldRef} (${a ? 'simple' : 'complex'}) → ${newRef} (${b ? 'simple' : 'complex'})`,
      old: oldRef,
      new: newRef,
      impacts: BREAKING_BOTH,
    });
  }

  private compareValueConstraints(
    path: string,
    scope: Scope,
    a: ValueConstraints,
    b: ValueConstraints,
  ): void {
    const q = (s: string): string => `"${s}"`;
    if (a.default !== b.default) {
      // Not a validity change: the value an omitted field stands for changes, silently.
      this.emit(scope, {
        path,
        kind: 'default-changed',
        description:
          a.default === undefined
            ? `default ${q(b.default!)} added`
            : b.default === undefined
              ? `default ${q(a.default)} removed`
              : `default ${q(a.default)} → ${q(b.default)}`,
        old: a.default,
        new: b.default,
        impacts: impactsOf('unknown'),
      });
    }
    if (a.fixed !== b.fixed) {
      this.emit(scope, {
        path,
        kind: 'fixed-changed',
        description:
          a.fixed === undefined
            ? `fixed value ${q(b.fixed!)} added`
            : b.fixed === undefined
              ? `fixed value ${q(a.fixed)} removed`
              : `fixed value ${q(a.fixed)} → ${q(b.fixed)}`,
        old: a.fixed,
        new: b.fixed,
        impacts: impactsOf(
          a.fixed === undefined ? 'narrowed' : b.fixed === undefined ? 'widened' : 'changed',
        ),
      });
    }
  }

  private compareComplex(a: ComplexTypeModel, b: ComplexTypeModel, label: string): void {
    const scope = (element?: string): Scope => ({
      kind: 'type',
      old: a.name,
      new: b.name,
      ...(element !== undefined ? { element } : {}),
    });
    this.compareAttributes(a, b, label, scope());
    this.compareText(a, b, label, scope());
    this.compareElements(a, b, label, scope);
  }

  private compareAttributes(a: ComplexTypeModel, b: ComplexTypeModel, label: string, scope: Scope): void {
    const byName = (t: ComplexTypeModel) =>
      new Map(t.attributes.flatMap((use) => ('groupRef' in use ? [] : [[use.name, use] as const])));
    const before = byName(a);
    const after = byName(b);
    const renamed = caseOnlyRenames(before.keys(), after.keys());
    for (const name of sortedUnion(before.keys(), after.keys())) {
      const x = before.get(name);
      const y = after.get(name);
      const path = `${label}@${name}`;
      if (x && !y) {
        this.emit(scope, {
          path,
          kind: 'attribute-removed',
          description: `attribute removed (was ${x.required ? 'required' : 'optional'}, type ${x.type})${renamed(name)}`,
          old: x.type,
          impacts: BREAKING_BOTH,
        });
      } else if (!x && y) {
        this.emit(scope, {
          path,
          kind: 'attribute-added',
          description: `attribute added (${y.required ? 'required' : 'optional'}, type ${y.type})`,
          new: y.type,
          impacts: y.required ? impactsOf('narrowed') : COMPATIBLE_BOTH,
        });
      } else if (x && y) {
        if (x.required !== y.required) {
          const word = (r: boolean): string => (r ? 'required' : 'optional');
          this.emit(scope, {
            path,
            kind: 'requiredness-changed',
            description: `attribute made ${word(y.required)}`,
            old: word(x.required),
            new: word(y.required),
            impacts: impactsOf(y.required ? 'narrowed' : 'widened'),
          });
        }
        this.compareValueConstraints(path, scope, x, y);
        if (x.type !== y.type) this.compareTypeRef(path, scope, x.type, y.type);
      }
    }
  }

  private compareText(a: ComplexTypeModel, b: ComplexTypeModel, label: string, scope: Scope): void {
    const path = `${label}#text`;
    if (a.text !== undefined && b.text === undefined)
      this.emit(scope, {
        path,
        kind: 'text-removed',
        description: `simple content removed (was ${a.text})`,
        old: a.text,
        impacts: BREAKING_BOTH,
      });
    else if (a.text === undefined && b.text !== undefined)
      this.emit(scope, {
        path,
        kind: 'text-added',
        description: `simple content added (${b.text})`,
        new: b.text,
        impacts: BREAKING_BOTH,
      });
    else if (a.text !== undefined && b.text !== undefined && a.text !== b.text)
      this.compareTypeRef(path, scope, a.text, b.text);
  }

  private compareElements(
    a: ComplexTypeModel,
    b: ComplexTypeModel,
    label: string,
    scope: (element?: string) => Scope,
  ): void {
    const before = new Map(elementSites(a.content).map((s) => [s.key, s]));
    const after = new Map(elementSites(b.content).map((s) => [s.key, s]));
    const renamed = caseOnlyRenames(before.keys(), after.keys());
    for (const key of sortedUnion(before.keys(), after.keys())) {
      const x = before.get(key);
      const y = after.get(key);
      const path = `${label}/${key}`;
      if (x && !y) {
        // An operation's element in its envelope: reported once, as the operation.
        const op = this.old.usage.operationOf(a.name, x.element.name);
        if (op !== undefined && !this.neu.usage.catalog.has(op)) continue;
        this.emit(scope(x.element.name), {
          path,
          kind: 'element-removed',
          description: `element removed (was ${formatOccurs(x.min, x.max)}, type ${x.element.type})${renamed(key)}`,
          old: x.element.type,
          impacts: BREAKING_BOTH,
        });
      } else if (!x && y) {
        const op = this.neu.usage.operationOf(b.name, y.element.name);
        if (op !== undefined && !this.old.usage.catalog.has(op)) continue;
        this.emit(scope(y.element.name), {
          path,
          kind: 'element-added',
          description: `element added (${formatOccurs(y.min, y.max)}, type ${y.element.type})`,
          new: y.element.type,
          impacts: y.min > 0 ? impactsOf('narrowed') : COMPATIBLE_BOTH,
        });
      } else if (x && y) {
        this.compareOccurrence(path, scope(x.element.name), x, y);
        this.compareValueConstraints(path, scope(x.element.name), x.element, y.element);
        if (x.element.type !== y.element.type)
          this.compareTypeRef(path, scope(x.element.name), x.element.type, y.element.type);
      }
    }
    this.compareArrangement([...before.values()], after, label, scope());
  }

  private compareOccurrence(path: string, scope: Scope, x: ElementSite, y: ElementSite): void {
    const bounds = (s: ElementSite) => ({ min: s.min, max: s.max === UNBOUNDED ? undefined : s.max });
    const relation = intervalRelation(bounds(x), bounds(y));
    if (relation === 'equal') return;
    const repeats = (s: ElementSite): boolean => s.max === UNBOUNDED || s.max > 1;
    const hints: string[] = [];
    if (x.min === 0 && y.min > 0) hints.push('made required');
    if (x.min > 0 && y.min === 0) hints.push('made optional');
    if (!repeats(x) && repeats(y)) hints.push('made repeatable: T becomes T[]');
    if (repeats(x) && !repeats(y)) hints.push('made non-repeatable: T[] becomes T');
    this.emit(scope, {
      path,
      kind: 'occurrence-changed',
      description: `occurrence ${formatOccurs(x.min, x.max)} → ${formatOccurs(y.min, y.max)}${hints.length ? ` (${hints.join(', ')})` : ''}`,
      old: formatOccurs(x.min, x.max),
      new: formatOccurs(y.min, y.max),
      impacts: impactsOf(relation),
    });
  }

  /** Choice alternatives and sequence order among the elements both versions have. */
  private compareArrangement(
    before: ElementSite[],
    after: ReadonlyMap<string, ElementSite>,
    label: string,
    scope: Scope,
  ): void {
    const common = before.filter((s) => after.has(s.key));
    const flipped = new Set<string>();
    const fixed: string[] = [];
    const freed: string[] = [];
    for (let i = 0; i < common.length; i++) {
      for (let j = i + 1; j < common.length; j++) {
        const [oa, ob] = [common[i]!, common[j]!];
        const [na, nb] = [after.get(oa.key)!, after.get(ob.key)!];
        const wasExclusive = exclusive(oa, ob);
        const isExclusive = exclusive(na, nb);
        if (wasExclusive !== isExclusive) {
          this.emit(scope, {
            path: `${label}/${oa.key}`,
            kind: 'choice-changed',
            description: isExclusive
              ? `${oa.key} and ${ob.key} became alternatives of a choice (only one may appear)`
              : `${oa.key} and ${ob.key} may now appear together (no longer alternatives of a choice)`,
            impacts: impactsOf(isExclusive ? 'narrowed' : 'widened'),
          });
        }
        if (wasExclusive || isExclusive) continue;
        const was = order(oa, ob);
        const is = order(na, nb);
        if (was === is) continue;
        if (was !== 'free' && is !== 'free') {
          flipped.add(oa.key);
          flipped.add(ob.key);
        } else if (was === 'free') fixed.push(`${oa.key}, ${ob.key}`);
        else freed.push(`${oa.key}, ${ob.key}`);
      }
    }
    if (flipped.size > 0) {
      const inOrder = (sites: Iterable<ElementSite>): string =>
        [...sites]
          .filter((s) => flipped.has(s.key))
          .map((s) => s.key)
          .join(', ');
      const oldOrder = inOrder(common);
      const newOrder = inOrder([...after.values()]);
      this.emit(scope, {
        path: label,
        kind: 'order-changed',
        description: `element order changed: ${oldOrder} → ${newOrder}`,
        old: oldOrder,
        new: newOrder,
        impacts: BREAKING_BOTH,
      });
    }
    if (fixed.length > 0)
      this.emit(scope, {
        path: label,
        kind: 'order-changed',
        description: `order now fixed by a sequence for: ${fixed.join('; ')}`,
        impacts: impactsOf('narrowed'),
      });
    if (freed.length > 0)
      this.emit(scope, {
        path: label,
        kind: 'order-changed',
        description: `order no longer fixed for: ${freed.join('; ')}`,
        impacts: impactsOf('widened'),
      });
  }
}
