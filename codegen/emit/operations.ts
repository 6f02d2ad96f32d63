/** Model → `operations.ts`: the operation catalog of one payload module. */
import type { InterfaceName, PayloadModule, RequestType } from '../../src/xml/descriptors.js';
import type { OperationModel, SchemaModel } from '../model/model.js';
import { methodName, quote, typeIdentifier } from './names.js';

export const MODULE_INTERFACES: Readonly<
  Record<
    PayloadModule,
    { readonly interface: InterfaceName; readonly requestType: RequestType; readonly prefix: string }
  >
> = {
  market: { interface: 'MI', requestType: 'mp.market', prefix: '' },
  registration: { interface: 'MI', requestType: 'mp.registration', prefix: '' },
  report: { interface: 'MI', requestType: 'mp.report', prefix: '' },
  // The OMI market schema reuses MI envelope names (both have
  // MarketSubmit_BaselineLoad), so OMI operations are keyed with a prefix.
  omi: { interface: 'OMI', requestType: 'mp.omi', prefix: 'Omi_' },
};

export function operationId(module: PayloadModule, op: OperationModel): string {
  return MODULE_INTERFACES[module].prefix + op.name;
}

export function emitOperations(model: SchemaModel, header: string): string {
  const module = model.module as PayloadModule;
  const info = MODULE_INTERFACES[module];
  const ops = [...model.operations].sort((a, b) => a.name.localeCompare(b.name));
  const entries = ops.map((op) => {
    const id = operationId(module, op);
    const rootType = model.elements.get(op.root)!.type;
    const fields = [
      `id: ${quote(id)}`,
      `name: ${quote(op.name)}`,
      `module: ${quote(module)}`,
      `interface: ${quote(info.interface)}`,
      `requestType: ${quote(info.requestType)}`,
      `root: ${quote(op.root)}`,
      `rootType: ${quote(rootType)}`,
      ...(op.envelope ? [`envelope: ${quote(op.envelope)}`, `envelopeType: ${quote(op.envelopeType!)}`] : []),
      `element: ${quote(op.element)}`,
      `dataType: ${quote(op.dataType)}`,
      `many: ${op.many}`,
      `method: ${quote(methodName(id))}`,
    ];
    return `  ${id}: {\n${fields.map((f) => `    ${f},\n`).join('')}  },\n`;
  });
  const typeEntries = ops.map((op) => {
    const id = operationId(module, op);
    const carrier = op.envelopeType ?? model.elements.get(op.root)!.type;
    return (
      `  /** ${op.envelope ? `\`${op.element}\` in \`${op.envelope}\`` : `\`${op.element}\``} (${model.file}), on ${info.interface}. */\n` +
      `  ${id}: {\n    attributes: T.${typeIdentifier(carrier)}Attributes;\n    data: T.${typeIdentifier(op.dataType)};\n    many: ${op.many};\n  };\n`
    );
  });
  return (
    `${header}import type { OperationDescriptor } from '../../src/xml/descriptors.js';\n` +
    `import type * as T from './types.js';\n\n` +
    `/** The operations of ${model.file} (${info.interface}, ${info.requestType}). */\n` +
    `export const operations = {\n${entries.join('')}} as const satisfies Readonly<Record<string, OperationDescriptor>>;\n\n` +
    `/** Envelope attributes and data type of each operation. */\n` +
    `export interface OperationTypes {\n${typeEntries.join('')}}\n`
  );
}
