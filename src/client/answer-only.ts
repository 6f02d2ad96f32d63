/**
 * The members only the MMS writes. Those answer-only everywhere
 * (generated/answer-only.ts: Success, Validation, Messages, ...) are refused
 * in a request; an operation's own `answerOnly` (a BUP's BspParticipantName,
 * Area, ...) the types leave out but the client lets through, because the
 * reference client's own sample request (bup_submit_full.xml) sends them and
 * the MMS overwrites them. {@link withoutAnswerOnly} takes both off an
 * answer's item so it can be sent again.
 */
import { ANSWER_ONLY_MEMBERS } from '../../generated/index.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { Violation } from '../xml/validate.js';

const EVERYWHERE: ReadonlySet<string> = new Set(ANSWER_ONLY_MEMBERS);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

const NONE: ReadonlySet<string> = new Set();

function refused(path: string, key: string): Violation {
  return { path, message: `answer-only: the MMS sets ${key} in its answers; leave it out of a request` };
}

/**
 * Deeper than any schema type nests (64 elements, each a name and perhaps
 * a list index): the walk stops there, so a cyclic or absurdly deep value
 * costs bounded time (the schema check reports it).
 */
const MAX_DEPTH = 2 * 64;

/** `MarketSubmit.OfferData[0].Validation` from its pieces: names, and list indexes as numbers. */
function pathOf(pieces: readonly (string | number)[]): string {
  return pieces.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Every member answer-only everywhere set in `value` (undefined counts as
 * absent), at any depth. The path is kept as a stack of pieces and written
 * out only for a hit: a large request that holds none costs no strings.
 */
function collect(value: unknown, pieces: (string | number)[], out: Violation[]): void {
  if (pieces.length > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      pieces.push(i);
      collect(value[i], pieces, out);
      pieces.pop();
    }
    return;
  }
  if (!isRecord(value)) return;
  for (const key in value) {
    const child = value[key];
    if (child === undefined || !Object.hasOwn(value, key)) continue;
    pieces.push(key);
    if (EVERYWHERE.has(key)) out.push(refused(pathOf(pieces), key));
    else collect(child, pieces, out);
    pieces.pop();
  }
}

/**
 * The members answer-only everywhere that a request document holds, with
 * paths from the envelope (or the root for report requests), as the
 * validator writes them.
 */
export function answerOnlyViolations(
  op: OperationDescriptor,
  document: Record<string, unknown>,
): Violation[] {
  const out: Violation[] = [];
  collect(op.envelope ? document[op.envelope] : document, [op.envelope ?? op.root], out);
  return out;
}

function strip(value: unknown, top: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, NONE));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!EVERYWHERE.has(key) && !top.has(key)) out[key] = strip(child, NONE);
  }
  return out;
}

/** A copy of one data item without the members only answers carry (the item itself is left as it is). */
export function withoutAnswerOnly(op: OperationDescriptor, item: unknown): unknown {
  return strip(item, new Set(op.answerOnly ?? []));
}
