/**
 * The rule catalog and its check: every business rule the client knows,
 * run on a request document after the schema check. `rules` switches them
 * off as a whole or one by one, because the MMS is the authority and a rule
 * can change before this library does.
 */
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { ClientType } from '../vocabulary.js';
import { BUP_RULES } from './bups.js';
import { MARKET_RULES } from './market.js';
import { RESOURCE_RULES } from './resources.js';
import type { Rule } from './rule.js';
import { walkRules, type RuleViolation } from './walk.js';

export type { Rule, RuleContext, RuleFinding, RuleSeverity } from './rule.js';
export type { RuleViolation } from './walk.js';

/** Every rule, by id order within each area. */
export const RULES: readonly Rule[] = [...MARKET_RULES, ...BUP_RULES, ...RESOURCE_RULES];

/** `'off'`: no rule runs; a record: the rules set to false do not run. */
export type RuleSwitches = 'off' | Readonly<Record<string, boolean>>;

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

/** Every place the request document breaks a rule that is switched on. */
export function checkRules(
  op: OperationDescriptor,
  clientType: ClientType,
  document: Readonly<Record<string, unknown>>,
  switches?: RuleSwitches,
): RuleViolation[] {
  if (switches === 'off') return [];
  const rules = rulesOf(op.id).filter((r) => switches?.[r.id] !== false);
  return walkRules(op, clientType, document, rules, (rule, context) => rule.check(context));
}
