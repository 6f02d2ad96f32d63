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
import type { MessageLevel, MmsMessage, ProcessingStatistics, RejectionReason } from './result.js';

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

/**
 * The data item a path lies in: the position in the first list on the path
 * (`MarketData.MarketSubmit.OfferData[1].OfferStack[0]` → 1), or undefined
 * for a path outside any list (the root, the envelope, the statistics).
 */
export function itemOf(path: string): number | undefined {
  const m = /\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/** `item` for a path that names one, else nothing (results stay free of `undefined` members). */
function located(path: string): { readonly path: string; readonly item?: number } {
  const item = itemOf(path);
  return item === undefined ? { path } : { path, item };
}

/** The entries of one `Messages` element. */
function entriesOf(messages: Node, path: string): MmsMessage[] {
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
        ...located(path),
      });
    }
  }
  return out;
}

/** Why a node's status fails the call, or undefined when it is good (or absent). */
function statusProblem(node: Node, path: string): RejectionReason | undefined {
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
  const what = itemOf(path) === undefined ? 'request' : 'item';
  return {
    text: unreadable
      ? `the status of this ${what} cannot be read (${reasons.join(', ')}), so it is not taken as success`
      : `the MMS marked this ${what} as failed (${reasons.join(', ')})`,
    ...located(path),
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

/** The statistics that are milliseconds, xs:long in the schemas, which the decoder keeps as strings. */
const DURATIONS = ['ProcessingTimeMs', 'TimeInMs'] as const;

/**
 * `ProcessingStatistics` with its durations as numbers, like its counts. An
 * xs:long beyond 2^53 would lose digits as a number: it is left out and
 * reported instead (a duration of 285,000 years is no real answer anyway).
 */
function readStatistics(
  node: unknown,
  path: string,
): { statistics: ProcessingStatistics | undefined; problems: Violation[] } {
  if (!isNode(node)) return { statistics: undefined, problems: [] };
  const out: Record<string, unknown> = { ...node };
  const problems: Violation[] = [];
  for (const key of DURATIONS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    const integer = /^[+-]?[0-9]+$/.test(value);
    if (integer && Number.isSafeInteger(Number(value))) {
      out[key] = Number(value);
      continue;
    }
    delete out[key];
    // A value that is no integer at all is already among the decoder's problems.
    if (integer)
      problems.push({
        path: `${path}.${key}`,
        message: 'beyond 2^53 milliseconds, not representable exactly as a number; left out of statistics',
        value,
      });
  }
  return { statistics: out as ProcessingStatistics, problems };
}

export interface Outcome {
  readonly ok: boolean;
  /** The server's `Error` entries, as it sent them. */
  readonly errors: MmsMessage[];
  /** The client's reading of the statuses: one per failed or unreadable status, and Invalid > 0. */
  readonly reasons: RejectionReason[];
  /** Every message, errors included, in document order. */
  readonly messages: MmsMessage[];
  readonly statistics: ProcessingStatistics | undefined;
  /** Statistics the client could not hold exactly, for `responseProblems`. */
  readonly statisticsProblems: Violation[];
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
  const { statistics, problems: statisticsProblems } = readStatistics(
    root['ProcessingStatistics'],
    `${op.root}.ProcessingStatistics`,
  );
  const messages: MmsMessage[] = [];
  const reasons: RejectionReason[] = [];

  // Every element of the document: messages and statuses wherever they
  // stand (an item's StandingData carries its own).
  const walk = (node: Node, path: string): void => {
    const problem = statusProblem(node, path);
    if (problem) reasons.push(problem);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'Messages' && isNode(child)) {
        messages.push(...entriesOf(child, path));
      } else if (Array.isArray(child)) {
        child.forEach((entry, i) => {
          if (isNode(entry)) walk(entry, `${path}.${key}[${i}]`);
        });
      } else if (isNode(child) && key !== 'ProcessingStatistics') {
        walk(child, `${path}.${key}`);
      }
    }
  };
  walk(root, op.root);

  const invalid = statistics?.Invalid;
  if (typeof invalid === 'number' && invalid > 0) {
    reasons.push({
      text: `ProcessingStatistics reports ${invalid} invalid item${invalid === 1 ? '' : 's'}`,
      path: `${op.root}.ProcessingStatistics`,
    });
  } else if (invalid !== undefined && typeof invalid !== 'number') {
    reasons.push({
      text: `ProcessingStatistics.Invalid is ${JSON.stringify(invalid)}, not a count, so the request is not taken as valid`,
      path: `${op.root}.ProcessingStatistics.Invalid`,
    });
  }
  // A status the walk already judged unreadable is not reported twice.
  const judged = new Set(reasons.map((e) => e.path));
  for (const problem of problems) {
    if (!isStatusProblem(problem)) continue;
    if (judged.has(problem.path) || judged.has(problem.path.slice(0, problem.path.lastIndexOf('.'))))
      continue;
    reasons.push({
      text: `a status the client cannot read, so it is not taken as success: ${problem.message}${problem.value !== undefined ? ` (${JSON.stringify(problem.value.slice(0, 200))})` : ''}`,
      ...located(problem.path),
    });
  }

  const container = op.result.envelope ? root[op.result.envelope] : root;
  const raw = isNode(container) ? container[op.result.element] : undefined;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const envelopes = op.envelope ? [op.envelope, op.result.envelope ?? op.envelope] : [];
  const errors = messages.filter((m) => m.level === 'error');
  return {
    ok: errors.length === 0 && reasons.length === 0,
    errors,
    reasons,
    messages,
    statistics,
    statisticsProblems,
    items,
    envelopeFound: envelopes.length === 0 || envelopes.some((name) => isNode(root[name])),
  };
}
