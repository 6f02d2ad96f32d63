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
import type { PayloadModule } from '../../src/xml/descriptors.js';
import type { Interface, RequestType } from '../../src/vocabulary.js';
import type { ModuleName } from '../schemas.js';

export interface PayloadModuleInfo {
  /** Document root element. */
  readonly root: string;
  /** The root's children are envelopes (else they are the requests themselves). */
  readonly envelopes: boolean;
  readonly interface: Interface;
  readonly requestType: RequestType;
  /** Prefix of operation ids: the OMI market schema reuses MI envelope names (both have MarketSubmit_BaselineLoad). */
  readonly idPrefix: string;
}

/** The payload modules (MMS-PROTOCOL.md §1 and §6); each `requestType` is checked against its WSDL (passes/release.ts). */
export const PAYLOAD_MODULES: Readonly<Record<PayloadModule, PayloadModuleInfo>> = {
  market: { root: 'MarketData', envelopes: true, interface: 'MI', requestType: 'mp.market', idPrefix: '' },
  registration: {
    root: 'RegistrationData',
    envelopes: true,
    interface: 'MI',
    requestType: 'mp.registration',
    idPrefix: '',
  },
  report: { root: 'MarketReport', envelopes: false, interface: 'MI', requestType: 'mp.report', idPrefix: '' },
  omi: { root: 'MarketData', envelopes: true, interface: 'OMI', requestType: 'mp.omi', idPrefix: 'Omi_' },
};

export function isPayloadModule(module: ModuleName): module is PayloadModule {
  return module in PAYLOAD_MODULES;
}

export function elementsOf(group: GroupModel | undefined): ElementModel[] {
  if (!group) return [];
  return group.particles.flatMap((p) => (p.kind === 'element' ? [p] : elementsOf(p)));
}

/** The choice group directly in a type's content (root and envelopes put their alternatives there). */
function choiceOf(group: GroupModel | undefined): GroupModel | undefined {
  if (!group) return undefined;
  if (group.kind === 'choice') return group;
  for (const p of group.particles) if (p.kind === 'choice') return p;
  return undefined;
}

export function complexContent(model: SchemaModel, typeName: string): GroupModel | undefined {
  const type = model.types.get(typeName);
  return type?.kind === 'complex' ? type.content : undefined;
}

/**
 * Elements that travel with `data` in one envelope: the others of a sequence
 * nested inside the envelope's content (mi-market.xsd MarketSubmitType puts
 * StandingData and BupSubmit in one such sequence within its choice). The
 * top-level content sequence does not count, or every registration element
 * would accompany every other.
 */
function companionsOf(content: GroupModel | undefined, data: ElementModel): ElementModel[] {
  const search = (group: GroupModel, nested: boolean): ElementModel[] | undefined => {
    for (const p of group.particles) {
      if (p === data) {
        return nested && group.kind === 'sequence'
          ? group.particles.filter((q): q is ElementModel => q.kind === 'element' && q !== data)
          : [];
      }
      if (p.kind !== 'element') {
        const hit = search(p, true);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return content ? (search(content, false) ?? []) : [];
}

export function buildCatalog(model: SchemaModel): void {
  if (!isPayloadModule(model.module)) return;
  const payload = PAYLOAD_MODULES[model.module];
  const { root } = payload;
  const rootElement = model.elements.get(root);
  if (!rootElement) throw new Error(`${model.file}: payload root element ${root} not found`);
  const envelopes = elementsOf(choiceOf(complexContent(model, rootElement.type)));
  if (envelopes.length === 0) throw new Error(`${model.file}: ${root} has no choice of envelopes`);
  const operations: OperationModel[] = [];
  for (const envelope of envelopes) {
    if (payload.envelopes) {
      const content = complexContent(model, envelope.type);
      for (const data of elementsOf(content)) {
        if (data.name === 'Messages') continue;
        const companions = companionsOf(content, data);
        operations.push({
          id: `${payload.idPrefix}${envelope.name}_${data.name}`,
          name: `${envelope.name}_${data.name}`,
          root,
          envelope: envelope.name,
          envelopeType: envelope.type,
          element: data.name,
          dataType: data.type,
          many: data.max === UNBOUNDED || data.max > 1,
          ...(companions.length > 0 ? { companions } : {}),
        });
      }
    } else {
      operations.push({
        id: payload.idPrefix + envelope.name,
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
