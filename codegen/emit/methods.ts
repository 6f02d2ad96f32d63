/**
 * Catalog → `methods.ts`: the MmsClient method of every operation, declared
 * with its types and a doc comment (the runtime defines each method as
 * `request(<operation>, …)`, see src/client/client.ts).
 */
import type { PayloadModule } from '../../src/xml/descriptors.js';
import type { SchemaModel } from '../model/model.js';
import type { ModuleName } from '../schemas.js';
import { methodName, quote } from './names.js';
import { MODULE_INTERFACES, operationId } from './operations.js';

export function emitMethods(models: Map<ModuleName, SchemaModel>, header: string): string {
  const entries: { id: string; text: string }[] = [];
  for (const module of Object.keys(MODULE_INTERFACES) as PayloadModule[]) {
    const model = models.get(module)!;
    const info = MODULE_INTERFACES[module];
    for (const op of model.operations) {
      const id = operationId(module, op);
      const where = op.envelope ? `\`${op.element}\` in \`${op.envelope}\`` : `\`${op.element}\``;
      const text =
        `  /**\n` +
        `   * ${id}: ${where} (${model.file}, type \`${op.dataType}\`), on ${info.interface} as \`${info.requestType}\`.\n` +
        `   * ${op.many ? 'Takes one item or a list; returns the list the MMS sent back.' : 'Takes one item; returns the item the MMS sent back.'}\n` +
        `   * Same as \`client.request(${quote(id)}, attributes, data, options)\`.\n` +
        `   */\n` +
        `  ${methodName(id)}(attributes: EnvelopeInput<${quote(id)}>, data: DataInput<${quote(id)}>, options?: CallOptions): Promise<CallResult<${quote(id)}>>;\n`;
      entries.push({ id, text });
    }
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  return (
    `${header}import type { CallOptions, CallResult, DataInput, EnvelopeInput } from '../src/client/types.js';\n\n` +
    `/** A method for every MMS operation, named after the operation (see README, "Operations"). */\n` +
    `export interface OperationMethods {\n${entries.map((e) => e.text).join('')}}\n`
  );
}
