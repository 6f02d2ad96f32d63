/**
 * For every rule of the catalog, a request that breaks only that rule and
 * the same request with the rule satisfied, against the simulator's seeded
 * state (resource SIMRES01 of each BSP). test/rules/rules.e2e.test.ts sends
 * each through the client (refused, or warned) and, with the client's checks
 * off, to the simulator (rejected, or warned).
 */
import type { ClientType } from '../../src/vocabulary.js';
import { tomorrowJst } from '../simulator/helpers.js';

export interface RuleRequest {
  readonly attributes: Record<string, unknown>;
  readonly data: unknown;
}

export interface RuleExample {
  readonly operation: string;
  readonly clientType: ClientType;
  readonly pass: RuleRequest;
  readonly fail: RuleRequest;
  /** The path of the violation the failing request gets. */
  readonly path: string;
}

const day = tomorrowJst();
const market = { Date: day, MarketType: 'DAM', NumOfDays: 1 };
const stack = {
  StackNumber: 1,
  MinimumQuantityInKw: 1000,
  PrimaryOfferQuantityInKw: 2000,
  OfferUnitPrice: 10,
};
const offer = {
  ResourceName: 'SIMRES01',
  StartTime: `${day}T09:00:00`,
  EndTime: `${day}T12:00:00`,
  Direction: '1',
  OfferStack: [stack],
};

/** Rule id → its example. */
export const RULE_EXAMPLES: Readonly<Record<string, RuleExample>> = {
  'time.end-after-start': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, StartTime: `${day}T12:00:00`, EndTime: `${day}T09:00:00` },
    },
    path: 'MarketSubmit.OfferData[0].EndTime',
  },
  'time.on-half-hour': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: { attributes: market, data: { ...offer, StartTime: `${day}T09:10:00` } },
    path: 'MarketSubmit.OfferData[0].StartTime',
  },
  'offer.stack-number-unique': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: { ...offer, OfferStack: [stack, { ...stack, StackNumber: 2 }] } },
    fail: { attributes: market, data: { ...offer, OfferStack: [stack, { ...stack }] } },
    path: 'MarketSubmit.OfferData[0].OfferStack[1].StackNumber',
  },
  'offer.quantity-at-least-minimum': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, OfferStack: [{ ...stack, PrimaryOfferQuantityInKw: 999 }] },
    },
    path: 'MarketSubmit.OfferData[0].OfferStack[0].PrimaryOfferQuantityInKw',
  },
  'offer.minimum-quantity-floor': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, OfferStack: [{ ...stack, MinimumQuantityInKw: 500, PrimaryOfferQuantityInKw: 600 }] },
    },
    path: 'MarketSubmit.OfferData[0].OfferStack[0].MinimumQuantityInKw',
  },
  'market.dam-one-day': {
    operation: 'MarketQuery_OfferQuery',
    clientType: 'bsp',
    pass: { attributes: market, data: { MarketType: 'DAM' } },
    fail: { attributes: { ...market, NumOfDays: 2 }, data: { MarketType: 'DAM' } },
    path: 'MarketQuery.NumOfDays',
  },
  'award.no-linked-area-for-bsp': {
    operation: 'MarketQuery_AwardResultsQuery',
    clientType: 'bsp',
    pass: {
      attributes: market,
      data: { MarketType: 'DAM', StartTime: `${day}T00:00:00`, EndTime: `${day}T03:00:00` },
    },
    fail: {
      attributes: market,
      data: { MarketType: 'DAM', StartTime: `${day}T00:00:00`, EndTime: `${day}T03:00:00`, LinkedArea: '03' },
    },
    path: 'MarketQuery.AwardResultsQuery.LinkedArea',
  },
  'offer-query.area-for-tso-mo': {
    operation: 'MarketQuery_OfferQuery',
    clientType: 'tso',
    pass: { attributes: market, data: { MarketType: 'DAM', Area: '03' } },
    fail: { attributes: market, data: { MarketType: 'DAM' } },
    path: 'MarketQuery.OfferQuery.Area',
  },
  'report.on-demand': {
    operation: 'ReportCreateRequest',
    clientType: 'bsp',
    pass: {
      attributes: {},
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'ON_DEMAND',
        Date: day,
      },
    },
    fail: {
      attributes: {},
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'DAILY',
        Date: day,
      },
    },
    path: 'MarketReport.ReportCreateRequest.Periodicity',
  },
};
