/**
 * The schema model implied by generated descriptors. Descriptors hold
 * exactly what the diff compares (folded facets, flattened attributes,
 * content groups, global elements), so the committed generated/ code can
 * stand in for the release it was generated from: a user who only has new
 * schema files and our generated code can still see what changed.
 */
import type {
  GroupDescriptor,
  ModuleDescriptor,
  ParticleDescriptor,
  TypeDescriptor,
} from '../../src/xml/descriptors.js';
import type { GroupModel, ParticleModel, SchemaModel, TypeModel } from '../model/model.js';
import { buildCatalog } from '../passes/catalog.js';
import { MODULE_NAMES, type ModuleName } from '../schemas.js';
import { SchemaDiffError } from './errors.js';

function group(g: GroupDescriptor): GroupModel {
  return { kind: g.kind, min: g.min, max: g.max, particles: g.particles.map(particle) };
}

function particle(p: ParticleDescriptor): ParticleModel {
  if (p.kind !== 'element') return group(p);
  return {
    kind: 'element',
    name: p.name,
    type: p.type,
    min: p.min,
    max: p.max,
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.fixed !== undefined ? { fixed: p.fixed } : {}),
  };
}

function type(t: TypeDescriptor): TypeModel {
  if (t.kind === 'simple') {
    return {
      kind: 'simple',
      name: t.name,
      base: `xs:${t.builtin}`,
      step: {},
      anonymous: false,
      line: 0,
      builtin: t.builtin,
      facets: t.facets,
      js: t.js,
    };
  }
  return {
    kind: 'complex',
    name: t.name,
    attributes: t.attributes.map((a) => ({ ...a })),
    ...(t.content ? { content: group(t.content) } : {}),
    ...(t.text !== undefined ? { text: t.text } : {}),
    anonymous: false,
    line: 0,
  };
}

export function modelFromDescriptors(descriptors: ModuleDescriptor, sha256 = ''): SchemaModel {
  if (!(MODULE_NAMES as readonly string[]).includes(descriptors.module))
    throw new SchemaDiffError(`descriptors name an unknown module "${descriptors.module}"`);
  const model: SchemaModel = {
    module: descriptors.module as ModuleName,
    file: descriptors.file,
    sha256,
    namespace: descriptors.namespace,
    types: new Map(Object.entries(descriptors.types).map(([name, t]) => [name, type(t)])),
    elements: new Map(
      Object.entries(descriptors.elements).map(([name, ref]) => [
        name,
        { kind: 'element', name, type: ref, min: 1, max: 1 },
      ]),
    ),
    attributeGroups: new Map(),
    operations: [],
  };
  // The catalog is derived, not stored: the same pass the generator ran.
  buildCatalog(model);
  return model;
}
