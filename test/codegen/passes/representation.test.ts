/**
 * Pass 4, representation: a simple type becomes a JS `number` only where its
 * facets prove no valid value has more than 15 significant digits; every row
 * below reaches one return of `chooseRepresentation`, named in its reason.
 */
import type { Builtin, Facets, JsRepresentation } from '../../../src/xml/descriptors.js';
import { chooseRepresentation, chooseRepresentations } from '../../../codegen/passes/representation.js';
import { complex, schemaModel, simple } from './model.js';

const rows: [Builtin, Facets, JsRepresentation, string][] = [
  // Not integer/long/decimal: the built-in's own representation, whatever the facets.
  ['string', { totalDigits: 3 }, 'string', 'not a decimal type: digit facets do not apply'],
  ['boolean', {}, 'boolean', 'not a decimal type: the built-in decides'],
  ['int', {}, 'number', 'not a decimal type: xs:int always fits a double'],
  ['float', {}, 'number', 'not a decimal type: xs:float is a double already'],
  ['dateTime', {}, 'string', 'not a decimal type: the built-in decides'],
  // totalDigits bounds the significant digits directly.
  ['decimal', { totalDigits: 15, fractionDigits: 2 }, 'number', 'totalDigits 15 is within 15'],
  ['integer', { totalDigits: 10 }, 'number', 'totalDigits 10 is within 15'],
  ['long', { totalDigits: 16 }, 'string', 'totalDigits 16 is too many and there are no bounds'],
  // Without both bounds nothing limits the digits.
  ['integer', {}, 'string', 'no facets: unbounded integer'],
  ['long', { minInclusive: '0' }, 'string', 'only a lower bound'],
  ['decimal', { maxInclusive: '10', fractionDigits: 2 }, 'string', 'only an upper bound'],
  // Bounds of a decimal count only with fractionDigits.
  ['decimal', { minInclusive: '0', maxInclusive: '10' }, 'string', 'decimal bounds without fractionDigits'],
  // Bounds: integer digits of the wider bound plus fraction digits.
  [
    'long',
    { minInclusive: '-999999999999999', maxInclusive: '999999999999999' },
    'number',
    'bounds of 15 integer digits, no fraction',
  ],
  ['integer', { minInclusive: '0', maxInclusive: '1000000000000000' }, 'string', 'upper bound of 16 digits'],
  [
    'integer',
    { minInclusive: '-1000000000000000', maxInclusive: '0' },
    'string',
    'lower bound of 16 digits: the wider bound counts',
  ],
  [
    'integer',
    { minInclusive: '+0000000000000000001', maxInclusive: '99' },
    'number',
    'leading zeros and sign do not count',
  ],
  [
    'decimal',
    { minInclusive: '0', maxInclusive: '9999999999999', fractionDigits: 2 },
    'number',
    '13 integer + 2 fraction digits = 15',
  ],
  [
    'decimal',
    { minInclusive: '0', maxInclusive: '9999999999999', fractionDigits: 3 },
    'string',
    '13 integer + 3 fraction digits = 16',
  ],
  [
    'decimal',
    { minInclusive: '-12345678901234.5', maxInclusive: '0', fractionDigits: 1 },
    'number',
    'a bound with a fraction counts its integer part only',
  ],
  [
    'decimal',
    { totalDigits: 20, minInclusive: '0', maxInclusive: '100', fractionDigits: 2 },
    'number',
    'totalDigits too wide, but the bounds prove 5 digits',
  ],
];

describe('chooseRepresentation', () => {
  it.each(rows)('xs:%s %j → %s (%s)', (builtin, facets, expected) => {
    expect(chooseRepresentation(builtin, facets)).toBe(expected);
  });
});

describe('chooseRepresentations', () => {
  it('sets `js` on every folded simple type and leaves the rest alone', () => {
    const amount = {
      ...simple('Amount', 'xs:decimal'),
      builtin: 'decimal' as const,
      facets: { totalDigits: 5 },
    };
    const code = { ...simple('Code', 'xs:decimal'), builtin: 'decimal' as const, facets: {} };
    const unfolded = simple('Unfolded', 'xs:integer');
    const model = schemaModel({ types: [amount, code, unfolded, complex('Holder')] });
    chooseRepresentations(model);
    expect(amount.js).toBe('number');
    expect(code.js).toBe('string');
    expect(unfolded.js).toBeUndefined();
    expect(model.types.get('Holder')).not.toHaveProperty('js');
  });
});
