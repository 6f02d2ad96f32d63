/**
 * Catalog → `methods.ts`: the MmsClient method of every operation, declared
 * with its types and a doc comment (the runtime defines each method as
 * `request(<operation>, …)`, see src/client/client.ts), the call shapes by
 * operation id, and the reference client's names (overlays/reference-names.ts)
 * as a typed interface plus the table the client defines them from.
 */
import type { OperationModel, SchemaModel } from '../model/model.js';
import { REFERENCE_NAMES, type ReferenceName } from '../overlays/reference-names.js';
import { isPayloadModule } from '../passes/catalog.js';
import type { ModuleName } from '../schemas.js';
import { methodDeclarations } from './operations.js';
import { moduleIdentifier, quote, SUPPORT_FROM_TOP, typeIdentifier } from './names.js';
import { byKey, compareStrings } from '../order.js';

const SHAPES =
  `/** The envelope attributes of an operation; the identity attributes are optional (the client fills them in). */\n` +
  `export type EnvelopeInput<K extends OperationId> = EnvelopeInputOf<OperationTypes[K]>;\n` +
  `/** One data item of an operation's request, without the members only answers carry. */\n` +
  `export type DataInput<K extends OperationId> = DataInputOf<OperationTypes[K]>;\n` +
  `/** What a call's \`data\` argument takes: one item, or for operations on many items one or a list. */\n` +
  `export type DataArgument<K extends OperationId> = DataArgumentOf<OperationTypes[K]>;\n` +
  `/** What a call's \`data\` holds: the results where the MMS puts them, a list when they repeat. */\n` +
  `export type DataOutput<K extends OperationId> = DataOutputOf<OperationTypes[K]>;\n` +
  `export type CallResult<K extends OperationId> = CallResultOf<OperationTypes[K]>;\n`;

function referenceDeclaration(
  name: string,
  ref: ReferenceName,
  op: OperationModel,
  module: ModuleName,
): string {
  const id = quote(op.id);
  const audience =
    op.audience!.length === 3 ? '' : `; ${op.audience!.map((a) => a.toUpperCase()).join(' or ')} only`;
  const doc = `  /** ${ref.doc} (\`${op.id}\`)${audience}. */\n`;
  if (ref.shape === 'transactionId') {
    return `${doc}  ${name}(${ref.parameter}: string, options?: CallOptions): Promise<CallResult<${id}>>;\n`;
  }
  const item = `DataInput<${id}>`;
  const [data, returns] =
    ref.shape === 'one'
      ? [item, `MmsResult<${moduleIdentifier(module)}.${typeIdentifier(op.result!.type)} | undefined>`]
      : [ref.shape === 'list' ? `readonly ${item}[]` : item, `CallResult<${id}>`];
  return (
    doc +
    `  ${name}(attributes: EnvelopeInput<${id}>, ${ref.parameter}: ${data}, options?: CallOptions): Promise<${returns}>;\n`
  );
}

function referenceNames(models: Map<ModuleName, SchemaModel>): {
  declarations: string;
  table: string;
  modules: ModuleName[];
} {
  const byId = new Map<string, { op: OperationModel; module: ModuleName }>();
  for (const model of models.values())
    for (const op of model.operations) byId.set(op.id, { op, module: model.module });
  const declarations: string[] = [];
  const table: string[] = [];
  const modules = new Set<ModuleName>();
  for (const [name, ref] of Object.entries(REFERENCE_NAMES)) {
    const found = byId.get(ref.operation);
    if (!found)
      throw new Error(
        `overlays/reference-names.ts: ${name} calls ${ref.operation}, which this release lacks`,
      );
    if ((ref.shape === 'one' || ref.shape === 'list') && !found.op.many) {
      throw new Error(
        `overlays/reference-names.ts: ${name} is a ${ref.shape} call, but ${ref.operation} takes no list`,
      );
    }
    if (ref.shape !== 'transactionId') modules.add(found.module);
    declarations.push(referenceDeclaration(name, ref, found.op, found.module));
    table.push(`  ${name}: [${quote(ref.operation)}, ${quote(ref.shape)}],\n`);
  }
  return {
    declarations: declarations.join(''),
    table: table.join(''),
    modules: [...modules].sort(compareStrings),
  };
}

export function emitMethods(models: Map<ModuleName, SchemaModel>, header: string): string {
  const entries = [...models.values()]
    .filter((model) => isPayloadModule(model.module))
    .flatMap(methodDeclarations)
    .sort(byKey((e) => e.id));
  const reference = referenceNames(models);
  return (
    `${header}import type {\n  CallOptions,\n  CallResultOf,\n  DataArgumentOf,\n  DataInputOf,\n  DataOutputOf,\n  EnvelopeInputOf,\n  MmsResult,\n} from '${SUPPORT_FROM_TOP}';\n` +
    `import type { OperationId, OperationTypes } from './index.js';\n` +
    reference.modules
      .map((m) => `import type * as ${moduleIdentifier(m)} from './${m}/types.js';\n`)
      .join('') +
    `\n${SHAPES}\n` +
    `/** A method for every MMS operation, named after the operation (see README, "Operations"). */\n` +
    `export interface OperationMethods {\n${entries.map((e) => e.text).join('')}}\n\n` +
    `/** Reference method → [operation, shape]: \`one\` wraps the item in a list and unwraps the answer. */\n` +
    `export const REFERENCE_NAMES = {\n${reference.table}} as const;\n\n` +
    `export type ReferenceName = keyof typeof REFERENCE_NAMES;\n\n` +
    `/** The reference client's calls (mms-client for Python), typed: the same requests under its names. */\n` +
    `export interface ReferenceMethods {\n${reference.declarations}}\n`
  );
}
