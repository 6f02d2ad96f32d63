/**
 * Service models → `services.ts`: the facts of each MMS web service, by
 * interface. The file imports nothing (src/vocabulary.ts derives
 * `RequestType` from it); test/codegen/services.test.ts checks its shape
 * against `ServiceDescriptor`.
 */
import type { ServiceModel } from '../model/model.js';
import { quote } from './names.js';

function serviceLiteral(service: ServiceModel, wsdl: string): string {
  const overlaid = service.overlaid
    ? `    // ${service.overlaid.fields.join(', ')}: codegen/overlays/services.ts (${service.overlaid.source}), not the WSDL.\n`
    : '';
  return (
    `  ${service.interface}: Object.freeze({\n` +
    overlaid +
    `    interface: ${quote(service.interface)},\n` +
    `    wsdl: ${quote(wsdl)},\n` +
    `    service: ${quote(service.service)},\n` +
    `    typesNamespace: ${quote(service.typesNamespace)},\n` +
    `    soapAction: ${quote(service.soapAction)},\n` +
    `    path: ${quote(service.path)},\n` +
    `    requestTypes: Object.freeze([${service.requestTypes.map(quote).join(', ')}] as const),\n` +
    `    maxAttachments: ${service.maxAttachments},\n` +
    `  } as const),\n`
  );
}

export function emitServices(
  services: readonly { service: ServiceModel; file: string }[],
  header: string,
): string {
  return (
    `${header}\n` +
    `/**\n * The MMS web services as their WSDLs bind them, by interface: the types\n` +
    ` * namespace of \`RequestAttInfo\`, the SOAPAction and path of \`submitAttachment\`,\n` +
    ` * the \`requestType\` values and the most \`attachmentData\` entries a request may carry.\n */\n` +
    `export const services = Object.freeze({\n${services.map((s) => serviceLiteral(s.service, s.file)).join('')}});\n`
  );
}
