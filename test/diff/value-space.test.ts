/** Value-space comparison: exact decimals, enumerations as sets, honest patterns. */
import type { Facets } from '../../src/xml/descriptors.js';
import {
  builtinRelation,
  compareValueSpaces,
  satisfies,
  type ValueSpace,
} from '../../codegen/diff/value-space.js';

const dec = (facets: Facets): ValueSpace => ({ builtin: 'decimal', facets });
const str = (facets: Facets): ValueSpace => ({ builtin: 'string', facets });
const relations = (a: ValueSpace, b: ValueSpace): string[] =>
  compareValueSpaces(a, b).map((f) => `${f.kind}:${f.relation}`);

describe('compareValueSpaces', () => {
  test('the same bound written differently is no change', () => {
    expect(compareValueSpaces(dec({ maxInclusive: '100' }), dec({ maxInclusive: '100.00' }))).toEqual([]);
  });

  test('bounds are compared as decimals, not as floats', () => {
    // Both round to the same double.
    expect(Number('9999999999999999.99')).toBe(Number('9999999999999999.98'));
    expect(
      relations(dec({ maxInclusive: '9999999999999999.99' }), dec({ maxInclusive: '9999999999999999.98' })),
    ).toEqual(['facet-changed:narrowed']);
    expect(relations(dec({ minInclusive: '-0.00' }), dec({ minInclusive: '+0' }))).toEqual([]);
    expect(relations(dec({ minInclusive: '-10' }), dec({ minInclusive: '-2' }))).toEqual([
      'facet-changed:narrowed',
    ]);
  });

  test('date bounds are compared as dates', () => {
    const day = (minInclusive: string): ValueSpace => ({ builtin: 'date', facets: { minInclusive } });
    expect(relations(day('2024-04-01'), day('2024-03-31'))).toEqual(['facet-changed:widened']);
  });

  test('bounds: a raised maximum widens, a raised minimum narrows, exactly', () => {
    expect(relations(dec({ maxInclusive: '20' }), dec({ maxInclusive: '500' }))).toEqual([
      'facet-changed:widened',
    ]);
    expect(
      relations(dec({ maxInclusive: '9999999999999999.99' }), dec({ maxInclusive: '9999999999999999.98' })),
    ).toEqual(['facet-changed:narrowed']);
    expect(relations(dec({ minInclusive: '0' }), dec({ minInclusive: '0.01' }))).toEqual([
      'facet-changed:narrowed',
    ]);
    expect(relations(dec({}), dec({ minInclusive: '0' }))).toEqual(['facet-changed:narrowed']);
    expect(relations(dec({ maxInclusive: '1' }), dec({}))).toEqual(['facet-changed:widened']);
  });

  test('lengths and digits', () => {
    expect(relations(str({ minLength: 31, maxLength: 40 }), str({ minLength: 32, maxLength: 41 }))).toEqual([
      'facet-changed:narrowed',
      'facet-changed:widened',
    ]);
    expect(relations(str({ length: 2 }), str({ minLength: 2, maxLength: 2 }))).toEqual([]);
    expect(relations(dec({ fractionDigits: 3 }), dec({ fractionDigits: 2 }))).toEqual([
      'facet-changed:narrowed',
    ]);
    // 7 digits fit a number; unbounded digits are held as a string: the TypeScript type changes too.
    expect(relations(dec({ totalDigits: 7 }), dec({}))).toEqual([
      'representation-changed:changed',
      'facet-changed:widened',
    ]);
  });

  test('an enumeration whose built-in changes is reported, with the TypeScript type it becomes', () => {
    const codes = { enumeration: ['1', '2'] };
    expect(relations(str(codes), { builtin: 'int', facets: codes })).toEqual([
      'builtin-changed:narrowed',
      'representation-changed:changed',
    ]);
  });

  test('enumerations are sets of values', () => {
    expect(relations(str({ enumeration: ['A', 'B'] }), str({ enumeration: ['B', 'A'] }))).toEqual([]);
    expect(
      relations(str({ enumeration: ['DAM', 'WAM'] }), str({ enumeration: ['DAM', 'DCM'] })).sort(),
    ).toEqual(['enumeration-value-added:widened', 'enumeration-value-removed:narrowed']);
    // 1.0 and 1.00 are one decimal value.
    expect(relations(dec({ enumeration: ['1.0', '2'] }), dec({ enumeration: ['1.00', '2.0'] }))).toEqual([]);
  });

  test('an enumeration replaced by facets is decided by checking every value, patterns included', () => {
    const codes = str({ enumeration: ['01', '07', '13', '19', '25', '31', '37', '43'] });
    const open = str({ length: 2, patterns: [['([0][1-9]|[1-3][0-9]|[4][0-8])']] });
    expect(relations(codes, open)).toEqual(['enumeration-changed:widened']);
    expect(relations(open, codes)).toEqual(['enumeration-changed:narrowed']);
    // 49 does not match the pattern: old values would be lost.
    expect(relations(str({ enumeration: ['01', '49'] }), open)).toEqual(['enumeration-changed:changed']);
  });

  test('patterns: added steps narrow, removed steps widen, anything else is not guessed', () => {
    const a = str({ patterns: [['[A-Z]*']] });
    expect(relations(a, str({ patterns: [['[A-Z]*'], ['.{1,5}']] }))).toEqual(['pattern-changed:narrowed']);
    expect(relations(str({ patterns: [['[A-Z]*'], ['.{1,5}']] }), a)).toEqual(['pattern-changed:widened']);
    expect(relations(a, str({ patterns: [['[A-Z]*', '[0-9]*']] }))).toEqual(['pattern-changed:widened']);
    expect(relations(a, str({ patterns: [['[A-Z0-9]*']] }))).toEqual(['pattern-changed:unknown']);
  });

  test('built-in types form a lattice of lexical spaces', () => {
    expect(builtinRelation('int', 'long')).toBe('widened');
    expect(builtinRelation('decimal', 'integer')).toBe('narrowed');
    expect(builtinRelation('date', 'dateTime')).toBe('changed');
    expect(builtinRelation('boolean', 'string')).toBe('widened');
  });

  test('satisfies checks lexical form and every facet', () => {
    const price = dec({ minInclusive: '0', maxInclusive: '99.99', fractionDigits: 2 });
    expect(satisfies('99.99', price)).toBe(true);
    expect(satisfies('99.991', price)).toBe(false);
    expect(satisfies('100', price)).toBe(false);
    expect(satisfies('abc', price)).toBe(false);
    expect(satisfies('2147483648', { builtin: 'int', facets: {} })).toBe(false);
    expect(satisfies('AB', str({ patterns: [['[A-Z]{2}'], ['A.']] }))).toBe(true);
  });
});
