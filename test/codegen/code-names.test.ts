/**
 * Named codes (issue 11): the reference client's enumerations
 * (../shared/reference/enum-names.json) as readable keys of the generated
 * enumerations of the 2025-12 release, checked against the JSON itself,
 * with the counts. The rule itself: test/codegen/passes/code-names.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as generated from '../../generated/index.js';
import { moduleIdentifier, typeIdentifier } from '../../codegen/emit/names.js';
import { buildRelease } from '../../codegen/model/build.js';
import type { SimpleTypeModel } from '../../codegen/model/model.js';
import { MEANINGS, readReferenceEnumerations } from '../../codegen/overlays/enum-names.js';
import { nameCodes } from '../../codegen/passes/code-names.js';
import type { ModuleName } from '../../codegen/schemas.js';
import { REPO_ROOT, SHARED } from '../helpers/paths.js';

interface Json {
  enums: Record<string, { doc: string; members: { name: string; value: string; comment?: string }[] }>;
}
const reference = (
  JSON.parse(readFileSync(path.join(SHARED, 'reference', 'enum-names.json'), 'utf8')) as Json
).enums;

describe('the 2025-12 release', () => {
  const { models } = buildRelease('2025-12');
  const report = nameCodes(models, readReferenceEnumerations(REPO_ROOT));
  const table = (module: ModuleName, type: string): Record<string, unknown> =>
    (generated as unknown as Record<string, Record<string, Record<string, unknown>>>)[
      moduleIdentifier(module)
    ]![typeIdentifier(type)]!;
  const codesOf = (module: ModuleName, type: string): readonly string[] =>
    (models.get(module)!.types.get(type) as SimpleTypeModel).facets!.enumeration!;

  /**
   * Enumeration → its names reachable as `namespace.Type.NAME === code`, the
   * code enum-names.json gives the name; and any key that gives another code.
   */
  const reachable = new Map<string, Set<string>>();
  const wrong: string[] = [];
  for (const binding of report.bound) {
    const object = table(binding.module, binding.type);
    const codes = new Set(codesOf(binding.module, binding.type));
    for (const member of reference[binding.enumeration]!.members) {
      if (!codes.has(member.value)) continue;
      if (object[member.name] !== member.value) {
        wrong.push(`${binding.module}.${binding.type}.${member.name} is ${String(object[member.name])}`);
        continue;
      }
      reachable.set(binding.enumeration, (reachable.get(binding.enumeration) ?? new Set()).add(member.name));
    }
  }

  test('every readable key gives the code enum-names.json gives its name', () => {
    expect(report.bound.length).toBe(65);
    expect(wrong).toEqual([]);
  });

  test('at least 30 of the 33 enumerations are reachable by readable keys; the two that are not have no enumeration in the schema', () => {
    expect(Object.keys(reference)).toHaveLength(33);
    expect(reachable.size).toBeGreaterThanOrEqual(30);
    expect(reachable.size).toBe(31);
    const missing = Object.keys(reference).filter((e) => !reachable.has(e));
    expect(missing.sort()).toEqual(['Frequency', 'ParameterName']);
    // The fields they bind are typed by a pattern and by a plain string: no codes to name.
    const frequency = models.get('registration')!.types.get('FrequencyType') as SimpleTypeModel;
    expect(frequency.facets).toEqual({ patterns: [['([5]|[6])[0]']] });
    const parameter = models.get('report')!.types.get('ParamNameType') as SimpleTypeModel;
    expect(parameter.facets?.enumeration).toBeUndefined();
  });

  test('172 of the 179 members are reachable: all but those of the two unmapped enumerations', () => {
    const all = Object.entries(reference).flatMap(([e, { members }]) => members.map((m) => ({ e, ...m })));
    expect(all).toHaveLength(179);
    const unreached = all.filter((m) => !reachable.get(m.e)?.has(m.name)).map((m) => `${m.e}.${m.name}`);
    expect(all.length - unreached.length).toBe(172);
    expect(unreached).toEqual([
      'Frequency.EAST',
      'Frequency.WEST',
      'ParameterName.START_TIME',
      'ParameterName.END_TIME',
      'ParameterName.RESOURCE_NAME',
      'ParameterName.MARKET_TYPE',
      'ParameterName.AREA',
    ]);
  });

  test('the examples of the issue', () => {
    expect(generated.market.DirectionUpDownType.SELL).toBe('1');
    expect(generated.market.AreaType.TOKYO).toBe('03');
    expect(generated.registration.ContractTypeType.MARKET_AND_POWER_SUPPLY_2).toBe('2');
    // A code without a name keeps its code as key (omi's second direction).
    expect(generated.omi.DirectionUpDownType).toEqual({ SELL: '1', '2': '2' });
    // A code the schema lacks is left out: report's validation status has no PASSED_PARTIAL.
    expect(generated.market.ValidationStatusType).toHaveProperty('PASSED_PARTIAL', 'PASSED_PARTIAL');
    expect(generated.report.ValidationStatusType).not.toHaveProperty('PASSED_PARTIAL');
    // The descriptors carry the same names, for the CLI help.
    expect(generated.modules.market.types['DirectionUpDownType']).toMatchObject({ names: { '1': 'SELL' } });
  });

  test('every meaning written in the overlay belongs to a name the reference has', () => {
    for (const [enumeration, meanings] of Object.entries(MEANINGS)) {
      const names = reference[enumeration]?.members.map((m) => m.name) ?? [];
      expect([enumeration, Object.keys(meanings).filter((n) => !names.includes(n))]).toEqual([
        enumeration,
        [],
      ]);
    }
    expect(Object.keys(MEANINGS)).toHaveLength(13);
  });

  test("none of the reference's prose is in the generated code, only its names and codes", () => {
    const prose = Object.values(reference).flatMap((e) => [
      e.doc,
      ...e.members.flatMap((m) => m.comment ?? []),
    ]);
    expect(prose.length).toBeGreaterThan(33);
    const dir = path.join(REPO_ROOT, 'generated');
    const text = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(prose.filter((p) => text.includes(p))).toEqual([]);
  });

  test('the only binding dropped is the one whose codes the type does not have', () => {
    expect(report.dropped.map((d) => `${d.enumeration} ${d.module}.${d.type} ${d.reason}`)).toEqual([
      'Status market.PatternStatusType no code in common',
    ]);
  });
});
