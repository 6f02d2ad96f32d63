/**
 * Rules of a balancing unit price submission (MarketSubmit_BupSubmit), from
 * the notes of the reference client's BalancingUnitPriceBand, AbcBand and
 * StartupCostBand models (../shared/reference/fields.json). Band lists hang
 * under each PatternData entry of the BUP.
 */
import { pick, uniqueWithin, type ListsOf } from './builders.js';
import type { Rule } from './rule.js';
import { items } from './values.js';

const OPERATIONS = ['MarketSubmit_BupSubmit'] as const;

/** The band lists `group.list` of every pattern of the BUP. */
function bandsOf(group: string, list: string): ListsOf {
  return (item) =>
    items(item['PatternData']).map((pattern, i) => ({
      path: `PatternData[${i}].${group}.${list}`,
      entries: items(pick(pattern[group], list)),
    }));
}

export const BUP_RULES: readonly Rule[] = [
  uniqueWithin({
    id: 'bup.band-unique',
    operations: OPERATIONS,
    summary: 'The Band numbers of a pattern’s balancing unit price bands are unique.',
    source: 'fields.json BalancingUnitPriceBand.Band',
    key: 'Band',
    lists: bandsOf('Bup', 'BandBup'),
  }),
  uniqueWithin({
    id: 'bup.abc-band-unique',
    operations: OPERATIONS,
    summary: 'The Band numbers of a pattern’s ABC bands are unique.',
    source: 'fields.json AbcBand.Band',
    key: 'Band',
    lists: bandsOf('Abc', 'BandAbc'),
  }),
  uniqueWithin({
    id: 'bup.startup-case-unique',
    operations: OPERATIONS,
    summary: 'The CaseNo of a pattern’s startup cost bands are unique.',
    source: 'fields.json StartupCostBand.CaseNo',
    key: 'CaseNo',
    lists: bandsOf('StartupCost', 'BandStartup'),
  }),
];
