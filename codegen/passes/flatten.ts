/**
 * Pass 2: expand attribute-group references into plain attribute lists (in
 * schema order) and follow simpleContent extensions down to the simple type
 * of the text. Duplicate attribute names after expansion are a schema error.
 */
import { isBuiltin, type AttributeModel, type AttributeUse, type SchemaModel } from '../model/model.js';

export function flatten(model: SchemaModel): void {
  const expand = (uses: AttributeUse[], seen: string[]): AttributeModel[] =>
    uses.flatMap((use) => {
      if (!('groupRef' in use)) return [use];
      if (seen.includes(use.groupRef))
        throw new Error(`${model.file}: attributeGroup cycle ${seen.join(' → ')}`);
      return expand(model.attributeGroups.get(use.groupRef) ?? [], [...seen, use.groupRef]);
    });

  for (const type of model.types.values()) {
    if (type.kind === 'complex') type.attributes = expand(type.attributes, []);
  }
  // Text types second: a simpleContent base may itself be a complex type
  // with simple content, whose attributes are inherited.
  const resolving = new Set<string>();
  const resolveText = (name: string): void => {
    const type = model.types.get(name);
    if (!type || type.kind !== 'complex' || type.textBase === undefined || type.text !== undefined) return;
    if (resolving.has(name)) throw new Error(`${model.file}: simpleContent cycle at ${name}`);
    resolving.add(name);
    const base = isBuiltin(type.textBase) ? undefined : model.types.get(type.textBase);
    if (base?.kind === 'complex') {
      resolveText(base.name);
      if (base.text === undefined)
        throw new Error(`${model.file}: ${name} extends ${base.name}, which has no simple content`);
      type.text = base.text;
      type.attributes = [...(base.attributes as AttributeModel[]), ...type.attributes];
    } else {
      type.text = type.textBase;
    }
  };
  for (const name of model.types.keys()) resolveText(name);

  // Last, once inherited attributes are in: a name may appear only once.
  for (const type of model.types.values()) {
    if (type.kind !== 'complex') continue;
    const names = new Set<string>();
    for (const attribute of type.attributes as AttributeModel[]) {
      if (names.has(attribute.name)) {
        throw new Error(`${model.file}: ${type.name} declares attribute ${attribute.name} twice`);
      }
      names.add(attribute.name);
    }
  }
}
