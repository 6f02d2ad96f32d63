/**
 * Property test over the whole operation catalog: for every operation,
 * random valid request documents (root → envelope with random attributes →
 * data element(s); report requests directly under `MarketReport`) must pass
 * our validator and, once encoded, libxml2's validation against the real XSD.
 * Then, beyond requests: random whole documents of every payload schema
 * (responses and the report download schema included) and random values of
 * every simple type, plus every enumeration value.
 *
 * Defaults: seed 20251201, 250 documents per operation (71 × 250 = 17,750
 * documents; about 25 s for the file on two cores: ~9 s generating,
 * validating and encoding, ~6 s in libxml2, batched 1,500 documents per
 * call). Override with PROPERTY_SEED and PROPERTY_RUNS; a failure prints the
 * seed, the operation, the document's index and libxml2's messages.
 */
import fc from 'fast-check';
import { modules, operations } from '../../generated/index.js';
import type { GroupDescriptor, ModuleDescriptor, OperationDescriptor } from '../../src/xml/descriptors.js';
import { encodeDocument, encodeElement } from '../../src/xml/encode.js';
import { formatNumber } from '../../src/xml/facets.js';
import { complexIndex, resolveType } from '../../src/xml/schema-index.js';
import { formatViolation, validateValue, type Violation } from '../../src/xml/validate.js';
import {
  arbitraryFor,
  arbitraryOperationDocument,
  operationSeed,
  sampleOperationDocuments,
  type Rec,
} from '../helpers/arbitrary.js';
import { loadSchema, validateWithLibxml2, type DocumentVerdict, type XmlFile } from '../helpers/xmllint.js';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

const SEED = envInt('PROPERTY_SEED', 20251201);
const RUNS = envInt('PROPERTY_RUNS', 250);
/** Documents per libxml2 call: one schema load serves the whole batch. */
const BATCH = 1500;

const catalog: OperationDescriptor[] = Object.values(operations as Record<string, OperationDescriptor>).sort(
  (a, b) => (a.id < b.id ? -1 : 1),
);

interface Checked {
  readonly index: number;
  readonly value: Rec;
  readonly xml: string | undefined;
  readonly violations: Violation[];
  readonly encodeError: string | undefined;
  verdict?: DocumentVerdict;
}

interface OperationResult {
  readonly op: OperationDescriptor;
  readonly seed: number;
  readonly generationError: string | undefined;
  readonly documents: Checked[];
}

const results = new Map<string, OperationResult>();
let libxml2Millis = 0;
let generateMillis = 0;

function moduleOf(op: OperationDescriptor): ModuleDescriptor {
  return modules[op.module];
}

function check(op: OperationDescriptor): OperationResult {
  const module = moduleOf(op);
  const seed = operationSeed(SEED, op.id);
  let values: Rec[];
  try {
    values = sampleOperationDocuments(module, op, RUNS, SEED);
  } catch (error) {
    return {
      op,
      seed,
      generationError: error instanceof Error ? (error.stack ?? error.message) : String(error),
      documents: [],
    };
  }
  const rootType = module.elements[op.root]!;
  const documents = values.map((value, index): Checked => {
    const violations = validateValue(module, rootType, value, op.root);
    let xml: string | undefined;
    let encodeError: string | undefined;
    try {
      xml = encodeDocument(module, op.root, value);
    } catch (error) {
      encodeError = String(error);
    }
    return { index, value, xml, violations, encodeError };
  });
  return { op, seed, generationError: undefined, documents };
}

async function runLibxml2(): Promise<void> {
  // All documents of one schema file, in batches; batches run two at a time
  // (each validateXML call is its own worker).
  const bySchema = new Map<string, Checked[]>();
  for (const result of results.values()) {
    const file = moduleOf(result.op).file;
    const list = bySchema.get(file) ?? [];
    bySchema.set(file, list);
    list.push(...result.documents.filter((d) => d.xml !== undefined));
  }
  const jobs: (() => Promise<void>)[] = [];
  for (const [file, docs] of bySchema) {
    const schema = loadSchema(file);
    for (let start = 0; start < docs.length; start += BATCH) {
      const batch = docs.slice(start, start + BATCH);
      jobs.push(async () => {
        const files: XmlFile[] = batch.map((d, i) => ({
          fileName: `doc-${start + i}.xml`,
          contents: d.xml!,
        }));
        const verdicts = await validateWithLibxml2(schema, files, { schemaFileName: file });
        verdicts.forEach((v, i) => (batch[i]!.verdict = v));
      });
    }
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all([worker(), worker()]);
}

beforeAll(async () => {
  const t0 = Date.now();
  for (const op of catalog) results.set(op.id, check(op));
  const t1 = Date.now();
  await runLibxml2();
  generateMillis = t1 - t0;
  libxml2Millis = Date.now() - t1;
}, 180_000);

afterAll(() => {
  const total = [...results.values()].reduce((n, r) => n + r.documents.length, 0);
  console.log(
    `property: seed ${SEED}, ${RUNS} documents × ${results.size} operations = ${total} documents; ` +
      `generate+validate+encode ${generateMillis} ms, libxml2 ${libxml2Millis} ms`,
  );
});

const clip = (s: string, n = 6000): string => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function reproduce(result: OperationResult, index: number): string {
  return `operation ${result.op.id}, document #${index} of PROPERTY_SEED=${SEED} PROPERTY_RUNS=${RUNS} (operation seed ${result.seed})`;
}

/** A shrunk counterexample for a validator failure (cheap: the validator is synchronous). */
function shrunk(result: OperationResult): string {
  const module = moduleOf(result.op);
  const rootType = module.elements[result.op.root]!;
  const details = fc.check(
    fc.property(
      arbitraryOperationDocument(module, result.op),
      (value) => validateValue(module, rootType, value, result.op.root).length === 0,
    ),
    { seed: result.seed, numRuns: RUNS },
  );
  if (!details.failed || details.counterexample === null) return '(shrinking found no counterexample)';
  const [value] = details.counterexample;
  return `shrunk counterexample:\n${clip(JSON.stringify(value, null, 1))}\nviolations:\n${validateValue(module, rootType, value, result.op.root).map(formatViolation).join('\n')}`;
}

describe('every operation of the catalog', () => {
  it('matches the envelopes and data elements of the payload schemas', () => {
    // Derived from the descriptors independently of the catalog generator:
    // every child of every envelope (every child of the root for reports).
    const expected: string[] = [];
    for (const name of ['market', 'omi', 'registration', 'report'] as const) {
      const module = modules[name];
      const roots = Object.keys(module.elements).filter((e) =>
        ['MarketData', 'RegistrationData', 'MarketReport'].includes(e),
      );
      expect(roots).toHaveLength(1);
      const root = roots[0]!;
      const rootType = resolveType(module, module.elements[root]!);
      if (rootType.kind !== 'complex' || !rootType.content) throw new Error(`${root} has no content`);
      const children = names(rootType.content).filter(
        (n) => !['ProcessingStatistics', 'Messages'].includes(n),
      );
      for (const child of children) {
        if (name === 'report') {
          expected.push(`${name} ${root} - ${child}`);
          continue;
        }
        const envelopeType = resolveType(module, complexIndex(rootType).elements.get(child)!.element.type);
        if (envelopeType.kind !== 'complex' || !envelopeType.content)
          throw new Error(`${child} has no content`);
        for (const data of names(envelopeType.content).filter((n) => n !== 'Messages'))
          expected.push(`${name} ${root} ${child} ${data}`);
      }
    }
    const actual = catalog.map((op) => `${op.module} ${op.root} ${op.envelope ?? '-'} ${op.element}`);
    expect(actual.sort()).toEqual(expected.sort());
    expect(catalog).toHaveLength(71);
  });

  it.each(catalog.map((op) => [op.id, op] as const))(
    '%s: catalog entry agrees with the descriptors',
    (_id, op) => {
      const module = moduleOf(op);
      expect(module.elements[op.root]).toBe(op.rootType);
      const holderType = op.envelopeType ?? op.rootType;
      const holder = resolveType(module, holderType);
      if (holder.kind !== 'complex') throw new Error(`${holderType} is not complex`);
      if (op.envelope !== undefined) {
        const root = resolveType(module, op.rootType);
        if (root.kind !== 'complex') throw new Error(`${op.rootType} is not complex`);
        expect(complexIndex(root).elements.get(op.envelope)?.element.type).toBe(op.envelopeType);
      }
      const member = complexIndex(holder).elements.get(op.element);
      expect(member?.element.type).toBe(op.dataType);
      expect(op.many).toBe(member?.array);
    },
  );

  it.each(catalog.map((op) => [op.id] as const))(
    '%s: random valid documents pass our validator and libxml2',
    (id) => {
      const result = results.get(id);
      if (!result) throw new Error(`${id} was not checked`);
      if (result.generationError !== undefined) {
        throw new Error(`generating documents failed (${reproduce(result, 0)}):\n${result.generationError}`);
      }
      // Coverage: every operation had all its documents checked by both.
      expect(result.documents).toHaveLength(RUNS);
      // Plain JSON values: nothing lost in a JSON round trip.
      for (const d of result.documents) expect(JSON.parse(JSON.stringify(d.value))).toEqual(d.value);

      const rejectedByUs = result.documents.filter((d) => d.violations.length > 0);
      if (rejectedByUs.length > 0) {
        const d = rejectedByUs[0]!;
        throw new Error(
          `${rejectedByUs.length} of ${RUNS} valid documents rejected by validateValue; first: ${reproduce(result, d.index)}\n` +
            `${d.violations.map(formatViolation).join('\n')}\nvalue:\n${clip(JSON.stringify(d.value, null, 1))}\n` +
            `document:\n${clip(d.xml ?? '(not encodable)')}\n${shrunk(result)}`,
        );
      }
      const unencodable = result.documents.filter((d) => d.encodeError !== undefined);
      if (unencodable.length > 0) {
        const d = unencodable[0]!;
        throw new Error(
          `encodeDocument threw for ${reproduce(result, d.index)}: ${d.encodeError}\nvalue:\n${clip(JSON.stringify(d.value, null, 1))}`,
        );
      }
      expect(result.documents.every((d) => d.verdict !== undefined)).toBe(true);
      const rejectedByLibxml2 = result.documents.filter((d) => !d.verdict!.valid);
      if (rejectedByLibxml2.length > 0) {
        // The shortest failing document is the easiest to read.
        const d = [...rejectedByLibxml2].sort((a, b) => a.xml!.length - b.xml!.length)[0]!;
        throw new Error(
          `${rejectedByLibxml2.length} of ${RUNS} documents rejected by libxml2 (${moduleOf(result.op).file}); shortest: ${reproduce(result, d.index)}\n` +
            `libxml2:\n${d.verdict!.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n')}\n` +
            `document:\n${clip(d.xml!)}`,
        );
      }
    },
  );
});

function names(group: GroupDescriptor): string[] {
  return group.particles.flatMap((p) => (p.kind === 'element' ? [p.name] : names(p)));
}

/**
 * Beyond the requests: whole documents of every payload schema, responses
 * included (the root with its statistics, messages and any envelope, and the
 * report download schema), and every simple type of those schemas on its
 * own, as the content of a probe element declared in a wrapper schema that
 * includes the real one.
 */
describe('every payload schema as a whole', () => {
  const PAYLOAD = ['market', 'omi', 'registration', 'report', 'outbound'] as const;
  const WHOLE_RUNS = Math.max(1, Math.round(RUNS / 3));
  const TYPE_RUNS = 20;

  it.each(PAYLOAD.map((m) => [m] as const))(
    `%s: ${WHOLE_RUNS} random root documents pass our validator and libxml2`,
    async (name) => {
      const module = modules[name];
      const [root, rootType] = Object.entries(module.elements)[0]!;
      const seed = operationSeed(SEED, `whole:${name}`);
      const values = fc.sample(arbitraryFor(module, rootType, { maxDepth: 6 }), {
        numRuns: WHOLE_RUNS,
        seed,
      }) as Rec[];
      const rejected = values
        .map((v, i) => ({ i, v, violations: validateValue(module, rootType, v, root) }))
        .filter((r) => r.violations.length > 0);
      if (rejected.length > 0) {
        const r = rejected[0]!;
        throw new Error(
          `${rejected.length} of ${values.length} rejected by validateValue; first #${r.i} (seed ${seed}):\n` +
            `${r.violations.map(formatViolation).join('\n')}\n${clip(JSON.stringify(r.v, null, 1))}`,
        );
      }
      const files = values.map((v, i) => ({
        fileName: `whole-${i}.xml`,
        contents: encodeDocument(module, root, v),
      }));
      const verdicts = await validateWithLibxml2(loadSchema(module.file), files, {
        schemaFileName: module.file,
      });
      const invalid = verdicts.map((v, i) => ({ v, f: files[i]! })).filter(({ v }) => !v.valid);
      if (invalid.length > 0) {
        const { v, f } = [...invalid].sort((a, b) => a.f.contents.length - b.f.contents.length)[0]!;
        throw new Error(
          `${invalid.length} of ${files.length} rejected by libxml2 (seed ${seed}); shortest ${f.fileName}:\n` +
            `${v.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n')}\n${clip(f.contents)}`,
        );
      }
    },
  );

  it.each(PAYLOAD.map((m) => [m] as const))(
    `%s: ${TYPE_RUNS} random values of every simple type pass our validator and libxml2`,
    async (name) => {
      const module = modules[name];
      const simple = Object.values(module.types).filter((t) => t.kind === 'simple');
      const probe = (t: string): string => `Probe_${t.replace(/[^A-Za-z0-9_]/g, '_')}`;
      const files: XmlFile[] = [];
      const problems: string[] = [];
      for (const t of simple) {
        const values = fc.sample(arbitraryFor(module, t.name), {
          numRuns: TYPE_RUNS,
          seed: operationSeed(SEED, `type:${name}:${t.name}`),
        });
        values.forEach((v, i) => {
          const violations = validateValue(module, t.name, v, probe(t.name));
          if (violations.length > 0)
            problems.push(`${t.name} ${JSON.stringify(v)}: ${violations.map(formatViolation).join('; ')}`);
          if (t.js === 'number' && t.facets.fractionDigits !== undefined) {
            const written = formatNumber(v as number);
            const digits = written.includes('.') ? written.split('.')[1]!.length : 0;
            if (digits > t.facets.fractionDigits) problems.push(`${t.name}: ${v} is written ${written}`);
          }
          files.push({
            fileName: `${t.name}-${i}.xml`,
            contents: encodeElement(module, probe(t.name), t.name, v),
          });
        });
        // Every enumeration value, not only those the random draw picked.
        (t.facets.enumeration ?? []).forEach((e, i) => {
          const v = t.js === 'number' ? Number(e) : e;
          const violations = validateValue(module, t.name, v, probe(t.name));
          if (violations.length > 0)
            problems.push(`${t.name} ${JSON.stringify(v)}: ${violations.map(formatViolation).join('; ')}`);
          files.push({
            fileName: `${t.name}-enum-${i}.xml`,
            contents: encodeElement(module, probe(t.name), t.name, v),
          });
        });
      }
      expect(problems).toEqual([]);
      const wrapper =
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="${module.file}"/>` +
        simple.map((t) => `<xs:element name="${probe(t.name)}" type="${t.name}"/>`).join('') +
        '</xs:schema>';
      const verdicts: DocumentVerdict[] = [];
      for (let start = 0; start < files.length; start += BATCH) {
        verdicts.push(
          ...(await validateWithLibxml2(wrapper, files.slice(start, start + BATCH), {
            schemaFileName: `probe-${name}.xsd`,
            preload: [{ fileName: module.file, contents: loadSchema(module.file) }],
          })),
        );
      }
      const enumerated = simple.reduce((n, t) => n + (t.facets.enumeration?.length ?? 0), 0);
      expect(verdicts).toHaveLength(simple.length * TYPE_RUNS + enumerated);
      const invalid = verdicts
        .map((v, i) => ({ v, f: files[i]! }))
        .filter(({ v }) => !v.valid)
        .map(({ v, f }) => `${f.contents}: ${v.errors.map((e) => e.message).join('; ')}`);
      expect(invalid).toEqual([]);
    },
  );
});
