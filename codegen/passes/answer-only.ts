/**
 * Release pass: mark the members only answers carry (overlays/answer-only.ts)
 * on the operations whose data type has them, after checking the overlay
 * against the schema. A member the schema requires cannot be left out of a
 * request, so an entry naming one stops generation; an entry for a type or
 * member this release lacks is skipped (overlays span releases).
 */
import type { ComplexTypeModel, SchemaModel } from '../model/model.js';
import { propertiesOf } from '../emit/properties.js';
import { ANSWER_ONLY_BY_TYPE, ANSWER_ONLY_EVERYWHERE } from '../overlays/answer-only.js';
import type { ModuleName } from '../schemas.js';

function complexTypes(model: SchemaModel): ComplexTypeModel[] {
  return [...model.types.values()].filter((t): t is ComplexTypeModel => t.kind === 'complex');
}

function requireOptional(model: SchemaModel, type: ComplexTypeModel, names: ReadonlySet<string>): void {
  for (const prop of propertiesOf(type, model.file)) {
    if (names.has(prop.name) && !prop.optional) {
      throw new Error(
        `${model.file}: ${type.name}.${prop.name} is required, but overlays/answer-only.ts says only answers carry it`,
      );
    }
  }
}

export function markAnswerOnly(models: ReadonlyMap<ModuleName, SchemaModel>): void {
  const everywhere = new Set(ANSWER_ONLY_EVERYWHERE.map((m) => m.name));
  for (const model of models.values()) {
    for (const type of complexTypes(model)) requireOptional(model, type, everywhere);
  }
  for (const [qualified, entry] of Object.entries(ANSWER_ONLY_BY_TYPE)) {
    const [module, name] = qualified.split('.') as [ModuleName, string];
    const model = models.get(module);
    const type = model?.types.get(name);
    if (!model || type?.kind !== 'complex') continue;
    const present = new Set(propertiesOf(type, model.file).map((p) => p.name));
    const members = entry.members.filter((m) => present.has(m));
    requireOptional(model, type, new Set(members));
    for (const op of model.operations)
      if (op.dataType === name && members.length > 0) op.answerOnly = members;
  }
}
