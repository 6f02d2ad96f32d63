/**
 * Runs one MMS call against a server that answers with a hostile body, in a
 * process of its own so its memory can be measured without the test
 * runner's: a heartbeat timer records the longest stall of the event loop
 * and the resident memory, and the call's outcome and duration are printed
 * as one JSON line.
 *
 * Run with `node --expose-gc --import tsx`; arguments come in the
 * environment: PROBE_URL (the MI service), PROBE_P12 (file), PROBE_PASSPHRASE,
 * PROBE_CA (file), PROBE_WARMUP_URL (a service that answers normally, called
 * first so code and TLS are warm before the baseline is taken).
 */
import { readFile } from 'node:fs/promises';
import { MmsClient } from '../../src/client/client.js';
import { MmsError } from '../../src/errors.js';
import { Certificate } from '../../src/security/certificate.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const HEARTBEAT_MS = 10;

async function main(): Promise<void> {
  const certificate = await Certificate.fromBytes(await readFile(env('PROBE_P12')), env('PROBE_PASSPHRASE'));
  const ca = await readFile(env('PROBE_CA'), 'utf8');
  const client = (url: string): MmsClient =>
    new MmsClient({
      participant: 'F100',
      user: 'FAKEUSER',
      clientType: 'bsp',
      certificate,
      domain: 'probe.test',
      urls: { MI: url, OMI: url },
      ca,
      retry: { maxAttempts: 1 },
      timeoutMs: 30_000,
    });
  const call = (c: MmsClient): Promise<unknown> =>
    c.request('MarketQuery_OfferQuery', { Date: '2024-04-12', NumOfDays: 1 }, { MarketType: 'DAM' });

  await call(client(env('PROBE_WARMUP_URL')));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const baseline = process.memoryUsage().rss;
  const baselinePeak = process.resourceUsage().maxRSS * 1024;
  let last = performance.now();
  let maxGap = 0;
  let peak = baseline;
  const beat = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, HEARTBEAT_MS);

  const started = performance.now();
  let outcome: { kind: 'value' } | { kind: 'error'; name: string; code: string | undefined; message: string };
  try {
    await call(client(env('PROBE_URL')));
    outcome = { kind: 'value' };
  } catch (err) {
    outcome = {
      kind: 'error',
      name: err instanceof Error ? err.constructor.name : typeof err,
      code: err instanceof MmsError ? err.code : undefined,
      message: err instanceof Error ? err.message.slice(0, 500) : String(err),
    };
  }
  const durationMs = performance.now() - started;
  // One more beat, so a stall right at the end is counted.
  await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 2));
  clearInterval(beat);
  const peakRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({
      outcome,
      durationMs,
      maxGapMs: maxGap,
      typed: outcome.kind === 'value' || outcome.code !== undefined,
      baselineRss: baseline,
      peakRssGrowth: Math.max(0, peakRss - Math.max(baseline, baselinePeak)),
      sampledRssGrowth: peak - baseline,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`probe failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
