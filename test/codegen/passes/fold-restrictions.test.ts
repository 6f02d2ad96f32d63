/**
 * Pass 3, fold-restrictions: a restriction chain folds into one built-in and
 * one set of facets; the derived step's bounds, lengths and enumeration
 * replace the base's, and its patterns are ANDed as a further step.
 */
import { foldRestrictions } from '../../../codegen/passes/fold-restrictions.js';
import type { SimpleTypeModel } from '../../../codegen/model/model.js';
import { complex, schemaModel, simple } from './model.js';

const folded = (type: SimpleTypeModel) => ({ builtin: type.builtin, facets: type.facets });

describe('foldRestrictions', () => {
  it('takes the built-in and the facets of a restriction of a built-in as they are', () => {
    const type = simple('Volume', 'xs:decimal', { totalDigits: 10, fractionDigits: 3 });
    foldRestrictions(schemaModel({ types: [type] }));
    expect(folded(type)).toEqual({ builtin: 'decimal', facets: { totalDigits: 10, fractionDigits: 3 } });
  });

  it('lets a derived step replace bounds, lengths and enumeration, declared before its base or after', () => {
    const derived = simple('Derived', 'Base', { maxInclusive: '50', enumeration: ['1', '2'], maxLength: 2 });
    const base = simple('Base', 'xs:integer', {
      minInclusive: '0',
      maxInclusive: '100',
      enumeration: ['1', '2', '3'],
      maxLength: 3,
      totalDigits: 3,
    });
    foldRestrictions(schemaModel({ types: [derived, base] }));
    expect(folded(derived)).toEqual({
      builtin: 'integer',
      facets: {
        minInclusive: '0',
        maxInclusive: '50',
        enumeration: ['1', '2'],
        maxLength: 2,
        totalDigits: 3,
      },
    });
    expect(base.facets).toEqual({
      minInclusive: '0',
      maxInclusive: '100',
      enumeration: ['1', '2', '3'],
      maxLength: 3,
      totalDigits: 3,
    });
  });

  it('ANDs the patterns of each step as separate steps, inherited through steps without any', () => {
    const top = simple('Top', 'Middle', { patterns: ['[0-9]{2}'] });
    const middle = simple('Middle', 'Bottom', { minLength: 1 });
    const bottom = simple('Bottom', 'xs:string', { patterns: ['[0-9]+', 'x'] });
    foldRestrictions(schemaModel({ types: [top, middle, bottom] }));
    expect(top.facets?.patterns).toEqual([['[0-9]+', 'x'], ['[0-9]{2}']]);
    expect(middle.facets?.patterns).toEqual([['[0-9]+', 'x']]);
    expect(bottom.facets?.patterns).toEqual([['[0-9]+', 'x']]);
  });

  it('adds no patterns where no step has one', () => {
    const type = simple('Plain', 'xs:string', { maxLength: 4 });
    foldRestrictions(schemaModel({ types: [type] }));
    expect(type.facets).not.toHaveProperty('patterns');
  });

  it('refuses a restriction of something other than a simple type', () => {
    const model = schemaModel({ types: [simple('S', 'C'), complex('C')] });
    expect(() => foldRestrictions(model)).toThrow('t.xsd: S restricts C, not a simple type');
  });

  it('refuses a restriction cycle', () => {
    const model = schemaModel({ types: [simple('A', 'B'), simple('B', 'A')] });
    expect(() => foldRestrictions(model)).toThrow('t.xsd: restriction cycle at A');
  });
});
