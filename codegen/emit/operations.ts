/** Model → `operations.ts`: the operation catalog of one payload module. */
import type { PayloadModule } from '../../src/xml/descriptors.js';
import { isBuiltin, UNBOUNDED, type OperationModel, type SchemaModel } from '../model/model.js';
import { PAYLOAD_MODULES } from '../passes/catalog.js';
import { methodName, moduleIdentifier, quote, SUPPORT_FROM_MODULE, typeIdentifier } from './names.js';
import { tsTypeOf } from './types.js';
import { byKey } from '../order.js';

function sortedOperations(model: SchemaModel): OperationModel[] {
  return [...model.operations].sort(byKey((op) => op.id));
}

function describeOperation(model: SchemaModel, op: OperationModel): string {
  const info = PAYLOAD_MODULES[model.module as PayloadModule];
  const where = op.envelope ? `\`${op.element}\` in \`${op.envelope}\`` : `\`${op.element}\``;
  return `${where} (${model.file}, type \`${op.dataType}\`), on ${info.interface} as \`${info.requestType}\``;
}

export function emitOperations(model: SchemaModel, header: string): string {
  const info = PAYLOAD_MODULES[model.module as PayloadModule];
  const ops = sortedOperations(model);
  const entries = ops.map((op) => {
    const result = op.result!;
    const fields = [
      `id: ${quote(op.id)}`,
      `name: ${quote(op.name)}`,
      `module: ${quote(model.module)}`,
      `interface: ${quote(info.interface)}`,
      `requestType: ${quote(info.requestType)}`,
      `kind: ${quote(op.kind!)}`,
      `root: ${quote(op.root)}`,
      `rootType: ${quote(model.elements.get(op.root)!.type)}`,
      ...(op.envelope ? [`envelope: ${quote(op.envelope)}`, `envelopeType: ${quote(op.envelopeType!)}`] : []),
      `element: ${quote(op.element)}`,
      `dataType: ${quote(op.dataType)}`,
      `many: ${op.many}`,
      ...(op.companions ? [`companions: [${op.companions.map((c) => quote(c.name)).join(', ')}]`] : []),
      `result: { ${[
        ...(result.envelope ? [`envelope: ${quote(result.envelope)}`] : []),
        `element: ${quote(result.element)}`,
        `type: ${quote(result.type)}`,
        `many: ${result.many}`,
        ...(result.source ? [`source: ${quote(result.source)}`] : []),
        ...(result.document
          ? [
              `document: ${quote(result.document.module)}`,
              `root: ${quote(result.document.root)}`,
              `rootType: ${quote(result.document.rootType)}`,
            ]
          : []),
      ].join(', ')} }`,
      `identity: [${op.identity!.map(quote).join(', ')}]`,
      ...(op.filledInData ? [`filledInData: [${op.filledInData.map(quote).join(', ')}]`] : []),
      ...(op.answerOnly ? [`answerOnly: [${op.answerOnly.map(quote).join(', ')}]`] : []),
      `audience: [${op.audience!.map(quote).join(', ')}]`,
      ...(op.files ? ['files: true'] : []),
      `method: ${quote(methodName(op.id))}`,
    ];
    return `  ${op.id}: {\n${fields.map((f) => `    ${f},\n`).join('')}  },\n`;
  });
  const typeEntries = ops.map((op) => {
    const carrier = op.envelopeType ?? model.elements.get(op.root)!.type;
    const companions = (op.companions ?? []).map((c) => {
      const array = c.max === UNBOUNDED || c.max > 1 ? '[]' : '';
      const type = isBuiltin(c.type) ? tsTypeOf(c.type) : `T.${typeIdentifier(c.type)}`;
      return `${c.name}?: ${type}${array}`;
    });
    const attributes = `T.${typeIdentifier(carrier)}Attributes${companions.length ? ` & { ${companions.join('; ')} }` : ''}`;
    const document = op.result!.document;
    const result = document
      ? `${moduleIdentifier(document.module)}.${typeIdentifier(document.rootType)}`
      : `T.${typeIdentifier(op.result!.type)}`;
    return (
      `  /** ${describeOperation(model, op)}. */\n` +
      `  ${op.id}: {\n` +
      `    attributes: ${attributes};\n` +
      `    data: T.${typeIdentifier(op.dataType)};\n` +
      `    many: ${op.many};\n` +
      `    result: ${result};\n` +
      `    resultMany: ${op.result!.many};\n` +
      `    resultDocument: ${quote(document?.module ?? model.module)};\n` +
      `    answerOnly: ${op.answerOnly ? op.answerOnly.map(quote).join(' | ') : 'never'};\n` +
      `    filledInData: ${op.filledInData ? op.filledInData.map(quote).join(' | ') : 'never'};\n` +
      `  };\n`
    );
  });
  const documents = [
    ...new Set(ops.flatMap((op) => (op.result!.document ? [op.result!.document.module] : []))),
  ].sort();
  return (
    `${header}import type { OperationDescriptor } from '${SUPPORT_FROM_MODULE}';\n` +
    documents.map((m) => `import type * as ${moduleIdentifier(m)} from '../${m}/types.js';\n`).join('') +
    `import type * as T from './types.js';\n\n` +
    `/** The operations of ${model.file} (${info.interface}, ${info.requestType}). */\n` +
    `export const operations = {\n${entries.join('')}} as const satisfies Readonly<Record<string, OperationDescriptor>>;\n\n` +
    `/** Envelope attributes, data and result types of each operation. */\n` +
    `export interface OperationTypes {\n${typeEntries.join('')}}\n`
  );
}

/** The MmsClient method of every operation of a module, for generated/methods.ts. */
export function methodDeclarations(model: SchemaModel): { id: string; text: string }[] {
  return sortedOperations(model).map((op) => {
    const result = op.result!;
    const returns = result.many
      ? 'the list of results (empty when none)'
      : 'the result, or undefined when none';
    const answer = result.document
      ? ` The MMS answers with an \`${result.document.root}\` document (${result.document.source}).`
      : result.envelope !== op.envelope || result.element !== op.element
        ? ` The MMS answers in \`${result.envelope}.${result.element}\` (${result.source}).`
        : '';
    const text =
      `  /**\n` +
      `   * \`${op.id}\`: ${describeOperation(model, op)}.\n` +
      `   * ${op.many ? 'Takes one item or a list' : 'Takes one item'}; returns ${returns}.${answer}\n` +
      `   * Open to: ${op.audience!.map((a) => a.toUpperCase()).join(', ')}.${op.kind === 'submit' ? ' A submission: not retried once it may have reached the MMS.' : ''}\n` +
      `   * Same as \`client.request(${quote(op.id)}, attributes, data, options)\`.\n` +
      `   */\n` +
      `  ${methodName(op.id)}(\n    attributes: EnvelopeInput<${quote(op.id)}>,\n    data: DataArgument<${quote(op.id)}>,\n    options?: CallOptions,\n  ): Promise<CallResult<${quote(op.id)}>>;\n`;
    return { id: op.id, text };
  });
}
