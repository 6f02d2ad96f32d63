/**
 * Running rules over a request document: each data item with its envelope,
 * findings turned into violations with paths from the envelope (or the root
 * for report requests) as the schema validator writes them:
 * `MarketSubmit.OfferData[1].OfferStack[0].StackNumber`.
 */
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { Violation } from '../xml/validate.js';
import type { ClientType } from '../vocabulary.js';
import type { RuleContext, RuleFinding, RuleSeverity } from './rule.js';
import { isItem, items } from './values.js';

/** A broken rule, as a violation of the request with the rule's id and severity. */
export interface RuleViolation extends Violation {
  readonly rule: string;
  readonly severity: RuleSeverity;
}

/** Every finding of `rules` on the document, `run` applying one rule to one item. */
export function walkRules<R extends { readonly id: string; readonly severity: RuleSeverity }>(
  op: OperationDescriptor,
  clientType: ClientType,
  document: Readonly<Record<string, unknown>>,
  rules: readonly R[],
  run: (rule: R, context: RuleContext) => RuleFinding[],
): RuleViolation[] {
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
      for (const finding of run(rule, { operation: op.id, clientType, envelope: body, item })) {
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
