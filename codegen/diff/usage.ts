/**
 * Where each type of a module is used: in which direction it travels and in
 * which operations' documents it can appear. A change is only as serious as
 * the places it reaches: a narrowed facet on a type that only appears in
 * downloaded reports cannot make a request invalid.
 *
 * Directions: the payload schemas (market, omi, registration, report) are
 * used both ways, because the MMS answers with the request's own document:
 * a submit comes back with each item echoed and validated, a query comes
 * back with the query element holding the results (MMS-PROTOCOL.md §6, the
 * samples in fixtures/). So every payload type is classified for requests
 * and for responses. The outbound-report schema only describes downloaded
 * reports (responses); in the SOAP schemas `RequestAttInfo` is sent and
 * `ResponseAttInfo` received. A global element not listed below is treated
 * as used both ways.
 */
import { QUERY_RESULTS } from '../overlays/query-results.js';
import { complexContent, elementsOf, isPayloadModule, PAYLOAD_MODULES } from '../passes/catalog.js';
import type { OperationModel, SchemaModel } from '../model/model.js';
import type { ModuleName } from '../schemas.js';
import type { Direction } from './types.js';

const BOTH: readonly Direction[] = ['request', 'response'];

export const DIRECTION_ROOTS: Partial<Record<ModuleName, Readonly<Record<string, readonly Direction[]>>>> = {
  outbound: { OutboundData: ['response'] },
  'soap-mi': { RequestAttInfo: ['request'], ResponseAttInfo: ['response'] },
  'soap-omi': { RequestAttInfo: ['request'], ResponseAttInfo: ['response'] },
};

export interface Usage {
  /** Directions of the global elements from which the type can be reached. */
  typeDirections(type: string): ReadonlySet<Direction>;
  elementDirections(element: string): ReadonlySet<Direction>;
  /**
   * Operations whose documents can contain the type. With `element`, a member
   * of an envelope or root type counts only for the operations it carries:
   * `MarketSubmitType/OfferData` belongs to MarketSubmit_OfferData, and to
   * MarketQuery_OfferQuery, whose results come back there.
   */
  operations(type: string, element?: string): string[];
  /** Operations by id. */
  readonly catalog: ReadonlyMap<string, OperationModel>;
  /** The operation carried by an element of an envelope (or of the report root), if any. */
  operationOf(containerType: string, element: string): string | undefined;
}

function childTypes(model: SchemaModel, typeName: string, skip: (element: string) => boolean): string[] {
  const type = model.types.get(typeName);
  if (!type || type.kind !== 'complex') return [];
  const out: string[] = [];
  for (const attribute of type.attributes) if (!('groupRef' in attribute)) out.push(attribute.type);
  if (type.text !== undefined) out.push(type.text);
  for (const element of elementsOf(type.content)) if (!skip(element.name)) out.push(element.type);
  return out;
}

function reach(
  model: SchemaModel,
  start: string,
  skip: (type: string, element: string) => boolean = () => false,
): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !model.types.has(name)) continue;
    seen.add(name);
    queue.push(...childTypes(model, name, (element) => skip(name, element)));
  }
  return seen;
}

/**
 * Where a query's results come back, from the hand-kept overlay
 * (codegen/overlays/query-results.ts), when this release has that element.
 * Unlike the overlay pass, a missing element is no error here: a release that
 * dropped it is exactly what a diff must be able to read.
 */
function resultLocation(
  model: SchemaModel,
  op: OperationModel,
  envelopeTypes: ReadonlyMap<string, string>,
): { envelope: string; envelopeType: string; element: string } | undefined {
  const mapped = QUERY_RESULTS[op.id];
  const envelopeType = mapped ? envelopeTypes.get(mapped.envelope) : undefined;
  if (!mapped || envelopeType === undefined) return undefined;
  if (!elementsOf(complexContent(model, envelopeType)).some((e) => e.name === mapped.element))
    return undefined;
  return { envelope: mapped.envelope, envelopeType, element: mapped.element };
}

export function analyseUsage(model: SchemaModel): Usage {
  const roots = DIRECTION_ROOTS[model.module] ?? {};
  const typeDirections = new Map<string, Set<Direction>>();
  const elementDirections = new Map<string, Set<Direction>>();
  for (const [name, element] of model.elements) {
    const directions = roots[name] ?? BOTH;
    elementDirections.set(name, new Set(directions));
    for (const type of reach(model, element.type)) {
      const set = typeDirections.get(type) ?? new Set<Direction>();
      for (const d of directions) set.add(d);
      typeDirections.set(type, set);
    }
  }

  // Containers: the root type, whose children are envelopes (in the report
  // schema, the operations themselves), and the envelope types, whose
  // children are operations. Walking from one operation, a container's
  // members that carry other operations are not followed.
  const rootType = isPayloadModule(model.module)
    ? model.elements.get(PAYLOAD_MODULES[model.module].root)?.type
    : undefined;
  const catalog = new Map<string, OperationModel>(model.operations.map((op) => [op.id, op]));
  const carried = new Map<string, Map<string, string>>(); // container type → element → operation id
  const envelopeTypes = new Map<string, string>(); // envelope element → its type
  for (const op of model.operations) {
    const container = op.envelopeType ?? rootType;
    if (container === undefined) continue;
    const map = carried.get(container) ?? new Map<string, string>();
    map.set(op.element, op.id);
    carried.set(container, map);
    if (op.envelope !== undefined && op.envelopeType !== undefined)
      envelopeTypes.set(op.envelope, op.envelopeType);
  }
  const isCarrier = (type: string, element: string): boolean =>
    (carried.get(type)?.has(element) ?? false) || (type === rootType && envelopeTypes.has(element));

  /** Container type → the carrier members an operation's documents use: its own, and where its results come back. */
  const followed = (op: OperationModel): Map<string, Set<string>> => {
    const paths = new Map<string, Set<string>>();
    const follow = (type: string | undefined, element: string | undefined): void => {
      if (type === undefined || element === undefined) return;
      paths.set(type, (paths.get(type) ?? new Set()).add(element));
    };
    follow(rootType, op.envelope ?? op.element);
    follow(op.envelopeType, op.element);
    const result = resultLocation(model, op, envelopeTypes);
    if (result) {
      follow(rootType, result.envelope);
      follow(result.envelopeType, result.element);
    }
    return paths;
  };
  const followedBy = new Map([...catalog].map(([id, op]) => [id, followed(op)]));
  const foreign = (id: string, type: string, element: string): boolean =>
    isCarrier(type, element) && !(followedBy.get(id)?.get(type)?.has(element) ?? false);

  const typeOperations = new Map<string, Set<string>>();
  for (const id of catalog.keys()) {
    if (rootType === undefined) continue;
    for (const type of reach(model, rootType, (t, e) => foreign(id, t, e))) {
      const set = typeOperations.get(type) ?? new Set<string>();
      set.add(id);
      typeOperations.set(type, set);
    }
  }

  const empty: ReadonlySet<Direction> = new Set();
  return {
    typeDirections: (type) => typeDirections.get(type) ?? empty,
    elementDirections: (element) => elementDirections.get(element) ?? empty,
    operations: (type, element) =>
      [...(typeOperations.get(type) ?? [])].filter(
        (id) => element === undefined || !foreign(id, type, element),
      ),
    catalog,
    operationOf: (container, element) => carried.get(container)?.get(element),
  };
}
