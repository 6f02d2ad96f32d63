/**
 * Report files: the answers of the operations that return files, mostly
 * `ReportDownloadRequestTrnID` (`client.downloadReport`). XML answers are
 * OutboundData documents (mi-outbnd-reports.xsd, from the arbitraries) and
 * MarketReport answers, mutated; file answers are binary or CSV/HTML/JSON
 * bytes with every combination of `responseBinary`, `responseDataType`,
 * `responseFilename` and `success`.
 */
import { operations } from '../../../generated/index.js';
import type { DecoderDefinition, FuzzCase } from '../harness.js';
import { fileSeeds, operationSeeds, outboundSeeds, payloadSamples, type Seed } from '../corpus.js';
import { BYTE_MUTATORS, mutate, mutationCount, XML_INPUT_MUTATORS } from '../mutate.js';
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

const FILE_OPERATIONS: readonly (readonly [number, string])[] = [
  [6, operations.ReportDownloadRequestTrnID.id],
  [2, operations.ReportDownloadRequest.id],
  [1, operations.MarketQuery_SettlementResultsFileDownloadQuery.id],
  [1, operations.Omi_MarketQuery_BaselineLoadFileDownloadQuery.id],
];

export const reportDecoder: DecoderDefinition = {
  name: 'report',
  description:
    'report files: OutboundData and MarketReport answers, binary and CSV file answers of the file operations',
  expected: EXPECTED_INTERPRET_OUTCOMES,
  async setup(seed) {
    const outbound = outboundSeeds(seed);
    const byOp = operationSeeds(seed);
    const reportAnswers: Seed[] = [
      ...FILE_OPERATIONS.flatMap(([, id]) => byOp.get(id)!.answers),
      ...payloadSamples()
        .filter((s) => s.bytes.includes('<MarketReport'))
        .map((s) => ({ name: `sample/${s.name}`, bytes: s.bytes })),
    ];
    const files = fileSeeds(seed);
    const donors = [...outbound, ...reportAnswers, ...files].map((s) => s.bytes);
    return {
      generate(index): FuzzCase {
        const rng = new Rng(caseSeed(seed, 'report', index));
        const op = rng.weighted(FILE_OPERATIONS);
        const xml = rng.chance(0.55);
        const s = xml
          ? rng.pick(rng.chance(0.7) ? outbound : reportAnswers)
          : rng.pick(rng.chance(0.85) ? files : outbound);
        const { bytes, applied } = mutate(
          s.bytes,
          { rng, donors, maxBytes: MAX_BYTES },
          xml ? XML_INPUT_MUTATORS : BYTE_MUTATORS,
          mutationCount(rng),
        );
        const attachments = attachmentsMeta(rng);
        const meta: InterpretMeta = {
          op,
          response: responseMeta(rng, !xml),
          payload: rng.chance(0.01) ? 'none' : 'bytes',
          ...(attachments ? { attachments } : {}),
          options: interpretOptions(rng, undefined),
        };
        return {
          index,
          label: [op, s.name, ...applied].join(' '),
          size: bytes.length + (attachments ?? []).reduce((n, a) => n + a.size, 0),
          bytes,
          meta: meta as unknown as Record<string, unknown>,
        };
      },
      run: runInterpret,
    };
  },
};
