/**
 * The code-names release pass (codegen/passes/code-names.ts) on hand-made
 * schemas and a hand-made reference: which types get names, from which
 * enumeration, and what the emitted enumeration looks like.
 */
import { emitTypes } from '../../../codegen/emit/types.js';
import type { SchemaModel, SimpleTypeModel } from '../../../codegen/model/model.js';
import type { ReferenceEnumerations } from '../../../codegen/overlays/enum-names.js';
import { nameCodes } from '../../../codegen/passes/code-names.js';
import { runPasses } from '../../../codegen/passes/index.js';
import { readSchemaFile } from '../../../codegen/read/xsd.js';
import type { ModuleName } from '../../../codegen/schemas.js';

describe('the mapping rule, on hand-made schemas', () => {
  const xsd = (body: string): string =>
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${body}</xs:schema>`;
  const enumeration = (name: string, codes: string[]): string =>
    `<xs:simpleType name="${name}"><xs:restriction base="xs:string">${codes
      .map((c) => `<xs:enumeration value="${c}"/>`)
      .join('')}</xs:restriction></xs:simpleType>`;
  // Types only: the catalog passes would look for the payload root these schemas lack.
  const read = (module: ModuleName, body: string): SchemaModel =>
    runPasses(readSchemaFile(module, `${module}.xsd`, '0'.repeat(64), xsd(body)), {
      skip: ['catalog', 'kind', 'service', 'overlays'],
    });
  // Award is the reference model of market's AwardResultsDataType (overlays/enum-names.ts).
  const market = (): SchemaModel =>
    read(
      'market',
      `<xs:complexType name="AwardResultsDataType"><xs:attribute name="Area" type="AreaType"/></xs:complexType>` +
        enumeration('AreaType', ['01', '02']),
    );
  const omi = (): SchemaModel => read('omi', enumeration('AreaType', ['01', '03']));
  const ref = (enums: Record<string, [string, string][]>): ReferenceEnumerations => ({
    file: 'reference/enum-names.json',
    sha256: '0'.repeat(64),
    enums: Object.fromEntries(
      Object.entries(enums).map(([e, members]) => [
        e,
        {
          members: members.map(([name, value]) => ({ name, value })),
          usedBy: [{ model: 'Award', xml: 'Area', kind: 'attribute' }],
        },
      ]),
    ),
  });
  const names = (model: SchemaModel): Record<string, string> | undefined => {
    const type = model.types.get('AreaType') as SimpleTypeModel;
    return type.names && Object.fromEntries(type.names.byCode);
  };

  test('names only the codes the schema has; a copy in another module gets them too', () => {
    const models = new Map<ModuleName, SchemaModel>([
      ['market', market()],
      ['omi', omi()],
    ]);
    const report = nameCodes(
      models,
      ref({
        Area: [
          ['NORTH', '01'],
          ['GONE', '99'],
        ],
      }),
    );
    expect(names(models.get('market')!)).toEqual({ '01': 'NORTH' });
    expect(names(models.get('omi')!)).toEqual({ '01': 'NORTH' });
    expect(report.bound.map((b) => `${b.module} ${b.via}`)).toEqual([
      'market Award.Area',
      'omi same type as market.AreaType',
    ]);
    const emitted = emitTypes(models.get('market')!, '');
    expect(emitted).toContain("  /** Code `01`: NORTH. */\n  NORTH: '01',");
    expect(emitted).toMatch(
      /Code `02`: the reference client has no name for it, so the code is the key\. \*\/\n {2}'02': '02',/,
    );
    expect(emitted).not.toContain('GONE');
  });

  test('several enumerations on one type: more named codes win, a tie stops generation', () => {
    const models = new Map<ModuleName, SchemaModel>([['market', market()]]);
    const report = nameCodes(
      models,
      ref({
        Few: [['ONE', '01']],
        More: [
          ['A', '01'],
          ['B', '02'],
        ],
      }),
    );
    expect(names(models.get('market')!)).toEqual({ '01': 'A', '02': 'B' });
    expect(report.dropped.map((d) => `${d.enumeration}: ${d.reason}`)).toEqual([
      'Few: More names more of its codes',
    ]);
    expect(() =>
      nameCodes(new Map([['market', market()]]), ref({ X: [['ONE', '01']], Y: [['TWO', '02']] })),
    ).toThrow(/AreaType: the reference enumerations X and Y name its codes equally/);
  });

  test('an enumeration sharing no code with the type is dropped, and the type keeps its code keys', () => {
    const models = new Map<ModuleName, SchemaModel>([['market', market()]]);
    const report = nameCodes(models, ref({ Other: [['WORKING', 'W']] }));
    expect(names(models.get('market')!)).toBeUndefined();
    expect(report.dropped.map((d) => d.reason)).toEqual(['no code in common']);
    expect(emitTypes(models.get('market')!, '')).toContain(
      "export const AreaType = {\n  '01': '01',\n  '02': '02',\n}",
    );
  });
});
