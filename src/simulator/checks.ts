/**
 * The checks the MMS makes on every request, in the order it makes them,
 * each returning what the MMS answers when it fails:
 *
 * | check                                          | failure answer                             |
 * |------------------------------------------------|--------------------------------------------|
 * | service path, SOAPAction                       | SOAP fault (HTTP 500), as Axis2            |
 * | MTOM / SOAP structure, `RequestAttInfo`        | SOAP fault                                 |
 * | signature against the presented certificate   | SOAP fault                                 |
 * | payload readable (XML, right root, not zipped) | `responseDataType` TXT with a message      |
 * | payload against the schema                     | `Validation="FAILED"` with `Messages/Error` |
 * | `ParticipantName`/`UserName` vs certificate    | `Validation="FAILED"`                      |
 * | audience of the operation                      | `Validation="FAILED"`                      |
 *
 * The client certificate itself is checked by TLS (`rejectUnauthorized`)
 * before any of this runs.
 */
import type { X509Certificate } from 'node:crypto';
import { modules, operations, services } from '../../generated/index.js';
import { verifySignature } from '../security/signature.js';
import { decodeMessage, parseContentType, splitMultipart } from '../transport/mtom.js';
import { parseRequestEnvelope, stripAngleBrackets, type ParsedRequest } from '../transport/soap.js';
import { MmsLimitError } from '../errors.js';
import { decodeTreeAsync, type Decoded } from '../xml/decode.js';
import type {
  GroupDescriptor,
  ModuleDescriptor,
  OperationDescriptor,
  PayloadModule,
} from '../xml/descriptors.js';
import { parseXmlAsync, type XmlElement } from '../xml/parser.js';
import { complexIndex, resolveType } from '../xml/schema-index.js';
import { validateValue, type Violation } from '../xml/validate.js';
import { CODES, type KnownCaller } from './operations/index.js';
import type { ParticipantConfig } from './pki.js';
import type { FaultCode } from './respond.js';
import { isRec, type Note, type Rec } from './values.js';
import { INTERFACES, type Interface } from '../vocabulary.js';

/** How a failed check is answered before the payload is processed. */
export type Rejection =
  | { readonly kind: 'fault'; readonly code: FaultCode; readonly message: string }
  | { readonly kind: 'txt'; readonly text: string };

const fault = (code: FaultCode, message: string): Rejection => ({ kind: 'fault', code, message });

/** Who is calling, from the client certificate the TLS layer verified. */
export interface Caller {
  /** Subject O: the participant. */
  readonly participant: string | undefined;
  /** Subject CN: the user. */
  readonly user: string | undefined;
  readonly subject: string;
  readonly certificate: X509Certificate;
  /** The configured participant of that name, if any. */
  readonly config: ParticipantConfig | undefined;
}

function dnValue(subject: string, key: string): string | undefined {
  for (const line of subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === key) return line.slice(eq + 1).trim();
  }
  return undefined;
}

export function callerOf(
  certificate: X509Certificate,
  participants: ReadonlyMap<string, ParticipantConfig>,
): Caller {
  const participant = dnValue(certificate.subject, 'O');
  return {
    participant,
    user: dnValue(certificate.subject, 'CN'),
    subject: certificate.subject.split('\n').join(', '),
    certificate,
    config: participant === undefined ? undefined : participants.get(participant),
  };
}

/** The interface served at a path, or undefined. */
export function serviceAt(path: string): Interface | undefined {
  const clean = path.split('?')[0]?.replace(/\/+$/, '');
  return INTERFACES.find((k) => services[k].path === clean);
}

/** SOAPAction as the WSDL binds it; Axis2 dispatches on it. */
export function checkSoapAction(iface: Interface, header: string | undefined): Rejection | undefined {
  const expected = services[iface].soapAction;
  const given = header?.trim().replace(/^"(.*)"$/, '$1');
  if (given === expected) return undefined;
  return fault(
    'soapenv:Client',
    given === undefined || given === ''
      ? `The SOAPAction header is missing; the ${iface} service expects "${expected}".`
      : `The endpoint reference (EPR) for the Operation not found is ${services[iface].path} and the WSA Action = ${given}. Expected SOAPAction "${expected}".`,
  );
}

function withoutPrefix(message: string): string {
  return message.replace(/^Cannot decode the (MIME|SOAP) response: /, '').replace(/\.$/, '');
}

/**
 * The request envelope, from plain SOAP 1.1 or MTOM. For MTOM the outer
 * `type` must be `application/xop+xml`, and the root part (found through
 * `start`) must say `type="text/xml"`, which selects SOAP 1.1.
 */
export async function readEnvelope(
  iface: Interface,
  contentType: string | undefined,
  body: Buffer,
): Promise<{ readonly request: ParsedRequest; readonly mtom: boolean } | Rejection> {
  if (contentType === undefined) return fault('soapenv:Client', 'The request has no Content-Type.');
  const ct = parseContentType(contentType);
  let mtom = false;
  if (ct.mediaType === 'multipart/related') {
    mtom = true;
    const type = ct.params.get('type');
    if (type?.toLowerCase() !== 'application/xop+xml') {
      return fault(
        'soapenv:Client',
        `multipart/related with type="${type ?? ''}" is not MTOM; expected type="application/xop+xml".`,
      );
    }
    const boundary = ct.params.get('boundary');
    if (boundary === undefined)
      return fault('soapenv:Client', 'multipart/related without a boundary parameter.');
    let rootType: string | undefined;
    try {
      const parts = splitMultipart(body, boundary);
      const start = ct.params.get('start');
      const root =
        start === undefined ? parts[0] : parts.find((p) => p.contentId === stripAngleBrackets(start));
      rootType = root?.headers.get('content-type');
    } catch (err) {
      return fault(
        'soapenv:Client',
        `Cannot read the MIME request: ${withoutPrefix((err as Error).message)}.`,
      );
    }
    if (rootType !== undefined) {
      const root = parseContentType(rootType);
      const soapType = root.params.get('type')?.toLowerCase();
      if (root.mediaType !== 'application/xop+xml' || (soapType !== undefined && soapType !== 'text/xml')) {
        return fault(
          'soapenv:Client',
          `The root part has Content-Type ${rootType}; this service is bound to SOAP 1.1 (application/xop+xml; type="text/xml").`,
        );
      }
    }
  } else if (ct.mediaType !== 'text/xml') {
    return fault(
      'soapenv:Client',
      `Content-Type ${ct.mediaType} is not accepted; send SOAP 1.1 (text/xml) or MTOM (multipart/related; type="application/xop+xml").`,
    );
  }
  try {
    const message = decodeMessage(contentType, body);
    const request = await parseRequestEnvelope(message.root, message.resolve, {
      limits: { maxLength: body.byteLength },
    });
    if (request.interface !== iface) {
      return fault(
        'soapenv:Client',
        `RequestAttInfo in namespace ${services[request.interface].typesNamespace} was sent to the ${iface} service, which expects ${services[iface].typesNamespace}.`,
      );
    }
    if (!(services[iface].requestTypes as readonly string[]).includes(request.requestType)) {
      return fault(
        'soapenv:Client',
        `requestType ${request.requestType} is not accepted by the ${iface} service (allowed: ${services[iface].requestTypes.join(', ')}).`,
      );
    }
    if (request.attachmentData.length > services[iface].maxAttachments) {
      return fault(
        'soapenv:Client',
        `${request.attachmentData.length} attachments exceed the limit of ${services[iface].maxAttachments}.`,
      );
    }
    return { request, mtom };
  } catch (err) {
    return fault('soapenv:Client', `Cannot read the request: ${withoutPrefix((err as Error).message)}.`);
  }
}

function signatureValid(data: Uint8Array, signature: string, certificate: X509Certificate): boolean {
  try {
    return verifySignature(data, signature, certificate);
  } catch {
    return false;
  }
}

/** `requestSignature` and every attachment signature, against the presented certificate's key. */
export function checkSignatures(request: ParsedRequest, caller: Caller): Rejection | undefined {
  if (request.requestSignature === undefined || request.requestSignature === '') {
    return fault(
      'soapenv:Client',
      'requestSignature is missing: sign requestData (RSA PKCS#1 v1.5, SHA-256) with the key of the client certificate.',
    );
  }
  if (!signatureValid(request.requestData, request.requestSignature, caller.certificate)) {
    return fault(
      'soapenv:Client',
      `The signature of requestData does not verify against the client certificate (${caller.subject}).`,
    );
  }
  for (const [i, attachment] of request.attachmentData.entries()) {
    const label = `attachmentData[${i}]${attachment.name ? ` (${attachment.name})` : ''}`;
    if (attachment.binaryData === undefined || !attachment.signature) {
      return fault('soapenv:Client', `${label} lacks binaryData or signature.`);
    }
    if (!signatureValid(attachment.binaryData, attachment.signature, caller.certificate)) {
      return fault(
        'soapenv:Client',
        `The signature of ${label} does not verify against the client certificate (${caller.subject}).`,
      );
    }
  }
  return undefined;
}

const MODULE_OF: Readonly<Record<string, PayloadModule | undefined>> = {
  'MI mp.market': 'market',
  'MI mp.registration': 'registration',
  'MI mp.report': 'report',
  'OMI mp.omi': 'omi',
};

const ROOT_OF: Readonly<Record<PayloadModule, string>> = {
  market: 'MarketData',
  omi: 'MarketData',
  registration: 'RegistrationData',
  report: 'MarketReport',
};

/** The payload as an element tree of the right module, or the TXT message the MMS sends when it cannot read it. */
export async function readPayload(
  iface: Interface,
  request: ParsedRequest,
): Promise<{ readonly module: PayloadModule; readonly root: XmlElement } | Rejection> {
  const module = MODULE_OF[`${iface} ${request.requestType}`];
  if (module === undefined)
    return { kind: 'txt', text: `requestType ${request.requestType} は処理できません (not supported).` };
  if (request.requestDataCompressed)
    return {
      kind: 'txt',
      text: '圧縮された要求データは処理できません (requestDataCompressed is not supported).',
    };
  if (request.requestDataType !== 'XML')
    return { kind: 'txt', text: `requestDataType ${request.requestDataType} は処理できません (only XML).` };
  let root: XmlElement;
  try {
    root = await parseXmlAsync(request.requestData, {}, { label: 'the payload' });
  } catch (err) {
    return {
      kind: 'txt',
      text: `要求データのXMLを解析できません (${(err as Error).message}).`,
    };
  }
  const expected = ROOT_OF[module];
  if (root.name !== expected || root.uri !== '') {
    return {
      kind: 'txt',
      text: `要求データのルート要素が不正です (requestType ${request.requestType} takes a ${expected} document, got ${root.name}).`,
    };
  }
  return { module, root };
}

/** Envelope names of each module, from the catalog (none for reports, whose data sits under the root). */
const ENVELOPES: Readonly<Record<PayloadModule, ReadonlySet<string>>> = (() => {
  const out = {
    market: new Set<string>(),
    omi: new Set<string>(),
    registration: new Set<string>(),
    report: new Set<string>(),
  };
  for (const op of Object.values(operations) as OperationDescriptor[])
    if (op.envelope) out[op.module].add(op.envelope);
  return out;
})();

/** The envelope (market, omi, registration) of a payload, if it names one. */
export function envelopeOf(module: PayloadModule, root: XmlElement): string | undefined {
  return root.children.find((c) => ENVELOPES[module].has(c.name))?.name;
}

/** The catalog operation of a payload: its module, envelope and first data element. */
export function operationOf(module: PayloadModule, root: XmlElement): OperationDescriptor | undefined {
  const all = (Object.values(operations) as OperationDescriptor[]).filter((o) => o.module === module);
  if (module === 'report') {
    const element = root.children.find((c) => c.name !== 'Messages' && c.name !== 'ProcessingStatistics');
    return all.find((o) => o.element === element?.name);
  }
  const envelope = envelopeOf(module, root);
  const holder = root.children.find((c) => c.name === envelope);
  const data = holder?.children.find((c) => c.name !== 'Messages');
  return all.find((o) => o.envelope === envelope && o.element === data?.name);
}

/**
 * Children must come in schema order. The decoder reads by name, so order is
 * checked here on the tree, for sequences that do not repeat (in a
 * repeating group any order of repetitions is possible).
 */
function orderViolations(
  module: ModuleDescriptor,
  typeRef: string,
  element: XmlElement,
  path: string,
  out: Violation[],
): void {
  const type = resolveType(module, typeRef);
  if (type.kind !== 'complex' || !type.content) return;
  const rank = new Map<string, number>();
  let repeats = false;
  let next = 0;
  const walk = (group: GroupDescriptor, inChoice: boolean): void => {
    if (group.max !== 1 || group.kind === 'all') repeats = true;
    const base = next;
    for (const p of group.particles) {
      if (p.kind === 'element') {
        if (!rank.has(p.name)) rank.set(p.name, inChoice || group.kind === 'choice' ? base : next++);
      } else walk(p, inChoice || group.kind === 'choice');
    }
    if (group.kind === 'choice') next = base + 1;
  };
  walk(type.content, false);
  const index = complexIndex(type);
  let last = -1;
  const counts = new Map<string, number>();
  for (const child of element.children) {
    const i = counts.get(child.name) ?? 0;
    counts.set(child.name, i + 1);
    const member = index.elements.get(child.name);
    const at = `${path}.${child.name}${member?.array ? `[${i}]` : ''}`;
    const r = rank.get(child.name);
    if (r === undefined || !member) continue; // reported by the decoder
    if (!repeats && r < last) out.push({ path: at, message: `is out of schema order in ${type.name}` });
    last = Math.max(last, r);
    orderViolations(module, member.element.type, child, at, out);
  }
}

/**
 * Every way the payload breaks its schema, with paths from the root element,
 * and the decoded value; or the limit it passed (more problems than the
 * decoder lists). Decoding yields between data items, so a large request
 * does not hold up other clients.
 */
export async function schemaCheck(
  moduleName: PayloadModule,
  root: XmlElement,
): Promise<{ readonly value: Rec; readonly violations: Violation[] } | { readonly limit: MmsLimitError }> {
  const module = modules[moduleName];
  const rootType = module.elements[root.name] as string;
  let decoded: Decoded<Rec>;
  try {
    decoded = await decodeTreeAsync<Rec>(module, rootType, root, root.name);
  } catch (err) {
    if (err instanceof MmsLimitError) return { limit: err };
    throw err;
  }
  const violations: Violation[] = [...decoded.problems];
  const reported = new Set(violations.map((v) => v.path));
  // The validator also sees the content model (required elements, counts,
  // choices); problems the decoder found at the same place are not repeated.
  for (const v of validateValue(module, rootType, decoded.value, root.name)) {
    if (!reported.has(v.path)) violations.push(v);
  }
  orderViolations(module, rootType, root, root.name, violations);
  return { value: decoded.value, violations };
}

/** The caller is a configured participant and user, and the payload names them. */
export function identityNotes(op: OperationDescriptor, holder: Rec, caller: Caller): Note[] {
  const notes: Note[] = [];
  const error = (code: string, text: string): void => void notes.push({ level: 'error', code, text });
  if (caller.config === undefined) {
    error(
      CODES.unknownParticipant,
      `参加者 ${caller.participant ?? '(none)'} は登録されていません (the certificate ${caller.subject} names no participant registered in the simulator)`,
    );
    return notes;
  }
  const users = caller.config.users ?? ['FAKEUSER'];
  if (caller.user === undefined || !users.includes(caller.user)) {
    error(
      CODES.unknownUser,
      `ユーザ ${caller.user ?? '(none)'} は参加者 ${caller.config.name} に登録されていません (user not registered for the participant)`,
    );
  }
  const module = modules[op.module];
  const carrier = resolveType(module, op.envelopeType ?? op.rootType);
  const declared = new Set(carrier.kind === 'complex' ? carrier.attributes.map((a) => a.name) : []);
  const participant = holder['ParticipantName'];
  if (declared.has('ParticipantName') && participant !== caller.participant) {
    error(
      CODES.participantMismatch,
      `ParticipantName ${String(participant)} が証明書と一致しません (does not match the client certificate, O=${caller.participant ?? ''})`,
    );
  }
  const user = holder['UserName'];
  if (declared.has('UserName') && user !== caller.user) {
    error(
      CODES.userMismatch,
      `UserName ${String(user)} が証明書と一致しません (does not match the client certificate, CN=${caller.user ?? ''})`,
    );
  }
  return notes;
}

/**
 * Operations open to BSPs only act on the BSP's own items: a participant
 * named in an item must be the caller.
 */
export function itemParticipantNotes(
  op: OperationDescriptor,
  items: readonly Rec[],
  caller: KnownCaller,
): Note[] {
  if (op.audience.length !== 1 || op.audience[0] !== 'bsp') return [];
  const notes: Note[] = [];
  items.forEach((item, i) => {
    for (const name of ['ParticipantName', 'BspParticipantName']) {
      const value = item[name];
      if (value !== undefined && value !== caller.participant) {
        notes.push({
          level: 'error',
          code: CODES.itemParticipant,
          text: `${op.element}[${i}].${name} ${String(value)} は自社ではありません (a BSP submits for itself, ${caller.participant})`,
        });
      }
    }
  });
  return notes;
}

/** The operation is open to the caller's participant type (adminRole: market operators only, for everything). */
export function audienceNotes(op: OperationDescriptor, caller: KnownCaller, adminRole: boolean): Note[] {
  const type = caller.config.clientType;
  if (adminRole && type !== 'mo') {
    return [
      {
        level: 'error',
        code: CODES.adminRole,
        text: `adminRole は市場運営者のみ使用できます (adminRole is reserved for market operators; ${caller.participant} is ${type.toUpperCase()})`,
      },
    ];
  }
  if (adminRole || op.audience.includes(type)) return [];
  return [
    {
      level: 'error',
      code: CODES.audience,
      text: `${op.id} は ${type.toUpperCase()} には許可されていません (open to ${op.audience.map((a) => a.toUpperCase()).join(', ')} only)`,
    },
  ];
}

/** The data items of an operation in a decoded payload. */
export function itemsIn(op: OperationDescriptor, holder: Rec): Rec[] {
  const value = holder[op.element];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(isRec);
}

/** The envelope value, or the root for report requests. */
export function holderIn(op: OperationDescriptor, document: Rec): Rec {
  const holder = op.envelope ? document[op.envelope] : document;
  return isRec(holder) ? holder : {};
}
