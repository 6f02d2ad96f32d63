/**
 * The operation catalog is complete: the envelope children are read from the
 * schema files themselves (a plain streaming parse, not codegen) and each
 * must be an operation of the catalog with a method on MmsClient.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { operations } from '../../generated/index.js';
import { MmsClient } from '../../src/client/client.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { releaseDir } from '../helpers/paths.js';

interface Declared {
  /** complexType name → names of elements anywhere in its content. */
  readonly contents: Map<string, string[]>;
  /** element name → type, for elements in complex types. */
  readonly typeOf: Map<string, string>;
}

function read(file: string): Declared {
  const contents = new Map<string, string[]>();
  const typeOf = new Map<string, string>();
  const stack: { local: string; name?: string }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    const attr = (n: string) => (tag.attributes[n] as { value: string } | undefined)?.value;
    const owner = [...stack].reverse().find((s) => s.local === 'complexType' && s.name);
    if (tag.local === 'element' && owner?.name) {
      contents.get(owner.name)!.push(attr('name')!);
      if (attr('type')) typeOf.set(`${owner.name}/${attr('name')}`, attr('type')!);
    }
    if (tag.local === 'complexType' && attr('name')) contents.set(attr('name')!, []);
    stack.push({ local: tag.local ?? tag.name, ...(attr('name') ? { name: attr('name')! } : {}) });
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(readFileSync(path.join(releaseDir('2025-12'), file), 'utf8')).close();
  return { contents, typeOf };
}

/** [interface prefix, file, root type, envelopes (true) or requests (false)] per payload schema (MMS-PROTOCOL.md §6). */
const SCHEMAS: [string, string, string, boolean][] = [
  ['', 'mi-market.xsd', 'MarketDataListType', true],
  ['Omi_', 'omi.xsd', 'MarketDataListType', true],
  ['', 'mpr.xsd', 'RegistrationDataType', true],
  ['', 'mi-report.xsd', 'MarketReportType', false],
];

function expectedOperations(): { id: string; envelope?: string; element: string }[] {
  const out: { id: string; envelope?: string; element: string }[] = [];
  for (const [prefix, file, rootType, envelopes] of SCHEMAS) {
    const { contents, typeOf } = read(file);
    for (const child of contents.get(rootType)!) {
      if (child === 'Messages' || child === 'ProcessingStatistics') continue;
      if (!envelopes) {
        out.push({ id: `${prefix}${child}`, element: child });
        continue;
      }
      for (const data of contents.get(typeOf.get(`${rootType}/${child}`)!)!) {
        if (data !== 'Messages')
          out.push({ id: `${prefix}${child}_${data}`, envelope: child, element: data });
      }
    }
  }
  return out;
}

const expected = expectedOperations();
const catalog = operations as unknown as Record<string, OperationDescriptor>;

test('the schema files declare 71 envelope children', () => {
  expect(expected).toHaveLength(71);
});

test.each(expected.map((e) => [e.id, e] as const))('%s is in the catalog and has a method', (id, e) => {
  const op = catalog[id];
  expect(op).toBeDefined();
  expect(op!.element).toBe(e.element);
  expect(op!.envelope).toBe(e.envelope);
  expect(typeof (MmsClient.prototype as unknown as Record<string, unknown>)[op!.method]).toBe('function');
});

test('the catalog has nothing the schemas lack', () => {
  expect(Object.keys(catalog).sort()).toEqual(expected.map((e) => e.id).sort());
});
