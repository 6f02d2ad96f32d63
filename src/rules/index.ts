/**
 * The rule catalog and its check: every business rule the client knows,
 * run on a request document after the schema check. `rules` switches them
 * off as a whole or one by one, because the MMS is the authority and a rule
 * can change before this library does.
 */
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { Violation } from '../xml/validate.js';
import type { ClientType } from '../vocabulary.js';
import { BUP_RULES } from './bups.js';
import { MARKET_RULES } from './market.js';
import { RESOURCE_RULES } from './resources.js';
import type { Rule, RuleSeverity } from './rule.js';
import { isItem, items } from './values.js';

export type { Rule, RuleContext, RuleFinding, RuleSeverity } from './rule.js';

/** Every rule, by id order within each area. */
export const RULES: readonly Rule[] = [...MARKET_RULES, ...BUP_RULES, ...RESOURCE_RULES];

/** `'off'`: no rule runs; a record: the rules set to false do not run. */
export type RuleSwitches = 'off' | Readonly<Record<string, boolean>>;

/** A broken rule, as a violation of the request with the rule's id and severity. */
export interface RuleViolation extends Violation {
  readonly rule: string;
  readonly severity: RuleSeverity;
}

const BY_OPERATION = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const id of rule.operations) BY_OPERATION.set(id, [...(BY_OPERATION.get(id) ?? []), rule]);
}

/** The rules that apply to an operation. */
export function rulesOf(operation: string): readonly Rule[] {
  return BY_OPERATION.get(operation) ?? [];
}

/** Unknown rule ids in a switch record (a typo would silently keep a rule on). */
export function unknownRules(switches: RuleSwitches | undefined): string[] {
  if (switches === undefined || switches === 'off') return [];
  const known = new Set(RULES.map((r) => r.id));
  return Object.keys(switches).filter((id) => !known.has(id));
}

/**
 * Every place the request document breaks a rule, with paths from the
 * envelope (or the root for report requests) as the schema validator
 * writes them: `MarketSubmit.OfferData[1].OfferStack[0].StackNumber`.
 */
export function checkRules(
  op: OperationDescriptor,
  clientType: ClientType,
  document: Readonly<Record<string, unknown>>,
  switches?: RuleSwitches,
): RuleViolation[] {
  if (switches === 'off') return [];
  const rules = rulesOf(op.id).filter((r) => switches?.[r.id] !== false);
  if (rules.length === 0) return [];
  const start = op.envelope ?? op.root;
  const body = op.envelope ? document[op.envelope] : document;
  if (!isItem(body)) return [];
  const data = body[op.element];
  const list = items(data);
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    list.forEach((item, i) => {
      const at = Array.isArray(data) ? `${start}.${op.element}[${i}]` : `${start}.${op.element}`;
      for (const finding of rule.check({ operation: op.id, clientType, envelope: body, item })) {
        // An envelope finding is reported once, not once per item.
        if (finding.inEnvelope && i > 0) continue;
        out.push({
          path: finding.inEnvelope ? `${start}.${finding.path}` : `${at}.${finding.path}`,
          message: `[${rule.id}] ${finding.message}`,
          rule: rule.id,
          severity: rule.severity,
        });
      }
    });
  }
  return out;
}
