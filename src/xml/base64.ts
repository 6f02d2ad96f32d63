/**
 * Inline base64 of megabytes (a plain-SOAP answer carries its payload so)
 * checked and decoded a slice at a time, with the event loop running in
 * between: one pass over 60 MB of text is some 300 ms the loop would
 * otherwise be frozen for. The rules are those of xs:base64Binary
 * (`parseBase64`): whitespace anywhere, a length that is a multiple of four
 * once it is gone, `=` padding only at the very end, zero pad bits.
 */
import { parseBase64 } from './lexical.js';
import { pauser } from './yielding.js';

/** Characters per slice, a multiple of four. */
const SLICE = 4 * 1024 * 1024;
const WHITESPACE = /[\t\n\r ]/;
const WHITESPACE_RUNS = /[\t\n\r ]+/g;
const ALPHABET = /^[A-Za-z0-9+/]*$/;

/** The bytes of `text`, or undefined when it is not valid xs:base64Binary. */
export async function decodeBase64InSlices(text: string, signal?: AbortSignal): Promise<Buffer | undefined> {
  const pause = pauser(signal);
  // At most 3 bytes per 4 characters; whitespace only makes it fewer.
  const out = Buffer.allocUnsafe(Math.floor(text.length / 4) * 3);
  let written = 0;
  let carry = '';
  // Trailing whitespace belongs to no slice, so the padding is in the last one.
  let end = text.length;
  while (end > 0 && WHITESPACE.test(text.charAt(end - 1))) end--;
  for (let at = 0; at < end || carry !== ''; at += SLICE) {
    let piece = carry + text.slice(at, Math.min(end, at + SLICE));
    if (WHITESPACE.test(piece)) piece = piece.replace(WHITESPACE_RUNS, '');
    const last = at + SLICE >= end;
    if (last) {
      // Padding and pad bits are only checked on the end of the text.
      if (parseBase64(piece) === undefined) return undefined;
      carry = '';
    } else {
      const whole = piece.length - (piece.length % 4);
      carry = piece.slice(whole);
      piece = piece.slice(0, whole);
      if (!ALPHABET.test(piece)) return undefined;
    }
    written += out.write(piece, written, 'base64');
    await pause();
  }
  return out.subarray(0, written);
}
