/**
 * Payload XML of every response type: `interpretResponse(op, sendResult,
 * options)` for every operation of the catalog, on valid answers made by
 * the arbitraries (successful, with result items), request documents, the
 * reference client's samples and other operations' answers, mutated. It
 * covers the hardened reader, the descriptor decoder with its problem
 * limit, the success rules (statuses in another case, unknown `Messages`
 * entries, `Invalid` counts) and the echo check.
 */
import type { DecoderDefinition, FuzzCase } from '../harness.js';
import { ALL_OPERATIONS, attributeValue, operationSeeds, payloadSamples, type Seed } from '../corpus.js';
import { mutate, mutationCount, XML_INPUT_MUTATORS } from '../mutate.js';
import { caseSeed, Rng } from '../rng.js';
import {
  attachmentsMeta,
  EXPECTED_INTERPRET_OUTCOMES,
  interpretOptions,
  responseMeta,
  runInterpret,
  type InterpretMeta,
} from './interpret.js';

/** Inputs up to 1 MiB: the size the time budget is made for (1 s). */
const MAX_BYTES = 1024 * 1024;

export const payloadDecoder: DecoderDefinition = {
  name: 'payload',
  description: `interpretResponse for all ${ALL_OPERATIONS.length} operations (reader, schema decoder, success rules, echo check)`,
  expected: EXPECTED_INTERPRET_OUTCOMES,
  async setup(seed) {
    const byOp = operationSeeds(seed);
    const samples: Seed[] = payloadSamples().map((s) => ({ name: `sample/${s.name}`, bytes: s.bytes }));
    const allAnswers = [...byOp.values()].flatMap((s) => s.answers);
    const donors = [...allAnswers, ...samples].map((s) => s.bytes);
    return {
      generate(index): FuzzCase {
        const rng = new Rng(caseSeed(seed, 'payload', index));
        // Every operation in turn, so each gets its share.
        const op = ALL_OPERATIONS[index % ALL_OPERATIONS.length]!;
        const own = byOp.get(op.id)!;
        const source = rng.weighted<readonly Seed[]>([
          [60, own.answers],
          [12, own.requests],
          [16, samples],
          [12, allAnswers],
        ]);
        const s = rng.pick(source);
        let { bytes, applied } = mutate(
          s.bytes,
          { rng, donors, maxBytes: MAX_BYTES },
          XML_INPUT_MUTATORS,
          mutationCount(rng),
        );
        if (rng.chance(0.02)) {
          bytes = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), bytes]);
          applied = [...applied, 'gzip-magic'];
        }
        const none = rng.chance(0.01);
        if (rng.chance(0.01)) {
          bytes = Buffer.alloc(0);
          applied = [...applied, 'empty'];
        }
        const attachments = attachmentsMeta(rng);
        const meta: InterpretMeta = {
          op: op.id,
          response: responseMeta(rng),
          payload: none ? 'none' : 'bytes',
          ...(attachments ? { attachments } : {}),
          options: interpretOptions(rng, attributeValue(s.bytes, 'ParticipantName')),
        };
        return {
          index,
          label: [op.id, s.name, ...applied].join(' '),
          size: bytes.length + (attachments ?? []).reduce((n, a) => n + a.size, 0),
          bytes,
          meta: meta as unknown as Record<string, unknown>,
        };
      },
      run: runInterpret,
    };
  },
};
