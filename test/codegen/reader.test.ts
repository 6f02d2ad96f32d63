/** The schema reader refuses what it does not implement, and resolves what it does, on small hand-made schemas. */
import { readSchemaFile } from '../../codegen/read/xsd.js';
import { runPasses } from '../../codegen/passes/index.js';
import type { ComplexTypeModel, ElementModel } from '../../codegen/model/model.js';

const xsd = (body: string, schemaAttributes = ''): string =>
  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ${schemaAttributes}>${body}</xs:schema>`;
const read = (text: string) => runPasses(readSchemaFile('outbound', 't.xsd', '0'.repeat(64), text));

test.each([
  ['nillable', '<xs:element name="A" type="xs:string" nillable="true"/>', /unsupported attribute nillable/],
  ['abstract type', '<xs:complexType name="T" abstract="true"/>', /unsupported attribute abstract/],
  [
    'attribute form',
    '<xs:complexType name="T"><xs:attribute name="a" type="xs:string" form="qualified"/></xs:complexType>',
    /unsupported attribute form/,
  ],
  [
    'a facet given twice',
    '<xs:simpleType name="S"><xs:restriction base="xs:string"><xs:maxLength value="3"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType>',
    /maxLength given twice in S/,
  ],
  [
    'a reference into another namespace',
    '<xs:element name="A" type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element xmlns:o="urn:other" ref="o:A"/></xs:sequence></xs:complexType>',
    /reference o:A is in namespace "urn:other"/,
  ],
])('refuses %s, naming the file and line', (_what, body, message) => {
  expect(() => read(xsd(body))).toThrow(message);
  expect(() => read(xsd(body))).toThrow(/^t\.xsd:\d+: /);
});

test('qualified local elements in a namespaced schema are refused', () => {
  expect(() => read(xsd('', 'targetNamespace="urn:x" elementFormDefault="qualified"'))).toThrow(
    /qualified local elements/,
  );
  // Without a target namespace the form makes no difference (the payload schemas say qualified).
  expect(() => read(xsd('', 'elementFormDefault="qualified"'))).not.toThrow();
});

test('an element reference takes the global element’s type, default and fixed value', () => {
  const model = read(
    xsd(
      '<xs:element name="A" type="xs:string" default="x"/>' +
        '<xs:complexType name="T"><xs:sequence><xs:element ref="A" minOccurs="0" maxOccurs="3"/></xs:sequence></xs:complexType>',
    ),
  );
  const particle = (model.types.get('T') as ComplexTypeModel).content!.particles[0] as ElementModel;
  expect(particle).toEqual({ kind: 'element', name: 'A', type: 'xs:string', min: 0, max: 3, default: 'x' });
});

test('an inherited simple-content attribute declared again is refused', () => {
  const body =
    '<xs:complexType name="B"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="Code" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>' +
    '<xs:complexType name="D"><xs:simpleContent><xs:extension base="B"><xs:attribute name="Code" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>';
  expect(() => read(xsd(body))).toThrow(/D declares attribute Code twice/);
});
