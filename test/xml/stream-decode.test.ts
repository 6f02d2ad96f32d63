/**
 * The one-pass decoder (decodeStreamAsync, used for every response payload)
 * against the tree decoder it replaced there (parseXml + decodeTree), on the
 * same bytes: every sample, random valid documents of every payload schema,
 * and thousands of fuzz mutations of them (unknown elements and attributes,
 * text where none belongs, broken facets, duplicates, truncation, namespace
 * games). Same value, same problems in the same order, or both refuse the
 * document (mostly with the same error; see the test for when not).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modules, operations } from '../../generated/index.js';
import { MmsError } from '../../src/errors.js';
import { decodeStreamAsync, decodeTree } from '../../src/xml/decode.js';
import type { ModuleDescriptor, OperationDescriptor } from '../../src/xml/descriptors.js';
import { encodeDocument } from '../../src/xml/encode.js';
import { parseXml } from '../../src/xml/parser.js';
import { sampleOperationDocuments } from '../helpers/arbitrary.js';
import { SAMPLES } from '../helpers/paths.js';
import { mutate, mutationCount, XML_INPUT_MUTATORS } from '../fuzz/mutate.js';
import { Rng } from '../fuzz/rng.js';

type Outcome = { value: unknown; problems: unknown } | { error: string };

/** Decoded the old way: the whole tree, then the descriptors over it. */
function byTree(module: ModuleDescriptor, bytes: Uint8Array): Outcome {
  try {
    const root = parseXml(bytes);
    const decoded = decodeTree(module, module.elements[root.name] ?? 'xs:string', root, root.name, {
      maxProblems: 50,
    });
    return { value: decoded.value, problems: decoded.problems };
  } catch (err) {
    if (!(err instanceof MmsError)) throw err;
    return { error: `${err.code}: ${err.message}` };
  }
}

async function byStream(module: ModuleDescriptor, bytes: Uint8Array): Promise<Outcome> {
  try {
    const decoded = await decodeStreamAsync(
      bytes,
      (root) => ({ module, type: module.elements[root.name] ?? 'xs:string' }),
      { maxProblems: 50 },
    );
    return { value: decoded.value, problems: decoded.problems };
  } catch (err) {
    if (!(err instanceof MmsError)) throw err;
    return { error: `${err.code}: ${err.message}` };
  }
}

const PAYLOAD_MODULES = ['market', 'omi', 'registration', 'report', 'outbound'] as const;

function moduleForRoot(xml: string): ModuleDescriptor | undefined {
  const root = /<([A-Za-z_][\w.-]*)[\s>/]/.exec(xml.replace(/<\?[^>]*\?>/, ''))?.[1];
  const candidates = PAYLOAD_MODULES.map((m) => modules[m]).filter(
    (m) => root !== undefined && root in m.elements,
  );
  // market and omi share MarketData: the samples for OMI say so in their names.
  return candidates.length > 1 && !/surplus|remaining/i.test(xml)
    ? modules.market
    : candidates[candidates.length - 1];
}

const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => ({ name: f, bytes: readFileSync(path.join(SAMPLES, f)) }))
  .filter((s) => moduleForRoot(s.bytes.toString('utf8')) !== undefined);

test('every sample decodes the same both ways', async () => {
  expect(samples.length).toBeGreaterThan(15);
  for (const { name, bytes } of samples) {
    const module = moduleForRoot(bytes.toString('utf8'))!;
    expect({ name, outcome: await byStream(module, bytes) }).toEqual({
      name,
      outcome: byTree(module, bytes),
    });
  }
});

test('random documents of every operation, and fuzz mutations of them, decode the same both ways', async () => {
  const rng = new Rng(20251201);
  let cases = 0;
  let withProblems = 0;
  let errors = 0;
  let differentError = 0;
  const seeds: { module: ModuleDescriptor; bytes: Buffer }[] = [];
  for (const op of Object.values(operations) as OperationDescriptor[]) {
    const module = modules[op.module];
    for (const doc of sampleOperationDocuments(module, op, 2, 7))
      seeds.push({ module, bytes: Buffer.from(encodeDocument(module, op.root, doc)) });
  }
  for (const { bytes } of samples) seeds.push({ module: moduleForRoot(bytes.toString('utf8'))!, bytes });
  const donors = seeds.map((s) => s.bytes);
  for (let i = 0; i < 2000; i++) {
    const seed = seeds[rng.range(0, seeds.length - 1)]!;
    const { bytes } = mutate(
      seed.bytes,
      { rng, donors, maxBytes: 256 * 1024 },
      XML_INPUT_MUTATORS,
      mutationCount(rng),
    );
    const tree = byTree(seed.module, bytes);
    const stream = await byStream(seed.module, bytes);
    if ('error' in tree) errors++;
    else if ((tree.problems as unknown[]).length > 0) withProblems++;
    // Either both read it or both refuse it. Which error comes first may
    // differ, by design: the one-pass decoder reads in smaller slices and
    // meets problems (and the problem limit) while reading, before a later
    // parse error or bad UTF-8 that the tree reader finds first.
    if ('error' in tree || 'error' in stream) {
      expect('error' in tree && 'error' in stream).toBe(true);
      for (const o of [tree, stream])
        expect((o as { error: string }).error).toMatch(/^(DECODE_ERROR|LIMIT_EXCEEDED): /);
      if ((stream as { error: string }).error !== (tree as { error: string }).error) differentError++;
    } else expect(stream).toEqual(tree);
    cases++;
  }
  // The mutations reached every kind of outcome.
  expect(cases).toBe(2000);
  expect(withProblems).toBeGreaterThan(200);
  expect(errors).toBeGreaterThan(200);
  // Mostly the same error too.
  expect(differentError).toBeLessThan(errors / 10);
}, 120_000);
