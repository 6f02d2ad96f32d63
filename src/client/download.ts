/**
 * Report downloads saved to a file or a stream (`downloadReport(id, { to })`),
 * in memory bounded independently of the report's size.
 *
 * The transport spools the report content to a file beside the destination
 * as it arrives (transport/spool.ts); the envelope is read and judged as for
 * any answer (fault, status, TXT, compression, outer success); an XML
 * answer's root decides whether it is the report (`OutboundData`) or the
 * MMS's refusal (a `MarketReport` with its errors, decoded and judged by the
 * success rules like any answer). Only then is the content moved to the
 * destination: a failed download never leaves a partial file there.
 */
import { createReadStream } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { asMmsError, MmsClientError, MmsError } from '../errors.js';
import { printable } from '../text.js';
import {
  spooledContentOf,
  stoppedBy,
  type AnswerInterpreter,
  type EnvelopeAnswer,
  type ReceivedAnswer,
  type SpooledContent,
} from '../transport/index.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { XmlRowReader } from '../xml/parser.js';
import type { CallOptions } from './types.js';
import { MmsValidationError } from './errors.js';
import { attachmentsOf, envelopeVerdict, interpretResponse, type InterpretOptions } from './response.js';
import type { MmsResult } from './result.js';

/** Options of `downloadReport(transactionId, { to })`. */
export interface DownloadOptions extends CallOptions {
  /**
   * Where the report goes: a file path (written only once the answer has
   * passed every check, by renaming a spool file in the same directory), or
   * a writable stream (fed once the answer has passed, then ended).
   */
  readonly to: string | Writable;
}

/** What was saved. */
export interface SavedFile {
  /** The path written, or undefined when the report went to a stream. */
  readonly path: string | undefined;
  /** Bytes written. */
  readonly size: number;
  /** `responseFilename` of the answer, for pre-generated reports. */
  readonly filename?: string;
  /** `responseDataType`: `XML` for an `OutboundData` report, or `CSV`, `HTML`, ... */
  readonly dataType: string;
}

/**
 * The result of a download saved to a file or stream: the answer's
 * messages, flags and problems, and where the report went. The report
 * itself is not in memory; read an `OutboundData` file row by row with
 * `readOutboundRows`.
 */
export interface SavedReport extends Omit<MmsResult<undefined>, 'file'> {
  readonly saved: SavedFile;
}

/** Where the spool files of a download go: beside the destination file, else the temporary directory. */
export function spoolDirOf(to: string | Writable): string {
  return typeof to === 'string' ? path.dirname(path.resolve(to)) : os.tmpdir();
}

/** Checks `to` before anything is sent. */
export function checkTarget(op: string, to: unknown): asserts to is string | Writable {
  if ((typeof to === 'string' && to !== '') || to instanceof Writable) return;
  throw new MmsClientError(
    'INVALID_REQUEST',
    `${op}: \`to\` must be a file path or a writable stream; nothing was sent`,
  );
}

/** The report content of an accepted answer: spooled to a file, or bytes in memory. */
type Content = { readonly spooled: SpooledContent } | { readonly bytes: Uint8Array };

function contentOf(answer: ReceivedAnswer, sent: EnvelopeAnswer): Content {
  const spooled = spooledContentOf(sent.payload) ?? answer.spooled?.inline;
  return spooled !== undefined ? { spooled } : { bytes: sent.payload ?? new Uint8Array() };
}

/** The root element name of an XML file, read from its first bytes under the usual limits. */
async function rootName(file: string): Promise<string | undefined> {
  const reader = new XmlRowReader({}, { label: 'the report' });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let at = 0; reader.root === undefined;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      reader.write(decoder.decode(buf.subarray(0, bytesRead), { stream: true }));
    }
    return reader.root?.name;
  } finally {
    await handle.close();
  }
}

async function readAll(file: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file);
}

/** Moves the content to the destination, atomically for a path. */
async function save(content: Content, to: string | Writable, signal: AbortSignal): Promise<number> {
  if (typeof to === 'string') {
    const target = path.resolve(to);
    if ('spooled' in content) {
      await rename(content.spooled.path, target);
      return content.spooled.size;
    }
    const part = path.join(path.dirname(target), `.mms-download-${randomBytes(8).toString('hex')}.part`);
    try {
      await writeFile(part, content.bytes, { mode: 0o600, flag: 'wx', signal });
      await rename(part, target);
    } finally {
      await rm(part, { force: true });
    }
    return content.bytes.byteLength;
  }
  const source =
    'spooled' in content
      ? createReadStream(content.spooled.path)
      : Readable.from([Buffer.from(content.bytes)]);
  await pipeline(source, to, { signal });
  return 'spooled' in content ? content.spooled.size : content.bytes.byteLength;
}

/**
 * The interpreter of a saved download: {@link envelopeVerdict}, then the
 * checks of the answer (see the module comment), then the move.
 */
export function downloadInterpreter(
  op: OperationDescriptor,
  to: string | Writable,
  options: Omit<InterpretOptions, 'signal'> & { readonly maxResponseBytes: number },
): AnswerInterpreter<SavedReport> {
  return async (answer, signal) => {
    const verdict = envelopeVerdict(answer);
    if (!('ok' in verdict)) return verdict;
    const sent = verdict.ok;
    try {
      const report = await judgeSaved(op, answer, sent, { ...options, signal });
      const size = await save(report.content, to, signal);
      const { response } = sent;
      return {
        ok: {
          ...report.result,
          saved: {
            path: typeof to === 'string' ? path.resolve(to) : undefined,
            size,
            ...(response.responseFilename !== undefined ? { filename: response.responseFilename } : {}),
            dataType: response.responseDataType,
          },
        },
      };
    } catch (err) {
      if (stoppedBy(signal, err)) throw err;
      const error = asMmsError(err, op.id);
      const transactionId = error instanceof MmsValidationError ? error.statistics?.TransactionId : undefined;
      return transactionId === undefined ? { rejection: error } : { rejection: error, transactionId };
    }
  };
}

async function judgeSaved(
  op: OperationDescriptor,
  answer: ReceivedAnswer,
  sent: EnvelopeAnswer,
  options: InterpretOptions & { readonly maxResponseBytes: number },
): Promise<{ content: Content; result: Omit<MmsResult<undefined>, 'file'> }> {
  const { response } = sent;
  const content = contentOf(answer, sent);
  const base = {
    data: undefined,
    messages: [],
    statistics: undefined,
    responseProblems: [],
    warnings: response.warnings,
    ...(sent.attachments.length > 0 ? { attachments: attachmentsOf(sent) } : {}),
  };
  const outerFailed = (): never => {
    throw new MmsValidationError(op.id, {
      errors: [],
      reasons: [
        { text: 'the MMS reported success=false on the outer response', path: 'ResponseAttInfo.success' },
      ],
      messages: [],
      statistics: undefined,
      data: undefined,
    });
  };
  const isFile = response.responseBinary || response.responseDataType !== 'XML';
  if (isFile) {
    if (!response.success) outerFailed();
    return { content, result: base };
  }
  // XML: the report, or the MMS's answer that there is none.
  if ('bytes' in content) {
    if (content.bytes.byteLength === 0)
      throw new MmsClientError(
        'DECODE_ERROR',
        `${op.id}: the response carries no payload (success=${response.success})`,
      );
    // In memory already: decoded and judged as any answer is, then saved as sent.
    const result = await interpretResponse(op, sent, options);
    return {
      content,
      result: {
        ...base,
        messages: result.messages,
        statistics: result.statistics,
        responseProblems: result.responseProblems,
      },
    };
  }
  const root = await rootName(content.spooled.path).catch((err: unknown) => {
    if (err instanceof MmsError)
      throw new MmsClientError('DECODE_ERROR', `${op.id}: ${err.message}`, { cause: err });
    throw err;
  });
  if (root === op.result.root) {
    if (!response.success) outerFailed();
    return { content, result: base };
  }
  if (content.spooled.size > options.maxResponseBytes)
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the answer holds a ${printable(String(root), 100)} document of ${content.spooled.size} bytes, not an ${op.result.root} report`,
    );
  // Not the report (a MarketReport refusal): small enough to judge as any answer.
  const payload = await readAll(content.spooled.path);
  const result = await interpretResponse(op, { ...sent, payload }, options);
  return {
    content: { bytes: payload },
    result: {
      ...base,
      messages: result.messages,
      statistics: result.statistics,
      responseProblems: result.responseProblems,
    },
  };
}
