/**
 * What the payload and report decoders share: a case's SendResult and
 * interpretResponse options, drawn at random and kept in the case's meta,
 * and the run that hands them to `interpretResponse`.
 */
import { operations } from '../../../generated/index.js';
import { interpretResponse, type InterpretOptions } from '../../../src/client/response.js';
import type { OperationDescriptor } from '../../../src/xml/descriptors.js';
import { MAX_DEPTH_LIMIT } from '../../../src/xml/parser.js';
import type { SendResult } from '../../../src/transport/transport.js';
import { sendResult } from '../../helpers/send-result.js';
import type { FuzzCase } from '../harness.js';
import type { Rng } from '../rng.js';

/** The outer fields of a case's answer (ResponseAttInfo without its binary fields). */
export type ResponseMeta = SendResult['response'];

export interface InterpretMeta {
  readonly op: string;
  readonly response: ResponseMeta;
  /** `none`: no payload at all (the transport found no responseData). */
  readonly payload: 'bytes' | 'none';
  readonly attachments?: readonly { name?: string; signature?: string; size: number }[];
  readonly options: InterpretOptions;
}

export const EXPECTED_INTERPRET_OUTCOMES = [
  'MmsValidationError:VALIDATION_FAILED',
  'MmsClientError:DECODE_ERROR',
  'MmsClientError:UNSUPPORTED_RESPONSE',
  'MmsClientError:RESPONSE_MISMATCH',
  'MmsLimitError:LIMIT_EXCEEDED',
];

const FILENAMES = [
  'report.csv',
  '../../etc/passwd',
  'a'.repeat(100_000),
  '\u0000\u001b[31mred',
  'レポート.csv',
  '',
  ' ',
  'C:\\x.pdf',
];

/** Outer response fields: mostly a plain XML success, sometimes anything else. */
export function responseMeta(rng: Rng, file = false): ResponseMeta {
  const odd = rng.chance(file ? 0.6 : 0.15);
  return {
    success: !odd || rng.chance(0.6),
    warnings: odd && rng.chance(0.3),
    responseBinary: file ? rng.chance(0.6) : odd && rng.chance(0.3),
    responseCompressed: false,
    responseDataType: odd
      ? rng.pick([
          'XML',
          'XML',
          'CSV',
          'HTML',
          'JSON',
          'TXT',
          'PDF',
          'xml',
          '',
          'ZIP'.repeat(rng.range(1, 1000)),
        ])
      : 'XML',
    ...(odd && rng.chance(0.5) ? { responseFilename: rng.pick(FILENAMES) } : {}),
  };
}

/**
 * interpretResponse options: sometimes limits (the client allows maxDepth up
 * to 256 and maxProblems up to 10 million), mostly the echo check of the
 * request's participant and user.
 */
export function interpretOptions(rng: Rng, participant: string | undefined): InterpretOptions {
  const limits = rng.chance(0.15)
    ? rng.pick([
        { maxDepth: rng.range(8, MAX_DEPTH_LIMIT) },
        { maxElements: rng.range(1, 100_000) },
        { maxAttributes: rng.range(1, 300) },
        { maxProblems: rng.range(1, 2000) },
        { maxTextLength: rng.range(1, 100_000) },
        { maxLength: rng.range(100, 10_000_000) },
        { keepNumberLexical: true },
        { maxDepth: MAX_DEPTH_LIMIT, maxProblems: 10_000_000, maxElements: 100_000_000 },
      ])
    : undefined;
  const expected = rng.chance(0.6)
    ? {
        ParticipantName: rng.chance(0.7) && participant !== undefined ? participant : 'F100',
        UserName: 'FAKEUSER',
        ...(rng.chance(0.2) ? { Date: '2024-03-15' } : {}),
      }
    : undefined;
  return {
    ...(limits ? { limits } : {}),
    ...(expected ? { expected } : {}),
    ...(rng.chance(0.3) ? { mismatch: rng.pick(['error', 'problem'] as const) } : {}),
  };
}

export function attachmentsMeta(rng: Rng): InterpretMeta['attachments'] {
  if (!rng.chance(0.05)) return undefined;
  return Array.from({ length: rng.range(1, 40) }, (_, i) => ({
    ...(rng.chance(0.8) ? { name: `file${i}.pdf` } : {}),
    ...(rng.chance(0.5) ? { signature: 'c2ln' } : {}),
    size: rng.magnitude(4096),
  }));
}

/** The SendResult of a case. */
export function sendResultOf(c: FuzzCase): SendResult {
  const meta = c.meta as unknown as InterpretMeta;
  const base = sendResult(c.bytes, meta.response);
  return {
    ...base,
    payload: meta.payload === 'none' ? undefined : c.bytes,
    attachments: (meta.attachments ?? []).map((a, i) => ({
      ...(a.name !== undefined ? { name: a.name } : {}),
      ...(a.signature !== undefined ? { signature: a.signature } : {}),
      binaryData: new Uint8Array(a.size).fill(i & 0xff),
    })),
  };
}

export function runInterpret(c: FuzzCase): Promise<unknown> {
  const meta = c.meta as unknown as InterpretMeta;
  const op = (operations as Record<string, OperationDescriptor>)[meta.op]!;
  return interpretResponse(op, sendResultOf(c), meta.options);
}
