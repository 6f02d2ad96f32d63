/**
 * `npm run fuzz`: property-based and mutation fuzzing of every decoder that
 * reads hostile input (MTOM bodies, SOAP envelopes, payload XML of every
 * response type, report files, the CLI's JSON input); see test/fuzz/.
 *
 *   npm run fuzz -- [--cases N] [--seed S] [--decoder a,b] [--workers W] [--case I]
 *
 * Runs N cases per decoder (default 100,000) with seed S (default: a random
 * one, printed) in W child processes (default: one per core), each with a
 * heap of 2 GiB: a child that runs out of heap marks its case
 * `over-memory`, one that does not come back to its event loop within the
 * kill limit is killed and its case marked `hang`, one that dies otherwise
 * (an unhandled rejection) marks its case `untyped`. The budgets of each
 * case are those of test/fuzz/harness.ts. Prints a table per decoder (outcome, count, max ms,
 * max memory, share of the budgets) and exits 1 when any case was untyped,
 * a hang, over its memory budget, or had a typed outcome the decoder should
 * not have; each such case is written to .tmp/fuzz/ with the command that
 * reruns it alone (`--case I`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildReply, ChunkMessage } from '../test/fuzz/child.js';
import { DECODERS, decoderNamed } from '../test/fuzz/decoders/index.js';
import {
  DEFAULT_BUDGETS,
  excerpt,
  formatTable,
  MiB,
  runCase,
  Stats,
  writeReproducer,
  type DecoderDefinition,
} from '../test/fuzz/harness.js';

const REPRO_DIR = path.resolve('.tmp', 'fuzz');
const CHILD = path.resolve('test', 'fuzz', 'child.ts');
const CHILD_HEAP_MB = 2048;
const CHUNK = 500;
/** A child whose case has run this long without returning to its event loop is killed (its own watchdog covers async hangs). */
const KILL_AFTER_MS = (size: number): number => Math.max(60_000, 20 * DEFAULT_BUDGETS.timeMs(size));

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    seed: { type: 'string' },
    decoder: { type: 'string' },
    workers: { type: 'string' },
    case: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'npm run fuzz -- [--cases N] [--seed S] [--decoder a,b] [--workers W] [--case I]\n' +
      `decoders: ${DECODERS.map((d) => `${d.name} (${d.description})`).join('\n          ')}\n`,
  );
  process.exit(0);
}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    process.stderr.write(`fuzz: --${name} must be a whole number of at least ${min}, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

const cases = integer(values.cases, 'cases', 100_000, 1);
const seed = integer(values.seed, 'seed', Math.floor(Math.random() * 2 ** 31));
const workers = integer(values.workers, 'workers', Math.max(1, os.availableParallelism()), 1);
const decoders: DecoderDefinition[] = values.decoder
  ? values.decoder.split(',').map((n) => decoderNamed(n.trim()))
  : [...DECODERS];

/** Regenerates a failing case in this process and writes its reproducer. */
async function reproduce(
  def: DecoderDefinition,
  failures: readonly { index: number; outcome: string; message?: string }[],
): Promise<void> {
  if (failures.length === 0) return;
  const instance = await def.setup(seed);
  try {
    for (const f of failures) {
      const c = instance.generate(f.index);
      const file = writeReproducer(REPRO_DIR, def.name, seed, c, f);
      process.stdout.write(
        `  ${f.outcome}: case ${f.index} (${c.label}), ${c.size} bytes${f.message ? `\n    ${f.message}` : ''}\n` +
          `    input: ${excerpt(c.bytes)}\n    meta: ${JSON.stringify(c.meta).slice(0, 300)}\n` +
          `    reproducer: ${file} (+ .json); rerun: npm run fuzz -- --decoder ${def.name} --seed ${seed} --case ${f.index}\n`,
      );
    }
  } finally {
    await instance.close?.();
  }
}

/** `--case I`: one case, in this process, with its full message. */
async function runOne(def: DecoderDefinition, index: number): Promise<boolean> {
  const instance = await def.setup(seed);
  try {
    const c = instance.generate(index);
    const r = await runCase(def, instance, c);
    const stats = new Stats(def.expected);
    stats.add(r);
    process.stdout.write(
      `${def.name} case ${index} (seed ${seed}): ${r.outcome} in ${r.ms.toFixed(1)} ms, heap +${(r.memory / MiB).toFixed(1)} MiB ` +
        `(budgets ${DEFAULT_BUDGETS.timeMs(c.size).toFixed(0)} ms, ${(DEFAULT_BUDGETS.memoryBytes(c.size) / MiB).toFixed(0)} MiB)\n` +
        `  ${c.label}, ${c.size} bytes\n  input: ${excerpt(c.bytes, 400)}\n  meta: ${JSON.stringify(c.meta).slice(0, 600)}\n` +
        (r.message ? `  message: ${r.message}\n` : ''),
    );
    const file = writeReproducer(REPRO_DIR, def.name, seed, c, r);
    process.stdout.write(`  written to ${file}\n`);
    return !stats.fails(r.outcome);
  } finally {
    await instance.close?.();
  }
}

interface Worker {
  readonly id: number;
  child: ChildProcess;
  progressFile: string;
  stderrTail: string;
  /** The chunk it runs, and from which index on (after a restart mid-chunk). */
  busy: { from: number; to: number } | undefined;
  /** Killed by the hang watchdog. */
  killed?: boolean;
  /** The index it was at when last polled, and since when. */
  seen: { index: number; since: number } | undefined;
}

function spawnWorker(id: number): Worker {
  const progressFile = path.join(REPRO_DIR, `worker-${id}.progress`);
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${CHILD_HEAP_MB}`],
    env: { ...process.env, FUZZ_PROGRESS_FILE: progressFile },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const worker: Worker = { id, child, progressFile, stderrTail: '', busy: undefined, seen: undefined };
  child.stderr?.on('data', (d: Buffer) => {
    worker.stderrTail = (worker.stderrTail + d.toString('utf8')).slice(-4000);
  });
  return worker;
}

function currentIndex(worker: Worker): number {
  try {
    const bytes = readFileSync(worker.progressFile);
    return bytes.length >= 8 ? bytes.readDoubleLE(0) : -1;
  } catch {
    return -1;
  }
}

/** Runs one decoder's cases over the workers; returns its counts. */
async function runDecoder(def: DecoderDefinition, pool: Worker[]): Promise<Stats> {
  const stats = new Stats(def.expected);
  let next = 0;
  const started = Date.now();
  let lastReport = started;
  // The case size is only known to the child; the kill limit assumes the largest input.
  const killAfter = KILL_AFTER_MS(2 * MiB);
  /** Ranges to run again: the cases a worker had done in a chunk when it died (their counts died with it). */
  const redo: { from: number; to: number }[] = [];
  const take = (): { from: number; to: number } | undefined => {
    const again = redo.shift();
    if (again) return again;
    if (next >= cases) return undefined;
    const chunk = { from: next, to: Math.min(cases, next + CHUNK) };
    next = chunk.to;
    return chunk;
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const dispatch = (w: Worker, range?: { from: number; to: number }): void => {
        let chunk = range ?? take();
        while (chunk && chunk.from >= chunk.to) chunk = take();
        w.busy = chunk;
        w.seen = undefined;
        if (chunk) {
          const msg: ChunkMessage = { type: 'chunk', decoder: def.name, seed, ...chunk };
          w.child.send(msg);
        } else if (pool.every((p) => !p.busy)) resolve();
      };
      const attach = (w: Worker): void => {
        w.child.on('message', (reply: ChildReply) => {
          if (reply.type === 'error') {
            reject(new Error(`worker ${w.id}: ${reply.message}`));
            return;
          }
          stats.merge(reply.stats);
          if (Date.now() - lastReport > 30_000) {
            lastReport = Date.now();
            process.stderr.write(
              `fuzz: ${def.name}: ${stats.cases}/${cases} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
            );
          }
          dispatch(w);
        });
        w.child.on('exit', (code, signal) => {
          const busy = w.busy;
          if (!busy) return;
          // Died in the middle of a chunk: the case in its progress file did it.
          const index = currentIndex(w);
          const tail = w.stderrTail;
          const fatal = /FATAL ERROR:[^\n]*/.exec(tail)?.[0];
          const outOfHeap = /heap out of memory|Allocation failed/i.test(tail);
          const outcome = w.killed ? 'hang' : outOfHeap ? 'over-memory' : 'untyped';
          const message = w.killed
            ? `did not return to its event loop within ${killAfter} ms; the worker was killed`
            : `the worker died (${signal ?? `exit code ${code}`}) in this case${outOfHeap ? '' : ' (or from a rejection an earlier case of the worker left unhandled)'}: ${fatal ?? tail.trim().split('\n').slice(-6).join(' | ').slice(0, 600)}`;
          const from = index >= busy.from && index < busy.to ? index : busy.from;
          if (from > busy.from) redo.push({ from: busy.from, to: from });
          stats.add({
            index: from,
            outcome,
            ms: w.killed ? killAfter : 0,
            memory: outOfHeap ? CHILD_HEAP_MB * MiB : 0,
            size: 0,
            label: '(the worker died in this case)',
            message,
          });
          const replacement = spawnWorker(w.id);
          pool[pool.indexOf(w)] = replacement;
          attach(replacement);
          dispatch(replacement, { from: from + 1, to: busy.to });
        });
      };
      for (const w of pool) attach(w);
      timer = setInterval(() => {
        for (const w of pool) {
          if (!w.busy || w.killed) continue;
          const index = currentIndex(w);
          if (!w.seen || w.seen.index !== index) w.seen = { index, since: Date.now() };
          else if (index >= 0 && Date.now() - w.seen.since > killAfter) {
            w.killed = true;
            w.child.kill('SIGKILL');
          }
        }
      }, 1000);
      for (const w of [...pool]) dispatch(w);
    });
  } finally {
    clearInterval(timer);
    for (const w of pool) {
      w.child.removeAllListeners('message');
      w.child.removeAllListeners('exit');
    }
  }
  return stats;
}

async function main(): Promise<number> {
  mkdirSync(REPRO_DIR, { recursive: true });
  if (values.case !== undefined) {
    const index = integer(values.case, 'case', 0);
    let ok = true;
    for (const def of decoders) ok = (await runOne(def, index)) && ok;
    return ok ? 0 : 1;
  }
  process.stdout.write(
    `fuzz: seed ${seed}, ${cases} cases per decoder, ${workers} worker process(es) with ${CHILD_HEAP_MB} MiB heap each\n` +
      `budgets: time ${DEFAULT_BUDGETS.timeMs(0)} ms per MiB of input (at least ${DEFAULT_BUDGETS.timeMs(0)} ms); ` +
      `memory ${(DEFAULT_BUDGETS.memoryBytes(0) / MiB).toFixed(0)} MiB + ${DEFAULT_BUDGETS.memoryBytes(1) - DEFAULT_BUDGETS.memoryBytes(0)} bytes per input byte\n\n`,
  );
  const start = Date.now();
  let pool = Array.from({ length: workers }, (_, i) => spawnWorker(i));
  let failing = 0;
  const summary: string[] = [];
  try {
    for (const def of decoders) {
      const t = Date.now();
      const stats = await runDecoder(def, pool);
      const elapsed = Date.now() - t;
      process.stdout.write(`${formatTable(def.name, stats, elapsed)}\n`);
      const failures = stats.failures;
      if (failures.length > 0) {
        process.stdout.write(`  ${stats.failureCount()} failing case(s); the first of each outcome:\n`);
        await reproduce(def, failures);
      }
      process.stdout.write('\n');
      failing += stats.failureCount();
      summary.push(
        `${def.name} ${stats.cases} cases ${(elapsed / 1000).toFixed(0)} s, ${stats.failureCount()} failing`,
      );
    }
  } finally {
    for (const w of pool) {
      w.busy = undefined;
      if (w.child.connected) w.child.send({ type: 'exit' });
      const child = w.child;
      setTimeout(
        () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'),
        5000,
      ).unref();
    }
    pool = [];
    for (let i = 0; i < workers; i++) rmSync(path.join(REPRO_DIR, `worker-${i}.progress`), { force: true });
  }
  process.stdout.write(
    `fuzz: ${summary.join('; ')}\nfuzz: seed ${seed}, ${((Date.now() - start) / 1000).toFixed(0)} s in all, ` +
      `${failing === 0 ? 'no untyped, hang, over-memory or unexpected outcome' : `${failing} FAILING case(s), reproducers in ${REPRO_DIR}`}\n`,
  );
  return failing === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
