/**
 * The SOAP 1.1 envelope of `submitAttachment` (MMS-PROTOCOL.md §1, §2, §5):
 * building `RequestAttInfo`, reading `ResponseAttInfo` and SOAP faults.
 *
 * Both messages are written and read by walking the generated descriptors
 * of the schema embedded in each WSDL (`generated/soap-mi`, `soap-omi`):
 * fields in schema order, counts, defaults and facets come from there, and
 * simple values go through the same lexical forms and facet checks as
 * payloads. What the schema does not say is written here: binary fields
 * are `xop:Include` references to MTOM parts or inline base64.
 *
 * The embedded schema has no `elementFormDefault`, so it is `unqualified`:
 * `RequestAttInfo`/`ResponseAttInfo` are in the service's types namespace,
 * their children are in no namespace. We write exactly that, and read
 * children by local name so a server that qualifies them still works.
 */
import { modules } from '../../generated/index.js';
import { MmsClientError } from '../errors.js';
import { NOT_XML_CHAR } from '../xml/canonical.js';
import { decodeBase64InSlices } from '../xml/base64.js';
import type { ElementDescriptor, ModuleDescriptor } from '../xml/descriptors.js';
import { UNBOUNDED } from '../xml/descriptors.js';
import { checkSimpleValue } from '../xml/facets.js';
import { parseBoolean } from '../xml/lexical.js';
import { toLexical } from '../xml/scalar.js';
import { resolveType } from '../xml/schema-index.js';
import { parseXmlAsync, type ParseLimits } from '../xml/parser.js';
import { printable } from '../text.js';
import { childNamed, childrenNamed, deepText, type XmlElement } from './xml-tree.js';
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

/** The schema embedded in each service's WSDL. */
const MESSAGE_SCHEMAS: Readonly<Record<Interface, ModuleDescriptor>> = {
  MI: modules['soap-mi'],
  OMI: modules['soap-omi'],
};

/** The element particles of a message type, in schema order (both WSDLs declare flat sequences). */
function fieldsOf(schema: ModuleDescriptor, typeName: string): readonly ElementDescriptor[] {
  const type = resolveType(schema, typeName);
  const particles = type.kind === 'complex' ? (type.content?.particles ?? []) : [];
  return particles.map((p) => {
    if (p.kind !== 'element') throw new Error(`${schema.file}: ${typeName} is not a flat sequence`);
    return p;
  });
}

const names = (typeName: string): readonly string[] =>
  Object.freeze(fieldsOf(MESSAGE_SCHEMAS.MI, typeName).map((p) => p.name));

/** Children of `RequestAttInfo`, in schema order. */
export const REQUEST_FIELDS = names('RequestAttInfo');
/** Children of `ResponseAttInfo`, in schema order. */
export const RESPONSE_FIELDS = names('ResponseAttInfo');
/** Children of `AttachmentType`, in schema order. */
export const ATTACHMENT_FIELDS = names('AttachmentType');

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
 * Writes the SOAP 1.1 envelope of a `submitAttachment` request: fields in
 * schema order, each checked against its type in the service's WSDL (the
 * request types of the service, the attachment limit, signature lengths).
 *
 * @throws {@link MmsClientError} `INVALID_REQUEST` for a value the WSDL refuses
 */
export function buildRequestEnvelope(iface: Interface, req: RequestAttInfo): string {
  return envelope(writeMessage(iface, 'RequestAttInfo', req));
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
  return envelope(writeMessage(iface, 'ResponseAttInfo', res));
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
  // Both services declare the same ResponseAttInfo; a server writing another
  // namespace is read with MI's declaration.
  const schema = schemaOf(payload.uri) ?? MESSAGE_SCHEMAS.MI;
  const fields = await readMessage(schema, 'ResponseAttInfo', payload, resolve, options.signal);
  return { kind: 'response', response: fields as unknown as ResponseAttInfo };
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
  const iface = interfaceOf(payload.uri);
  if (payload.name !== 'RequestAttInfo' || iface === undefined) {
    throw decodeError(
      `the SOAP Body holds {${printable(payload.uri, 200)}}${payload.name}, expected an MMS RequestAttInfo`,
    );
  }
  const fields = await readMessage(
    MESSAGE_SCHEMAS[iface],
    'RequestAttInfo',
    payload,
    resolve,
    options.signal,
  );
  return { interface: iface, ...fields } as unknown as ParsedRequest;
}

function interfaceOf(namespace: string): Interface | undefined {
  return (Object.keys(MESSAGE_SCHEMAS) as Interface[]).find(
    (k) => MESSAGE_SCHEMAS[k].namespace === namespace,
  );
}

function schemaOf(namespace: string): ModuleDescriptor | undefined {
  const iface = interfaceOf(namespace);
  return iface === undefined ? undefined : MESSAGE_SCHEMAS[iface];
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

const BINARY = 'xs:base64Binary';

/** A message element of the service's types namespace, its fields written by the descriptors. */
function writeMessage(iface: Interface, typeName: string, value: object): string {
  const schema = MESSAGE_SCHEMAS[iface];
  const body = writeFields(iface, schema, typeName, value as Readonly<Record<string, unknown>>, typeName);
  return `<mms:${typeName} xmlns:mms="${escapeXml(schema.namespace)}">${body}</mms:${typeName}>`;
}

function writeFields(
  iface: Interface,
  schema: ModuleDescriptor,
  typeName: string,
  value: Readonly<Record<string, unknown>>,
  path: string,
): string {
  let out = '';
  for (const field of fieldsOf(schema, typeName)) {
    const given = value[field.name];
    const items = given === undefined ? [] : field.max === 1 ? [given] : (given as readonly unknown[]);
    const where = `${path}.${field.name}`;
    if (items.length < field.min) throw invalidRequest(`${where} is required.`);
    if (field.max !== UNBOUNDED && items.length > field.max) {
      throw invalidRequest(
        `${items.length} ${field.name === 'attachmentData' ? 'attachments' : `${field.name} entries`} exceed the ${iface} service's limit of ${field.max}.`,
      );
    }
    for (const item of items) out += writeField(iface, schema, field, item, where);
  }
  return out;
}

function writeField(
  iface: Interface,
  schema: ModuleDescriptor,
  field: ElementDescriptor,
  item: unknown,
  where: string,
): string {
  if (field.type === BINARY) return binaryEl(field.name, item as BinaryContent);
  const type = resolveType(schema, field.type);
  if (type.kind === 'complex') {
    const inner = writeFields(iface, schema, type.name, item as Readonly<Record<string, unknown>>, where);
    return `<${field.name}>${inner}</${field.name}>`;
  }
  const lexical = toLexical(item, type);
  if ('error' in lexical) throw invalidRequest(`${where}: ${lexical.error}.`);
  const problems = checkSimpleValue(lexical.lexical, type);
  if (problems.length > 0) throw invalidRequest(`${problems[0]} (${where}, ${iface} service).`);
  return el(field.name, lexical.lexical);
}

function invalidRequest(message: string): MmsClientError {
  return new MmsClientError('INVALID_REQUEST', message);
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

/**
 * A message's fields by its descriptor: missing fields take their schema
 * default, a required one without a default is an error. Values are kept as
 * written (an unknown `responseDataType` included: the server is the
 * authority); only what cannot be a value of its type fails.
 */
async function readMessage(
  schema: ModuleDescriptor,
  typeName: string,
  parent: XmlElement,
  resolve: CidResolver,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(schema, typeName)) {
    const found = childrenNamed(parent, field.name);
    if (found.length === 0) {
      if (field.default !== undefined) out[field.name] = readSimple(schema, field, field.default);
      else if (field.min > 0 && field.max === 1)
        throw decodeError(`${typeName} has no ${field.name} element`);
      else if (field.max !== 1) out[field.name] = [];
      continue;
    }
    const values: unknown[] = [];
    for (const el of found) {
      if (field.type === BINARY) values.push(await readBinary(el, resolve, signal));
      else if (resolveType(schema, field.type).kind === 'complex')
        values.push(await readMessage(schema, field.type, el, resolve, signal));
      else values.push(readSimple(schema, field, el.text));
    }
    out[field.name] = field.max === 1 ? values[0] : values;
  }
  return out;
}

/** A simple value: booleans parsed, text as written (trimmed unless the type is a plain string). */
function readSimple(schema: ModuleDescriptor, field: ElementDescriptor, text: string): unknown {
  const type = resolveType(schema, field.type);
  if (type.kind !== 'simple' || type.builtin !== 'boolean')
    return field.type === 'xs:string' ? text : text.trim();
  const value = parseBoolean(text.trim());
  if (value === undefined)
    throw decodeError(`${field.name} holds "${printable(text.trim(), 40)}", not an xsd:boolean`);
  return value;
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

/** `<abc@x>` → `abc@x`; other values unchanged. */
export function stripAngleBrackets(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
}
