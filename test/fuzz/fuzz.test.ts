/**
 * The seeded share of the fuzzers (`npm run fuzz` runs 100,000 cases per
 * decoder): a few hundred cases of each decoder, in process, with the same
 * generators, budgets and classification. Every case must be a value or a
 * typed error the decoder may have, within its time and memory budget; and
 * the harness must be able to fail, so it is shown decoders that throw
 * untyped errors, hang and hold too much memory.
 *
 * FUZZ_SEED=n runs another share.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modules, operations } from '../../generated/index.js';
import { UsageError } from '../../src/cli/exit-codes.js';
import type { MmsInputError } from '../../src/client/errors.js';
import { MmsClientError, MmsLimitError, MmsTransportError } from '../../src/errors.js';
import { decodeMessage, encodeMtom } from '../../src/transport/mtom.js';
import { parseResponseEnvelope, SOAP11_NS } from '../../src/transport/soap.js';
import { MAX_DEPTH_LIMIT, parseXml } from '../../src/xml/parser.js';
import { DEFAULT_MAX_VIOLATIONS, validateValue } from '../../src/xml/validate.js';
import { cliDecoder } from './decoders/cli.js';
import { DECODERS } from './decoders/index.js';
import {
  DEFAULT_BUDGETS,
  formatTable,
  MiB,
  range,
  runCase,
  runCases,
  Stats,
  writeReproducer,
  type Budgets,
  type DecoderDefinition,
  type DecoderInstance,
  type FuzzCase,
} from './harness.js';

const SEED = process.env['FUZZ_SEED'] === undefined ? 20240315 : Number(process.env['FUZZ_SEED']);
const CASES_PER_DECODER = 700;

describe(`seeded fuzz share (seed ${SEED}, ${CASES_PER_DECODER} cases per decoder)`, () => {
  for (const def of DECODERS) {
    it(`${def.name}: every case a value or an expected typed error, within its time and memory budget`, async () => {
      const instance = await def.setup(SEED);
      try {
        const stats = await runCases(def, instance, range(0, CASES_PER_DECODER));
        const table = formatTable(def.name, stats);
        const failures = stats.failures
          .map((f) => `  ${f.outcome} case ${f.index} (${f.label}): ${f.message ?? ''}`)
          .join('\n');
        expect({ failing: stats.failureCount(), table, failures }).toEqual({
          failing: 0,
          table,
          failures: '',
        });
        expect(stats.cases).toBe(CASES_PER_DECODER);
        // Each outcome's bounds: no case of it over its time or memory budget.
        for (const [outcome, s] of stats.outcomes) {
          expect({ outcome, timeShare: s.maxTimeShare <= 1, memoryShare: s.maxMemoryShare <= 1 }).toEqual({
            outcome,
            timeShare: true,
            memoryShare: true,
          });
          expect(s.maxMs).toBeLessThanOrEqual(DEFAULT_BUDGETS.timeMs(s.maxSize));
          expect(s.maxMemory).toBeLessThanOrEqual(DEFAULT_BUDGETS.memoryBytes(s.maxSize));
        }
        // The share reaches more than one outcome: errors of the decoder's own kinds.
        expect(stats.outcomes.size).toBeGreaterThan(2);
      } finally {
        await instance.close?.();
      }
    });
  }

  it('makes the same case from the same seed and index', async () => {
    for (const def of DECODERS) {
      const a = await def.setup(SEED);
      const b = await def.setup(SEED);
      try {
        // In another order too: a case depends on nothing generated before it.
        const indices = [0, 1, 57, 499, 65_113];
        const xs = indices.map((i) => a.generate(i));
        const ys = [...indices]
          .reverse()
          .map((i) => b.generate(i))
          .reverse();
        indices.forEach((index, k) => {
          const [x, y] = [xs[k]!, ys[k]!];
          expect({ def: def.name, index, same: Buffer.from(y.bytes).equals(Buffer.from(x.bytes)) }).toEqual({
            def: def.name,
            index,
            same: true,
          });
          expect(y.meta).toEqual(x.meta);
          expect(y.label).toBe(x.label);
        });
      } finally {
        await a.close?.();
        await b.close?.();
      }
    }
  });
});

// ---------------------------------------------------------------------------
// The harness can fail

function fakeDecoder(
  run: (c: FuzzCase) => Promise<unknown>,
  expected: readonly string[] = [],
): { def: DecoderDefinition; instance: DecoderInstance } {
  const instance: DecoderInstance = {
    generate: (index) => ({ index, label: 'fake', size: 100, bytes: Buffer.from('x'), meta: {} }),
    run,
  };
  const def: DecoderDefinition = { name: 'fake', description: 'fake', expected, setup: async () => instance };
  return { def, instance };
}

const TIGHT: Budgets = { timeMs: () => 50, memoryBytes: () => 16 * MiB };

async function outcomeOf(
  run: (c: FuzzCase) => Promise<unknown>,
  budgets: Budgets = TIGHT,
  watchdogMs = 2000,
): Promise<string> {
  const { def, instance } = fakeDecoder(run);
  const r = await runCase(def, instance, instance.generate(0), { budgets, watchdogMs: () => watchdogMs });
  return r.outcome;
}

describe('the fuzz harness', () => {
  it('classifies values and typed errors by class and code', async () => {
    expect(await outcomeOf(async () => 1)).toBe('value');
    expect(
      await outcomeOf(async () => {
        throw new MmsLimitError('maxDepth', 64, 'too deep');
      }),
    ).toBe('MmsLimitError:LIMIT_EXCEEDED');
    expect(
      await outcomeOf(async () => {
        throw new MmsClientError('DECODE_ERROR', 'bad');
      }),
    ).toBe('MmsClientError:DECODE_ERROR');
  });

  it('classifies plain exceptions and INTERNAL_ERROR as untyped', async () => {
    expect(
      await outcomeOf(async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      }),
    ).toBe('untyped');
    expect(
      await outcomeOf(async () => {
        throw new MmsClientError('INTERNAL_ERROR', 'unexpected failure inside mms-client');
      }),
    ).toBe('untyped');
    expect(
      await outcomeOf(async () => {
        throw 'a string';
      }),
    ).toBe('untyped');
    expect(
      await outcomeOf(() => {
        throw new RangeError('Maximum call stack size exceeded');
      }),
    ).toBe('untyped');
    // UsageError is typed only where the decoder says so (the CLI's input).
    expect(
      await outcomeOf(async () => {
        throw new UsageError('bad input');
      }),
    ).toBe('untyped');
    const cli = DECODERS.find((d) => d.name === 'cli')!;
    expect(cli.typed?.(new UsageError('bad input'))).toBe('UsageError');
  });

  it('marks a case over its time budget as a hang, and one that never settles', async () => {
    const busy = async (): Promise<number> => {
      const until = performance.now() + 120;
      let n = 0;
      while (performance.now() < until) n++;
      return n;
    };
    expect(await outcomeOf(busy)).toBe('hang');
    expect(await outcomeOf(() => new Promise(() => undefined), DEFAULT_BUDGETS, 200)).toBe('hang');
    // The same work within a budget that allows it.
    expect(await outcomeOf(busy, { timeMs: () => 1000, memoryBytes: () => 64 * MiB })).toBe('value');
  });

  it('marks a case that holds more than its memory budget as over-memory', async () => {
    const hold = async (): Promise<unknown> => new Array(8_000_000).fill(1.5);
    expect(await outcomeOf(hold, { timeMs: () => 10_000, memoryBytes: () => 16 * MiB })).toBe('over-memory');
    expect(
      await outcomeOf(async () => Buffer.alloc(64 * MiB, 1), {
        timeMs: () => 10_000,
        memoryBytes: () => 16 * MiB,
      }),
    ).toBe('over-memory');
    expect(await outcomeOf(hold, { timeMs: () => 10_000, memoryBytes: () => 512 * MiB })).toBe('value');
  });

  it('counts a typed outcome the decoder should not have as a failure', () => {
    const stats = new Stats(['MmsClientError:DECODE_ERROR']);
    stats.add({ index: 0, outcome: 'MmsClientError:DECODE_ERROR', ms: 1, memory: 0, size: 10, label: 'a' });
    stats.add({ index: 1, outcome: 'value', ms: 1, memory: 0, size: 10, label: 'b' });
    expect(stats.failureCount()).toBe(0);
    stats.add({
      index: 2,
      outcome: `MmsTransportError:${new MmsTransportError('TIMEOUT', 'x').code}`,
      ms: 1,
      memory: 0,
      size: 10,
      label: 'c',
    });
    stats.add({ index: 3, outcome: 'hang', ms: 2000, memory: 0, size: 10, label: 'd' });
    expect(stats.failureCount()).toBe(2);
    expect(stats.failures.map((f) => f.index)).toEqual([2, 3]);
    expect(formatTable('fake', stats)).toMatch(/hang {2}<-- FAIL/);
  });

  it('writes a reproducer with the command that reruns the case', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
    try {
      const c: FuzzCase = {
        index: 7,
        label: 'seed mutation',
        size: 3,
        bytes: Buffer.from('abc'),
        meta: { op: 'X' },
      };
      const file = writeReproducer(dir, 'payload', 42, c, { outcome: 'untyped', message: 'TypeError: x' });
      expect(readFileSync(file, 'utf8')).toBe('abc');
      const details = JSON.parse(readFileSync(file.replace(/\.bin$/, '.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(details).toMatchObject({
        decoder: 'payload',
        seed: 42,
        index: 7,
        outcome: 'untyped',
        meta: { op: 'X' },
      });
      expect(details['rerun']).toBe('npm run fuzz -- --decoder payload --seed 42 --case 7');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// Defects the fuzzers found, kept as regression cases

describe('regressions found by fuzzing', () => {
  it('MIME: a periodic boundary ("-----") costs linear time, not boundary length × body length', () => {
    // Found as `hang` (8 s for a 1 MiB body, mtom seed 11 case 6614): the
    // delimiter search retried one byte further after every match that was
    // not at a line start, comparing the whole boundary each time.
    const bodies = [
      Buffer.concat([Buffer.from('x'), Buffer.alloc(1 << 20, '-')]),
      Buffer.from(`x${`\n${'-'.repeat(16001)}`.repeat(64)}`),
      Buffer.from(`x${`\r\n${'-'.repeat(16000)}`.repeat(64)}`),
      Buffer.from(`x${'\n--'.repeat(1 << 18)}`),
    ];
    for (const body of bodies) {
      const start = performance.now();
      expect(() => decodeMessage(`multipart/related; boundary="${'-'.repeat(16000)}"`, body)).toThrow(
        expect.objectContaining({ code: 'DECODE_ERROR' }) as Error,
      );
      // A bound on hangs, not a speed target: the quadratic scan took minutes.
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });

  it('MIME: periodic boundaries still split the message where the delimiters are', () => {
    for (const boundary of ['-', '-'.repeat(70), '-'.repeat(4000)]) {
      const payload = Buffer.from(`a${'-'.repeat(5000)}\n-${'-'.repeat(10)}b`);
      const m = encodeMtom('<Envelope/>', 'root@x', [{ contentId: 'p@x', body: payload }], {
        boundary: boundary === '-' ? '-x' : boundary,
      });
      const decoded = decodeMessage(m.contentType, m.body);
      expect(decoded.rootXml).toBe('<Envelope/>');
      expect(Buffer.from(decoded.resolve('p@x')).equals(payload)).toBe(true);
    }
  });

  it('MIME: a boundary with a line break is refused', () => {
    expect(() =>
      decodeMessage('multipart/related; boundary="a\nb"', Buffer.from('--a\nb\r\n\r\nx\r\n--a\nb--')),
    ).toThrow(expect.objectContaining({ code: 'DECODE_ERROR' }) as Error);
  });
});

describe('regressions found by fuzzing: the XML reader and SOAP faults', () => {
  const nested = (depth: number, open: string, close: string, inner = 't'): string =>
    `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

  it('XML: the depth limit cannot be raised to where namespace resolution costs seconds', async () => {
    // Found as `hang` (1.6 s for a 1 MiB answer with maxDepth 10,000, payload
    // seed 12 case 7239): saxes resolves each prefix by walking every open
    // tag, so a depth limit of 10,000 allowed d²/2 = 5·10⁷ lookups.
    expect(() => parseXml('<a/>', { maxDepth: MAX_DEPTH_LIMIT + 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }) as Error,
    );
    const deep = `<r xmlns:p="urn:p">${nested(MAX_DEPTH_LIMIT - 2, '<p:a x="1">', '</p:a>')}</r>`;
    const start = performance.now();
    for (let i = 0; i < 20; i++) parseXml(deep, { maxDepth: MAX_DEPTH_LIMIT });
    // A bound on hangs, not a speed target: at depth 10,000 one parse took 1.6 s.
    expect(performance.now() - start).toBeLessThan(5000);
    await expect(
      parseResponseEnvelope('<a/>', () => new Uint8Array(), { limits: { maxDepth: 10_000 } }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('XML: prefixes resolve to the innermost declaration in scope, and unbound ones are refused', () => {
    const root = parseXml(
      '<r xmlns:p="urn:1" xmlns="urn:d"><a xmlns:p="urn:2"><p:b p:x="1"/></a><p:c/><e xmlns=""><f/></e></r>',
    );
    const [a, c, e] = root.children;
    expect([root.uri, a!.uri, a!.children[0]!.uri, c!.uri, e!.uri, e!.children[0]!.uri]).toEqual([
      'urn:d',
      'urn:d',
      'urn:2',
      'urn:1',
      '',
      '',
    ]);
    expect(a!.children[0]!.foreignAttributes).toEqual(['{urn:2}x']);
    expect(() => parseXml('<r><a xmlns:q="urn:q"/><q:b/></r>')).toThrow(/unbound namespace prefix/);
    expect(() => parseXml('<q:r/>')).toThrow(/unbound namespace prefix/);
  });

  it('XML: elements without attributes share a frozen empty record that reads like any other', () => {
    const root = parseXml('<r><a/><b x="1"/></r>');
    expect(root.attributes).toEqual({});
    expect(Object.isFrozen(root.attributes)).toBe(true);
    expect(root.children[1]!.attributes).toEqual({ x: '1' });
    expect(root.foreignAttributes).toEqual([]);
  });

  it('SOAP: a fault detail nested as deep as the depth limit allows is read, not a RangeError', async () => {
    // Found as `untyped` (RangeError: Maximum call stack size exceeded, soap
    // seed 12 case 13004): the fault's text was collected recursively.
    for (const depth of [100, MAX_DEPTH_LIMIT - 6]) {
      const xml =
        `<e:Envelope xmlns:e="${SOAP11_NS}"><e:Body><e:Fault><faultcode>e:Server</faultcode>` +
        `<faultstring>${nested(depth, '<a>', '</a>', 'deep')}</faultstring>` +
        `<detail>x${nested(depth, '<b>', '</b>', 'y')}z</detail></e:Fault></e:Body></e:Envelope>`;
      const parsed = await parseResponseEnvelope(xml, () => new Uint8Array(), {
        limits: { maxDepth: MAX_DEPTH_LIMIT },
      });
      expect(parsed).toEqual({ kind: 'fault', fault: { code: 'e:Server', message: 'deep', detail: 'xzy' } });
    }
  });
});

describe('regressions found by fuzzing: request validation', () => {
  it('CLI input: a list of many tiny invalid items is refused with a bounded list of violations', async () => {
    // Found as `over-memory` and `hang` (cli seed 7 cases 5576, 2285): every
    // empty item broke every required rule of its type, and all of them were
    // listed (1.6 million violations, 200 MiB, for 300 KB of JSON).
    const instance = await cliDecoder.setup(SEED);
    try {
      const text = JSON.stringify({ attributes: {}, data: Array.from({ length: 100_000 }, () => ({})) });
      const c: FuzzCase = {
        index: 0,
        label: 'tiny items',
        size: text.length,
        bytes: Buffer.from(text),
        meta: { op: 'RegistrationSubmit_Resource' },
      };
      const r = await runCase(cliDecoder, instance, c);
      expect(r.outcome).toBe('MmsInputError:INVALID_INPUT');
      const err = (await instance.run(c).catch((e: unknown) => e)) as MmsInputError;
      expect(err.violations).toHaveLength(DEFAULT_MAX_VIOLATIONS + 1);
      expect(err.violations[DEFAULT_MAX_VIOLATIONS]!.message).toBe(
        `validation stopped after ${DEFAULT_MAX_VIOLATIONS} violations; there are more`,
      );
      expect(err.message).toContain(`breaks the MMS schema in more than ${DEFAULT_MAX_VIOLATIONS} places`);
      expect(err.message).toContain(`… and ${DEFAULT_MAX_VIOLATIONS - 20} and more`);
      expect(r.memory).toBeLessThan(DEFAULT_BUDGETS.memoryBytes(c.size) / 4);
    } finally {
      await instance.close?.();
    }
  });

  it('validation collects every violation up to maxViolations', () => {
    const module = modules.registration;
    const type = operations.RegistrationSubmit_Resource.envelopeType!;
    const value = { Resource: [{}, {}] };
    const all = validateValue(module, type, value, 'RegistrationSubmit', { maxViolations: 1_000_000 });
    expect(all.length).toBeGreaterThan(4);
    expect(all.some((v) => /stopped/.test(v.message))).toBe(false);
    const few = validateValue(module, type, value, 'RegistrationSubmit', { maxViolations: 3 });
    expect(few).toEqual([
      ...all.slice(0, 3),
      { path: 'RegistrationSubmit', message: 'validation stopped after 3 violations; there are more' },
    ]);
  });
});
