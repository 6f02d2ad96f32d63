/**
 * overlays/field-meanings.ts → `field-docs.ts`: the meaning and unit of
 * every member name the release's schemas use, for `describeInput` and the
 * CLI help (the doc comments of types.ts carry the same texts). The
 * citations stay in the overlay; names and types this release lacks are left out.
 */
import type { ComplexTypeModel, SchemaModel } from '../model/model.js';
import type { FieldDoc, FieldDocEntry } from '../../src/field-docs.js';
import { FIELD_MEANINGS } from '../overlays/field-meanings.js';
import type { ModuleName } from '../schemas.js';
import { propertiesOf } from './properties.js';
import { propertyKey, quote } from './names.js';
import { compareStrings } from '../order.js';

function docFields(doc: FieldDoc): string {
  return `meaning: ${quote(doc.meaning)}${doc.unit !== undefined ? `, unit: ${quote(doc.unit)}` : ''}`;
}

/** Member name → the complex types (of any module) that have a member of that name. */
function membersByName(models: ReadonlyMap<ModuleName, SchemaModel>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const model of models.values()) {
    for (const type of model.types.values()) {
      if (type.kind !== 'complex') continue;
      for (const prop of propertiesOf(type as ComplexTypeModel, model.file)) {
        let types = out.get(prop.name);
        if (!types) out.set(prop.name, (types = new Set()));
        types.add(type.name);
      }
    }
  }
  return out;
}

/** The table as the release uses it: only names its types have, overrides only for types that have the name. */
export function releaseFieldDocs(
  models: ReadonlyMap<ModuleName, SchemaModel>,
): Record<string, FieldDocEntry> {
  const used = membersByName(models);
  const table: Record<string, FieldDocEntry> = {};
  for (const name of Object.keys(FIELD_MEANINGS).sort(compareStrings)) {
    const types = used.get(name);
    if (!types) continue;
    const entry = FIELD_MEANINGS[name]!;
    const overrides = Object.entries(entry.in ?? {}).filter(([type]) => types.has(type));
    const general = { meaning: entry.meaning, ...(entry.unit !== undefined ? { unit: entry.unit } : {}) };
    table[name] = overrides.length > 0 ? { ...general, in: Object.fromEntries(overrides) } : general;
  }
  return table;
}

export function emitFieldDocs(table: Readonly<Record<string, FieldDocEntry>>, header: string): string {
  const entries = Object.entries(table).map(([name, entry]) => {
    const overrides = Object.entries(entry.in ?? {}).sort(([a], [b]) => compareStrings(a, b));
    const own = overrides.length
      ? `, in: {\n${overrides.map(([type, doc]) => `    ${propertyKey(type)}: { ${docFields(doc)} },\n`).join('')}  }`
      : '';
    return `  ${propertyKey(name)}: { ${docFields(entry)}${own} },\n`;
  });
  return (
    `${header}import type { FieldDocEntry } from '../src/generated-support.js';\n\n` +
    `/** What member names mean (and their units), by XML name; \`in\` holds meanings particular to one complex type. */\n` +
    `export const FIELD_DOCS: Readonly<Record<string, FieldDocEntry>> = {\n${entries.join('')}};\n`
  );
}
