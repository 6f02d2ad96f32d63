/**
 * The business rules, enforced: the catalog the client runs (src/rules) and
 * the rules that need the simulator's state (registered resources, the
 * clock). A broken error rule fails the items it is on, `Validation="FAILED"`
 * with a coded `Error` message naming the rule; a broken warning rule passes
 * them with a `Warning`.
 */
import { toJstDate } from '../client/time.js';
import { checkRules, type RuleSwitches, type RuleViolation } from '../rules/index.js';
import { checkStatefulRules, type ServerView } from '../rules/stateful.js';
import type { ClientType } from '../vocabulary.js';
import type { ModuleDescriptor, OperationDescriptor } from '../xml/descriptors.js';
import { complexIndex } from '../xml/schema-index.js';
import { clone, CODES } from './operations/reply.js';
import type { SimulatorState } from './state.js';
import { complexType, messagesValue, stripServerFields, withStatus, type Note, type Rec } from './values.js';

/** What the simulator knows about one caller, for the stateful rules. */
export function serverView(state: SimulatorState, participant: string, now: Date): ServerView {
  return {
    resource(name) {
      const found = state
        .items(participant, 'registration', 'Resource')
        .filter((s) => s.item['ResourceName'] === name);
      return found[found.length - 1]?.item;
    },
    today: toJstDate(now),
  };
}

/** The rules a request breaks, errors and warnings apart. */
export interface RuleOutcome {
  readonly errors: RuleViolation[];
  readonly warnings: RuleViolation[];
}

export function checkBusinessRules(
  op: OperationDescriptor,
  clientType: ClientType,
  document: Rec,
  server: ServerView,
  switches?: RuleSwitches,
): RuleOutcome {
  const all = [
    ...checkRules(op, clientType, document, switches),
    ...checkStatefulRules(op, clientType, document, server, switches),
  ];
  return {
    errors: all.filter((v) => v.severity === 'error'),
    warnings: all.filter((v) => v.severity === 'warning'),
  };
}

/** The message for a broken rule; the text starts with the path and carries `[rule-id]`. */
export function ruleNote(v: RuleViolation): Note {
  return v.severity === 'error'
    ? { level: 'error', code: CODES.rule, text: `業務ルール違反 ${v.path}: ${v.message}` }
    : { level: 'warning', code: CODES.ruleWarning, text: `業務ルール注意 ${v.path}: ${v.message}` };
}

/** The data item a violation is on (its index), or undefined when it is on the envelope. */
export function itemIndexOf(op: OperationDescriptor, path: string): number | undefined {
  const start = `${op.envelope ?? op.root}.${op.element}`;
  if (!path.startsWith(start)) return undefined;
  const match = /^\[(\d+)\]/.exec(path.slice(start.length));
  return match ? Number(match[1]) : 0;
}

/**
 * The items of a request as the answer echoes them, each with its status
 * and, where its type has `Messages`, the messages of the rules it breaks;
 * the notes that found no item to go on are returned for the envelope.
 */
export function itemsWithRuleStatus(
  module: ModuleDescriptor,
  op: OperationDescriptor,
  items: readonly Rec[],
  violations: readonly RuleViolation[],
): { items: Rec[]; envelopeNotes: Note[] } {
  const hasMessages = complexIndex(complexType(module, op.dataType)).elements.has('Messages');
  const envelopeNotes: Note[] = [];
  const perItem = new Map<number, Note[]>();
  for (const v of violations) {
    const index = itemIndexOf(op, v.path);
    if (index === undefined || !hasMessages) envelopeNotes.push(ruleNote(v));
    if (index !== undefined) perItem.set(index, [...(perItem.get(index) ?? []), ruleNote(v)]);
  }
  const echoed = items.map((raw, i) => {
    const item = stripServerFields(clone(raw)) as Rec;
    const notes = perItem.get(i) ?? [];
    const failed = notes.some((n) => n.level === 'error');
    withStatus(
      module,
      op.dataType,
      item,
      failed ? 'FAILED' : notes.length > 0 ? 'WARNING' : 'PASSED',
      !failed,
    );
    const messages = hasMessages ? messagesValue(module, notes) : undefined;
    if (messages) item['Messages'] = messages;
    return item;
  });
  return { items: echoed, envelopeNotes };
}
