/**
 * Our encoder claims to write Canonical XML 1.0 already (it is what gets
 * signed), so libxml2's canonicaliser must give back the very same bytes for
 * every document we write:
 * - the first C14N_PER_OPERATION documents of every operation from the
 *   property test (same seed, same documents), full of characters that need
 *   escaping (`& < > "`, tab, LF, CR) and of non-ASCII text;
 * - every sample payload in fixtures/samples, decoded (whole documents with
 *   decodeDocument, fragments with decodeTree after parseXml, per the
 *   fixtures README) and re-encoded with our encoder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modules, operations } from '../../generated/index.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { decodeDocument, decodeTree } from '../../src/xml/decode.js';
import { encodeDocument, encodeElement } from '../../src/xml/encode.js';
import { parseXml } from '../../src/xml/parser.js';
import { sampleOperationDocuments } from '../helpers/arbitrary.js';
import { SAMPLES } from '../helpers/paths.js';
import { c14nWithXmllintBatch, loadSchema, validateWithLibxml2 } from '../helpers/xmllint.js';
import { documentModule, FRAGMENTS, INVALID_SAMPLES } from '../helpers/samples.js';

const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20251201;
const C14N_PER_OPERATION = 10;

const catalog = Object.values(operations as Record<string, OperationDescriptor>).sort((a, b) =>
  a.id < b.id ? -1 : 1,
);

interface Written {
  readonly label: string;
  readonly xml: string;
  /** For full documents: the schema file it must still validate against. */
  readonly schema?: string;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 60), i + 60));
  return `first difference at UTF-16 offset ${i}:\n  ours:   ${around(a)}\n  c14n:   ${around(b)}`;
}

/**
 * Canonicalise many documents with few xmllint processes: documents without
 * namespaces canonicalise the same inside a wrapper element as alone, so a
 * batch goes through as `<batch>…</batch>` and must come back unchanged;
 * only a batch that differs is redone one document per process, to name the
 * documents that differ.
 */
async function expectCanonical(written: readonly Written[]): Promise<void> {
  const size = 50;
  const batches: Written[][] = [];
  for (let i = 0; i < written.length; i += size) batches.push(written.slice(i, i + size));
  const wrapped = batches.map((b) => `<batch>${b.map((w) => w.xml).join('')}</batch>`);
  const canonical = await c14nWithXmllintBatch(wrapped);
  expect(canonical).toHaveLength(batches.length);
  const suspects = batches.filter((_b, i) => canonical[i] !== wrapped[i]).flat();
  if (suspects.length === 0) return;
  const single = await c14nWithXmllintBatch(suspects.map((w) => w.xml));
  const failures = suspects
    .map((w, i) => ({ w, c: single[i]! }))
    .filter(({ w, c }) => w.xml !== c)
    .map(({ w, c }) => `${w.label}: ${firstDifference(w.xml, c)}\n  document: ${w.xml.slice(0, 3000)}`);
  if (failures.length === 0)
    throw new Error('a batch differed after canonicalisation but none of its documents alone does');
  throw new Error(
    `${failures.length} of ${written.length} documents are not canonical:\n${failures.join('\n\n')}`,
  );
}

describe('xmllint --c14n gives back our exact bytes', () => {
  it(`for ${C14N_PER_OPERATION} random documents of every operation`, async () => {
    const written: Written[] = [];
    const perOperation = new Map<string, number>();
    for (const op of catalog) {
      const module = modules[op.module];
      for (const [i, value] of sampleOperationDocuments(module, op, C14N_PER_OPERATION, SEED).entries()) {
        written.push({
          label: `${op.id} #${i} (PROPERTY_SEED=${SEED})`,
          xml: encodeDocument(module, op.root, value),
        });
        perOperation.set(op.id, (perOperation.get(op.id) ?? 0) + 1);
      }
    }
    expect(perOperation.size).toBe(catalog.length);
    expect([...perOperation.values()].every((n) => n === C14N_PER_OPERATION)).toBe(true);
    // The documents do exercise C14N escaping.
    const all = written.map((w) => w.xml).join('');
    for (const needle of ['&amp;', '&lt;', '&gt;', '&quot;', '&#xD;', '&#x9;', '&#xA;', '\t', '\n']) {
      expect(all.includes(needle) ? needle : `missing ${needle}`).toBe(needle);
    }
    await expectCanonical(written);
  });

  it('the check itself catches a document that is not canonical', async () => {
    const notCanonical = { label: 'self-test', xml: '<A b="1" a="2"><B/></A>' };
    await expect(expectCanonical([notCanonical])).rejects.toThrow(
      /self-test: first difference at UTF-16 offset 3/,
    );
  });

  const samples = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xml'))
    .sort();

  it('covers every sample file', () => {
    expect(samples.length).toBeGreaterThanOrEqual(38);
  });

  it('for every sample, decoded and re-encoded', async () => {
    const written: Written[] = [];
    for (const file of samples) {
      const text = readFileSync(path.join(SAMPLES, file), 'utf8');
      const element = parseXml(text);
      const module = documentModule(file, element.name);
      if (module !== undefined) {
        const { value } = decodeDocument(module, element.name, text);
        written.push({
          label: file,
          xml: encodeDocument(module, element.name, value),
          ...(INVALID_SAMPLES.has(file) ? {} : { schema: module.file }),
        });
        continue;
      }
      const fragment = FRAGMENTS[element.name];
      if (fragment === undefined) throw new Error(`${file}: no module known for <${element.name}>`);
      const { value } = decodeTree(fragment.module, fragment.type, element, element.name);
      written.push({ label: file, xml: encodeElement(fragment.module, element.name, fragment.type, value) });
    }
    expect(written).toHaveLength(samples.length);
    await expectCanonical(written);

    // Re-encoding keeps the valid samples valid.
    const bySchema = new Map<string, Written[]>();
    for (const w of written)
      if (w.schema !== undefined) bySchema.set(w.schema, [...(bySchema.get(w.schema) ?? []), w]);
    for (const [schema, docs] of bySchema) {
      const verdicts = await validateWithLibxml2(
        loadSchema(schema),
        docs.map((d) => ({ fileName: d.label, contents: d.xml })),
        { schemaFileName: schema },
      );
      const invalid = verdicts.filter((v) => !v.valid);
      expect(invalid.map((v) => `${v.fileName}: ${v.errors.map((e) => e.message).join('; ')}`)).toEqual([]);
    }
  });
});
