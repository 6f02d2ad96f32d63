/**
 * Rules that need what the server knows: the resources a participant
 * registered and the server's clock. The client cannot check them from the
 * request; the simulator enforces them with its own state, and the docs
 * list them beside the catalog (docs/rules.md).
 */
import { registration } from '../../generated/index.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { ClientType } from '../vocabulary.js';
import type { RuleSwitches } from './index.js';
import { inEnvelopes } from './operations.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';
import { items, numberOf, textOf, type Item } from './values.js';
import { walkRules, type RuleViolation } from './walk.js';

const {
  ResourceTypeType,
  ContractTypeType,
  PriSec1CommandOperationMethodType,
  Sec2Ter1Ter2CommandOperationMethodType,
} = registration;

/** What the server knows when it checks one request. */
export interface ServerView {
  /** The resource the caller registered under this name (the latest registration), if any. */
  resource(name: string): Item | undefined;
  /** Today in JST by the server's clock, `YYYY-MM-DD`. */
  readonly today: string;
}

/** A rule checked by the server with its state, never by the client. */
export interface StatefulRule extends Omit<Rule, 'check'> {
  check(context: RuleContext, server: ServerView): RuleFinding[];
}

/** The smallest MinimumQuantityInKw for a resource commanded over a dedicated line. */
export const DEDICATED_LINE_MINIMUM_KW = 5000;

/** The registered resource an item names, when it names one the caller registered. */
function resourceOf(item: Item, server: ServerView): Item | undefined {
  const name = textOf(item['ResourceName']);
  return name === undefined ? undefined : server.resource(name);
}

/** Band lists of a BUP: `PatternData[i].Bup.BandBup`. */
function bupBands(item: Item): { path: string; band: Item }[] {
  return items(item['PatternData']).flatMap((pattern, i) => {
    const holder = pattern['Bup'];
    const bands = typeof holder === 'object' && holder !== null ? (holder as Item)['BandBup'] : undefined;
    return items(bands).map((band, j) => ({ path: `PatternData[${i}].Bup.BandBup[${j}]`, band }));
  });
}

export const STATEFUL_RULES: readonly StatefulRule[] = [
  {
    id: 'resource.registered',
    operations: ['MarketSubmit_OfferData', 'MarketSubmit_BupSubmit', 'MarketCancel_OfferCancel'],
    severity: 'error',
    summary: 'Offers, BUPs and offer cancels name a resource the participant has registered.',
    source: 'MMS (issue 13): a resource is registered before offers or BUPs reference it',
    check({ item }, server) {
      const name = textOf(item['ResourceName']);
      return name !== undefined && server.resource(name) === undefined
        ? [{ path: 'ResourceName', message: `resource ${name} is not registered by this participant` }]
        : [];
    },
  },
  {
    id: 'offer.minimum-quantity-dedicated-line',
    operations: ['MarketSubmit_OfferData'],
    severity: 'error',
    summary: `MinimumQuantityInKw is at least ${DEDICATED_LINE_MINIMUM_KW} kW when the resource is commanded over a dedicated line (PriSec1CommandOperationMethod or Sec2Ter1Ter2CommandOperationMethod DEDICATED_LINE, 1).`,
    source: 'fields.json OfferStack.MinimumQuantityInKw',
    check({ item }, server) {
      const resource = resourceOf(item, server);
      const dedicated =
        resource?.['PriSec1CommandOperationMethod'] === PriSec1CommandOperationMethodType.DEDICATED_LINE ||
        resource?.['Sec2Ter1Ter2CommandOperationMethod'] ===
          Sec2Ter1Ter2CommandOperationMethodType.DEDICATED_LINE;
      if (!dedicated) return [];
      return items(item['OfferStack']).flatMap((s, i) => {
        const minimum = numberOf(s['MinimumQuantityInKw']);
        return minimum !== undefined && minimum < DEDICATED_LINE_MINIMUM_KW
          ? [
              {
                path: `OfferStack[${i}].MinimumQuantityInKw`,
                message: `MinimumQuantityInKw ${minimum} kW is below ${DEDICATED_LINE_MINIMUM_KW} kW for a resource on a dedicated line`,
              },
            ]
          : [];
      });
    },
  },
  {
    id: 'market.date-not-past',
    operations: inEnvelopes('MarketSubmit', 'MarketCancel'),
    severity: 'error',
    summary:
      'The trading date (Date) of a submission or cancel is not before today (JST, by the server’s clock).',
    source: 'MMS (issue 13): trading dates follow the server’s clock',
    check({ envelope }, server) {
      const date = textOf(envelope['Date']);
      return date !== undefined && date < server.today
        ? [{ path: 'Date', inEnvelope: true, message: `Date ${date} is before today (${server.today})` }]
        : [];
    },
  },
  {
    id: 'bup.from-cap-thermal-hydro',
    operations: ['MarketSubmit_BupSubmit'],
    severity: 'error',
    summary: 'The FromCap of a BUP band is at least 0 when the resource is THERMAL (01) or HYDRO (02).',
    source: 'fields.json BalancingUnitPriceBand.FromCap',
    check({ item }, server) {
      const type = resourceOf(item, server)?.['ResourceType'];
      if (type !== ResourceTypeType.THERMAL && type !== ResourceTypeType.HYDRO) return [];
      return bupBands(item).flatMap(({ path, band }) => {
        const from = numberOf(band['FromCap']);
        return from !== undefined && from < 0
          ? [
              {
                path: `${path}.FromCap`,
                message: `FromCap ${from} is below 0 for a THERMAL or HYDRO resource`,
              },
            ]
          : [];
      });
    },
  },
  {
    id: 'bup.v2-not-only-power-supply-1',
    operations: ['MarketSubmit_BupSubmit'],
    severity: 'error',
    summary: 'V2 of a BUP band is set only when the resource’s ContractType is not ONLY_POWER_SUPPLY_1 (4).',
    source: 'fields.json BalancingUnitPriceBand.V2',
    check({ item }, server) {
      if (resourceOf(item, server)?.['ContractType'] !== ContractTypeType.ONLY_POWER_SUPPLY_1) return [];
      return bupBands(item)
        .filter(({ band }) => band['V2'] !== undefined)
        .map(({ path }) => ({
          path: `${path}.V2`,
          message: 'V2 cannot be set for a resource whose ContractType is ONLY_POWER_SUPPLY_1',
        }));
    },
  },
];

/** Every place the request breaks a rule that needs the server's state. */
export function checkStatefulRules(
  op: OperationDescriptor,
  clientType: ClientType,
  document: Readonly<Record<string, unknown>>,
  server: ServerView,
  switches?: RuleSwitches,
): RuleViolation[] {
  if (switches === 'off') return [];
  const rules = STATEFUL_RULES.filter((r) => r.operations.includes(op.id) && switches?.[r.id] !== false);
  return walkRules(op, clientType, document, rules, (rule, context) => rule.check(context, server));
}
