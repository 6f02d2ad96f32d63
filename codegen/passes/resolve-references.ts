/**
 * Pass 1: resolve element references and check that every type and
 * attribute-group reference names something declared in the same module.
 * Modules are never merged: a name resolves within its own schema only.
 */
import { isBuiltin, type GroupModel, type SchemaModel, type TypeName } from '../model/model.js';

export function resolveReferences(model: SchemaModel): void {
  const problems: string[] = [];
  const checkType = (type: TypeName, where: string): void => {
    if (!isBuiltin(type) && !model.types.has(type)) problems.push(`${where}: unknown type ${type}`);
  };
  const visitGroup = (group: GroupModel, owner: string): void => {
    for (const particle of group.particles) {
      if (particle.kind !== 'element') {
        visitGroup(particle, owner);
        continue;
      }
      if (particle.ref !== undefined) {
        const target = model.elements.get(particle.ref);
        if (!target) {
          problems.push(`${owner}: element ref ${particle.ref} names no global element`);
          continue;
        }
        particle.name = target.name;
        particle.type = target.type;
        if (target.default !== undefined) particle.default = target.default;
        if (target.fixed !== undefined) particle.fixed = target.fixed;
        delete particle.ref;
      }
      checkType(particle.type, `${owner}.${particle.name}`);
    }
  };
  for (const [name, element] of model.elements) checkType(element.type, `element ${name}`);
  for (const type of model.types.values()) {
    if (type.kind === 'simple') {
      checkType(type.base, `simpleType ${type.name}`);
      continue;
    }
    if (type.content) visitGroup(type.content, type.name);
    if (type.textBase !== undefined) checkType(type.textBase, `complexType ${type.name}`);
    for (const use of type.attributes) {
      if ('groupRef' in use) {
        if (!model.attributeGroups.has(use.groupRef)) {
          problems.push(`${type.name}: unknown attributeGroup ${use.groupRef}`);
        }
      } else checkType(use.type, `${type.name}@${use.name}`);
    }
  }
  for (const [name, uses] of model.attributeGroups) {
    for (const use of uses) {
      if ('groupRef' in use) {
        if (!model.attributeGroups.has(use.groupRef))
          problems.push(`attributeGroup ${name}: unknown ${use.groupRef}`);
      } else checkType(use.type, `attributeGroup ${name}@${use.name}`);
    }
  }
  if (problems.length > 0)
    throw new Error(`${model.file}: unresolved references:\n  ${problems.join('\n  ')}`);
}
