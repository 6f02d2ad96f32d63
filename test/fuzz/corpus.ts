/**
 * Seed inputs of the fuzzers, all deterministic for a run seed: the
 * reference client's payload samples, valid documents for every operation
 * from the fast-check arbitraries (test/helpers/arbitrary.ts) encoded by
 * src/xml/encode.ts, OutboundData report documents, and file answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { modules, operations } from '../../generated/index.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { encodeDocument } from '../../src/xml/encode.js';
import { arbitraryFor, sampleOperationDocuments } from '../helpers/arbitrary.js';
import { successAnswer } from '../helpers/client-fixtures.js';
import { SAMPLES } from '../helpers/paths.js';
import { hashString, Rng } from './rng.js';

export const ALL_OPERATIONS: readonly OperationDescriptor[] = Object.values(
  operations,
) as OperationDescriptor[];

export interface Sample {
  readonly name: string;
  readonly bytes: Buffer;
}

let samples: Sample[] | undefined;

/** The XML samples of ../shared/fixtures/samples. */
export function payloadSamples(): readonly Sample[] {
  samples ??= readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(path.join(SAMPLES, name)) }));
  return samples;
}

/** A named seed document. */
export interface Seed {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Per operation: valid answers (successful, schema-valid, with result items) and request documents. */
export interface OperationSeeds {
  readonly answers: readonly Seed[];
  readonly requests: readonly Seed[];
}

/**
 * `perOperation` request documents and as many answers to them for every
 * operation, from the arbitraries with `seed`.
 */
export function operationSeeds(seed: number, perOperation = 2): Map<string, OperationSeeds> {
  const out = new Map<string, OperationSeeds>();
  for (const op of ALL_OPERATIONS) {
    const module = modules[op.module];
    const requests = sampleOperationDocuments(module, op, perOperation, seed);
    out.set(op.id, {
      requests: requests.map((r, k) => ({
        name: `${op.id}/request${k}`,
        bytes: Buffer.from(encodeDocument(module, op.root, r), 'utf8'),
      })),
      answers: requests.map((r, k) => ({
        name: `${op.id}/answer${k}`,
        bytes: Buffer.from(successAnswer(op, r, (seed + k) | 0).payload, 'utf8'),
      })),
    });
  }
  return out;
}

/** Valid OutboundData report documents (mi-outbnd-reports.xsd). */
export function outboundSeeds(seed: number, count = 40): Seed[] {
  const module = modules.outbound;
  const values = fc.sample(arbitraryFor(module, module.elements['OutboundData']!), {
    numRuns: count,
    seed: hashString('outbound', seed >>> 0) | 0,
  });
  return values.map((v, k) => ({
    name: `OutboundData/${k}`,
    bytes: Buffer.from(encodeDocument(module, 'OutboundData', v), 'utf8'),
  }));
}

/** File answers of report downloads: CSV, HTML, JSON, PDF-like and ZIP-like bytes, plain binary. */
export function fileSeeds(seed: number, count = 30): Seed[] {
  const out: Seed[] = [];
  for (let k = 0; k < count; k++) {
    const rng = new Rng(hashString(`file${k}`, seed >>> 0));
    const kind = k % 6;
    let bytes: Buffer;
    if (kind === 0 || kind === 1) {
      const rows = rng.magnitude(500);
      const lines = ['ParticipantName,ResourceName,Date,Value,Note'];
      for (let r = 0; r < rows; r++)
        lines.push(
          `F100,RESO${String(r).padStart(4, '0')},2024-03-${String((r % 28) + 1).padStart(2, '0')},${rng.int(100000) / 100},"${rng.pick(['ok', 'a,b', 'say ""hi""', '東京', ''])}"`,
        );
      bytes = Buffer.from(lines.join(kind === 0 ? '\r\n' : '\n'), 'utf8');
    } else if (kind === 2) {
      bytes = Buffer.from(
        `<html><body><h1>Report</h1><p>${rng.string(rng.magnitude(2000))}</p></body></html>`,
      );
    } else if (kind === 3) {
      bytes = Buffer.from(
        JSON.stringify({
          report: rng.string(20),
          rows: Array.from({ length: rng.magnitude(50) }, (_, i) => ({ i })),
        }),
      );
    } else if (kind === 4) {
      bytes = Buffer.concat([
        Buffer.from(rng.pick(['%PDF-1.4\n', 'PK\u0003\u0004', '\u001f\u008b\u0008'])),
        rng.bytes(rng.magnitude(8192)),
      ]);
    } else {
      bytes = rng.bytes(rng.magnitude(16384));
    }
    out.push({ name: `file/${k}`, bytes });
  }
  return out;
}

/** The first value of an attribute in a document, if any. */
export function attributeValue(bytes: Buffer, name: string): string | undefined {
  const text = bytes.toString('utf8', 0, Math.min(bytes.length, 4096));
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(text);
  return m?.[1];
}
