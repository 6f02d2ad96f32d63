/**
 * The binding facts of a WSDL module in two releases (passes/service.ts):
 * SOAPAction, service path, types namespace, request types and attachment
 * limit. A change to any of them decides whether this client's requests
 * still reach the service, whatever the types say, so each is reported on
 * its own (`service:<fact>`). Policy: a changed SOAPAction, path or
 * namespace is breaking for requests (the server dispatches on them; the
 * namespace also names the response element); a removed request type or a
 * lower attachment limit is breaking, an added one or a higher limit
 * compatible.
 */
import type { ServiceModel } from '../model/model.js';
import type { ModuleName } from '../schemas.js';
import { severityOf, type Impacts } from './classify.js';
import type { Direction, SchemaChange } from './types.js';

const REQUEST_BREAKING: Impacts = { request: 'breaking', response: 'none' };
const REQUEST_COMPATIBLE: Impacts = { request: 'compatible', response: 'none' };

function change(
  module: ModuleName,
  fact: string,
  description: string,
  old: string,
  neu: string,
  impacts: Impacts,
): SchemaChange {
  const usedIn: Direction[] = impacts.response === 'none' ? ['request'] : ['request', 'response'];
  return {
    module,
    path: `service:${fact}`,
    kind: 'binding-changed',
    description,
    old,
    new: neu,
    request: impacts.request,
    response: impacts.response,
    severity: severityOf(impacts),
    usedIn,
    operations: [],
  };
}

export function compareServices(
  module: ModuleName,
  a: ServiceModel | undefined,
  b: ServiceModel | undefined,
): SchemaChange[] {
  // A side without binding facts is not compared: models read back from the
  // generated descriptors carry none (generated/services.ts is checked byte
  // for byte by codegen:check instead), and neither does a types-only WSDL.
  if (!a || !b) return [];
  const out: SchemaChange[] = [];
  for (const fact of ['soapAction', 'path', 'typesNamespace'] as const) {
    if (a[fact] === b[fact]) continue;
    const impacts: Impacts =
      fact === 'typesNamespace' ? { request: 'breaking', response: 'breaking' } : REQUEST_BREAKING;
    out.push(change(module, fact, `${b.interface} ${fact} changed`, a[fact], b[fact], impacts));
  }
  const removed = a.requestTypes.filter((t) => !b.requestTypes.includes(t));
  const added = b.requestTypes.filter((t) => !a.requestTypes.includes(t));
  if (removed.length > 0 || added.length > 0) {
    const words = [
      ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
      ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
    ];
    out.push(
      change(
        module,
        'requestTypes',
        `${b.interface} request types: ${words.join('; ')}`,
        a.requestTypes.join(', '),
        b.requestTypes.join(', '),
        removed.length > 0 ? REQUEST_BREAKING : REQUEST_COMPATIBLE,
      ),
    );
  }
  if (a.maxAttachments !== b.maxAttachments) {
    out.push(
      change(
        module,
        'maxAttachments',
        `${b.interface} attachment limit ${b.maxAttachments < a.maxAttachments ? 'lowered' : 'raised'}`,
        String(a.maxAttachments),
        String(b.maxAttachments),
        b.maxAttachments < a.maxAttachments ? REQUEST_BREAKING : REQUEST_COMPATIBLE,
      ),
    );
  }
  return out;
}
