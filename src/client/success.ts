/**
 * The MMS success rules (MMS-PROTOCOL.md §7), applied to a decoded payload:
 * collect every message with its path, then decide. A response fails when
 * ProcessingStatistics counts an invalid item, when the envelope or any data
 * item says `Success="false"` or a `FAILED`/`PASSED_PARTIAL` validation, or
 * when any `Error` entry appears anywhere.
 */
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { MessageLevel, MmsMessage, ProcessingStatistics } from './result.js';

const LEVELS: readonly (readonly [string, MessageLevel])[] = [
  ['Error', 'error'],
  ['Warning', 'warning'],
  ['Information', 'information'],
];

const BAD_VALIDATION = new Set(['FAILED', 'PASSED_PARTIAL']);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `Messages` entry in the tree, in document order, with its path. */
export function collectMessages(value: unknown, path: string, item?: number): MmsMessage[] {
  const out: MmsMessage[] = [];
  const walk = (node: unknown, at: string, itemIndex: number | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${at}[${i}]`, itemIndex));
      return;
    }
    if (!isNode(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'Messages' && isNode(child)) {
        for (const [element, level] of LEVELS) {
          const entries = child[element];
          if (!Array.isArray(entries)) continue;
          // Market and registration entries carry a Code attribute (text in
          // `value`); report schemas declare plain strings.
          for (const entry of entries as (Node | string)[]) {
            const node: Node = typeof entry === 'string' ? { value: entry } : entry;
            out.push({
              level,
              ...(typeof node['Code'] === 'string' ? { code: node['Code'] } : {}),
              text: typeof node['value'] === 'string' ? node['value'] : '',
              path: at,
              ...(itemIndex !== undefined ? { item: itemIndex } : {}),
            });
          }
        }
      } else if (typeof child === 'object') {
        walk(child, `${at}.${key}`, itemIndex);
      }
    }
  };
  walk(value, path, item);
  return out;
}

function statusProblem(node: Node, path: string, item?: number): MmsMessage | undefined {
  const validation = node['Validation'] ?? node['ValidationStatus'];
  const failed =
    node['Success'] === false || (typeof validation === 'string' && BAD_VALIDATION.has(validation));
  if (!failed) return undefined;
  const parts = [
    node['Success'] === false ? 'Success=false' : '',
    typeof validation === 'string' ? `Validation=${validation}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    level: 'error',
    text: `the MMS marked this ${item === undefined ? 'request' : 'item'} as failed (${parts})`,
    path,
    ...(item !== undefined ? { item } : {}),
  };
}

export interface Outcome {
  readonly ok: boolean;
  /** Error entries, plus a synthesized entry for each failed status that came without one. */
  readonly errors: MmsMessage[];
  /** Every message, errors included, in document order. */
  readonly messages: MmsMessage[];
  readonly statistics: ProcessingStatistics | undefined;
  /** The data items (always a list here; the caller unwraps single-item operations). */
  readonly items: unknown[];
  /** The envelope was found in the response. */
  readonly envelopeFound: boolean;
}

/** Apply the success rules to a decoded payload document (the root element's value). */
export function judge(op: OperationDescriptor, root: Node): Outcome {
  const statistics = isNode(root['ProcessingStatistics'])
    ? (root['ProcessingStatistics'] as ProcessingStatistics)
    : undefined;
  const messages: MmsMessage[] = [];
  const errors: MmsMessage[] = [];
  if (isNode(root['Messages'])) messages.push(...collectMessages({ Messages: root['Messages'] }, op.root));

  // The request's envelope, and the one the results come back in (a query
  // may be answered in the submit envelope): check the status and messages
  // of each that is present.
  const envelopes = [
    ...new Set([op.envelope, op.result.envelope].filter((e): e is string => e !== undefined)),
  ];
  let found = envelopes.length === 0;
  for (const name of envelopes) {
    const envelope = root[name];
    if (!isNode(envelope)) continue;
    found = true;
    const at = `${op.root}.${name}`;
    if (isNode(envelope['Messages']))
      messages.push(...collectMessages({ Messages: envelope['Messages'] }, at));
    const problem = statusProblem(envelope, at);
    if (problem) errors.push(problem);
  }
  if (envelopes.length === 0) {
    const problem = statusProblem(root, op.root);
    if (problem) errors.push(problem);
  }

  const container = op.result.envelope ? root[op.result.envelope] : root;
  const containerPath = op.result.envelope ? `${op.root}.${op.result.envelope}` : op.root;
  const raw = isNode(container) ? container[op.result.element] : undefined;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  items.forEach((item, i) => {
    const index = op.result.many ? i : undefined;
    const at = `${containerPath}.${op.result.element}${index === undefined ? '' : `[${index}]`}`;
    messages.push(...collectMessages(item, at, index));
    if (isNode(item)) {
      const problem = statusProblem(item, at, index);
      if (problem) errors.push(problem);
    }
  });
  const invalid = statistics?.Invalid;
  if (typeof invalid === 'number' && invalid > 0) {
    errors.push({
      level: 'error',
      text: `ProcessingStatistics reports ${invalid} invalid item${invalid === 1 ? '' : 's'}`,
      path: `${op.root}.ProcessingStatistics`,
    });
  }
  const allErrors = [...messages.filter((m) => m.level === 'error'), ...errors];
  return { ok: allErrors.length === 0, errors: allErrors, messages, statistics, items, envelopeFound: found };
}
