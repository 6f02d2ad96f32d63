/** CPU time of the running process, and the summary of repeated samples. */

/** User + system CPU time of this process, in milliseconds. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds `fn` takes (microtasks and awaited I/O on this process included). */
export async function cpuOf(fn: () => unknown): Promise<number> {
  const start = cpuMs();
  await fn();
  return cpuMs() - start;
}

/**
 * Runs each function `runs` times, interleaved (a, b, c, a, b, c, ...) so a
 * burst of load from another process hits every series alike, after
 * `warmup` unmeasured rounds. Returns CPU milliseconds per run per series.
 */
export async function interleaved(
  fns: Readonly<Record<string, () => unknown>>,
  runs: number,
  warmup = 2,
): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(fns)) out[name] = [];
  for (let round = 0; round < warmup + runs; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      globalThis.gc?.();
      const ms = await cpuOf(fn);
      if (round >= warmup) out[name]!.push(ms);
    }
  }
  return out;
}

export interface Summary {
  readonly median: number;
  /** Lowest and highest sample. */
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function summary(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
