/**
 * A minimal DER reader for the PKCS#12 structures (pkcs12.ts): tag, length
 * and content of one element, children of a constructed one, OIDs and small
 * integers. Strict where a mistake would misread data (lengths that run past
 * the end, indefinite lengths are refused: OpenSSL and every MMS tool write
 * DER); anything it cannot read is a {@link DerError}, which the caller turns
 * into "not a PKCS#12 file".
 */

export class DerError extends Error {
  override readonly name = 'DerError';
}

/** One element: its tag byte, its content bytes and its whole encoding (views, not copies). */
export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
  /** Tag, length and content: the element as encoded. */
  readonly raw: Uint8Array;
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  /** `[0] IMPLICIT OCTET STRING`, primitive. */
  CONTEXT_0_PRIMITIVE: 0x80,
} as const;

/** Reads the element at `at`; returns it and where the next one starts. */
export function readElement(bytes: Uint8Array, at = 0): { element: DerElement; next: number } {
  if (at + 2 > bytes.length) throw new DerError('truncated element');
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in PKCS#12');
  let length = bytes[at + 1]!;
  let pos = at + 2;
  if (length === 0x80) throw new DerError('indefinite length');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4 || pos + n > bytes.length) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos + i]!;
    pos += n;
  }
  if (pos + length > bytes.length) throw new DerError('length past the end');
  return {
    element: { tag, content: bytes.subarray(pos, pos + length), raw: bytes.subarray(at, pos + length) },
    next: pos + length,
  };
}

/** The one element `bytes` holds (nothing may follow it). */
export function readOne(bytes: Uint8Array, tag?: number): DerElement {
  const { element, next } = readElement(bytes);
  if (next !== bytes.length) throw new DerError('trailing bytes');
  return expectTag(element, tag);
}

/** The children of a constructed element. */
export function children(element: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = 0; at < element.content.length;) {
    const { element: child, next } = readElement(element.content, at);
    out.push(child);
    at = next;
  }
  return out;
}

export function expectTag(element: DerElement | undefined, tag?: number): DerElement {
  if (element === undefined) throw new DerError('missing element');
  if (tag !== undefined && element.tag !== tag)
    throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${element.tag.toString(16)}`);
  return element;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oid(element: DerElement | undefined): string {
  const { content } = expectTag(element, TAG.OID);
  if (content.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError('OID arc too large');
    if ((byte & 0x80) === 0) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A non-negative INTEGER small enough for a number (versions, iteration counts, key lengths). */
export function smallInteger(element: DerElement | undefined): number {
  const { content } = expectTag(element, TAG.INTEGER);
  if (content.length === 0 || content.length > 6 || (content[0]! & 0x80) !== 0)
    throw new DerError('integer out of range');
  let value = 0;
  for (const byte of content) value = value * 256 + byte;
  return value;
}
