/**
 * Pass 5: the operation catalog (MMS-PROTOCOL.md §6). The payload root's
 * choice lists its envelopes; every element of an envelope's content except
 * `Messages` (nested groups included) is an operation
 * `<Envelope>_<DataElement>`. In the report schema the root's children are
 * the requests themselves and are named after their element.
 */
import {
  UNBOUNDED,
  type GroupModel,
  type ElementModel,
  type SchemaModel,
  type OperationModel,
} from '../model/model.js';
import type { ModuleName } from '../schemas.js';

/** Payload modules, their document root, and whether the root's children are envelopes. */
export const PAYLOAD_ROOTS: Partial<
  Record<ModuleName, { readonly root: string; readonly envelopes: boolean }>
> = {
  market: { root: 'MarketData', envelopes: true },
  omi: { root: 'MarketData', envelopes: true },
  registration: { root: 'RegistrationData', envelopes: true },
  report: { root: 'MarketReport', envelopes: false },
};

export function elementsOf(group: GroupModel | undefined): ElementModel[] {
  if (!group) return [];
  return group.particles.flatMap((p) => (p.kind === 'element' ? [p] : elementsOf(p)));
}

/** The choice group directly in a type's content (root and envelopes put their alternatives there). */
function choiceOf(group: GroupModel | undefined): GroupModel | undefined {
  if (!group) return undefined;
  if (group.kind === 'choice') return group;
  for (const p of group.particles) if (p.kind !== 'element' && p.kind === 'choice') return p;
  return undefined;
}

function complexContent(model: SchemaModel, typeName: string): GroupModel | undefined {
  const type = model.types.get(typeName);
  return type?.kind === 'complex' ? type.content : undefined;
}

export function buildCatalog(model: SchemaModel): void {
  const payload = PAYLOAD_ROOTS[model.module];
  if (!payload) return;
  const { root } = payload;
  const rootElement = model.elements.get(root);
  if (!rootElement) throw new Error(`${model.file}: payload root element ${root} not found`);
  const envelopes = elementsOf(choiceOf(complexContent(model, rootElement.type)));
  if (envelopes.length === 0) throw new Error(`${model.file}: ${root} has no choice of envelopes`);
  const operations: OperationModel[] = [];
  for (const envelope of envelopes) {
    if (payload.envelopes) {
      for (const data of elementsOf(complexContent(model, envelope.type))) {
        if (data.name === 'Messages') continue;
        operations.push({
          name: `${envelope.name}_${data.name}`,
          root,
          envelope: envelope.name,
          envelopeType: envelope.type,
          element: data.name,
          dataType: data.type,
          many: data.max === UNBOUNDED || data.max > 1,
        });
      }
    } else {
      operations.push({
        name: envelope.name,
        root,
        element: envelope.name,
        dataType: envelope.type,
        many: false,
      });
    }
  }
  model.operations = operations;
}
