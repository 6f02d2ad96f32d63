/**
 * The MMS success rules (MMS-PROTOCOL.md §7), applied to a decoded payload:
 * collect every message with its path, then decide. A response fails when
 * ProcessingStatistics counts an invalid item, when any element says
 * `Success="false"` or a `FAILED`/`PASSED_PARTIAL` validation, or when any
 * `Error` entry appears anywhere.
 *
 * The rules fail closed: a status the client cannot read (`Success="False"`,
 * `Validation="failed"`, `Invalid="1x"`, a `<Messages>` child that is not
 * `Error`, `Warning` or `Information`, an attribute named like a status in
 * the wrong case) fails the call, because a rejection read as a success is
 * the one mistake a caller cannot recover from.
 */
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { Violation } from '../xml/validate.js';
import type { MessageLevel, MmsMessage, ProcessingStatistics } from './result.js';

const LEVELS: readonly (readonly [string, MessageLevel])[] = [
  ['Error', 'error'],
  ['Warning', 'warning'],
  ['Information', 'information'],
];

const GOOD_VALIDATION = new Set(['PASSED', 'WARNING', 'NOT_DONE']);
const BAD_VALIDATION = new Set(['FAILED', 'PASSED_PARTIAL']);
const VALIDATION_KEYS = ['Validation', 'ValidationStatus'] as const;
/** Names whose value decides success; compared case-insensitively with unknown members. */
const STATUS_NAMES = new Set(['success', 'validation', 'validationstatus', 'invalid']);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of one `Messages` element. */
function entriesOf(messages: Node, path: string, item: number | undefined): MmsMessage[] {
  const out: MmsMessage[] = [];
  for (const [element, level] of LEVELS) {
    const entries = messages[element];
    if (!Array.isArray(entries)) continue;
    // Market and registration entries carry a Code attribute (text in
    // `value`); report schemas declare plain strings.
    for (const entry of entries as (Node | string)[]) {
      const node: Node = typeof entry === 'string' ? { value: entry } : entry;
      out.push({
        level,
        ...(typeof node['Code'] === 'string' ? { code: node['Code'] } : {}),
        text: typeof node['value'] === 'string' ? node['value'] : '',
        path,
        ...(item !== undefined ? { item } : {}),
      });
    }
  }
  return out;
}

/** Why a node's status fails the call, or undefined when it is good (or absent). */
function statusProblem(node: Node, path: string, item: number | undefined): MmsMessage | undefined {
  const reasons: string[] = [];
  let unreadable = false;
  const success = node['Success'];
  if (success === false) reasons.push('Success=false');
  else if (success !== undefined && success !== true) {
    unreadable = true;
    reasons.push(`Success=${JSON.stringify(success)}`);
  }
  for (const key of VALIDATION_KEYS) {
    const validation = node[key];
    if (validation === undefined) continue;
    if (typeof validation === 'string' && BAD_VALIDATION.has(validation))
      reasons.push(`${key}=${validation}`);
    else if (typeof validation !== 'string' || !GOOD_VALIDATION.has(validation)) {
      unreadable = true;
      reasons.push(`${key}=${JSON.stringify(validation)}`);
    }
  }
  if (reasons.length === 0) return undefined;
  const what = item === undefined ? 'request' : 'item';
  return {
    level: 'error',
    text: unreadable
      ? `the status of this ${what} cannot be read (${reasons.join(', ')}), so it is not taken as success`
      : `the MMS marked this ${what} as failed (${reasons.join(', ')})`,
    path,
    ...(item !== undefined ? { item } : {}),
  };
}

/**
 * A decode problem that touches a status: inside `Messages` (an entry the
 * schema does not know, which may well be an error), or a member named like
 * a status but not readable as one.
 */
function isStatusProblem(problem: Violation): boolean {
  if (/\.Messages(\.|\[|$)/.test(problem.path)) return true;
  const last = problem.path.slice(problem.path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  return STATUS_NAMES.has(last.toLowerCase());
}

export interface Outcome {
  readonly ok: boolean;
  /** Error entries, plus one entry for each failed or unreadable status. */
  readonly errors: MmsMessage[];
  /** Every message, errors included, in document order. */
  readonly messages: MmsMessage[];
  readonly statistics: ProcessingStatistics | undefined;
  /** The data items (always a list here; the caller unwraps single-item operations). */
  readonly items: unknown[];
  /** The envelope the operation's results come in was found in the response. */
  readonly envelopeFound: boolean;
}

/**
 * Apply the success rules to a decoded payload document (the root element's
 * value), with the problems the decoder reported for it.
 */
export function judge(op: OperationDescriptor, root: Node, problems: readonly Violation[] = []): Outcome {
  const statistics = isNode(root['ProcessingStatistics'])
    ? (root['ProcessingStatistics'] as ProcessingStatistics)
    : undefined;
  const messages: MmsMessage[] = [];
  const errors: MmsMessage[] = [];

  // Every element of the document: messages and statuses wherever they
  // stand (an item's StandingData carries its own). The item index is the
  // position in the first list on the path (`…OfferData[1].OfferStack[0]` → 1).
  const walk = (node: Node, path: string, item: number | undefined): void => {
    const problem = statusProblem(node, path, item);
    if (problem) errors.push(problem);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'Messages' && isNode(child)) {
        messages.push(...entriesOf(child, path, item));
      } else if (Array.isArray(child)) {
        child.forEach((entry, i) => {
          if (isNode(entry)) walk(entry, `${path}.${key}[${i}]`, item ?? i);
        });
      } else if (isNode(child) && key !== 'ProcessingStatistics') {
        walk(child, `${path}.${key}`, item);
      }
    }
  };
  walk(root, op.root, undefined);

  const invalid = statistics?.Invalid;
  if (typeof invalid === 'number' && invalid > 0) {
    errors.push({
      level: 'error',
      text: `ProcessingStatistics reports ${invalid} invalid item${invalid === 1 ? '' : 's'}`,
      path: `${op.root}.ProcessingStatistics`,
    });
  } else if (invalid !== undefined && typeof invalid !== 'number') {
    errors.push({
      level: 'error',
      text: `ProcessingStatistics.Invalid is ${JSON.stringify(invalid)}, not a count, so the request is not taken as valid`,
      path: `${op.root}.ProcessingStatistics.Invalid`,
    });
  }
  // A status the walk already judged unreadable is not reported twice.
  const judged = new Set(errors.map((e) => e.path));
  for (const problem of problems) {
    if (!isStatusProblem(problem)) continue;
    if (judged.has(problem.path) || judged.has(problem.path.slice(0, problem.path.lastIndexOf('.'))))
      continue;
    errors.push({
      level: 'error',
      text: `a status the client cannot read, so it is not taken as success: ${problem.message}${problem.value !== undefined ? ` (${JSON.stringify(problem.value.slice(0, 200))})` : ''}`,
      path: problem.path,
    });
  }

  const container = op.result.envelope ? root[op.result.envelope] : root;
  const raw = isNode(container) ? container[op.result.element] : undefined;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const envelopes = op.envelope ? [op.envelope, op.result.envelope ?? op.envelope] : [];
  const allErrors = [...messages.filter((m) => m.level === 'error'), ...errors];
  return {
    ok: allErrors.length === 0,
    errors: allErrors,
    messages,
    statistics,
    items,
    envelopeFound: envelopes.length === 0 || envelopes.some((name) => isNode(root[name])),
  };
}
