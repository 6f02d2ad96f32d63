/** Validator cases the schemas of today do not reach but the XSD rules define. */
import type { ModuleDescriptor } from '../../src/xml/descriptors.js';
import { validateValue } from '../../src/xml/validate.js';

const schema: ModuleDescriptor = {
  module: 'test',
  file: 'test.xsd',
  release: 'test',
  sha256: '',
  namespace: '',
  elements: { R: 'RType' },
  types: {
    RType: {
      kind: 'complex',
      name: 'RType',
      attributes: [],
      content: {
        kind: 'sequence',
        min: 1,
        max: 1,
        particles: [
          {
            kind: 'sequence',
            min: 0,
            max: 1,
            particles: [
              { kind: 'element', name: 'A', type: 'xs:string', min: 1, max: 1 },
              { kind: 'element', name: 'B', type: 'xs:string', min: 1, max: 1 },
            ],
          },
        ],
      },
    },
  },
};

test('an optional sequence that is partly given needs its required members', () => {
  expect(validateValue(schema, 'RType', { A: 'a' }, 'R')).toEqual([
    { path: 'R.B', message: 'required element is missing' },
  ]);
});

test('an optional sequence left out entirely is fine', () => {
  expect(validateValue(schema, 'RType', {}, 'R')).toEqual([]);
  expect(validateValue(schema, 'RType', { A: 'a', B: 'b' }, 'R')).toEqual([]);
});
