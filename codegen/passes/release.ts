/**
 * The passes that need more than one module, run once every module has
 * passed on its own (model/build.ts): results that come in another module's
 * document (overlays/result-documents.ts), and the agreement of each payload
 * module's `requestType` with the request types its service's WSDL accepts,
 * the readable names of codes (passes/code-names.ts), and the members only
 * answers carry (passes/answer-only.ts).
 */
import type { SchemaModel } from '../model/model.js';
import { readReferenceEnumerations, type ReferenceEnumerations } from '../overlays/enum-names.js';
import { RESULT_DOCUMENTS, type ResultDocument } from '../overlays/result-documents.js';
import { repoRoot, SERVICE_MODULES, type ModuleName } from '../schemas.js';
import { isPayloadModule, PAYLOAD_MODULES } from './catalog.js';
import { nameCodes } from './code-names.js';
import { markAnswerOnly } from './answer-only.js';

export function linkResultDocuments(
  models: ReadonlyMap<ModuleName, SchemaModel>,
  overlay: Readonly<Record<string, ResultDocument>> = RESULT_DOCUMENTS,
): void {
  for (const model of models.values()) {
    for (const op of model.operations) {
      const document = overlay[op.id];
      if (!document || !op.result) continue;
      const target = models.get(document.module);
      const root = target?.elements.get(document.root);
      if (!target || !root) {
        throw new Error(
          `overlay says ${op.id} answers with ${document.root} of ${document.module}, which this release lacks`,
        );
      }
      op.result.document = {
        module: document.module,
        root: root.name,
        rootType: root.type,
        source: document.source,
      };
    }
  }
}

export function checkRequestTypes(models: ReadonlyMap<ModuleName, SchemaModel>): void {
  const services = [...models.values()].flatMap((m) => (m.service ? [m.service] : []));
  for (const module of models.keys()) {
    if (!isPayloadModule(module)) continue;
    const { interface: iface, requestType } = PAYLOAD_MODULES[module];
    const service = services.find((s) => s.interface === iface);
    if (!service) {
      const wsdl = Object.entries(SERVICE_MODULES).find(([, i]) => i === iface)?.[0];
      throw new Error(
        `${module} is sent to the ${iface} service, but ${wsdl ?? 'its WSDL'} binds no service`,
      );
    }
    if (!service.requestTypes.includes(requestType)) {
      throw new Error(
        `${module} is sent as ${requestType}, which the ${iface} service does not accept (${service.requestTypes.join(', ')})`,
      );
    }
  }
}

export function linkRelease(
  models: ReadonlyMap<ModuleName, SchemaModel>,
  reference: ReferenceEnumerations = readReferenceEnumerations(repoRoot()),
): void {
  linkResultDocuments(models);
  checkRequestTypes(models);
  nameCodes(models, reference);
  markAnswerOnly(models);
}
