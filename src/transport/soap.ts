/**
 * The SOAP 1.1 envelope of `submitAttachment` (MMS-PROTOCOL.md §1, §2, §5):
 * building `RequestAttInfo`, reading `ResponseAttInfo` and SOAP faults.
 *
 * The embedded schema of both WSDLs has no `elementFormDefault`, so it is
 * `unqualified`: `RequestAttInfo`/`ResponseAttInfo` are in the service's types
 * namespace, their children are in no namespace. We write exactly that, and
 * read children by local name so a server that qualifies them still works.
 */
import { MmsClientError } from '../errors.js';
import { NOT_XML_CHAR } from '../xml/canonical.js';
import { decodeBase64InSlices } from '../xml/base64.js';
import { parseXmlAsync, type ParseLimits } from '../xml/parser.js';
import { printable } from '../text.js';
import { childNamed, childrenNamed, deepText, type XmlElement } from './xml-tree.js';
import { services } from '../../generated/services.js';
import type { ServiceDescriptor } from '../xml/descriptors.js';
import type { Interface, RequestType } from '../vocabulary.js';

/** Known `responseDataType` values. */
export const RESPONSE_DATA_TYPES = ['XML', 'HTML', 'CSV', 'JSON', 'TXT'] as const;
/** Known `responseDataType` values. */
export type ResponseDataType = (typeof RESPONSE_DATA_TYPES)[number];

/** SOAP 1.1 envelope namespace. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** SOAP 1.2 envelope namespace (only read, for faults from a misconfigured server). */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** XOP namespace of `xop:Include`. */
export const XOP_NS = 'http://www.w3.org/2004/08/xop/include';

/** What differs between the two services, from their WSDLs. */
export type ServiceDescription = ServiceDescriptor;

/** The two services as their WSDLs bind them: the generated catalog (generated/services.ts). */
export const SERVICES: Readonly<Record<Interface, ServiceDescription>> = services;

/** Children of `RequestAttInfo`, in schema order. */
export const REQUEST_FIELDS = [
  'requestType',
  'adminRole',
  'requestDataCompressed',
  'requestDataType',
  'sendRequestDataOnSuccess',
  'sendResponseDataCompressed',
  'requestSignature',
  'requestData',
  'attachmentData',
] as const;

/** Children of `ResponseAttInfo`, in schema order. */
export const RESPONSE_FIELDS = [
  'success',
  'warnings',
  'responseBinary',
  'responseCompressed',
  'responseDataType',
  'responseFilename',
  'responseData',
  'attachmentData',
] as const;

/** Children of `AttachmentType`, in schema order. */
export const ATTACHMENT_FIELDS = ['binaryData', 'signature', 'name'] as const;

/**
 * Binary content in an envelope: a reference to an MTOM part (`xop:Include`)
 * or bytes written inline as base64.
 */
export type BinaryContent = { readonly contentId: string } | { readonly bytes: Uint8Array };

/** One `attachmentData` entry of a request. */
export interface RequestAttachment {
  readonly binaryData?: BinaryContent;
  readonly signature?: string;
  readonly name?: string;
}

/** `RequestAttInfo`, field for field. */
export interface RequestAttInfo {
  readonly requestType: RequestType;
  readonly adminRole: boolean;
  readonly requestDataCompressed: boolean;
  readonly requestDataType: 'XML' | 'JSON';
  readonly sendRequestDataOnSuccess: boolean;
  readonly sendResponseDataCompressed: boolean;
  readonly requestSignature?: string;
  readonly requestData: BinaryContent;
  readonly attachmentData?: readonly RequestAttachment[];
}

/** One `attachmentData` entry of a response, binary data resolved to bytes. */
export interface ResponseAttachment {
  readonly binaryData?: Uint8Array;
  readonly signature?: string;
  readonly name?: string;
}

/** `ResponseAttInfo`, field for field, binary data resolved to bytes. */
export interface ResponseAttInfo {
  readonly success: boolean;
  readonly warnings: boolean;
  readonly responseBinary: boolean;
  readonly responseCompressed: boolean;
  /** One of {@link RESPONSE_DATA_TYPES}; kept as written if the server sends another. */
  readonly responseDataType: string;
  readonly responseFilename?: string;
  readonly responseData?: Uint8Array;
  readonly attachmentData: readonly ResponseAttachment[];
}

/** A SOAP fault, 1.1 or 1.2, reduced to its text. */
export interface SoapFault {
  /** Fault code as written, prefix included (`soapenv:Server`). */
  readonly code: string;
  /** Human-readable reason. */
  readonly message: string;
  /** Text of the `detail` element, if any. */
  readonly detail?: string;
}

/** A decoded response body: the response element or a fault. */
export type SoapResponse =
  | { readonly kind: 'response'; readonly response: ResponseAttInfo }
  | { readonly kind: 'fault'; readonly fault: SoapFault };

/** Looks up the bytes of an MTOM part by Content-ID (angle brackets removed, percent-decoded). */
export type CidResolver = (contentId: string) => Uint8Array;

/** How an envelope is read: the XML limits, and a signal that stops the read. */
export interface EnvelopeReadOptions {
  readonly limits?: ParseLimits;
  readonly signal?: AbortSignal;
}

/**
 * Checks a request against the WSDL's rules that the type system cannot
 * express (request type per service, attachment count, signature length).
 *
 * @throws {@link MmsClientError} `INVALID_REQUEST`
 */
export function checkRequest(iface: Interface, req: RequestAttInfo): void {
  const service = SERVICES[iface];
  if (!service.requestTypes.includes(req.requestType)) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `requestType ${req.requestType} is not accepted by the ${iface} service (allowed: ${service.requestTypes.join(', ')}).`,
    );
  }
  const count = req.attachmentData?.length ?? 0;
  if (count > service.maxAttachments) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `${count} attachments exceed the ${iface} service's limit of ${service.maxAttachments}.`,
    );
  }
  const signatures = [req.requestSignature, ...(req.attachmentData ?? []).map((a) => a.signature)];
  for (const sig of signatures) {
    if (sig !== undefined && (sig.length < 1 || sig.length > 2048)) {
      throw new MmsClientError(
        'INVALID_REQUEST',
        `A signature of ${sig.length} characters is outside 1..2048.`,
      );
    }
  }
}

/**
 * Writes the SOAP 1.1 envelope of a `submitAttachment` request, fields in
 * schema order.
 *
 * @throws {@link MmsClientError} `INVALID_REQUEST` (see {@link checkRequest})
 */
export function buildRequestEnvelope(iface: Interface, req: RequestAttInfo): string {
  checkRequest(iface, req);
  const ns = SERVICES[iface].typesNamespace;
  const parts: string[] = [
    el('requestType', req.requestType),
    el('adminRole', String(req.adminRole)),
    el('requestDataCompressed', String(req.requestDataCompressed)),
    el('requestDataType', req.requestDataType),
    el('sendRequestDataOnSuccess', String(req.sendRequestDataOnSuccess)),
    el('sendResponseDataCompressed', String(req.sendResponseDataCompressed)),
  ];
  if (req.requestSignature !== undefined) parts.push(el('requestSignature', req.requestSignature));
  parts.push(binaryEl('requestData', req.requestData));
  for (const att of req.attachmentData ?? []) parts.push(attachmentEl(att));
  return envelope(`<mms:RequestAttInfo xmlns:mms="${escapeXml(ns)}">${parts.join('')}</mms:RequestAttInfo>`);
}

/**
 * Writes the envelope of a `submitAttachment` response. The client never
 * sends one; tests and the local MMS stand-in do.
 */
export function buildResponseEnvelope(
  iface: Interface,
  res: Omit<ResponseAttInfo, 'responseData' | 'attachmentData'> & {
    readonly responseData?: BinaryContent;
    readonly attachmentData?: readonly RequestAttachment[];
  },
): string {
  const ns = SERVICES[iface].typesNamespace;
  const parts: string[] = [
    el('success', String(res.success)),
    el('warnings', String(res.warnings)),
    el('responseBinary', String(res.responseBinary)),
    el('responseCompressed', String(res.responseCompressed)),
    el('responseDataType', res.responseDataType),
  ];
  if (res.responseFilename !== undefined) parts.push(el('responseFilename', res.responseFilename));
  if (res.responseData !== undefined) parts.push(binaryEl('responseData', res.responseData));
  for (const att of res.attachmentData ?? []) parts.push(attachmentEl(att));
  return envelope(
    `<mms:ResponseAttInfo xmlns:mms="${escapeXml(ns)}">${parts.join('')}</mms:ResponseAttInfo>`,
  );
}

/** Writes a SOAP 1.1 fault envelope (for tests and the local stand-in). */
export function buildFaultEnvelope(fault: SoapFault): string {
  const detail = fault.detail === undefined ? '' : el('detail', fault.detail);
  return envelope(
    `<soapenv:Fault>${el('faultcode', fault.code)}${el('faultstring', fault.message)}${detail}</soapenv:Fault>`,
  );
}

/**
 * Reads a response envelope: `ResponseAttInfo` or a SOAP fault. Binary
 * fields may be inline base64 or `xop:Include` references, which `resolve`
 * turns into bytes.
 *
 * @throws {@link MmsClientError} `DECODE_ERROR` when the XML or its structure is not a usable response
 */
export async function parseResponseEnvelope(
  xml: string | Uint8Array,
  resolve: CidResolver,
  options: EnvelopeReadOptions = {},
): Promise<SoapResponse> {
  const payload = await bodyPayload(xml, options);
  if (payload.name === 'Fault' && (payload.uri === SOAP11_NS || payload.uri === SOAP12_NS)) {
    return { kind: 'fault', fault: readFault(payload) };
  }
  if (payload.name !== 'ResponseAttInfo') {
    throw decodeError(`the SOAP Body holds ${payload.name}, expected ResponseAttInfo or Fault`);
  }
  const success = readBoolean(payload, 'success');
  if (success === undefined) throw decodeError('ResponseAttInfo has no success element');
  const responseDataType = textOf(payload, 'responseDataType');
  if (responseDataType === undefined) throw decodeError('ResponseAttInfo has no responseDataType element');
  const responseFilename = textOf(payload, 'responseFilename', false);
  const dataEl = childNamed(payload, 'responseData');
  const responseData = dataEl ? await readBinary(dataEl, resolve, options.signal) : undefined;
  const attachmentData = await readAttachments(payload, resolve, options.signal);
  return {
    kind: 'response',
    response: {
      success,
      warnings: readBoolean(payload, 'warnings') ?? false,
      responseBinary: readBoolean(payload, 'responseBinary') ?? false,
      responseCompressed: readBoolean(payload, 'responseCompressed') ?? false,
      responseDataType,
      ...(responseFilename !== undefined ? { responseFilename } : {}),
      ...(responseData !== undefined ? { responseData } : {}),
      attachmentData,
    },
  };
}

/** A request envelope as read back by a server (the local stand-in, tests). */
export interface ParsedRequest {
  readonly interface: Interface;
  readonly requestType: string;
  readonly adminRole: boolean;
  readonly requestDataCompressed: boolean;
  readonly requestDataType: string;
  readonly sendRequestDataOnSuccess: boolean;
  readonly sendResponseDataCompressed: boolean;
  readonly requestSignature?: string;
  readonly requestData: Uint8Array;
  readonly attachmentData: readonly ResponseAttachment[];
}

/**
 * Reads a request envelope (the server side of {@link buildRequestEnvelope}).
 *
 * @throws {@link MmsClientError} `DECODE_ERROR`
 */
export async function parseRequestEnvelope(
  xml: string | Uint8Array,
  resolve: CidResolver,
  options: EnvelopeReadOptions = {},
): Promise<ParsedRequest> {
  const payload = await bodyPayload(xml, options);
  const iface = (Object.keys(SERVICES) as Interface[]).find(
    (k) => SERVICES[k].typesNamespace === payload.uri,
  );
  if (payload.name !== 'RequestAttInfo' || iface === undefined) {
    throw decodeError(
      `the SOAP Body holds {${printable(payload.uri, 200)}}${payload.name}, expected an MMS RequestAttInfo`,
    );
  }
  const requestType = textOf(payload, 'requestType');
  const dataEl = childNamed(payload, 'requestData');
  if (requestType === undefined || dataEl === undefined) {
    throw decodeError('RequestAttInfo lacks requestType or requestData');
  }
  const requestSignature = textOf(payload, 'requestSignature');
  return {
    interface: iface,
    requestType,
    adminRole: readBoolean(payload, 'adminRole') ?? false,
    requestDataCompressed: readBoolean(payload, 'requestDataCompressed') ?? false,
    requestDataType: textOf(payload, 'requestDataType') ?? 'XML',
    sendRequestDataOnSuccess: readBoolean(payload, 'sendRequestDataOnSuccess') ?? true,
    sendResponseDataCompressed: readBoolean(payload, 'sendResponseDataCompressed') ?? false,
    ...(requestSignature !== undefined ? { requestSignature } : {}),
    requestData: await readBinary(dataEl, resolve, options.signal),
    attachmentData: await readAttachments(payload, resolve, options.signal),
  };
}

// ---- writing ----

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

function el(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function binaryEl(name: string, content: BinaryContent): string {
  if ('contentId' in content) {
    // The href is a cid: URL (RFC 2392): the Content-ID without brackets, URL-encoded.
    const href = `cid:${encodeURIComponent(content.contentId).replace(/%40/g, '@')}`;
    return `<${name}><xop:Include xmlns:xop="${XOP_NS}" href="${escapeXml(href)}"/></${name}>`;
  }
  return el(name, Buffer.from(content.bytes).toString('base64'));
}

function attachmentEl(att: RequestAttachment): string {
  let inner = '';
  if (att.binaryData !== undefined) inner += binaryEl('binaryData', att.binaryData);
  if (att.signature !== undefined) inner += el('signature', att.signature);
  if (att.name !== undefined) inner += el('name', att.name);
  return `<attachmentData>${inner}</attachmentData>`;
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  if (NOT_XML_CHAR.test(text)) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      'A value contains a character that XML 1.0 cannot carry (a control character or half of a surrogate pair).',
    );
  }
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;');
}

// ---- reading ----

function decodeError(what: string, cause?: unknown): MmsClientError {
  return new MmsClientError(
    'DECODE_ERROR',
    `Cannot decode the SOAP response: ${what}.`,
    cause === undefined ? undefined : { cause },
  );
}

async function bodyPayload(xml: string | Uint8Array, options: EnvelopeReadOptions): Promise<XmlElement> {
  const root = await parseXmlAsync(xml, options.limits, {
    label: 'the SOAP envelope',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (root.name !== 'Envelope' || (root.uri !== SOAP11_NS && root.uri !== SOAP12_NS)) {
    throw decodeError(`the root element is {${printable(root.uri, 200)}}${root.name}, not a SOAP Envelope`);
  }
  const body = childNamed(root, 'Body', root.uri);
  if (!body) throw decodeError('the envelope has no Body');
  const payload = body.children[0];
  if (!payload) throw decodeError('the SOAP Body is empty');
  return payload;
}

function readFault(fault: XmlElement): SoapFault {
  if (fault.uri === SOAP12_NS) {
    const code = childNamed(fault, 'Code', SOAP12_NS);
    const value = code ? childNamed(code, 'Value', SOAP12_NS) : undefined;
    const reason = childNamed(fault, 'Reason', SOAP12_NS);
    const text = reason ? childNamed(reason, 'Text', SOAP12_NS) : undefined;
    const detail = childNamed(fault, 'Detail', SOAP12_NS);
    return {
      code: value?.text.trim() ?? '',
      message: text ? deepText(text).trim() : '',
      ...(detail ? { detail: deepText(detail).trim() } : {}),
    };
  }
  const code = childNamed(fault, 'faultcode');
  const message = childNamed(fault, 'faultstring');
  const detail = childNamed(fault, 'detail');
  return {
    code: code?.text.trim() ?? '',
    message: message ? deepText(message).trim() : '',
    ...(detail ? { detail: deepText(detail).trim() } : {}),
  };
}

function textOf(parent: XmlElement, name: string, trim = true): string | undefined {
  const child = childNamed(parent, name);
  if (!child) return undefined;
  return trim ? child.text.trim() : child.text;
}

function readBoolean(parent: XmlElement, name: string): boolean | undefined {
  const text = textOf(parent, name);
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw decodeError(`${name} holds "${printable(text, 40)}", not an xsd:boolean`);
}

async function readBinary(el: XmlElement, resolve: CidResolver, signal?: AbortSignal): Promise<Uint8Array> {
  const include = el.children.find((c) => c.name === 'Include' && c.uri === XOP_NS);
  if (include) {
    const href = include.attributes['href'];
    if (href === undefined) throw decodeError(`${el.name} has an xop:Include without href`);
    if (!/^cid:/i.test(href))
      throw decodeError(`${el.name} refers to "${printable(href, 200)}", which is not a cid: URL`);
    let cid: string;
    try {
      cid = decodeURIComponent(href.slice(4));
    } catch (err) {
      throw decodeError(`${el.name} has a malformed cid: URL "${printable(href, 200)}"`, err);
    }
    return resolve(stripAngleBrackets(cid));
  }
  if (el.children.length > 0)
    throw decodeError(`${el.name} holds an unexpected element ${el.children[0]?.name}`);
  // In slices, not one regex over the whole text: megabytes of base64
  // overflow the regex engine's stack, and would hold the event loop.
  const bytes = await decodeBase64InSlices(el.text, signal);
  if (bytes === undefined) throw decodeError(`${el.name} is neither xop:Include nor valid base64`);
  return bytes;
}

async function readAttachments(
  parent: XmlElement,
  resolve: CidResolver,
  signal: AbortSignal | undefined,
): Promise<ResponseAttachment[]> {
  const out: ResponseAttachment[] = [];
  for (const el of childrenNamed(parent, 'attachmentData')) {
    const dataEl = childNamed(el, 'binaryData');
    const signature = textOf(el, 'signature');
    const name = textOf(el, 'name', false);
    out.push({
      ...(dataEl ? { binaryData: await readBinary(dataEl, resolve, signal) } : {}),
      ...(signature !== undefined ? { signature } : {}),
      ...(name !== undefined ? { name } : {}),
    });
  }
  return out;
}

/** `<abc@x>` → `abc@x`; other values unchanged. */
export function stripAngleBrackets(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
}
