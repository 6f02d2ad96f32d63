/**
 * Reading a response body without holding its file in memory, for report
 * downloads saved to a file or a stream.
 *
 * The body is read as it arrives. What stays in memory is what the rest of
 * the pipeline reads as usual (the SOAP envelope, small MIME parts), bounded
 * by the in-memory limit; the large binary content goes to a spool file
 * beside the destination:
 *
 * - MTOM: every non-root part larger than {@link SPOOL_THRESHOLD} is written
 *   to its own spool file as its bytes arrive; in the body handed on, its
 *   content is empty.
 * - Plain SOAP: the inline base64 text of `responseData` is checked and
 *   decoded as it arrives and written to a spool file; in the body handed
 *   on, the element is empty.
 *
 * The body handed on is still a well-formed message of the same
 * Content-Type, so the envelope reader, its limits and the interpreter run
 * on it unchanged, and the audit hooks see it (the envelope, without the
 * file). The whole body is bounded by `maxStreamBytes`, separate from the
 * in-memory limit. Spool files are removed on any failure.
 */
import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MmsClientError, MmsLimitError, MmsTransportError } from '../errors.js';
import { parseBase64 } from '../xml/lexical.js';
import { DEFAULT_MIME_LIMITS, parseContentType, type MimeLimits } from './mtom.js';
import { stripAngleBrackets } from './soap.js';

/** A non-root MIME part larger than this goes to a spool file instead of memory. */
export const SPOOL_THRESHOLD = 1024 * 1024;

/** Where and how much to spool. */
export interface SpoolOptions {
  /** Directory of the spool files (the destination's, so a finished file is renamed into place). */
  readonly dir: string;
  /** Largest body in bytes, spooled content included. */
  readonly maxStreamBytes: number;
  /** Largest amount kept in memory (the envelope and small parts), in bytes. */
  readonly maxMemoryBytes: number;
  readonly mimeLimits?: MimeLimits;
}

/** Binary content that went to a spool file. */
export interface SpooledContent {
  /** The spool file (removed after the attempt unless moved). */
  readonly path: string;
  /** Its size in bytes. */
  readonly size: number;
}

/** A response body read with its large content spooled. */
export interface SpooledBody {
  /** The body without the spooled content (a well-formed message of the same Content-Type). */
  readonly body: Buffer;
  /** Spooled MIME parts by Content-ID (angle brackets removed). */
  readonly parts: ReadonlyMap<string, SpooledContent>;
  /** The inline base64 of `responseData`, decoded, when it was spooled (plain SOAP). */
  readonly inline?: SpooledContent;
  /** Removes every spool file (after a failure, or once the content was moved). */
  discard(): Promise<void>;
}

/** A spool file being written. */
class SpoolFile {
  size = 0;
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string): Promise<SpoolFile> {
    const file = path.join(dir, `.mms-download-${randomBytes(8).toString('hex')}.part`);
    return new SpoolFile(file, await open(file, 'wx', 0o600));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength === 0) return;
    await this.handle.write(bytes);
    this.size += bytes.byteLength;
  }

  async close(): Promise<SpooledContent> {
    await this.handle.close();
    return { path: this.path, size: this.size };
  }
}

function mimeError(what: string): MmsClientError {
  return new MmsClientError('DECODE_ERROR', `Cannot decode the MIME response: ${what}.`);
}

/**
 * Reads `stream` (an HTTP body with these headers) with its large content
 * spooled. Rejects with {@link MmsTransportError} `RESPONSE_TOO_LARGE` past a
 * limit, {@link MmsClientError} `DECODE_ERROR` for a body it cannot split.
 */
export async function spoolBody(
  stream: Readable,
  headers: Readonly<Record<string, string>>,
  url: string,
  options: SpoolOptions,
): Promise<SpooledBody> {
  const ct = parseContentType(headers['content-type'] ?? 'text/xml');
  const files: SpoolFile[] = [];
  const discard = async (): Promise<void> => {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  };
  const newFile = async (): Promise<SpoolFile> => {
    const f = await SpoolFile.create(options.dir);
    files.push(f);
    return f;
  };
  let total = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.maxStreamBytes) {
        stream.destroy();
        throw new MmsTransportError(
          'RESPONSE_TOO_LARGE',
          `The response from ${url} exceeds the download limit of ${options.maxStreamBytes} bytes. Raise maxDownloadBytes if such reports are expected.`,
          { url, requestSent: true },
        );
      }
      yield chunk;
    }
  };
  try {
    const result =
      ct.mediaType === 'multipart/related'
        ? await spoolMultipart(counted(), ct.params, options, newFile, url)
        : await spoolInline(counted(), options, newFile, url);
    return { ...result, discard };
  } catch (err) {
    stream.destroy();
    await Promise.all(files.map((f) => f.close().catch(() => undefined)));
    await discard();
    throw err;
  }
}

/** In-memory bytes, refused past the in-memory limit. */
class MemoryBuffer {
  #chunks: Buffer[] = [];
  #size = 0;
  constructor(
    private readonly max: number,
    private readonly url: string,
  ) {}

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#size += bytes.length;
    if (this.#size > this.max) throw this.tooLarge();
    // Copied: a chunk of the network can hold on to a larger allocation.
    this.#chunks.push(Buffer.from(bytes));
  }

  tooLarge(): MmsTransportError {
    return new MmsTransportError(
      'RESPONSE_TOO_LARGE',
      `The envelope of the response from ${this.url} exceeds the limit of ${this.max} bytes held in memory (maxResponseBytes); only report content is streamed.`,
      { url: this.url, requestSent: true },
    );
  }

  get size(): number {
    return this.#size;
  }

  take(): Buffer {
    const out = Buffer.concat(this.#chunks, this.#size);
    this.#chunks = [];
    return out;
  }
}

const LINE_START = Buffer.from('\n--', 'latin1');

/**
 * The multipart body split as it arrives. The output keeps every delimiter,
 * header block and small part as received; a spooled part keeps its headers
 * and loses its content.
 */
async function spoolMultipart(
  chunks: AsyncIterable<Buffer>,
  params: ReadonlyMap<string, string>,
  options: SpoolOptions,
  newFile: () => Promise<SpoolFile>,
  url: string,
): Promise<Omit<SpooledBody, 'discard'>> {
  const boundary = params.get('boundary');
  if (!boundary) throw mimeError('multipart/related without a boundary parameter');
  if (/[\r\n]/.test(boundary)) throw mimeError('the boundary parameter contains a line break');
  const maxParts = options.mimeLimits?.maxParts ?? DEFAULT_MIME_LIMITS.maxParts;
  const maxHeaderBytes = options.mimeLimits?.maxHeaderBytes ?? DEFAULT_MIME_LIMITS.maxHeaderBytes;
  const start = params.get('start');
  const startId = start === undefined ? undefined : stripAngleBrackets(start);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const out = new MemoryBuffer(options.maxMemoryBytes, url);
  const spooled = new Map<string, SpooledContent>();

  let buf: Buffer = Buffer.alloc(0);
  // A delimiter at the very start of the body needs no line break before it.
  let atStart = true;
  type State = 'preamble' | 'headers' | 'body' | 'epilogue';
  let state = 'preamble' as State;
  let parts = 0;
  // The part being read: whether it is the root, its id, and where its content goes.
  let isRoot = false;
  let contentId: string | undefined;
  let spoolable = false;
  let held: Buffer[] = [];
  let heldSize = 0;
  let file: SpoolFile | undefined;

  /** Where the next delimiter starts in `buf` (at 0 or after a line break), or -1. */
  const findDelimiter = (from: number): number => {
    if (
      atStart &&
      from === 0 &&
      buf.length >= delimiter.length &&
      buf.subarray(0, delimiter.length).equals(delimiter)
    )
      return 0;
    for (
      let lf = buf.indexOf(LINE_START, Math.max(0, from - 1));
      lf >= 0;
      lf = buf.indexOf(LINE_START, lf + 1)
    ) {
      const at = lf + 1;
      if (at + delimiter.length > buf.length) return -2; // maybe a delimiter: need more bytes
      if (buf.compare(delimiter, 0, delimiter.length, at, at + delimiter.length) === 0) return at;
    }
    return -1;
  };

  const content = async (bytes: Buffer): Promise<void> => {
    if (bytes.length === 0) return;
    if (file) return file.write(bytes);
    const inMemory = out.size + heldSize + bytes.length;
    if (spoolable && (heldSize + bytes.length > SPOOL_THRESHOLD || inMemory > options.maxMemoryBytes)) {
      file = await newFile();
      for (const h of held) await file.write(h);
      held = [];
      heldSize = 0;
      return file.write(bytes);
    }
    if (inMemory > options.maxMemoryBytes) throw out.tooLarge();
    held.push(Buffer.from(bytes));
    heldSize += bytes.length;
  };

  const endPart = async (): Promise<void> => {
    if (file) {
      spooled.set(contentId!, await file.close());
      file = undefined;
    } else {
      for (const h of held) out.push(h);
    }
    held = [];
    heldSize = 0;
  };

  /** Handles what `buf` holds; returns false when more bytes are needed. */
  const step = async (): Promise<boolean> => {
    if (state === 'epilogue') {
      out.push(buf);
      buf = Buffer.alloc(0);
      return false;
    }
    if (state === 'preamble' || state === 'body') {
      const at = findDelimiter(0);
      if (at < 0) {
        // Keep what could still start a delimiter (a CR, the line break, the delimiter).
        const keep = Math.min(buf.length, delimiter.length + 3);
        const free = at === -2 ? Math.max(0, buf.lastIndexOf(LINE_START) - 1) : buf.length - keep;
        if (free > 0) {
          atStart = false;
          if (state === 'body') await content(buf.subarray(0, free));
          else out.push(buf.subarray(0, free));
          buf = buf.subarray(free);
        }
        return false;
      }
      // The delimiter line must be complete: `--` (closing) or its line break.
      let pos = at + delimiter.length;
      while (pos < buf.length && (buf[pos] === 0x20 || buf[pos] === 0x09)) pos++;
      if (pos + 2 > buf.length) return false;
      atStart = false;
      let end = at;
      if (state === 'body') {
        if (end > 0 && buf[end - 1] === 0x0a) end--;
        if (end > 0 && buf[end - 1] === 0x0d) end--;
        await content(buf.subarray(0, end));
        await endPart();
        out.push(buf.subarray(end, at));
      } else out.push(buf.subarray(0, at));
      if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) {
        out.push(buf.subarray(at, pos + 2));
        buf = buf.subarray(pos + 2);
        state = 'epilogue';
        return true;
      }
      let next: number;
      if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) next = pos + 2;
      else if (buf[pos] === 0x0a) next = pos + 1;
      else throw mimeError(`unexpected bytes after the boundary of part ${parts + 1}`);
      if (parts >= maxParts)
        throw new MmsLimitError(
          'maxParts',
          maxParts,
          `Cannot decode the MIME message: it has more than ${maxParts} parts; reading stopped there.`,
        );
      out.push(buf.subarray(at, next));
      buf = buf.subarray(next);
      state = 'headers';
      return true;
    }
    // headers
    let headerEnd: number;
    let bodyStart: number;
    if (buf[0] === 0x0a) [headerEnd, bodyStart] = [0, 1];
    else if (buf[0] === 0x0d && buf[1] === 0x0a) [headerEnd, bodyStart] = [0, 2];
    else {
      const crlf = buf.indexOf('\r\n\r\n');
      const lf = buf.indexOf('\n\n');
      if (lf >= 0 && (crlf < 0 || lf < crlf)) [headerEnd, bodyStart] = [lf, lf + 2];
      else if (crlf >= 0) [headerEnd, bodyStart] = [crlf, crlf + 4];
      else {
        if (buf.length > maxHeaderBytes + 4) headerEnd = bodyStart = Infinity;
        else return false;
      }
    }
    if (headerEnd > maxHeaderBytes)
      throw new MmsLimitError(
        'maxHeaderBytes',
        maxHeaderBytes,
        `Cannot decode the MIME message: the headers of part ${parts + 1} are longer than ${maxHeaderBytes} bytes.`,
      );
    parts++;
    const head = buf.subarray(0, headerEnd).toString('latin1');
    const header = (name: string): string | undefined =>
      new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim();
    const id = header('content-id');
    contentId = id === undefined ? undefined : stripAngleBrackets(id);
    isRoot = startId === undefined ? parts === 1 : contentId === startId;
    const cte = (header('content-transfer-encoding') ?? 'binary').toLowerCase();
    // Only raw content can be spooled as is; a part in base64 or
    // quoted-printable stays in memory and is decoded by the MIME reader.
    spoolable = !isRoot && contentId !== undefined && (cte === 'binary' || cte === '8bit' || cte === '7bit');
    if (spoolable && spooled.has(contentId!)) throw mimeError(`two parts have the Content-ID <${contentId}>`);
    out.push(buf.subarray(0, bodyStart));
    buf = buf.subarray(bodyStart);
    state = 'body';
    return true;
  };

  for await (const chunk of chunks) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    while (await step());
  }
  while (buf.length > 0 && (await step()));
  if (state !== 'epilogue')
    throw mimeError(
      `the body is truncated: the closing boundary is missing after ${Math.max(0, parts - 1)} complete part(s)`,
    );
  return { body: out.take(), parts: spooled };
}

/** A start tag of `responseData`, any prefix, any attributes. */
const RESPONSE_DATA_TAG = /<(?:[A-Za-z_][\w.-]*:)?responseData(?:[\s][^>]*)?>/;
const BASE64_CHARS = /^[A-Za-z0-9+/]*$/;
const WHITESPACE_RUNS = /[\t\n\r ]+/g;

/**
 * A plain SOAP body with the inline base64 of `responseData` decoded into a
 * spool file as it arrives; the rest is kept as received.
 */
async function spoolInline(
  chunks: AsyncIterable<Buffer>,
  options: SpoolOptions,
  newFile: () => Promise<SpoolFile>,
  url: string,
): Promise<Omit<SpooledBody, 'discard'>> {
  const out = new MemoryBuffer(options.maxMemoryBytes, url);
  let pending = ''; // latin1 text not yet passed on (a tag may span chunks)
  let mode = 'xml' as 'xml' | 'base64' | 'after';
  let file: SpoolFile | undefined;
  let carry = ''; // base64 characters not yet decoded (kept back: the last quad carries the padding)
  const flushBase64 = async (text: string, last: boolean): Promise<void> => {
    const piece = carry + text.replace(WHITESPACE_RUNS, '');
    if (last) {
      if (piece.length > 0 && parseBase64(piece.slice(-4)) === undefined) throw notBase64();
      if (!BASE64_CHARS.test(piece.slice(0, -4)) || piece.length % 4 !== 0) throw notBase64();
      carry = '';
      await file!.write(Buffer.from(piece, 'base64'));
      return;
    }
    // Decode whole quads, keeping at least the last one back.
    const whole = Math.max(0, piece.length - (piece.length % 4) - 4);
    const ready = piece.slice(0, whole);
    if (!BASE64_CHARS.test(ready)) throw notBase64();
    carry = piece.slice(whole);
    await file!.write(Buffer.from(ready, 'base64'));
  };
  const notBase64 = (): MmsClientError =>
    new MmsClientError(
      'DECODE_ERROR',
      'Cannot decode the SOAP response: responseData is neither xop:Include nor valid base64.',
    );
  const handle = async (text: string, final: boolean): Promise<void> => {
    pending += text;
    for (;;) {
      if (mode === 'base64') {
        const lt = pending.indexOf('<');
        if (lt < 0) {
          await flushBase64(pending, false);
          pending = '';
          return;
        }
        await flushBase64(pending.slice(0, lt), true);
        pending = pending.slice(lt);
        mode = 'after';
        continue;
      }
      if (mode === 'after') {
        out.push(Buffer.from(pending, 'latin1'));
        pending = '';
        return;
      }
      const m = RESPONSE_DATA_TAG.exec(pending);
      if (m && !m[0].endsWith('/>')) {
        const end = m.index + m[0].length;
        out.push(Buffer.from(pending.slice(0, end), 'latin1'));
        pending = pending.slice(end);
        // Whitespace before a child element (xop:Include in a plain SOAP body) is not content.
        const firstNonSpace = pending.search(/[^\t\n\r ]/);
        if (firstNonSpace >= 0 && pending[firstNonSpace] === '<') {
          mode = 'after';
          continue;
        }
        if (firstNonSpace < 0 && !final) {
          // Cannot tell yet whether text or an element follows.
          pending = pending.replace(WHITESPACE_RUNS, '');
          return;
        }
        file = await newFile();
        mode = 'base64';
        continue;
      }
      // Keep the tail that may hold the start of the tag.
      const lt = pending.lastIndexOf('<');
      const keep = lt >= 0 && pending.length - lt < 4096 ? lt : pending.length;
      out.push(Buffer.from(pending.slice(0, keep), 'latin1'));
      pending = pending.slice(keep);
      if (pending.length > 4096) {
        out.push(Buffer.from(pending, 'latin1'));
        pending = '';
      }
      return;
    }
  };
  for await (const chunk of chunks) await handle(chunk.toString('latin1'), false);
  await handle('', true);
  if (mode === 'base64') throw notBase64();
  out.push(Buffer.from(pending, 'latin1'));
  const inline = file ? await file.close() : undefined;
  return { body: out.take(), parts: new Map(), ...(inline ? { inline } : {}) };
}

/** Empty stand-ins for spooled parts, as the envelope reader's `cid:` resolver returns them. */
const standIns = new WeakMap<Uint8Array, SpooledContent>();

/** A zero-length stand-in for spooled content, recognised by {@link spooledContentOf}. */
export function spooledStandIn(content: SpooledContent): Uint8Array {
  const bytes = new Uint8Array(0);
  standIns.set(bytes, content);
  return bytes;
}

/** The spooled content `bytes` stands in for, if it is a stand-in. */
export function spooledContentOf(bytes: Uint8Array | undefined): SpooledContent | undefined {
  return bytes === undefined ? undefined : standIns.get(bytes);
}
