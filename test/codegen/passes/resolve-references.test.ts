/**
 * Pass 1, resolve-references: an element ref takes the global element's
 * declaration; a name declared nowhere in the module stops generation.
 */
import { resolveReferences } from '../../../codegen/passes/resolve-references.js';
import type { ElementModel } from '../../../codegen/model/model.js';
import { attribute, choice, complex, element, schemaModel, sequence, simple } from './model.js';

const ref = (target: string, occurs: { min?: number; max?: number } = {}): ElementModel => ({
  ...element('', '', occurs),
  ref: target,
});

describe('resolveReferences', () => {
  it('gives a ref, nested in groups, the name, type, default and fixed value of the global element', () => {
    const local = ref('Price', { min: 0, max: 5 });
    const global = { ...element('Price', 'PriceType'), default: '0', fixed: '0' };
    const model = schemaModel({
      types: [simple('PriceType', 'xs:decimal'), complex('Offer', { content: sequence(choice(local)) })],
      elements: [global],
    });
    resolveReferences(model);
    // The occurrence bounds are the local particle's own; everything else comes from the target.
    expect(local).toEqual({
      kind: 'element',
      name: 'Price',
      type: 'PriceType',
      min: 0,
      max: 5,
      default: '0',
      fixed: '0',
    });
  });

  it('accepts built-ins and names declared in the module', () => {
    const model = schemaModel({
      types: [
        simple('Code', 'xs:string'),
        complex('Text', { textBase: 'Code', attributes: [attribute('a', 'Code'), { groupRef: 'Common' }] }),
      ],
      elements: [element('Root', 'Text')],
      attributeGroups: { Common: [attribute('b', 'xs:int')], Outer: [{ groupRef: 'Common' }] },
    });
    expect(() => resolveReferences(model)).not.toThrow();
  });

  it.each([
    [
      'a global element type',
      { elements: [element('Root', 'Missing')] },
      'element Root: unknown type Missing',
    ],
    [
      'a local element type',
      { types: [complex('T', { content: sequence(element('E', 'Missing')) })] },
      'T.E: unknown type Missing',
    ],
    [
      'an element ref',
      { types: [complex('T', { content: sequence(ref('Nowhere')) })] },
      'T: element ref Nowhere names no global element',
    ],
    ['a simple base', { types: [simple('S', 'Missing')] }, 'simpleType S: unknown type Missing'],
    [
      'a simpleContent base',
      { types: [complex('T', { textBase: 'Missing' })] },
      'complexType T: unknown type Missing',
    ],
    [
      'an attribute type',
      { types: [complex('T', { attributes: [attribute('a', 'Missing')] })] },
      'T@a: unknown type Missing',
    ],
    [
      'an attribute group of a type',
      { types: [complex('T', { attributes: [{ groupRef: 'Missing' }] })] },
      'T: unknown attributeGroup Missing',
    ],
    [
      'an attribute group inside a group',
      { attributeGroups: { G: [{ groupRef: 'Missing' }] } },
      'attributeGroup G: unknown Missing',
    ],
    [
      'an attribute type inside a group',
      { attributeGroups: { G: [attribute('a', 'Missing')] } },
      'attributeGroup G@a: unknown type Missing',
    ],
  ])('names an unknown name in %s', (_where, parts, problem) => {
    expect(() => resolveReferences(schemaModel(parts))).toThrow(
      `t.xsd: unresolved references:\n  ${problem}`,
    );
  });

  it('reports every unresolved name at once', () => {
    const model = schemaModel({ types: [simple('A', 'MissingA'), simple('B', 'MissingB')] });
    expect(() => resolveReferences(model)).toThrow(
      'simpleType A: unknown type MissingA\n  simpleType B: unknown type MissingB',
    );
  });
});
