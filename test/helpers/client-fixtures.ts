/**
 * Shared pieces of the client's end-to-end tests: a test PKI with a client
 * certificate for participant F100 / user FAKEUSER, clients pointed at a
 * local server, and valid random requests and responses for any operation.
 */
import fc from 'fast-check';
import { ANSWER_ONLY_MEMBERS, modules } from '../../generated/index.js';
import { MmsClient, type MmsClientOptions } from '../../src/client/client.js';
import { Certificate } from '../../src/security/certificate.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { encodeDocument } from '../../src/xml/encode.js';
import { resolveType } from '../../src/xml/schema-index.js';
import {
  arbitraryAttributes,
  arbitraryFor,
  arbitraryOperationDocument,
  operationSeed,
  type Rec,
  type Value,
} from './arbitrary.js';
import { createTestPki, type TestPki } from './pki.js';

export const PARTICIPANT = 'F100';
export const USER = 'FAKEUSER';

export interface ClientPki {
  readonly pki: TestPki;
  readonly certificate: Certificate;
}

/** A test PKI and a client certificate `O=F100, CN=FAKEUSER` opened as the client would. */
export async function clientPki(): Promise<ClientPki> {
  const pki = await createTestPki();
  const identity = await pki.issue({ commonName: USER, organization: PARTICIPANT });
  const certificate = await Certificate.fromBytes(pki.pkcs12(identity, 'pw'), 'pw');
  return { pki, certificate };
}

export function clientFor(
  { pki, certificate }: ClientPki,
  urls: { MI: string; OMI: string },
  options: Partial<MmsClientOptions> = {},
): MmsClient {
  return new MmsClient({
    participant: PARTICIPANT,
    user: USER,
    clientType: 'bsp',
    certificate,
    domain: 'test.example',
    urls,
    ca: pki.ca.certPem,
    retry: { maxAttempts: 1 },
    ...options,
  });
}

const IDENTITY = new Set(['ParticipantName', 'UserName', 'ApplicationType']);

/** A valid random request for an operation, split as a call takes it: envelope attributes and data. */
export function randomRequest(op: OperationDescriptor, seed: number): { attributes: Rec; data: Value } {
  const module = modules[op.module];
  const [document] = fc.sample(arbitraryOperationDocument(module, op), {
    numRuns: 1,
    seed: operationSeed(seed, op.id),
  });
  const holder = (op.envelope ? document![op.envelope] : document) as Rec;
  const attributes = Object.fromEntries(
    Object.entries(holder).filter(([k]) => k !== op.element && !ANSWER_ONLY.has(k) && !IDENTITY.has(k)),
  );
  return { attributes, data: asFirstAudience(op, requestItems(op, holder[op.element]!)) };
}

const ANSWER_ONLY: ReadonlySet<string> = new Set(ANSWER_ONLY_MEMBERS);

/**
 * A seeded random request as a participant sends it to a simulator that
 * keeps state: the envelope's simple attributes (no identity, nothing only
 * answers carry), the data items with their participant fields naming the
 * caller, and a BSP's report request naming no BSP.
 */
export function participantRequest(
  op: OperationDescriptor,
  participant: string,
  seed: number,
): { attributes: Rec; data: Value } {
  const [document] = fc.sample(arbitraryOperationDocument(modules[op.module], op, { maxItems: 2 }), {
    numRuns: 1,
    seed: operationSeed(seed, op.id),
  });
  const holder = (op.envelope ? document![op.envelope] : document) as Rec;
  const attributes = Object.fromEntries(
    Object.entries(holder).filter(
      ([k, v]) => typeof v !== 'object' && !IDENTITY.has(k) && !ANSWER_ONLY.has(k),
    ),
  );
  const own = (item: Value): Value => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const copy: Rec = { ...item };
    for (const name of ['ParticipantName', 'BspParticipantName']) if (name in copy) copy[name] = participant;
    if (op.id === 'ReportCreateRequest' && participant.startsWith('F')) delete copy['BSPName'];
    return copy;
  };
  const data = requestItems(op, holder[op.element]!);
  return { attributes, data: Array.isArray(data) ? data.map(own) : own(data) };
}

/** Random schema-valid data items as a request takes them: without what only answers carry. */
export function requestItems(op: OperationDescriptor, data: Value): Value {
  const own = new Set(op.answerOnly ?? []);
  return Array.isArray(data) ? data.map((d) => request(d, own)) : request(data, own);
}

function request(value: Value, own: ReadonlySet<string> = new Set()): Value {
  if (Array.isArray(value)) return value.map((v) => request(v));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !ANSWER_ONLY.has(k) && !own.has(k))
      .map(([k, v]) => [k, request(v)]),
  );
}

/**
 * The data as the operation's first audience sends it: a BSP's report
 * request names no BSP (the client refuses another participant's name,
 * conveniences.bspReportWithoutName), so a random one is left out.
 */
function asFirstAudience(op: OperationDescriptor, data: Value): Value {
  if (op.audience[0] !== 'bsp' || op.id !== 'ReportCreateRequest') return data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const { BSPName: _random, ...rest } = data;
  return rest;
}

/** The MMS's verdict on every item: passed, with no messages (the success-rule tests cover those). */
export function passed(value: Value): Value {
  if (Array.isArray(value)) return value.map(passed);
  if (typeof value !== 'object' || value === null) return value;
  const out: Rec = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'Success') out[key] = true;
    else if (key === 'Validation' || key === 'ValidationStatus') out[key] = 'PASSED';
    else if (key !== 'Messages') out[key] = passed(child);
  }
  return out;
}

/** Attributes of `typeName` that `source` carries, completed with random valid ones where required. */
function attributesFor(op: OperationDescriptor, typeName: string, source: Rec, seed: number): Rec {
  const module = modules[op.module];
  const type = resolveType(module, typeName);
  if (type.kind !== 'complex') throw new Error(`${typeName} is not complex`);
  const [random] = fc.sample(arbitraryAttributes(module, typeName), { numRuns: 1, seed });
  const out: Rec = {};
  for (const attribute of type.attributes) {
    const value = source[attribute.name] ?? (attribute.required ? random![attribute.name] : undefined);
    if (value !== undefined) out[attribute.name] = value;
  }
  return passed(out) as Rec;
}

/**
 * A successful, schema-valid answer to a request payload, with `count`
 * random result items where the catalog says the MMS puts them. Returns the
 * payload and the data the client should hand back.
 */
export function successAnswer(
  op: OperationDescriptor,
  request: Rec,
  seed: number,
  count = 2,
): { payload: string; expected: Value | undefined; transactionId: string } {
  const module = modules[op.module];
  const items = fc
    .sample(arbitraryFor(module, op.result.type), { numRuns: count, seed: operationSeed(seed + 1, op.id) })
    .map(passed);
  const transactionId = `TX${String(seed % 1_000_000).padStart(6, '0')}`;
  const statistics = {
    Received: 1,
    Valid: 1,
    Invalid: 0,
    Successful: 1,
    Unsuccessful: 0,
    TransactionId: transactionId,
  };
  const resultItems = op.result.many ? items : items.slice(0, 1);
  let document: Rec;
  if (op.result.envelope) {
    const requestEnvelope = (request[op.envelope!] ?? {}) as Rec;
    const envelopeType = resultEnvelopeType(op);
    document = {
      ProcessingStatistics: statistics,
      [op.result.envelope]: {
        ...attributesFor(op, envelopeType, requestEnvelope, seed),
        [op.result.element]: op.result.many ? resultItems : resultItems[0]!,
      },
    };
  } else {
    const rootAttributes = attributesFor(op, op.rootType, request, seed);
    document = { ...rootAttributes, ProcessingStatistics: statistics, [op.result.element]: resultItems[0]! };
  }
  return {
    payload: encodeDocument(module, op.root, document),
    expected: op.result.many ? resultItems : resultItems[0],
    transactionId,
  };
}

/** The type of the envelope the results come back in. */
function resultEnvelopeType(op: OperationDescriptor): string {
  const root = resolveType(modules[op.module], op.rootType);
  if (root.kind !== 'complex' || !root.content) throw new Error(`${op.rootType} has no content`);
  const find = (particles: readonly { kind: string }[]): string | undefined => {
    for (const p of particles as (
      { kind: 'element'; name: string; type: string } | { kind: 'choice'; particles: never[] }
    )[]) {
      if (p.kind === 'element' && p.name === op.result.envelope) return p.type;
      if (p.kind !== 'element') {
        const hit = find(p.particles);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  const type = find(root.content.particles);
  if (!type) throw new Error(`${op.rootType} has no ${op.result.envelope}`);
  return type;
}
