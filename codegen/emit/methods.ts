/**
 * Catalog → `methods.ts`: the MmsClient method of every operation, declared
 * with its types and a doc comment (the runtime defines each method as
 * `request(<operation>, …)`, see src/client/client.ts).
 */
import type { SchemaModel } from '../model/model.js';
import { isPayloadModule } from '../passes/catalog.js';
import type { ModuleName } from '../schemas.js';
import { methodDeclarations } from './operations.js';
import { byKey } from '../order.js';

export function emitMethods(models: Map<ModuleName, SchemaModel>, header: string): string {
  const entries = [...models.values()]
    .filter((model) => isPayloadModule(model.module))
    .flatMap(methodDeclarations)
    .sort(byKey((e) => e.id));
  return (
    `${header}import type { CallOptions, CallResult, DataInput, EnvelopeInput } from '../src/client/types.js';\n\n` +
    `/** A method for every MMS operation, named after the operation (see README, "Operations"). */\n` +
    `export interface OperationMethods {\n${entries.map((e) => e.text).join('')}}\n`
  );
}
