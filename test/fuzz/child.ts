/**
 * A fuzz worker process (forked by scripts/fuzz.ts): runs chunks of cases
 * and sends back their counts. Before each case it writes the case index to
 * its progress file, so when the process has to be killed (a case that
 * never returns to the event loop) or dies (out of heap, an unhandled
 * rejection), the parent knows which case did it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { decoderNamed } from './decoders/index.js';
import { runCase, Stats, type DecoderInstance } from './harness.js';

export interface ChunkMessage {
  readonly type: 'chunk';
  readonly decoder: string;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export type ChildReply =
  | {
      readonly type: 'done';
      readonly decoder: string;
      readonly from: number;
      readonly to: number;
      readonly stats: ReturnType<Stats['toJSON']>;
    }
  | { readonly type: 'error'; readonly message: string };

const progressFile = process.env['FUZZ_PROGRESS_FILE'];
const progress = progressFile ? openSync(progressFile, 'w') : undefined;
const indexBytes = Buffer.alloc(8);

function markStart(index: number): void {
  if (progress === undefined) return;
  indexBytes.writeDoubleLE(index, 0);
  writeSync(progress, indexBytes, 0, 8, 0);
}

const instances = new Map<string, Promise<DecoderInstance>>();

async function runChunk(msg: ChunkMessage): Promise<ChildReply> {
  const def = decoderNamed(msg.decoder);
  const key = `${msg.decoder}/${msg.seed}`;
  let pending = instances.get(key);
  if (!pending) instances.set(key, (pending = def.setup(msg.seed)));
  const instance = await pending;
  const stats = new Stats(def.expected);
  for (let index = msg.from; index < msg.to; index++) {
    markStart(index);
    const c = instance.generate(index);
    stats.add(await runCase(def, instance, c));
  }
  markStart(-1);
  return { type: 'done', decoder: msg.decoder, from: msg.from, to: msg.to, stats: stats.toJSON() };
}

process.on('message', (msg: ChunkMessage | { type: 'exit' }) => {
  if (msg.type === 'exit') {
    void Promise.all([...instances.values()].map(async (p) => (await p).close?.())).finally(() => {
      if (progress !== undefined) closeSync(progress);
      process.disconnect();
    });
    return;
  }
  runChunk(msg).then(
    (reply) => process.send?.(reply),
    (err: unknown) =>
      process.send?.({
        type: 'error',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
  );
});
