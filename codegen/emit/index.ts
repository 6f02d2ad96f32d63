/** All generated files of a release, as path → content (paths relative to generated/). */
import type { SchemaModel } from '../model/model.js';
import { MODULE_NAMES, isServiceModule, type ModuleName } from '../schemas.js';
import { emitAnswerOnly } from './answer-only.js';
import { emitDescriptors } from './descriptors.js';
import { emitFieldDocs, releaseFieldDocs } from './field-docs.js';
import { header } from './header.js';
import { moduleIdentifier, quote, SUPPORT_FROM_MODULE } from './names.js';
import { emitServices } from './services.js';
import { emitMethods } from './methods.js';
import { emitOperations } from './operations.js';
import { emitTypes } from './types.js';
import { isPayloadModule } from '../passes/catalog.js';
import { compareStrings } from '../order.js';

export function emitRelease(release: string, models: Map<ModuleName, SchemaModel>): Map<string, string> {
  const out = new Map<string, string>();
  const payloadModules = MODULE_NAMES.filter(isPayloadModule);
  const docs = releaseFieldDocs(models);
  for (const module of MODULE_NAMES) {
    const model = models.get(module)!;
    const inputs = [{ file: model.file, sha256: model.sha256 }];
    if (model.codeNamesFrom) inputs.push(model.codeNamesFrom);
    const head = header({ release, inputs });
    out.set(`${module}/types.ts`, emitTypes(model, head, docs));
    out.set(`${module}/descriptors.ts`, emitDescriptors(model, head, release));
    const exports = [
      `export * from './types.js';`,
      `export { descriptors } from './descriptors.js';`,
      `/** The readable name of a code of one of this module's enumerations (src/codes.ts). */`,
      `export { codeName } from '${SUPPORT_FROM_MODULE}';`,
    ];
    if (isPayloadModule(module)) {
      out.set(`${module}/operations.ts`, emitOperations(model, head));
      exports.push(`export { operations, type OperationTypes } from './operations.js';`);
    }
    out.set(`${module}/index.ts`, `${head}${exports.join('\n')}\n`);
  }
  const all = header({
    release,
    inputs: MODULE_NAMES.map((m) => ({ file: models.get(m)!.file, sha256: models.get(m)!.sha256 })),
  });
  const imports = MODULE_NAMES.map((m) => `import * as ${moduleIdentifier(m)} from './${m}/index.js';`).join(
    '\n',
  );
  out.set(
    'index.ts',
    `${all}${imports}\n\n` +
      `export { ${MODULE_NAMES.map(moduleIdentifier).join(', ')} };\n\n` +
      `/** The schema release this code was generated from. */\nexport const SCHEMA_RELEASE = ${quote(release)};\n\n` +
      `/** Descriptors of every module, by module name. */\nexport const modules = {\n` +
      MODULE_NAMES.map((m) => `  ${quote(m)}: ${moduleIdentifier(m)}.descriptors,\n`).join('') +
      `} as const;\n\n` +
      `/** The MMS web services (SOAPAction, path, request types, attachment limit), by interface. */\n` +
      `export { services } from './services.js';\n\n` +
      `/** What member names mean, and their units (the texts of the doc comments). */\n` +
      `export { FIELD_DOCS } from './field-docs.js';\n\n` +
      `/** Members only answers carry: never part of a request. */\n` +
      `export { ANSWER_ONLY_MEMBERS, type AnswerOnlyMember } from './answer-only.js';\n\n` +
      `/** A method for every operation, and the reference client's method names. */\n` +
      `export { REFERENCE_NAMES, type OperationMethods, type ReferenceMethods, type ReferenceName } from './methods.js';\n\n` +
      `/** Every operation of the MMS, by catalog id. */\nexport const operations = {\n` +
      payloadModules.map((m) => `  ...${moduleIdentifier(m)}.operations,\n`).join('') +
      `} as const;\n\n` +
      `/** Envelope attributes and data type of every operation, by catalog id. */\nexport type OperationTypes = ` +
      payloadModules.map((m) => `${moduleIdentifier(m)}.OperationTypes`).join(' &\n  ') +
      `;\n\nexport type OperationId = keyof OperationTypes;\n`,
  );
  out.set('methods.ts', emitMethods(models, all));
  out.set('answer-only.ts', emitAnswerOnly(header({ release, inputs: [] })));
  out.set('field-docs.ts', emitFieldDocs(docs, header({ release, inputs: [] })));
  const services = MODULE_NAMES.filter(isServiceModule).map((m) => {
    const model = models.get(m)!;
    if (!model.service)
      throw new Error(`${model.file}: no wsdl:binding and wsdl:service; the catalog needs them`);
    return { service: model.service, file: model.file, sha256: model.sha256 };
  });
  out.set('services.ts', emitServices(services, header({ release, inputs: services })));
  return new Map([...out.entries()].sort(([a], [b]) => compareStrings(a, b)));
}
