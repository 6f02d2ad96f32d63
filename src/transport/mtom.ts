/**
 * MTOM/XOP packaging (MMS-PROTOCOL.md §4): a `multipart/related` body whose
 * root part is the SOAP envelope and whose other parts carry binary data
 * referenced from the envelope by `xop:Include`.
 *
 * Encoding follows what the reference client sends to the production MMS,
 * with CRLF everywhere. Decoding is lenient where servers differ (bare LF,
 * preamble, transport padding, part order) and strict where a mistake would
 * return the wrong bytes: the root is found through `start`, every `cid:`
 * must name a part, and a body without its closing boundary is refused.
 */
import { isUtf8 } from 'node:buffer';
import { randomInt } from 'node:crypto';
import { MmsClientError, MmsLimitError } from '../errors.js';
import { stripAngleBrackets, type CidResolver } from './soap.js';

/** One binary part to send. */
export interface BinaryPart {
  /** Content-ID without angle brackets. */
  readonly contentId: string;
  readonly body: Uint8Array;
  /** Defaults to `application/octet-stream`. */
  readonly contentType?: string;
}

/** An encoded MTOM message. */
export interface EncodedMtom {
  /** The HTTP `Content-Type` header value. */
  readonly contentType: string;
  readonly body: Buffer;
}

/** Options of {@link encodeMtom}. */
export interface EncodeMtomOptions {
  /** Fixed boundary (tests, wire snapshots); random by default. */
  readonly boundary?: string;
  /**
   * `start-info` parameter. The reference client sends
   * `application/soap+xml` and the MMS accepts it (the root part's own
   * `type="text/xml"` selects SOAP 1.1); we send the same by default.
   */
  readonly startInfo?: string;
}

const CID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A domain usable in Content-IDs: letters, digits, dots and dashes. */
export function isContentIdDomain(domain: unknown): domain is string {
  return typeof domain === 'string' && /^[A-Za-z0-9.-]+$/.test(domain);
}

/**
 * A fresh Content-ID: 16 random upper-case letters or digits, `-`, the part
 * name, `@`, the domain (the reference client's form). No angle brackets.
 */
export function newContentId(partName: string, domain: string): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += CID_ALPHABET[randomInt(CID_ALPHABET.length)];
  return `${id}-${partName}@${domain}`;
}

/** A fresh random MIME boundary. */
export function newBoundary(): string {
  let b = 'MIMEBoundary_';
  for (let i = 0; i < 32; i++) b += '0123456789abcdef'[randomInt(16)];
  return b;
}

const CRLF = '\r\n';
/** A line break and the two dashes every delimiter line starts with. */
const LINE_START = Buffer.from('\n--', 'latin1');

/**
 * Packs a SOAP 1.1 envelope and its binary parts as MTOM.
 *
 * @param rootXml - the SOAP envelope, whose `xop:Include` elements reference the parts
 * @param rootContentId - Content-ID of the root part, without angle brackets
 */
export function encodeMtom(
  rootXml: string,
  rootContentId: string,
  parts: readonly BinaryPart[],
  options: EncodeMtomOptions = {},
): EncodedMtom {
  const rootBytes = Buffer.from(rootXml, 'utf8');
  let boundary = options.boundary ?? newBoundary();
  // A random 32-hex boundary practically never occurs in the data, but a
  // collision would corrupt the message silently, so check.
  while (
    options.boundary === undefined &&
    [rootBytes, ...parts.map((p) => p.body)].some((b) => Buffer.from(b).includes(boundary))
  ) {
    boundary = newBoundary();
  }
  const chunks: Buffer[] = [];
  const head = (lines: string[]): Buffer =>
    Buffer.from(`--${boundary}${CRLF}${lines.join(CRLF)}${CRLF}${CRLF}`);
  chunks.push(
    head([
      'Content-Type: application/xop+xml; charset=utf-8; type="text/xml"',
      'Content-Transfer-Encoding: binary',
      `Content-ID: <${rootContentId}>`,
    ]),
    rootBytes,
    Buffer.from(CRLF),
  );
  for (const part of parts) {
    chunks.push(
      head([
        `Content-Type: ${part.contentType ?? 'application/octet-stream'}`,
        'Content-Transfer-Encoding: binary',
        `Content-ID: <${part.contentId}>`,
      ]),
      Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength),
      Buffer.from(CRLF),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  const contentType =
    `multipart/related; type="application/xop+xml"; start="<${rootContentId}>"; ` +
    `start-info="${options.startInfo ?? 'application/soap+xml'}"; boundary="${boundary}"; charset="UTF-8"`;
  return { contentType, body: Buffer.concat(chunks) };
}

/** A parsed `Content-Type` value. */
export interface ContentType {
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
  /** Parameters, names lower-cased, values unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

/** Parses a `Content-Type` header (RFC 2045 parameters, quoted strings with escapes). */
export function parseContentType(value: string): ContentType {
  const semi = value.indexOf(';');
  const mediaType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    while (i < value.length && /[\s;]/.test(value[i] ?? '')) i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const name = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < value.length && /\s/.test(value[i] ?? '')) i++;
    let v = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        v += value[i];
        i++;
      }
      i++; // closing quote
      while (i < value.length && value[i] !== ';') i++;
    } else {
      const end = value.indexOf(';', i);
      v = value.slice(i, end < 0 ? value.length : end).trim();
      i = end < 0 ? value.length : end;
    }
    if (name && !params.has(name)) params.set(name, v);
  }
  return { mediaType, params };
}

/** One decoded MIME part. */
export interface MimePart {
  /** Header values by lower-cased name. */
  readonly headers: ReadonlyMap<string, string>;
  /** Content-ID without angle brackets, if the part has one. */
  readonly contentId: string | undefined;
  /** Content after transfer decoding. */
  readonly body: Buffer;
}

/** A decoded HTTP body: the SOAP envelope and a resolver for `cid:` references. */
export interface DecodedMessage {
  /** Whether the body was `multipart/related`. */
  readonly multipart: boolean;
  /** The SOAP envelope's bytes (the root part, or the whole body for plain SOAP), checked to be UTF-8. */
  readonly root: Buffer;
  /** The SOAP envelope as text, decoded when first read (large plain-SOAP answers are better read from `root`). */
  readonly rootXml: string;
  /** Non-root parts, in order. */
  readonly parts: readonly MimePart[];
  /** Resolves a Content-ID (angle brackets removed, percent-decoded) to bytes. */
  readonly resolve: CidResolver;
}

function mimeError(what: string, cause?: unknown): MmsClientError {
  return new MmsClientError(
    'DECODE_ERROR',
    `Cannot decode the MIME response: ${what}.`,
    cause === undefined ? undefined : { cause },
  );
}

const XML_TYPES = new Set(['text/xml', 'application/soap+xml', 'application/xml', 'application/xop+xml']);

/** Limits of the MIME reader. */
export interface MimeLimits {
  /**
   * Most parts in one message. Default 64: the root, the payload and up to
   * 40 attachments (the MI service's maximum) fit with room to spare.
   */
  readonly maxParts?: number;
  /** Largest header block of one part, in bytes. Default 16 KiB. */
  readonly maxHeaderBytes?: number;
}

/** The limits used where a caller gives none. */
export const DEFAULT_MIME_LIMITS = Object.freeze({ maxParts: 64, maxHeaderBytes: 16 * 1024 });

/**
 * Decodes an HTTP body that is either plain SOAP or MTOM.
 *
 * @param contentType - the HTTP `Content-Type` header; plain XML is assumed when absent
 * @throws {@link MmsClientError} `DECODE_ERROR` naming what is wrong (boundary, truncation, `start`, `cid:`),
 *   {@link MmsLimitError} when the message has more parts or larger headers than the limits allow
 */
export function decodeMessage(
  contentType: string | undefined,
  body: Uint8Array,
  limits: MimeLimits = {},
): DecodedMessage {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const ct = parseContentType(contentType ?? 'text/xml');
  if (ct.mediaType === 'multipart/related') return decodeMultipart(ct, buf, limits);
  if (!XML_TYPES.has(ct.mediaType)) {
    throw mimeError(
      `the response has Content-Type ${ct.mediaType}, not SOAP (text/xml) or MTOM (multipart/related)`,
    );
  }
  return decoded(false, buf, ct.params.get('charset'), [], (cid) => {
    throw mimeError(`the response refers to cid:${cid} but is not a multipart message`);
  });
}

function decodeMultipart(ct: ContentType, buf: Buffer, limits: MimeLimits): DecodedMessage {
  const boundary = ct.params.get('boundary');
  if (!boundary) throw mimeError('multipart/related without a boundary parameter');
  const parts = splitMultipart(buf, boundary, limits);
  const seen = new Set<string>();
  for (const p of parts) {
    if (p.contentId === undefined) continue;
    // Two parts with one Content-ID: which one a cid: means is anyone's guess.
    if (seen.has(p.contentId)) throw mimeError(`two parts have the Content-ID <${p.contentId}>`);
    seen.add(p.contentId);
  }
  const start = ct.params.get('start');
  let root: MimePart | undefined;
  if (start !== undefined) {
    const startId = stripAngleBrackets(start);
    root = parts.find((p) => p.contentId === startId);
    if (!root) {
      throw mimeError(
        `start="${start}" names no part (Content-IDs: ${parts.map((p) => `<${p.contentId ?? ''}>`).join(', ')})`,
      );
    }
  } else {
    // RFC 2387: without `start`, the root is the first part.
    root = parts[0];
  }
  if (!root) throw mimeError('multipart body without parts');
  const rootType = parseContentType(root.headers.get('content-type') ?? 'application/xop+xml');
  if (!XML_TYPES.has(rootType.mediaType)) {
    throw mimeError(`the root part has Content-Type ${rootType.mediaType}, not XML`);
  }
  const others = parts.filter((p) => p !== root);
  const byId = new Map<string, Buffer>();
  for (const p of others) if (p.contentId !== undefined) byId.set(p.contentId, p.body);
  return decoded(true, root.body, rootType.params.get('charset'), others, (cid) => {
    const found = byId.get(stripAngleBrackets(cid));
    if (!found) {
      throw mimeError(
        `cid:${cid} names no MIME part (Content-IDs: ${others.map((p) => `<${p.contentId ?? ''}>`).join(', ') || 'none'})`,
      );
    }
    return found;
  });
}

/**
 * Splits a multipart body into parts; accepts CRLF and bare LF. Stops at
 * the first part past `maxParts`, so a body of millions of tiny parts costs
 * no more than the parts allowed.
 */
export function splitMultipart(buf: Buffer, boundary: string, limits: MimeLimits = {}): MimePart[] {
  const maxParts = limits.maxParts ?? DEFAULT_MIME_LIMITS.maxParts;
  const maxHeaderBytes = limits.maxHeaderBytes ?? DEFAULT_MIME_LIMITS.maxHeaderBytes;
  // A line break inside the boundary would let one delimiter span lines.
  if (/[\r\n]/.test(boundary)) throw mimeError('the boundary parameter contains a line break');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  // A delimiter counts only at the start of the body or of a line. It is
  // looked for where a line starts with "--" (a short pattern, which indexOf
  // finds in one linear pass) and compared there; a comparison ends at the
  // next line break at the latest (the delimiter has none), so the search
  // stays linear whatever the boundary. Searching for the whole delimiter
  // with indexOf was quadratic in the boundary's length: a periodic boundary
  // ("-----", which RFC 2046 allows) matches at every byte of a run of
  // dashes, and each retry one byte further compared the whole boundary
  // again (8 s for a 1 MiB body; found by the fuzzer, test/fuzz). indexOf of
  // a long pattern is no way out either: its skip table moves one byte at a
  // time through runs that almost match.
  const delimiterAt = (at: number): boolean =>
    at + delimiter.length <= buf.length &&
    buf.compare(delimiter, 0, delimiter.length, at, at + delimiter.length) === 0;
  const findDelimiter = (from: number): number => {
    if (from === 0 && delimiterAt(0)) return 0;
    for (
      let lf = buf.indexOf(LINE_START, Math.max(0, from - 1));
      lf >= 0;
      lf = buf.indexOf(LINE_START, lf + 1)
    ) {
      if (delimiterAt(lf + 1)) return lf + 1;
    }
    return -1;
  };
  let at = findDelimiter(0);
  if (at < 0) throw mimeError(`the boundary "${boundary}" from Content-Type does not occur in the body`);
  const parts: MimePart[] = [];
  for (;;) {
    let pos = at + delimiter.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return parts; // closing delimiter
    // Transport padding, then the line break ending the delimiter line.
    while (buf[pos] === 0x20 || buf[pos] === 0x09) pos++;
    if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
    else if (buf[pos] === 0x0a) pos += 1;
    else if (pos >= buf.length) throw truncated(parts.length);
    else throw mimeError(`unexpected bytes after the boundary of part ${parts.length + 1}`);
    if (parts.length >= maxParts) {
      throw new MmsLimitError(
        'maxParts',
        maxParts,
        `Cannot decode the MIME message: it has more than ${maxParts} parts; reading stopped there.`,
      );
    }
    const next = findDelimiter(pos);
    if (next < 0) throw truncated(parts.length);
    let end = next;
    if (end > pos && buf[end - 1] === 0x0a) end--;
    if (end > pos && buf[end - 1] === 0x0d) end--;
    parts.push(parsePart(buf.subarray(pos, Math.max(pos, end)), parts.length + 1, maxHeaderBytes));
    at = next;
  }
}

function truncated(complete: number): MmsClientError {
  return mimeError(
    `the body is truncated: the closing boundary is missing after ${complete} complete part(s)`,
  );
}

function parsePart(raw: Buffer, index: number, maxHeaderBytes: number): MimePart {
  let headerEnd: number;
  let bodyStart: number;
  if (raw[0] === 0x0a) [headerEnd, bodyStart] = [0, 1];
  else if (raw[0] === 0x0d && raw[1] === 0x0a) [headerEnd, bodyStart] = [0, 2];
  else {
    // Headers end within maxHeaderBytes or the part is refused; search no further.
    const head = raw.subarray(0, maxHeaderBytes + 4);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    if (lf >= 0 && (crlf < 0 || lf < crlf)) [headerEnd, bodyStart] = [lf, lf + 2];
    else if (crlf >= 0) [headerEnd, bodyStart] = [crlf, crlf + 4];
    else if (raw.length <= maxHeaderBytes)
      throw mimeError(`part ${index} has no blank line after its headers`);
    else headerEnd = bodyStart = Infinity;
    if (headerEnd > maxHeaderBytes)
      throw new MmsLimitError(
        'maxHeaderBytes',
        maxHeaderBytes,
        `Cannot decode the MIME message: the headers of part ${index} are longer than ${maxHeaderBytes} bytes.`,
      );
  }
  const headers = new Map<string, string>();
  const lines = raw.subarray(0, headerEnd).toString('latin1').split(/\r?\n/);
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else if (line !== '') unfolded.push(line);
  }
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw mimeError(`part ${index} has a malformed header line "${line.slice(0, 60)}"`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const rawBody = raw.subarray(bodyStart);
  const cte = (headers.get('content-transfer-encoding') ?? 'binary').toLowerCase();
  let body: Buffer;
  if (cte === 'binary' || cte === '8bit' || cte === '7bit') body = rawBody;
  else if (cte === 'base64') body = Buffer.from(rawBody.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') body = decodeQuotedPrintable(rawBody);
  else throw mimeError(`part ${index} uses the unsupported Content-Transfer-Encoding ${cte}`);
  const id = headers.get('content-id');
  return { headers, contentId: id === undefined ? undefined : stripAngleBrackets(id), body };
}

/** Quoted-printable (RFC 2045 §6.7): `=XX` escapes and `=` soft line breaks; anything else as is. */
function decodeQuotedPrintable(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number;
    if (c === 0x3d) {
      if (raw[i + 1] === 0x0a) {
        i += 1;
        continue;
      }
      if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) {
        i += 2;
        continue;
      }
      const hi = hexValue(raw[i + 1]);
      const lo = hexValue(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * The envelope's bytes, checked to be UTF-8 without making a string of
 * them (the XML reader decodes them a slice at a time), and its text on
 * demand.
 */
function decoded(
  multipart: boolean,
  root: Buffer,
  charset: string | undefined,
  parts: readonly MimePart[],
  resolve: CidResolver,
): DecodedMessage {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs !== 'utf-8' && cs !== 'utf8' && cs !== 'us-ascii') {
    throw mimeError(`the SOAP part uses charset ${cs}; only UTF-8 is supported`);
  }
  if (!isUtf8(root)) throw mimeError('the SOAP part is not valid UTF-8');
  let text: string | undefined;
  return {
    multipart,
    root,
    parts,
    resolve,
    get rootXml() {
      text ??= new TextDecoder('utf-8').decode(root);
      return text;
    },
  };
}
