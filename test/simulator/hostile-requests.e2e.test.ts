/**
 * The simulator as a server others run in their CI: hostile requests
 * (nested 40,000 deep, 8 million MIME parts, a body over the limit, a body
 * just under it), each sent from a process of its own, are refused quickly,
 * the simulator stays up, and a well-behaved client in this process keeps
 * being answered meanwhile.
 */
import path from 'node:path';
import type { MmsClient } from '../../src/client/client.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runTsWithNode } from '../helpers/subprocess.js';
import { simulatorClient, tomorrowJst } from './helpers.js';

let sim: Simulator;
let steady: MmsClient;

beforeAll(async () => {
  sim = await startSimulator();
  steady = await simulatorClient(sim, sim.credential({ participant: 'F100' }));
});

afterAll(async () => {
  steady?.close();
  await sim?.stop();
});

interface Sent {
  readonly status: number;
  readonly ms: number;
  readonly text: string;
  readonly bytes: number;
}

/** Sends a hostile request of `kind` from a child process (test/helpers/hostile-request.ts). */
async function hostile(kind: string): Promise<Sent> {
  const credential = sim.credential({ participant: 'F100' });
  const run = await runTsWithNode(path.join(REPO_ROOT, 'test/helpers/hostile-request.ts'), {
    env: {
      HOSTILE_URL: sim.urls.MI,
      HOSTILE_P12: credential.p12Path!,
      HOSTILE_PASSPHRASE: credential.passphrase,
      HOSTILE_CA: sim.caPath,
      HOSTILE_KIND: kind,
    },
  });
  if (run.status !== 0) throw new Error(`${kind}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as Sent;
}

const query = (): Promise<unknown> =>
  steady.request('MarketQuery_OfferQuery', { Date: tomorrowJst(), NumOfDays: 1 }, { MarketType: 'DAM' });

/**
 * Sends a hostile request and meanwhile queries through the steady client
 * in a loop; returns the hostile answer and the longest wait for one query.
 */
async function whileHostile(kind: string): Promise<{ sent: Sent; longest: number; queries: number }> {
  let running = true;
  let longest = 0;
  let queries = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await query();
      queries += 1;
      longest = Math.max(longest, performance.now() - started);
    }
  })();
  try {
    return { sent: await hostile(kind), longest, queries };
  } finally {
    running = false;
    await loop;
  }
}

test.each([
  ['deep', 'nested 40,000 deep', 500, /nests elements deeper than 64/, 500],
  ['parts', 'of 8 million MIME parts (48 MB)', 500, /more than 64 parts/, 500],
  [
    'oversized',
    'of 229 MB, over the 64 MiB limit',
    413,
    /Request body too large: the limit is 67108864 bytes/,
    500,
  ],
  // Reading a valid 60 MB body is real work (and a large collection), not starvation.
  ['inline', 'of 60 MB of inline base64, just under the limit', 500, /requestSignature is missing/, 1500],
])(
  '%s: a request %s is answered %d; other clients keep being answered',
  async (kind, _what, status, text, longestAllowed) => {
    const { sent, longest, queries } = await whileHostile(kind);
    expect(sent.status).toBe(status);
    expect(sent.text).toMatch(text);
    expect(queries).toBeGreaterThan(0);
    // A query alone takes a few milliseconds; while the hostile request is read
    // and refused, none waits long (the bounds leave room for a loaded machine).
    expect(longest).toBeLessThan(longestAllowed);
    await expect(query()).resolves.toMatchObject({ data: [] });
    console.log(
      `simulator, ${kind}: ${(sent.bytes / 1024 / 1024).toFixed(1)} MB answered ${sent.status} in ${sent.ms.toFixed(0)} ms; ` +
        `${queries} other queries meanwhile, the longest ${longest.toFixed(0)} ms`,
    );
  },
);
