/**
 * Rules of market requests (offers, cancels, queries, awards), from the notes
 * of the reference client's models (../shared/reference/fields.json).
 */
import { uniqueWithin } from './builders.js';
import { inEnvelopes, withAttributes } from './operations.js';
import type { Rule, RuleFinding } from './rule.js';
import { items, numberOf, textOf } from './values.js';

const QUANTITIES = [
  'PrimaryOfferQuantityInKw',
  'Secondary1OfferQuantityInKw',
  'Secondary2OfferQuantityInKw',
  'Tertiary1OfferQuantityInKw',
  'Tertiary2OfferQuantityInKw',
] as const;

/** The smallest MinimumQuantityInKw the MMS takes: simple commands; a dedicated line needs 5,000 kW. */
export const MINIMUM_QUANTITY_FLOOR_KW = 1000;

export const MARKET_RULES: readonly Rule[] = [
  {
    id: 'time.end-after-start',
    operations: withAttributes('StartTime', 'EndTime'),
    severity: 'error',
    summary: 'EndTime is later than StartTime.',
    source: 'fields.json OfferData.StartTime, OfferData.EndTime (the starting and ending block)',
    check({ item }) {
      const start = textOf(item['StartTime']);
      const end = textOf(item['EndTime']);
      // Wall-clock texts of one shape compare as they sort.
      if (start === undefined || end === undefined || end > start) return [];
      return [{ path: 'EndTime', message: `EndTime ${end} is not after StartTime ${start}` }];
    },
  },
  {
    id: 'time.on-half-hour',
    operations: withAttributes('StartTime', 'EndTime'),
    severity: 'warning',
    summary: 'StartTime and EndTime fall on a block boundary: a whole or half hour, zero seconds.',
    source: 'fields.json AwardQuery.StartTime, AwardQuery.EndTime (should conform with a block)',
    check({ item }) {
      const out: RuleFinding[] = [];
      for (const name of ['StartTime', 'EndTime']) {
        const value = textOf(item[name]);
        if (value !== undefined && !/T\d\d:(00|30):00$/.test(value))
          out.push({ path: name, message: `${name} ${value} is not on a whole or half hour` });
      }
      return out;
    },
  },
  uniqueWithin({
    id: 'offer.stack-number-unique',
    operations: ['MarketSubmit_OfferData'],
    summary: 'The StackNumber of each price-quantity pair of an offer is unique within it.',
    source: 'fields.json OfferStack.StackNumber',
    key: 'StackNumber',
    lists: (item) => [{ path: 'OfferStack', entries: items(item['OfferStack']) }],
  }),
  {
    id: 'offer.quantity-at-least-minimum',
    operations: ['MarketSubmit_OfferData'],
    severity: 'error',
    summary: 'Every offered quantity of a price-quantity pair is at least its MinimumQuantityInKw.',
    source: 'fields.json OfferStack.PrimaryOfferQuantityInKw',
    check({ item }) {
      return items(item['OfferStack']).flatMap((s, i) => {
        const minimum = numberOf(s['MinimumQuantityInKw']);
        if (minimum === undefined) return [];
        return QUANTITIES.flatMap((name) => {
          const quantity = numberOf(s[name]);
          return quantity !== undefined && quantity < minimum
            ? [
                {
                  path: `OfferStack[${i}].${name}`,
                  message: `${name} ${quantity} kW is below MinimumQuantityInKw ${minimum} kW`,
                },
              ]
            : [];
        });
      });
    },
  },
  {
    id: 'offer.minimum-quantity-floor',
    operations: ['MarketSubmit_OfferData'],
    severity: 'error',
    summary: `MinimumQuantityInKw is at least ${MINIMUM_QUANTITY_FLOOR_KW} kW (5,000 kW for a resource on a dedicated line, checked by the MMS).`,
    source: 'fields.json OfferStack.MinimumQuantityInKw',
    check({ item }) {
      return items(item['OfferStack']).flatMap((s, i) => {
        const minimum = numberOf(s['MinimumQuantityInKw']);
        return minimum !== undefined && minimum < MINIMUM_QUANTITY_FLOOR_KW
          ? [
              {
                path: `OfferStack[${i}].MinimumQuantityInKw`,
                message: `MinimumQuantityInKw ${minimum} kW is below ${MINIMUM_QUANTITY_FLOOR_KW} kW`,
              },
            ]
          : [];
      });
    },
  },
  {
    id: 'market.dam-one-day',
    operations: inEnvelopes('MarketQuery', 'MarketCancel'),
    severity: 'warning',
    summary: 'A day-ahead market (DAM) query or cancel covers one day: NumOfDays is 1.',
    source: 'fields.json MarketQuery.NumOfDays, MarketCancel.NumOfDays',
    check({ envelope }) {
      const days = numberOf(envelope['NumOfDays']);
      return envelope['MarketType'] === 'DAM' && days !== undefined && days !== 1
        ? [
            {
              path: 'NumOfDays',
              inEnvelope: true,
              message: `NumOfDays is ${days}; the day-ahead market takes 1`,
            },
          ]
        : [];
    },
  },
  {
    id: 'award.no-linked-area-for-bsp',
    operations: ['MarketQuery_AwardResultsQuery'],
    severity: 'error',
    summary: 'A BSP does not set LinkedArea in an award query.',
    source: 'fields.json AwardQuery.LinkedArea',
    check({ clientType, item }) {
      return clientType === 'bsp' && item['LinkedArea'] !== undefined
        ? [{ path: 'LinkedArea', message: 'LinkedArea cannot be set by a BSP' }]
        : [];
    },
  },
  {
    id: 'offer-query.area-for-tso-mo',
    operations: ['MarketQuery_OfferQuery'],
    severity: 'error',
    summary: 'A TSO or MO names the Area of an offer query.',
    source: 'fields.json OfferQuery.Area',
    check({ clientType, item }) {
      return clientType !== 'bsp' && item['Area'] === undefined
        ? [{ path: 'Area', message: `Area is required in a ${clientType.toUpperCase()}'s offer query` }]
        : [];
    },
  },
  {
    id: 'report.on-demand',
    operations: ['ReportCreateRequest'],
    severity: 'warning',
    summary: 'A report request asks for an ON_DEMAND report.',
    source: 'fields.json ReportMetadata.Periodicity',
    check({ item }) {
      const periodicity = item['Periodicity'];
      return periodicity !== undefined && periodicity !== 'ON_DEMAND'
        ? [
            {
              path: 'Periodicity',
              message: `Periodicity is ${String(periodicity)}; reports are asked for ON_DEMAND`,
            },
          ]
        : [];
    },
  },
];
