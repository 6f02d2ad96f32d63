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

  // Every holder present: the request's envelope and the one results come
  // back in (a query may be answered in the submit envelope), or the root
  // for report requests. In each, the status and messages of the holder and
  // of every data item — the echoed request item too: a failed query says
  // so on its own element.
  const itemKeys = new Set([op.element, op.result.element, ...(op.companions ?? [])]);
  const holders = op.envelope
    ? [...new Set([op.envelope, op.result.envelope ?? op.envelope])].filter((name) => isNode(root[name]))
    : [undefined];
  for (const name of holders) {
    const holder = name === undefined ? root : (root[name] as Node);
    const at = name === undefined ? op.root : `${op.root}.${name}`;
    if (name !== undefined && isNode(holder['Messages'])) {
      messages.push(...collectMessages({ Messages: holder['Messages'] }, at));
    }
    const problem = statusProblem(holder, at);
    if (problem) errors.push(problem);
    for (const key of Object.keys(holder)) {
      if (!itemKeys.has(key)) continue;
      const raw = holder[key];
      const list = Array.isArray(raw) ? raw : [raw];
      list.forEach((item, i) => {
        const index = Array.isArray(raw) ? i : undefined;
        const itemPath = `${at}.${key}${index === undefined ? '' : `[${index}]`}`;
        messages.push(...collectMessages(item, itemPath, index));
        const itemProblem = isNode(item) ? statusProblem(item, itemPath, index) : undefined;
        if (itemProblem) errors.push(itemProblem);
      });
    }
  }

  const container = op.result.envelope ? root[op.result.envelope] : root;
  const raw = isNode(container) ? container[op.result.element] : undefined;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const invalid = statistics?.Invalid;
  if (typeof invalid === 'number' && invalid > 0) {
    errors.push({
      level: 'error',
      text: `ProcessingStatistics reports ${invalid} invalid item${invalid === 1 ? '' : 's'}`,
      path: `${op.root}.ProcessingStatistics`,
    });
  }
  const allErrors = [...messages.filter((m) => m.level === 'error'), ...errors];
  return {
    ok: allErrors.length === 0,
    errors: allErrors,
    messages,
    statistics,
    items,
    envelopeFound: holders.length > 0,
  };
}
