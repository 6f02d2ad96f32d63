/**
 * Pass 3: fold each simple type's restriction chain into one built-in and one
 * set of facets. A derived step narrows its base: its bounds, lengths and
 * digit counts replace the base's, its enumeration replaces the base's, and
 * its patterns are added as a further step that must also hold (XSD Part 2
 * §4.3.4: patterns of different derivation steps are ANDed).
 */
import type { Builtin, Facets } from '../../src/xml/descriptors.js';
import { isBuiltin, type SchemaModel, type SimpleTypeModel } from '../model/model.js';

export function foldRestrictions(model: SchemaModel): void {
  const folding = new Set<string>();
  const fold = (type: SimpleTypeModel): { builtin: Builtin; facets: Facets } => {
    if (type.builtin && type.facets) return { builtin: type.builtin, facets: type.facets };
    if (folding.has(type.name)) throw new Error(`${model.file}: restriction cycle at ${type.name}`);
    folding.add(type.name);
    let builtin: Builtin;
    let inherited: Facets = {};
    if (isBuiltin(type.base)) {
      builtin = type.base.slice(3) as Builtin;
    } else {
      const base = model.types.get(type.base);
      if (!base || base.kind !== 'simple')
        throw new Error(`${model.file}: ${type.name} restricts ${type.base}, not a simple type`);
      ({ builtin, facets: inherited } = fold(base));
    }
    const { patterns, ...step } = type.step;
    const facets: Facets = {
      ...inherited,
      ...step,
      ...(patterns || inherited.patterns
        ? { patterns: [...(inherited.patterns ?? []), ...(patterns ? [patterns] : [])] }
        : {}),
    };
    type.builtin = builtin;
    type.facets = facets;
    return { builtin, facets };
  };
  for (const type of model.types.values()) if (type.kind === 'simple') fold(type);
}
