/**
 * A bare MMS stand-in for the client's end-to-end tests: real HTTPS with a
 * required client certificate (test/helpers/mtls-server.ts), which for every
 * request checks the signature against the presented certificate and the
 * payload against the real XSD with libxml2, then answers with whatever
 * payload the test supplies, itself checked with libxml2, as MTOM.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { MODULE_FILES } from '../../codegen/schemas.js';
import { operations } from '../../generated/index.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { decodeMessage, encodeMtom } from '../../src/transport/mtom.js';
import {
  buildResponseEnvelope,
  parseRequestEnvelope,
  type ResponseDataType,
} from '../../src/transport/soap.js';
import { parseXml } from '../../src/xml/parser.js';
import { startMtlsServer, type MtlsServer, type RecordedRequest } from './mtls-server.js';
import type { TestPki } from './pki.js';
import { loadSchema, validateWithLibxml2 } from './xmllint.js';

/** What the server saw of one call. */
export interface ServerCall {
  readonly operation: OperationDescriptor;
  readonly payload: string;
  readonly adminRole: boolean;
  readonly requestType: string;
  readonly attachmentNames: readonly string[];
  /** Every attachment's signature verified against the client certificate. */
  readonly attachmentsSigned: boolean;
  readonly signatureValid: boolean;
  readonly clientAuthorized: boolean;
  /** libxml2's errors for the request payload (empty: valid). */
  readonly requestErrors: readonly string[];
  /** libxml2's errors for the response payload the test supplied (empty: valid). */
  readonly responseErrors: readonly string[];
}

/** The answer to one call: a payload (validated against `schema` unless it is not XML) and outer fields. */
export interface Answer {
  readonly payload: string | Uint8Array;
  readonly dataType?: ResponseDataType;
  readonly binary?: boolean;
  readonly compressed?: boolean;
  /** Answer with this HTTP status and a plain-text body instead (e.g. 503). */
  readonly httpStatus?: number;
  /** `success` of ResponseAttInfo; default true. */
  readonly success?: boolean;
  /** Files attached to the answer (`attachmentData`). */
  readonly attachments?: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly filename?: string;
  /** Schema file to validate an XML payload against; default the operation's. */
  readonly schema?: string;
}

export type Responder = (operation: OperationDescriptor, requestPayload: string) => Answer;

export interface BareMmsServer {
  readonly urls: { readonly MI: string; readonly OMI: string };
  readonly calls: ServerCall[];
  respond: Responder;
  close(): Promise<void>;
}

/** The operation a payload document is for: its module and its envelope and data element names. */
export function operationOf(requestType: string, iface: string, payload: string): OperationDescriptor {
  const root = parseXml(payload);
  const module = iface === 'OMI' ? 'omi' : requestType.replace('mp.', '');
  const first = root.children.find((c) => c.name !== 'Messages' && c.name !== 'ProcessingStatistics');
  // With companions (StandingData before BupSubmit) the data element is the last.
  const data = first?.children.filter((c) => c.name !== 'Messages').at(-1);
  const matches = (Object.values(operations) as OperationDescriptor[]).filter(
    (op) =>
      op.module === module &&
      (op.envelope ? op.envelope === first?.name && op.element === data?.name : op.element === first?.name),
  );
  if (matches.length !== 1)
    throw new Error(`no single operation for ${requestType} ${first?.name}/${data?.name}`);
  return matches[0]!;
}

async function libxml2Errors(schemaFile: string, xml: string): Promise<string[]> {
  const [verdict] = await validateWithLibxml2(loadSchema(schemaFile), [
    { fileName: 'payload.xml', contents: xml },
  ]);
  return verdict!.valid ? [] : verdict!.errors.map((m) => m.message);
}

function signatureOk(data: Uint8Array, signature: string | undefined, certPem: string | undefined): boolean {
  if (!signature || !certPem) return false;
  return verify('sha256', data, createPublicKey(certPem), Buffer.from(signature, 'base64'));
}

async function handle(server: BareMmsServer, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const message = decodeMessage(req.headers['content-type'], req.body);
  const parsed = await parseRequestEnvelope(message.rootXml, message.resolve);
  const payload = new TextDecoder().decode(parsed.requestData);
  const operation = operationOf(parsed.requestType, parsed.interface, payload);
  const answer = server.respond(operation, payload);
  if (answer.httpStatus !== undefined) {
    server.calls.push({
      operation,
      payload,
      adminRole: parsed.adminRole,
      requestType: parsed.requestType,
      attachmentNames: [],
      attachmentsSigned: true,
      signatureValid: true,
      clientAuthorized: req.authorized,
      requestErrors: [],
      responseErrors: [],
    });
    res.writeHead(answer.httpStatus, { 'content-type': 'text/plain' });
    res.end(String(answer.payload));
    return;
  }
  const answerBytes =
    typeof answer.payload === 'string' ? Buffer.from(answer.payload, 'utf8') : Buffer.from(answer.payload);
  const isXml = (answer.dataType ?? 'XML') === 'XML' && !answer.binary;
  const [requestErrors, responseErrors] = await Promise.all([
    libxml2Errors(MODULE_FILES[operation.module], payload),
    isXml
      ? libxml2Errors(answer.schema ?? MODULE_FILES[operation.module], answerBytes.toString('utf8'))
      : Promise.resolve([]),
  ]);
  server.calls.push({
    operation,
    payload,
    adminRole: parsed.adminRole,
    requestType: parsed.requestType,
    attachmentNames: parsed.attachmentData.map((a) => a.name ?? ''),
    attachmentsSigned: parsed.attachmentData.every((a) =>
      signatureOk(a.binaryData ?? new Uint8Array(), a.signature, req.peerCertPem),
    ),
    signatureValid: signatureOk(parsed.requestData, parsed.requestSignature, req.peerCertPem),
    clientAuthorized: req.authorized,
    requestErrors,
    responseErrors,
  });
  const envelope = buildResponseEnvelope(parsed.interface, {
    success: answer.success ?? true,
    warnings: false,
    responseBinary: answer.binary ?? false,
    responseCompressed: answer.compressed ?? false,
    responseDataType: answer.dataType ?? 'XML',
    ...(answer.filename !== undefined ? { responseFilename: answer.filename } : {}),
    responseData: { contentId: 'response-payload@bare.test' },
    attachmentData: (answer.attachments ?? []).map((a) => ({ name: a.name, binaryData: { bytes: a.bytes } })),
  });
  const mtom = encodeMtom(envelope, 'root@bare.test', [
    { contentId: 'response-payload@bare.test', body: answerBytes },
  ]);
  res.writeHead(200, { 'content-type': mtom.contentType });
  res.end(mtom.body);
}

export async function startBareMmsServer(pki: TestPki, respond: Responder): Promise<BareMmsServer> {
  const mtls: MtlsServer = await startMtlsServer({
    pki,
    handler: (req, res) =>
      handle(server, req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`bare server: ${(err as Error).stack ?? String(err)}`);
      }),
  });
  const server: BareMmsServer = {
    urls: { MI: mtls.url('/axis2/services/MiWebService'), OMI: mtls.url('/axis2/services/OmiWebService') },
    calls: [],
    respond,
    close: () => mtls.close(),
  };
  return server;
}
