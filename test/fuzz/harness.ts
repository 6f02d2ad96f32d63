/**
 * The fuzz harness shared by `npm run fuzz` (scripts/fuzz.ts, in child
 * processes) and the seeded share in `npm test` (test/fuzz/fuzz.test.ts, in
 * process): run a case, classify what came out, hold it to its time and
 * memory budget, and count.
 *
 * Outcomes:
 * - `value`: the decoder returned.
 * - `<ErrorClass>:<code>`: it threw a typed {@link MmsError} (or a type the
 *   decoder declares typed, like the CLI's UsageError).
 * - `untyped`: anything else, and `INTERNAL_ERROR`, which is how the public
 *   entry points wrap an unexpected exception: a defect either way.
 * - `hang`: over the case's time budget (confirmed by a second run), or not
 *   settled at all within the watchdog time.
 * - `over-memory`: heap growth over the case's memory budget, or the
 *   process ran out of heap.
 *
 * Memory is measured as the growth of the V8 heap plus external memory
 * (Buffers) from just before the call to just after it, with the result
 * still referenced: what the case retained plus what it allocated since the
 * last collection. Earlier cases' garbage cannot raise the figure (it is in
 * both readings), and a collection in the middle of a case can only lower
 * it, so a case over budget really did hold or allocate that much; large
 * inputs start from a heap with little garbage, so that a collection during
 * the case cannot lower their figure by much.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MmsError } from '../../src/errors.js';

export const MiB = 1024 * 1024;

/** Outcomes that are defects. */
export const DEFECTS = ['untyped', 'hang', 'over-memory'] as const;

/** One generated input of a decoder. */
export interface FuzzCase {
  readonly index: number;
  /** How it was made: the seed it came from and the mutations applied. */
  readonly label: string;
  /** Size of the hostile input in bytes; the budgets are made from it. */
  readonly size: number;
  /** The main input bytes (what a reproducer file holds). */
  readonly bytes: Uint8Array;
  /** The rest of the input, JSON-able (content type, operation, flags, limits). */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A decoder set up for one seed: makes case `i` and runs it. */
export interface DecoderInstance {
  generate(index: number): FuzzCase;
  run(c: FuzzCase): Promise<unknown>;
  close?(): void | Promise<void>;
}

export interface DecoderDefinition {
  readonly name: string;
  readonly description: string;
  /** Typed outcomes the decoder may have besides `value`; any other is reported as unexpected. */
  readonly expected: readonly string[];
  /** Names an error that is typed for this decoder though not an MmsError (the CLI's UsageError). */
  readonly typed?: (err: unknown) => string | undefined;
  setup(seed: number): Promise<DecoderInstance>;
}

/** Time and memory a case may take, from its input size. */
export interface Budgets {
  timeMs(size: number): number;
  memoryBytes(size: number): number;
}

/**
 * The default budgets. Time: 1 s for inputs up to 1 MiB, linear beyond.
 * Memory: 64 MiB plus 192 bytes per input byte. The per-byte figure covers
 * the worst honest case measured, about 120 bytes per byte: a payload of
 * 250,000 unknown `<a/>` elements (four bytes each) becomes a tree of
 * element objects and, with the problem limit raised to the 10 million the
 * client allows, one problem per element on top. The base covers garbage
 * the young generation has not collected yet. Anything quadratic, or
 * anything that keeps a copy of the input per element, blows through it.
 */
export const DEFAULT_BUDGETS: Budgets = {
  timeMs: (size) => 1000 * Math.max(1, size / MiB),
  memoryBytes: (size) => 64 * MiB + 192 * size,
};

/**
 * Inputs from this size on are measured from a collected heap when more
 * than {@link COLLECT_AFTER_GROWTH} of garbage may have piled up since the
 * last full collection (one costs some 20 ms, too much for every case).
 */
const COLLECT_BEFORE_BYTES = 256 * 1024;
const COLLECT_AFTER_GROWTH = 64 * MiB;
let collectedAt = 0;

function collectNow(): void {
  if (!collect) return;
  collect();
  collectedAt = heapNow();
}

/** The outcome of a decoder's exception. */
export function classifyError(err: unknown, typed?: (err: unknown) => string | undefined): string {
  if (err instanceof MmsError) {
    if (err.code === 'INTERNAL_ERROR') return 'untyped';
    return `${err.name}:${err.code}`;
  }
  return typed?.(err) ?? 'untyped';
}

export function isDefect(outcome: string): boolean {
  return (DEFECTS as readonly string[]).includes(outcome);
}

/** A full garbage collection, where one can be had (`--expose-gc`, or through V8 flags). */
export const collect: (() => void) | undefined = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

function heapNow(): number {
  const s = v8.getHeapStatistics();
  return s.used_heap_size + (s as { external_memory?: number }).external_memory!;
}

export interface CaseResult {
  readonly index: number;
  readonly outcome: string;
  readonly ms: number;
  readonly memory: number;
  readonly size: number;
  readonly label: string;
  /** The error message (first 300 characters) for errors. */
  readonly message?: string;
}

interface Measured {
  readonly outcome: string;
  readonly ms: number;
  readonly memory: number;
  readonly message?: string;
}

export interface RunOptions {
  readonly budgets?: Budgets;
  /** A case that has not settled after this long is a hang (the process moves on). Default 10× its time budget, at least 5 s. */
  readonly watchdogMs?: (size: number) => number;
}

async function measure(
  def: DecoderDefinition,
  instance: DecoderInstance,
  c: FuzzCase,
  watchdogMs: number,
): Promise<Measured> {
  if (c.size >= COLLECT_BEFORE_BYTES && heapNow() - collectedAt > COLLECT_AFTER_GROWTH) collectNow();
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), watchdogMs);
  });
  const before = heapNow();
  const start = performance.now();
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown } | 'hung';
  try {
    settled = await Promise.race([
      instance.run(c).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      watchdog,
    ]);
  } catch (error) {
    // run() threw synchronously.
    settled = { ok: false, error };
  }
  const ms = performance.now() - start;
  const memory = Math.max(0, heapNow() - before);
  clearTimeout(timer);
  if (settled === 'hung')
    return { outcome: 'hang', ms, memory, message: `did not settle within ${watchdogMs} ms` };
  if (settled.ok) return { outcome: 'value', ms, memory };
  const error = settled.error;
  const outcome = classifyError(error, def.typed);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { outcome, ms, memory, message: message.slice(0, 300) };
}

/**
 * Runs one case and classifies it. A time overrun is confirmed by a second
 * run from a collected heap (a pause of the machine must not count; a real
 * overrun repeats). Memory is judged on the first run: garbage of earlier
 * cases cannot raise the figure, only collections during the case can lower
 * it, so a second run could only hide an overrun (a large Buffer freed by
 * the collection before it is swept while the second run allocates again).
 */
export async function runCase(
  def: DecoderDefinition,
  instance: DecoderInstance,
  c: FuzzCase,
  options: RunOptions = {},
): Promise<CaseResult> {
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const timeBudget = budgets.timeMs(c.size);
  const memoryBudget = budgets.memoryBytes(c.size);
  const watchdogMs = options.watchdogMs?.(c.size) ?? Math.max(5000, 10 * timeBudget);
  let m = await measure(def, instance, c, watchdogMs);
  if (m.outcome !== 'hang' && m.ms > timeBudget) {
    collectNow();
    const again = await measure(def, instance, c, watchdogMs);
    m = { ...m, ms: Math.min(m.ms, again.ms) };
    if (again.outcome === 'hang') m = { ...again, memory: m.memory };
    else if (m.ms > timeBudget)
      m = {
        ...m,
        outcome: 'hang',
        message: `took ${m.ms.toFixed(0)} ms, budget ${timeBudget.toFixed(0)} ms (outcome ${m.outcome})`,
      };
  }
  if (m.outcome !== 'hang' && m.memory > memoryBudget)
    m = {
      ...m,
      outcome: 'over-memory',
      message: `grew the heap by ${(m.memory / MiB).toFixed(1)} MiB, budget ${(memoryBudget / MiB).toFixed(1)} MiB (outcome ${m.outcome})`,
    };
  return {
    index: c.index,
    size: c.size,
    label: c.label,
    outcome: m.outcome,
    ms: m.ms,
    memory: m.memory,
    ...(m.message !== undefined ? { message: m.message } : {}),
  };
}

// ---------------------------------------------------------------------------
// Counting

export interface OutcomeStats {
  count: number;
  maxMs: number;
  maxMemory: number;
  /** Largest share of its time budget any case of this outcome used (1 = the whole budget). */
  maxTimeShare: number;
  maxMemoryShare: number;
  maxSize: number;
  /** The cases that took longest and grew the heap most. */
  slowest: { index: number; label: string };
  hungriest: { index: number; label: string };
}

export interface StatsJson {
  readonly cases: number;
  readonly outcomes: Record<string, OutcomeStats>;
  /** Cases with a defect or an unexpected outcome (the first few of each outcome). */
  readonly failures: CaseResult[];
}

const FAILURES_KEPT = 5;

export class Stats {
  cases = 0;
  readonly outcomes = new Map<string, OutcomeStats>();
  readonly failures: CaseResult[] = [];

  constructor(
    readonly expected: readonly string[],
    readonly budgets: Budgets = DEFAULT_BUDGETS,
  ) {}

  /** Whether an outcome is a failure: a defect, or a typed error the decoder should not have. */
  fails(outcome: string): boolean {
    return isDefect(outcome) || (outcome !== 'value' && !this.expected.includes(outcome));
  }

  add(r: CaseResult): void {
    this.cases++;
    let s = this.outcomes.get(r.outcome);
    if (!s) {
      const at = { index: r.index, label: r.label };
      s = {
        count: 0,
        maxMs: 0,
        maxMemory: 0,
        maxTimeShare: 0,
        maxMemoryShare: 0,
        maxSize: 0,
        slowest: at,
        hungriest: at,
      };
      this.outcomes.set(r.outcome, s);
    }
    s.count++;
    if (r.ms > s.maxMs) s.slowest = { index: r.index, label: r.label };
    if (r.memory > s.maxMemory) s.hungriest = { index: r.index, label: r.label };
    s.maxMs = Math.max(s.maxMs, r.ms);
    s.maxMemory = Math.max(s.maxMemory, r.memory);
    s.maxTimeShare = Math.max(s.maxTimeShare, r.ms / this.budgets.timeMs(r.size));
    s.maxMemoryShare = Math.max(s.maxMemoryShare, r.memory / this.budgets.memoryBytes(r.size));
    s.maxSize = Math.max(s.maxSize, r.size);
    if (this.fails(r.outcome) && this.failures.filter((f) => f.outcome === r.outcome).length < FAILURES_KEPT)
      this.failures.push(r);
  }

  merge(other: StatsJson): void {
    this.cases += other.cases;
    for (const [outcome, o] of Object.entries(other.outcomes)) {
      const s = this.outcomes.get(outcome);
      if (!s) {
        this.outcomes.set(outcome, { ...o });
        continue;
      }
      s.count += o.count;
      if (o.maxMs > s.maxMs) s.slowest = o.slowest;
      if (o.maxMemory > s.maxMemory) s.hungriest = o.hungriest;
      s.maxMs = Math.max(s.maxMs, o.maxMs);
      s.maxMemory = Math.max(s.maxMemory, o.maxMemory);
      s.maxTimeShare = Math.max(s.maxTimeShare, o.maxTimeShare);
      s.maxMemoryShare = Math.max(s.maxMemoryShare, o.maxMemoryShare);
      s.maxSize = Math.max(s.maxSize, o.maxSize);
    }
    for (const f of other.failures)
      if (this.failures.filter((g) => g.outcome === f.outcome).length < FAILURES_KEPT) this.failures.push(f);
  }

  count(outcome: string): number {
    return this.outcomes.get(outcome)?.count ?? 0;
  }

  /** Number of failing cases: defects plus unexpected outcomes. */
  failureCount(): number {
    let n = 0;
    for (const [outcome, s] of this.outcomes) if (this.fails(outcome)) n += s.count;
    return n;
  }

  toJSON(): StatsJson {
    return { cases: this.cases, outcomes: Object.fromEntries(this.outcomes), failures: this.failures };
  }
}

/** Runs cases `indices` of a decoder in this process. */
export async function runCases(
  def: DecoderDefinition,
  instance: DecoderInstance,
  indices: Iterable<number>,
  options: RunOptions & { readonly onResult?: (r: CaseResult) => void } = {},
): Promise<Stats> {
  const stats = new Stats(def.expected, options.budgets);
  for (const index of indices) {
    const c = instance.generate(index);
    const r = await runCase(def, instance, c, options);
    stats.add(r);
    options.onResult?.(r);
  }
  return stats;
}

export function* range(from: number, to: number, step = 1): Generator<number> {
  for (let i = from; i < to; i += step) yield i;
}

// ---------------------------------------------------------------------------
// Reporting

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** The table of one decoder: outcome, count, max ms, max memory, budget shares. */
export function formatTable(name: string, stats: Stats, elapsedMs?: number): string {
  const rows: string[][] = [
    ['outcome', 'count', 'max ms', 'max memory', 'max time/budget', 'max mem/budget', 'max input'],
  ];
  const order = [...stats.outcomes.keys()].sort((a, b) =>
    a === 'value' ? -1 : b === 'value' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const outcome of order) {
    const s = stats.outcomes.get(outcome)!;
    rows.push([
      stats.fails(outcome) ? `${outcome}  <-- FAIL` : outcome,
      String(s.count),
      s.maxMs.toFixed(1),
      mib(s.maxMemory),
      `${(s.maxTimeShare * 100).toFixed(1)}%`,
      `${(s.maxMemoryShare * 100).toFixed(1)}%`,
      s.maxSize >= 1024 ? `${(s.maxSize / 1024).toFixed(0)} KiB` : `${s.maxSize} B`,
    ]);
  }
  for (const d of DEFECTS) if (!stats.outcomes.has(d)) rows.push([d, '0', '-', '-', '-', '-', '-']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const head = `${name}: ${stats.cases} cases${elapsedMs !== undefined ? ` in ${(elapsedMs / 1000).toFixed(1)} s` : ''}`;
  return [
    head,
    line(rows[0]!),
    line(rows[0]!.map((_, i) => '-'.repeat(widths[i]!))),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The first bytes of an input, printable. */
export function excerpt(bytes: Uint8Array, max = 200): string {
  const text = Buffer.from(bytes.subarray(0, max)).toString('latin1');
  return JSON.stringify(text) + (bytes.length > max ? ` … (${bytes.length} bytes)` : '');
}

/** Writes a failing case's input and details under `dir`; returns the path of the input file. */
export function writeReproducer(
  dir: string,
  decoder: string,
  seed: number,
  c: FuzzCase,
  result: CaseResult | { outcome: string; message?: string },
): string {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${decoder}-seed${seed}-case${c.index}`);
  writeFileSync(`${base}.bin`, c.bytes);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify(
      {
        decoder,
        seed,
        index: c.index,
        label: c.label,
        size: c.size,
        outcome: result.outcome,
        message: result.message,
        meta: c.meta,
        rerun: `npm run fuzz -- --decoder ${decoder} --seed ${seed} --case ${c.index}`,
      },
      null,
      2,
    )}\n`,
  );
  return `${base}.bin`;
}
