/** codeName: the readable name of a code, through the schema namespaces of the root entry. */
import { market, omi, outbound, registration, report } from '../../src/index.js';

test('the name of a code, as the generated enumeration is keyed', () => {
  expect(market.codeName(market.DirectionUpDownType, '1')).toBe('SELL');
  expect(market.codeName(market.AreaType, '03')).toBe('TOKYO');
  expect(registration.codeName(registration.ResRecordStatusType, 'WORKING')).toBe('IN_PROGRESS');
  expect(outbound.codeName(outbound.RemResvUtilizationType, '0')).toBe('NOT_AVAILABLE');
  // Where names equal codes, the name is the code.
  expect(report.codeName(report.FileTypeType, 'CSV')).toBe('CSV');
});

test('undefined for a code the type does not have, whatever its spelling', () => {
  expect(market.codeName(market.AreaType, '11')).toBeUndefined();
  expect(market.codeName(market.AreaType, '3')).toBeUndefined();
  expect(market.codeName(market.AreaType, 3)).toBeUndefined();
  // A name is not a code.
  expect(market.codeName(market.AreaType, 'TOKYO')).toBeUndefined();
  // The code of another type is unknown here: omi has a second direction, market does not.
  expect(market.codeName(market.DirectionUpDownType, '2')).toBeUndefined();
});

test('a code the reference client does not name gives the code itself, its key', () => {
  expect(omi.codeName(omi.DirectionUpDownType, '2')).toBe('2');
  // An enumeration without any names: every key is its code.
  expect(market.codeName(market.AwardStatusLimitedType, 'SWITCHED')).toBe('SWITCHED');
});

test('every namespace offers the same function, which works on any table', () => {
  expect(new Set([market, omi, registration, report, outbound].map((ns) => ns.codeName)).size).toBe(1);
  expect(market.codeName({ ONE: 1, TWO: 2 }, 2)).toBe('TWO');
  // Inherited properties are not keys.
  expect(market.codeName(Object.create({ HIDDEN: 'x' }) as Record<string, string>, 'x')).toBeUndefined();
});
