/**
 * Pass: the service facts of a WSDL module. The binding (read/wsdl.ts) gives
 * SOAPAction, path and types namespace; the embedded schema gives the
 * request types (the `RequestType` enumeration) and the attachment limit
 * (`maxOccurs` of `RequestAttInfo/attachmentData`). Where the WSDL does not
 * state a limit, a cited entry of overlays/services.ts must; an overlay entry
 * also wins over the WSDL (it records what the real server does).
 */
import { SERVICE_OVERLAYS, type ServiceOverlay } from '../overlays/services.js';
import { UNBOUNDED, type ComplexTypeModel, type SchemaModel, type ServiceModel } from '../model/model.js';
import { isServiceModule, SERVICE_MODULES } from '../schemas.js';
import type { Interface } from '../../src/vocabulary.js';
import { elementsOf } from './catalog.js';

function requestTypes(model: SchemaModel): string[] {
  const type = model.types.get('RequestType');
  const values = type?.kind === 'simple' ? type.facets?.enumeration : undefined;
  if (!values || values.length === 0)
    throw new Error(`${model.file}: simpleType RequestType with an enumeration of request types not found`);
  return [...values];
}

/** `maxOccurs` of attachmentData in RequestAttInfo, or undefined when the WSDL does not bound it. */
function statedAttachmentLimit(model: SchemaModel): number | undefined {
  const element = model.elements.get('RequestAttInfo');
  const type = element ? model.types.get(element.type) : undefined;
  if (type?.kind !== 'complex') throw new Error(`${model.file}: element RequestAttInfo not found`);
  const attachment = elementsOf((type as ComplexTypeModel).content).find((e) => e.name === 'attachmentData');
  return attachment === undefined || attachment.max === UNBOUNDED ? undefined : attachment.max;
}

export function describeService(
  model: SchemaModel,
  overlays: Readonly<Partial<Record<Interface, ServiceOverlay>>> = SERVICE_OVERLAYS,
): ServiceModel | undefined {
  if (!isServiceModule(model.module) || !model.binding) return undefined;
  const iface = SERVICE_MODULES[model.module];
  const overlay = overlays[iface];
  const stated = statedAttachmentLimit(model);
  const maxAttachments = overlay?.maxAttachments ?? stated;
  if (maxAttachments === undefined) {
    throw new Error(
      `${model.file}: RequestAttInfo does not bound attachmentData; state the ${iface} limit in codegen/overlays/services.ts with its source`,
    );
  }
  const { service, operation, soapAction, path, typesNamespace } = model.binding;
  return {
    interface: iface,
    service,
    operation,
    soapAction,
    path,
    typesNamespace,
    requestTypes: requestTypes(model),
    maxAttachments,
    ...(overlay?.maxAttachments !== undefined && overlay.maxAttachments !== stated
      ? { overlaid: { fields: ['maxAttachments'], source: overlay.source } }
      : {}),
  };
}

export function buildService(model: SchemaModel): void {
  const service = describeService(model);
  if (service) model.service = service;
}
