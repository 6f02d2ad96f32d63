/**
 * Every named type and global element of the seven 2025-12 files has a
 * generated counterpart. The expected lists are read from the schema files
 * here with a plain streaming parser, independently of codegen/read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { MODULE_FILES } from '../../codegen/schemas.js';
import { modules } from '../../generated/index.js';
import { releaseDir, REPO_ROOT } from '../helpers/paths.js';

/** Names of xs:simpleType / xs:complexType / xs:element declared directly under an xs:schema. */
function declaredNames(file: string): { types: string[]; elements: string[] } {
  const types: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    if (parent === 'schema' && tag.uri === 'http://www.w3.org/2001/XMLSchema') {
      const name = (tag.attributes['name'] as { value: string } | undefined)?.value;
      if (name && (tag.local === 'simpleType' || tag.local === 'complexType')) types.push(name);
      if (name && tag.local === 'element') elements.push(name);
    }
    stack.push(tag.local ?? tag.name);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(readFileSync(path.join(releaseDir('2025-12'), file), 'utf8')).close();
  return { types, elements };
}

function exportedTypeNames(module: string): Set<string> {
  const source = readFileSync(path.join(REPO_ROOT, 'generated', module, 'types.ts'), 'utf8');
  return new Set([...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]!));
}

const safe = (name: string): string => name.replace(/[^\w$]/g, '_');

describe.each(Object.entries(MODULE_FILES))('module %s (%s)', (module, file) => {
  const declared = declaredNames(file);
  const descriptors = modules[module as keyof typeof modules];
  const exported = exportedTypeNames(module);

  test('the schema file declares something', () => {
    expect(declared.types.length + declared.elements.length).toBeGreaterThan(0);
  });

  test('every named type has a descriptor and an exported TypeScript type', () => {
    const missingDescriptors = declared.types.filter((t) => !(t in descriptors.types));
    const missingExports = declared.types.filter((t) => !exported.has(safe(t)));
    expect({ missingDescriptors, missingExports }).toEqual({ missingDescriptors: [], missingExports: [] });
  });

  test('every global element has a descriptor and an exported element type', () => {
    expect(Object.keys(descriptors.elements).sort()).toEqual([...declared.elements].sort());
    expect(declared.elements.filter((e) => !exported.has(`${safe(e)}Element`))).toEqual([]);
  });

  test('descriptors hold nothing beyond the named types and the anonymous ones', () => {
    const all = Object.keys(descriptors.types);
    const extra = all.filter((t) => !declared.types.includes(t));
    // Anonymous types are named after their global element, or
    // `<owner>_<element or attribute>` (`<type>_Base` for an inline
    // restriction base), where the owner is a declared type, a global element
    // or another anonymous type.
    const owners = new Set([...declared.types, ...declared.elements, ...extra]);
    const unexplained = extra.filter((t) => {
      if (declared.elements.includes(t)) return false;
      const cut = t.lastIndexOf('_');
      return cut <= 0 || !owners.has(t.slice(0, cut)) || t.slice(0, cut) === t;
    });
    expect(unexplained).toEqual([]);
  });
});
