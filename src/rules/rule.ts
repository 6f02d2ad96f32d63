/**
 * The shape of a business rule: what the MMS checks beyond the schema, on
 * one request, from the request alone. A rule is data (id, operations,
 * severity, source, summary) and one small predicate over one data item
 * with its envelope; the catalog (src/rules/index.ts) lists them all, the
 * client runs them before sending (src/rules/check.ts), the simulator runs
 * the same ones, and docs/rules.md is generated from them.
 */
import type { ClientType } from '../vocabulary.js';

/** `error` where the source says "must"; `warning` where it says "should". */
export type RuleSeverity = 'error' | 'warning';

/** What a rule sees: one data item, the envelope it travels in, and who sends it. */
export interface RuleContext {
  readonly operation: string;
  readonly clientType: ClientType;
  readonly envelope: Readonly<Record<string, unknown>>;
  readonly item: Readonly<Record<string, unknown>>;
}

/** One place a rule is broken. */
export interface RuleFinding {
  /** Where, from the data item (`OfferStack[1].StackNumber`), or from the envelope when `inEnvelope`. */
  readonly path: string;
  /** What is wrong, in words, with the values involved. */
  readonly message: string;
  readonly inEnvelope?: boolean;
}

export interface Rule {
  /** Stable id, `area.what`: `offer.end-after-start`. */
  readonly id: string;
  /** Catalog ids of the operations it applies to. */
  readonly operations: readonly string[];
  readonly severity: RuleSeverity;
  /** The rule in one sentence, our words. */
  readonly summary: string;
  /** Where the rule comes from: `fields.json Model.XmlName` (the reference client's notes), or the schema. */
  readonly source: string;
  /** Every place the item (with its envelope) breaks the rule; empty when it holds. */
  check(context: RuleContext): RuleFinding[];
}
