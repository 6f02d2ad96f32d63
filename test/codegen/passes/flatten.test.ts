/**
 * Pass 2, flatten: attribute groups expand in schema order, simpleContent
 * extensions reach the text's simple type and inherit the base's attributes
 * first, and a name left twice, or a cycle, stops generation.
 */
import { flatten } from '../../../codegen/passes/flatten.js';
import type { AttributeModel, ComplexTypeModel } from '../../../codegen/model/model.js';
import { attribute, complex, schemaModel, simple } from './model.js';

const attributeNames = (type: ComplexTypeModel): string[] =>
  (type.attributes as AttributeModel[]).map((a) => a.name);

describe('flatten', () => {
  it('expands nested attribute groups in place, keeping schema order', () => {
    const type = complex('T', { attributes: [attribute('first'), { groupRef: 'Outer' }, attribute('last')] });
    flatten(
      schemaModel({
        types: [type],
        attributeGroups: {
          Outer: [attribute('o1'), { groupRef: 'Inner' }, attribute('o2')],
          Inner: [attribute('i1'), attribute('i2')],
        },
      }),
    );
    expect(attributeNames(type)).toEqual(['first', 'o1', 'i1', 'i2', 'o2', 'last']);
  });

  it('refuses an attribute-group cycle', () => {
    const model = schemaModel({
      types: [complex('T', { attributes: [{ groupRef: 'A' }] })],
      attributeGroups: { A: [{ groupRef: 'B' }], B: [{ groupRef: 'A' }] },
    });
    expect(() => flatten(model)).toThrow('t.xsd: attributeGroup cycle A → B');
  });

  it('gives a simpleContent type the simple type of its text, built-in or declared', () => {
    const onBuiltin = complex('OnBuiltin', { textBase: 'xs:decimal' });
    const onSimple = complex('OnSimple', { textBase: 'Code' });
    const elementOnly = complex('ElementOnly');
    flatten(schemaModel({ types: [onBuiltin, onSimple, elementOnly, simple('Code', 'xs:string')] }));
    expect(onBuiltin.text).toBe('xs:decimal');
    expect(onSimple.text).toBe('Code');
    expect(elementOnly.text).toBeUndefined();
  });

  it('follows complex bases to the text type, base attributes first, whatever the declaration order', () => {
    const derived = complex('Derived', { textBase: 'Middle', attributes: [attribute('own')] });
    const middle = complex('Middle', { textBase: 'Base', attributes: [{ groupRef: 'G' }] });
    const base = complex('Base', { textBase: 'xs:string', attributes: [attribute('unit')] });
    flatten(schemaModel({ types: [derived, middle, base], attributeGroups: { G: [attribute('scale')] } }));
    expect(derived.text).toBe('xs:string');
    expect(attributeNames(derived)).toEqual(['unit', 'scale', 'own']);
    expect(attributeNames(middle)).toEqual(['unit', 'scale']);
  });

  it('refuses a simpleContent extension of a type without simple content', () => {
    const model = schemaModel({ types: [complex('T', { textBase: 'ElementOnly' }), complex('ElementOnly')] });
    expect(() => flatten(model)).toThrow('t.xsd: T extends ElementOnly, which has no simple content');
  });

  it('refuses a simpleContent cycle', () => {
    const model = schemaModel({ types: [complex('A', { textBase: 'B' }), complex('B', { textBase: 'A' })] });
    expect(() => flatten(model)).toThrow('t.xsd: simpleContent cycle at A');
  });

  it.each([
    ['through a group', [attribute('a'), { groupRef: 'G' }], 'xs:string', { G: [attribute('a')] }],
    ['by inheritance', [attribute('a')], 'Base', {}],
  ])('refuses an attribute declared twice %s', (_how, attributes, textBase, attributeGroups) => {
    const base = complex('Base', { textBase: 'xs:string', attributes: [attribute('a')] });
    const model = schemaModel({ types: [complex('T', { attributes, textBase }), base], attributeGroups });
    expect(() => flatten(model)).toThrow('t.xsd: T declares attribute a twice');
  });
});
