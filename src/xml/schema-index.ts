/**
 * Lookups derived once from a module's descriptors and cached: type
 * resolution (built-ins become synthetic simple types) and, per complex
 * type, the member table used by the decoder and the validator.
 */
import {
  BUILTIN_REPRESENTATION,
  type AttributeDescriptor,
  type Builtin,
  type ComplexTypeDescriptor,
  type ElementDescriptor,
  type GroupDescriptor,
  type ModuleDescriptor,
  type SimpleTypeDescriptor,
  type TypeDescriptor,
  type TypeRef,
} from './descriptors.js';

export class DescriptorError extends Error {
  override readonly name = 'DescriptorError';
}

const builtinTypes = new Map<string, SimpleTypeDescriptor>();

export function resolveType(module: ModuleDescriptor, ref: TypeRef): TypeDescriptor {
  if (ref.startsWith('xs:')) {
    let type = builtinTypes.get(ref);
    if (!type) {
      const builtin = ref.slice(3) as Builtin;
      if (!(builtin in BUILTIN_REPRESENTATION)) throw new DescriptorError(`unknown built-in type ${ref}`);
      type = { kind: 'simple', name: ref, builtin, js: BUILTIN_REPRESENTATION[builtin], facets: {} };
      builtinTypes.set(ref, type);
    }
    return type;
  }
  const type = module.types[ref];
  if (!type) throw new DescriptorError(`type ${ref} is not declared in ${module.file}`);
  return type;
}

export function resolveElementType(module: ModuleDescriptor, element: string): TypeDescriptor {
  const ref = module.elements[element];
  if (ref === undefined) throw new DescriptorError(`${module.file} has no global element ${element}`);
  return resolveType(module, ref);
}

export interface ElementMember {
  readonly element: ElementDescriptor;
  /** Held as an array: the element or an enclosing group repeats. */
  readonly array: boolean;
}

export interface ComplexIndex {
  readonly attributes: ReadonlyMap<string, AttributeDescriptor>;
  readonly elements: ReadonlyMap<string, ElementMember>;
}

const complexIndexes = new WeakMap<ComplexTypeDescriptor, ComplexIndex>();

export function complexIndex(type: ComplexTypeDescriptor): ComplexIndex {
  let index = complexIndexes.get(type);
  if (index) return index;
  const elements = new Map<string, ElementMember>();
  const walk = (group: GroupDescriptor, repeated: boolean): void => {
    const groupRepeated = repeated || group.max !== 1;
    for (const particle of group.particles) {
      if (particle.kind === 'element') {
        if (!elements.has(particle.name)) {
          elements.set(particle.name, { element: particle, array: groupRepeated || particle.max !== 1 });
        }
      } else walk(particle, groupRepeated);
    }
  };
  if (type.content) walk(type.content, false);
  index = { attributes: new Map(type.attributes.map((a) => [a.name, a])), elements };
  complexIndexes.set(type, index);
  return index;
}
