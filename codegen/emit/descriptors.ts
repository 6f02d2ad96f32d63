/** Model → `descriptors.ts`: the data the runtime encodes, decodes and validates with. */
import type { Facets } from '../../src/xml/descriptors.js';
import type { GroupModel, ParticleModel, SchemaModel, TypeModel } from '../model/model.js';
import { propertyKey, quote, SUPPORT_FROM_MODULE } from './names.js';

function facetsLiteral(facets: Facets): string {
  const parts: string[] = [];
  if (facets.enumeration) parts.push(`enumeration: [${facets.enumeration.map(quote).join(', ')}]`);
  for (const key of ['length', 'minLength', 'maxLength', 'fractionDigits', 'totalDigits'] as const) {
    if (facets[key] !== undefined) parts.push(`${key}: ${facets[key]}`);
  }
  for (const key of ['minInclusive', 'maxInclusive'] as const) {
    if (facets[key] !== undefined) parts.push(`${key}: ${quote(facets[key])}`);
  }
  if (facets.patterns)
    parts.push(`patterns: [${facets.patterns.map((s) => `[${s.map(quote).join(', ')}]`).join(', ')}]`);
  return `{ ${parts.join(', ')}${parts.length ? ' ' : ''}}`;
}

function optionalPairs(item: { default?: string; fixed?: string }): string {
  return (
    (item.default !== undefined ? `, default: ${quote(item.default)}` : '') +
    (item.fixed !== undefined ? `, fixed: ${quote(item.fixed)}` : '')
  );
}

function particleLiteral(p: ParticleModel, indent: string): string {
  if (p.kind === 'element') {
    return `{ kind: 'element', name: ${quote(p.name)}, type: ${quote(p.type)}, min: ${p.min}, max: ${p.max}${optionalPairs(p)} }`;
  }
  return groupLiteral(p, indent);
}

function groupLiteral(g: GroupModel, indent: string): string {
  const inner = indent + '  ';
  const particles = g.particles.map((p) => `${inner}  ${particleLiteral(p, inner + '  ')},\n`).join('');
  return `{\n${inner}kind: '${g.kind}',\n${inner}min: ${g.min},\n${inner}max: ${g.max},\n${inner}particles: [\n${particles}${inner}],\n${indent}}`;
}

function typeLiteral(type: TypeModel): string {
  if (type.kind === 'simple') {
    const names = type.names
      ? `, names: { ${[...type.names.byCode].map(([code, name]) => `${propertyKey(code)}: ${quote(name)}`).join(', ')} }`
      : '';
    return `{ kind: 'simple', name: ${quote(type.name)}, builtin: '${type.builtin}', js: '${type.js}', facets: ${facetsLiteral(type.facets ?? {})}${names} }`;
  }
  const lines = [`kind: 'complex'`, `name: ${quote(type.name)}`];
  const attributes = type.attributes.map((a) => {
    if ('groupRef' in a) throw new Error('attribute groups must be flattened before emit');
    return `      { name: ${quote(a.name)}, type: ${quote(a.type)}, required: ${a.required}${optionalPairs(a)} },\n`;
  });
  lines.push(attributes.length ? `attributes: [\n${attributes.join('')}    ]` : 'attributes: []');
  if (type.content) lines.push(`content: ${groupLiteral(type.content, '    ')}`);
  if (type.text !== undefined) lines.push(`text: ${quote(type.text)}`);
  return `{\n${lines.map((l) => `    ${l},\n`).join('')}  }`;
}

export function emitDescriptors(model: SchemaModel, header: string, release: string): string {
  const types = [...model.types.keys()]
    .sort()
    .map(
      (name) => `    ${propertyKey(name)}: ${typeLiteral(model.types.get(name)!).replace(/\n/g, '\n  ')},\n`,
    )
    .join('');
  const elements = [...model.elements.keys()]
    .sort()
    .map((name) => `    ${propertyKey(name)}: ${quote(model.elements.get(name)!.type)},\n`)
    .join('');
  return (
    `${header}import type { ModuleDescriptor } from '${SUPPORT_FROM_MODULE}';\n\n` +
    `/** Descriptors of ${model.file}: every type and global element, for the runtime codecs. */\n` +
    `export const descriptors: ModuleDescriptor = {\n` +
    `  module: ${quote(model.module)},\n  file: ${quote(model.file)},\n` +
    `  release: ${quote(release)},\n  sha256: ${quote(model.sha256)},\n  namespace: ${quote(model.namespace)},\n` +
    `  types: {\n${types}  },\n  elements: {\n${elements}  },\n};\n`
  );
}
