/**
 * Release pass: give the codes of enumerated simple types the readable names
 * of the reference client's enumerations (overlays/enum-names.ts). The rule,
 * also in docs/decisions.md ("Named codes"):
 *
 * 1. A reference enumeration binds a simple type when one of its model fields
 *    (`usedBy`: model, XML name) is a member of that name on a complex type
 *    the model stands for (MODEL_TYPES), the member's type is an enumeration,
 *    and the two share at least one code. Sharing none means the reference
 *    types the field loosely; that binding is dropped and reported.
 * 2. The schema repeats its types in each module; a simple type of the same
 *    name in another module, with a code in common, gets the same names.
 * 3. Several enumerations on one type: the one naming more of its codes
 *    wins, then a direct binding over a copied one; a tie stops generation.
 * 4. Only the type's own codes are named (the schema decides): a code the
 *    reference names but the type lacks is left out, a code of the type the
 *    reference does not name keeps its code as key.
 */
import type { ComplexTypeModel, SchemaModel, SimpleTypeModel } from '../model/model.js';
import { propertiesOf } from '../emit/properties.js';
import {
  ANY_TYPE,
  MODEL_TYPES,
  type ReferenceEnumeration,
  type ReferenceEnumerations,
} from '../overlays/enum-names.js';
import { byKey } from '../order.js';
import { MODULE_NAMES, type ModuleName } from '../schemas.js';

export interface CodeNameBinding {
  readonly enumeration: string;
  readonly module: ModuleName;
  readonly type: string;
  /** `Model.Field` of the reference, or `same type as module.Type`. */
  readonly via: string;
  /** How many of the type's codes the enumeration names. */
  readonly named: number;
}

export interface CodeNamesReport {
  /** The bindings applied, one per named type. */
  readonly bound: readonly CodeNameBinding[];
  /** Bindings found but not applied, with the reason. */
  readonly dropped: readonly (CodeNameBinding & { readonly reason: string })[];
}

function complexTypes(
  models: ReadonlyMap<ModuleName, SchemaModel>,
  model: string,
): { module: ModuleName; type: ComplexTypeModel }[] {
  const wanted = MODEL_TYPES[model];
  if (wanted === undefined) return [];
  const out: { module: ModuleName; type: ComplexTypeModel }[] = [];
  for (const module of MODULE_NAMES) {
    for (const type of models.get(module)?.types.values() ?? []) {
      if (type.kind !== 'complex') continue;
      // An entry naming a type this release lacks is skipped: overlays span releases.
      if (wanted === ANY_TYPE || wanted.includes(`${module}.${type.name}`)) out.push({ module, type });
    }
  }
  return out;
}

function enumerated(model: SchemaModel | undefined, name: string): SimpleTypeModel | undefined {
  const type = model?.types.get(name);
  return type?.kind === 'simple' && type.facets?.enumeration ? type : undefined;
}

function namedCodes(type: SimpleTypeModel, reference: ReferenceEnumeration): number {
  const codes = new Set(type.facets!.enumeration);
  return reference.members.filter((m) => codes.has(m.value)).length;
}

/** Rules 1 and 2: every binding, direct and copied. */
function candidates(
  models: ReadonlyMap<ModuleName, SchemaModel>,
  reference: ReferenceEnumerations,
): CodeNameBinding[] {
  const found = new Map<string, CodeNameBinding>();
  const add = (binding: CodeNameBinding): void => {
    const key = `${binding.enumeration} ${binding.module}.${binding.type}`;
    if (!found.has(key)) found.set(key, binding);
  };
  for (const [enumeration, ref] of Object.entries(reference.enums)) {
    for (const use of ref.usedBy) {
      for (const { module, type } of complexTypes(models, use.model)) {
        const model = models.get(module)!;
        const member = propertiesOf(type, model.file).find((p) => p.name === use.xml && p.kind === use.kind);
        const simple = member && enumerated(model, member.type);
        if (simple) {
          const via = `${use.model}.${use.xml}`;
          add({ enumeration, module, type: simple.name, via, named: namedCodes(simple, ref) });
        }
      }
    }
  }
  for (const direct of [...found.values()]) {
    if (direct.named === 0) continue;
    for (const module of MODULE_NAMES) {
      const copy = enumerated(models.get(module), direct.type);
      if (module === direct.module || !copy) continue;
      const via = `same type as ${direct.module}.${direct.type}`;
      add({ ...direct, module, via, named: namedCodes(copy, reference.enums[direct.enumeration]!) });
    }
  }
  return [...found.values()];
}

const isCopy = (b: CodeNameBinding): boolean => b.via.startsWith('same type as ');

/** Rules 3 and 4: choose one enumeration per type and write its names onto the model. */
export function nameCodes(
  models: ReadonlyMap<ModuleName, SchemaModel>,
  reference: ReferenceEnumerations,
): CodeNamesReport {
  const bound: CodeNameBinding[] = [];
  const dropped: (CodeNameBinding & { reason: string })[] = [];
  const byType = new Map<string, CodeNameBinding[]>();
  for (const binding of candidates(models, reference)) {
    if (binding.named === 0) {
      dropped.push({ ...binding, reason: 'no code in common' });
      continue;
    }
    const key = `${binding.module}.${binding.type}`;
    byType.set(key, [...(byType.get(key) ?? []), binding]);
  }
  for (const [key, bindings] of [...byType].sort(byKey(([type]) => type))) {
    const ranked = [...bindings].sort((a, b) => b.named - a.named || Number(isCopy(a)) - Number(isCopy(b)));
    const best = ranked[0]!;
    const sameEnumeration = (b: CodeNameBinding): boolean => b.enumeration === best.enumeration;
    const rival = ranked.find((b) => !sameEnumeration(b));
    if (rival && rival.named === best.named && isCopy(rival) === isCopy(best)) {
      throw new Error(
        `${key}: the reference enumerations ${best.enumeration} and ${rival.enumeration} name its codes equally; ` +
          'decide in codegen/overlays/enum-names.ts',
      );
    }
    for (const loser of ranked.filter((b) => !sameEnumeration(b))) {
      dropped.push({ ...loser, reason: `${best.enumeration} names more of its codes` });
    }
    const type = enumerated(models.get(best.module), best.type)!;
    const names = new Map(reference.enums[best.enumeration]!.members.map((m) => [m.value, m.name]));
    const byCode = new Map(
      type.facets!.enumeration!.flatMap((code) =>
        names.has(code) ? [[code, names.get(code)!] as const] : [],
      ),
    );
    type.names = { reference: best.enumeration, byCode };
    models.get(best.module)!.codeNamesFrom = { file: reference.file, sha256: reference.sha256 };
    bound.push(best);
  }
  return { bound, dropped };
}
