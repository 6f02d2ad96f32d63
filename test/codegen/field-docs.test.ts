/**
 * Field docs that explain (issue 11): every member of every generated type
 * has a doc comment giving its occurrence, its type and that type's facets;
 * members the meanings overlay knows also give their meaning and unit. The
 * overlay is checked against ../shared/reference/fields.json, the source of
 * its facts (every citation exists; no text is the reference's own words),
 * and the doc comments are read back from generated/*\/types.ts with the
 * TypeScript parser, not from the generator's own model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { FIELD_DOCS, modules } from '../../generated/index.js';
import { FIELD_MEANINGS, type FieldMeaning } from '../../codegen/overlays/field-meanings.js';
import { fieldDocText, resolveFieldDoc } from '../../src/field-docs.js';
import type { ComplexTypeDescriptor, SimpleTypeDescriptor } from '../../src/xml/descriptors.js';
import { REPO_ROOT, SHARED } from '../helpers/paths.js';

interface ReferenceField {
  readonly xml: string | null;
  readonly note: string;
}
const reference = (
  JSON.parse(readFileSync(path.join(SHARED, 'reference', 'fields.json'), 'utf8')) as {
    models: Record<string, { fields: ReferenceField[] }>;
  }
).models;

/** `Model.XmlName` of every reference field, with its note. */
const notes = new Map<string, string>();
for (const [model, { fields }] of Object.entries(reference))
  for (const field of fields) if (field.xml) notes.set(`${model}.${field.xml}`, field.note);

const meanings: { key: string; meaning: FieldMeaning }[] = Object.entries(FIELD_MEANINGS).flatMap(
  ([name, entry]) => [
    { key: name, meaning: entry },
    ...Object.entries(entry.in ?? {}).map(([type, m]) => ({ key: `${type}.${name}`, meaning: m })),
  ],
);

describe('the meanings overlay', () => {
  test('cites, for every meaning, a field of the reference with the same XML name', () => {
    const bad = meanings.filter(({ key, meaning }) => {
      const name = key.split('.').pop()!;
      return !notes.has(meaning.from) || meaning.from.split('.')[1] !== name;
    });
    expect(bad.map((b) => `${b.key} from ${b.meaning.from}`)).toEqual([]);
  });

  test('covers every XML name the reference documents', () => {
    const names = new Set([...notes.keys()].map((k) => k.split('.')[1]!));
    expect([...names].filter((n) => !(n in FIELD_MEANINGS))).toEqual([]);
  });

  test('is written in our words: no meaning shares eight consecutive words with a reference note', () => {
    // A code such as STARTUP_OPERATION is one word: a list of codes is a fact, not prose.
    const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_'-]+/gu) ?? [];
    const runs = new Set<string>();
    for (const note of notes.values()) {
      const w = words(note);
      for (let i = 0; i + 8 <= w.length; i++) runs.add(w.slice(i, i + 8).join(' '));
    }
    const copied = meanings.filter(({ meaning }) => {
      const w = words(meaning.meaning);
      for (let i = 0; i + 8 <= w.length; i++) if (runs.has(w.slice(i, i + 8).join(' '))) return true;
      return false;
    });
    expect(copied.map((c) => c.key)).toEqual([]);
  });

  test('overrides name complex types of the schema that have the member', () => {
    const members = new Map<string, Set<string>>();
    for (const module of Object.values(modules)) {
      for (const type of Object.values(module.types)) {
        if (type.kind !== 'complex') continue;
        const names = members.get(type.name) ?? new Set<string>();
        for (const a of type.attributes) names.add(a.name);
        const walk = (p: ComplexTypeDescriptor['content']): void => {
          for (const q of p?.particles ?? [])
            if (q.kind === 'element') names.add(q.name);
            else walk(q);
        };
        walk(type.content);
        members.set(type.name, names);
      }
    }
    const stray = meanings.filter(({ key }) => {
      const parts = key.split('.');
      return parts.length === 2 && !members.get(parts[0]!)?.has(parts[1]!);
    });
    expect(stray.map((s) => s.key)).toEqual([]);
  });
});

/** Every property of every interface in generated/<module>/types.ts, with its JSDoc text. */
function generatedMembers(): { module: string; owner: string; name: string; doc: string }[] {
  const out: { module: string; owner: string; name: string; doc: string }[] = [];
  for (const module of Object.keys(modules)) {
    const file = path.join(REPO_ROOT, 'generated', module, 'types.ts');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue;
      // `XAttributes` holds X's attributes: the owner is the schema type X.
      const owner = statement.name.text.replace(/Attributes$/, '');
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member)) continue;
        const doc = ts
          .getJSDocCommentsAndTags(member)
          .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
          .join('\n');
        out.push({ module, owner, name: member.name.getText(source).replace(/^'|'$/g, ''), doc });
      }
    }
  }
  return out;
}

describe('the generated members', () => {
  const members = generatedMembers();
  const descriptorOf = (module: string, owner: string): ComplexTypeDescriptor | undefined => {
    const types = modules[module as keyof typeof modules].types;
    const type = Object.values(types).find((t) => t.name.replace(/\W/g, '_') === owner);
    return type?.kind === 'complex' ? type : undefined;
  };
  const simpleTypeOf = (module: string, owner: string, name: string): SimpleTypeDescriptor | undefined => {
    const type = descriptorOf(module, owner);
    const ref =
      type?.attributes.find((a) => a.name === name)?.type ??
      (function find(p: ComplexTypeDescriptor['content']): string | undefined {
        for (const q of p?.particles ?? []) {
          const hit = q.kind === 'element' ? (q.name === name ? q.type : undefined) : find(q);
          if (hit) return hit;
        }
        return undefined;
      })(type?.content);
    const resolved = ref ? modules[module as keyof typeof modules].types[ref] : undefined;
    return resolved?.kind === 'simple' ? resolved : undefined;
  };

  test('all have a doc comment stating occurrence and type', () => {
    expect(members.length).toBeGreaterThan(1900);
    const stated =
      /^(attribute, (required|optional)|element, \d+\.\.(\d+|\*)(, choice)?|text content)(; [^;\n]+)*; (type \S+|xs:\w+)/m;
    const bare = members.filter((m) => !stated.test(m.doc));
    expect(bare.map((m) => `${m.module}.${m.owner}.${m.name}`)).toEqual([]);
  });

  test('all of a simple type with facets list every facet of it, codes with their names', () => {
    let checked = 0;
    const missing: string[] = [];
    for (const m of members) {
      const simple = simpleTypeOf(m.module, m.owner, m.name);
      if (!simple) continue;
      const f = simple.facets;
      const expected = [
        ...(
          [
            'length',
            'minLength',
            'maxLength',
            'minInclusive',
            'maxInclusive',
            'fractionDigits',
            'totalDigits',
          ] as const
        )
          .filter((k) => f[k] !== undefined)
          .map((k) => `${k}: ${String(f[k])}`),
        ...(f.patterns ?? []).map((step) => `pattern: \`${step[0]}\``),
        ...(f.enumeration ?? []).map((code) =>
          simple.names?.[code] ? `${code} (${simple.names[code]})` : code,
        ),
      ];
      if (expected.length > 0) checked++;
      for (const e of expected)
        if (!m.doc.includes(e)) missing.push(`${m.module}.${m.owner}.${m.name}: ${e}`);
    }
    expect(checked).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });

  test('at least 300 give a meaning or unit drawn from fields.json, the one describeInput gives', () => {
    const explained = members.filter((m) => {
      const doc = resolveFieldDoc(FIELD_DOCS, m.owner, m.name);
      return doc !== undefined && m.doc.replace(/\s+/g, ' ').startsWith(fieldDocText(doc));
    });
    const withUnit = explained.filter(
      (m) => resolveFieldDoc(FIELD_DOCS, m.owner, m.name)?.unit !== undefined,
    );
    expect(explained.length).toBeGreaterThanOrEqual(300);
    expect(withUnit.length).toBeGreaterThanOrEqual(100);
    // The figures of the closing note.
    console.log(
      `${members.length} members, ${explained.length} with a meaning, ${withUnit.length} with a unit`,
    );
  });
});
