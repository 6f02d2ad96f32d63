/**
 * What every operation answer is built from: the call as the handlers see
 * it, the reply kinds, the simulator's message codes, and the payload
 * document with statistics, status and messages in the request's envelope.
 */
import { toJstDate } from '../../client/time.js';
import { complexIndex } from '../../xml/schema-index.js';
import type { ModuleDescriptor, OperationDescriptor } from '../../xml/descriptors.js';
import type { ParticipantConfig } from '../pki.js';
import type { SimulatorState } from '../state.js';
import {
  complexType,
  conformAttributes,
  isRec,
  messagesValue,
  statisticsValue,
  withStatus,
  type Note,
  type Rec,
} from '../values.js';

/** A caller whose certificate names a configured participant. */
export interface KnownCaller {
  readonly participant: string;
  readonly user: string;
  readonly config: ParticipantConfig;
}

/** Everything an operation handler needs about one checked request. */
export interface Call {
  readonly op: OperationDescriptor;
  readonly module: ModuleDescriptor;
  /** The decoded payload document (the root element's value). */
  readonly document: Rec;
  /** The envelope value, or the root value for report requests. */
  readonly holder: Rec;
  /** The data items, as a list. */
  readonly items: Rec[];
  readonly caller: KnownCaller;
  readonly participants: ReadonlyMap<string, ParticipantConfig>;
  readonly state: SimulatorState;
  readonly transactionId: string;
  readonly now: Date;
  /** `performance.now()` when the request arrived, for ProcessingTimeMs. */
  readonly started: number;
  /** Warnings of the business rules the request breaks, added to the answer's messages. */
  readonly ruleWarnings?: readonly Note[];
  /** Indexes of the data items those warnings are on (answered `WARNING`). */
  readonly warnedItems?: ReadonlySet<number>;
}

/** What goes back in `responseData`. */
export type Reply =
  | {
      readonly kind: 'document';
      readonly module: ModuleDescriptor;
      readonly root: string;
      readonly value: Rec;
      /** False when the answer reports a failure (Validation FAILED). */
      readonly ok: boolean;
      readonly warnings: boolean;
    }
  | {
      readonly kind: 'file';
      readonly bytes: Uint8Array;
      readonly dataType: 'XML' | 'CSV';
      readonly filename?: string;
      readonly binary: boolean;
    };

/** Codes of the simulator's messages. Illustrative: not the real MMS code table. */
export const CODES = {
  accepted: 'SIM-I0001',
  noData: 'SIM-I0002',
  reportLogged: 'SIM-I0003',
  schema: 'SIM-E1001',
  noDataElement: 'SIM-E1002',
  participantMismatch: 'SIM-E2001',
  userMismatch: 'SIM-E2002',
  unknownParticipant: 'SIM-E2003',
  unknownUser: 'SIM-E2004',
  itemParticipant: 'SIM-E2005',
  audience: 'SIM-E3001',
  adminRole: 'SIM-E3002',
  cancelNotFound: 'SIM-W4001',
  reportNotFound: 'SIM-E5001',
  rule: 'SIM-E6001',
  ruleWarning: 'SIM-W6001',
} as const;

export const DEFAULT_COMPANY = 'シミュレータ';
export const DEFAULT_RESOURCE_SHORT_NAME = '模擬電源';
export const DEFAULT_SYSTEM_CODE = 'SIM01';
export const DEFAULT_AREA = '03';

export function companyOf(config: ParticipantConfig | undefined): string {
  return config?.companyShortName ?? DEFAULT_COMPANY;
}

/** The scalar members of a value: its attributes (child elements are objects or lists). */
export function attributesOf(value: Rec): Rec {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'object' || v === null));
}

export function itemsOf(value: unknown): Rec[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(isRec);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Type of envelope `name` in the operation's root type. */
function envelopeTypeOf(module: ModuleDescriptor, rootType: string, name: string): string {
  const member = complexIndex(complexType(module, rootType)).elements.get(name);
  if (!member) throw new Error(`${rootType} has no ${name}`);
  return member.element.type;
}

/** Required envelope and root attributes the simulator can always supply. */
function identityDefaults(
  caller: { readonly participant?: string | undefined; readonly user?: string | undefined },
  now: Date,
): Rec {
  return {
    Date: toJstDate(now),
    ParticipantName: caller.participant,
    UserName: caller.user,
    ApplicationType: 'MARKET_REPORT',
  };
}

/** Attributes for a response envelope (or report root): the request's, completed where required. */
export function holderAttributes(
  module: ModuleDescriptor,
  typeName: string,
  request: Rec,
  caller: { readonly participant?: string | undefined; readonly user?: string | undefined },
  now: Date,
): Rec {
  const fromRequest = conformAttributes(module, typeName, attributesOf(request)).value;
  const defaults = conformAttributes(module, typeName, identityDefaults(caller, now)).value;
  const fallback = conformAttributes(module, typeName, {
    ParticipantName: 'X999',
    UserName: 'UNKNOWN',
  }).value;
  return { ...fallback, ...defaults, ...fromRequest };
}

/** Counts for ProcessingStatistics. */
interface Counts {
  readonly received: number;
  readonly invalid: number;
  readonly unsuccessful: number;
}

/**
 * A payload document with the data in `envelope` (market, omi,
 * registration) or under the root (reports), with statistics, status and
 * messages. Used for successful and failed answers alike.
 */
export function documentReply(options: {
  readonly module: ModuleDescriptor;
  readonly op: Pick<OperationDescriptor, 'root' | 'rootType'>;
  readonly envelope: string | undefined;
  readonly request: Rec;
  readonly element?: string;
  readonly data?: Rec | Rec[];
  readonly notes: readonly Note[];
  readonly counts: Counts;
  readonly ok: boolean;
  readonly caller: { readonly participant?: string | undefined; readonly user?: string | undefined };
  readonly transactionId: string;
  readonly now: Date;
  readonly started: number;
}): Reply {
  const { module, op, envelope, notes, counts, ok } = options;
  const validation = ok ? (notes.some((n) => n.level === 'warning') ? 'WARNING' : 'PASSED') : 'FAILED';
  const statistics = statisticsValue(module, {
    received: counts.received,
    valid: counts.received - counts.invalid,
    invalid: counts.invalid,
    successful: counts.received - counts.unsuccessful,
    unsuccessful: counts.unsuccessful,
    transactionId: options.transactionId,
    started: options.started,
    now: options.now,
  });
  const messages = messagesValue(module, notes);
  let value: Rec;
  if (envelope !== undefined) {
    const envelopeType = envelopeTypeOf(module, op.rootType, envelope);
    const body = holderAttributes(module, envelopeType, options.request, options.caller, options.now);
    withStatus(module, envelopeType, body, validation, ok);
    if (messages) body['Messages'] = messages;
    if (options.element !== undefined && options.data !== undefined) body[options.element] = options.data;
    value = { ProcessingStatistics: statistics, [envelope]: body };
    withStatus(module, op.rootType, value, validation, ok);
  } else {
    value = holderAttributes(module, op.rootType, options.request, options.caller, options.now);
    withStatus(module, op.rootType, value, validation, ok);
    value['ProcessingStatistics'] = statistics;
    if (messages) value['Messages'] = messages;
    if (options.element !== undefined && options.data !== undefined) value[options.element] = options.data;
  }
  return {
    kind: 'document',
    module,
    root: op.root,
    value,
    ok,
    warnings: notes.some((n) => n.level === 'warning'),
  };
}

export function reply(
  call: Call,
  envelope: string | undefined,
  element: string,
  data: Rec | Rec[] | undefined,
  notes: readonly Note[],
  ok = true,
): Reply {
  const received = Math.max(1, call.items.length);
  return documentReply({
    module: call.module,
    op: call.op,
    envelope,
    request: call.holder,
    element,
    ...(data !== undefined ? { data } : {}),
    notes: [...notes, ...(call.ruleWarnings ?? [])],
    counts: { received, invalid: 0, unsuccessful: ok ? 0 : received },
    ok,
    caller: call.caller,
    transactionId: call.transactionId,
    now: call.now,
    started: call.started,
  });
}
