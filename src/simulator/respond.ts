/**
 * Turning an answer into HTTP bytes the way Axis2 sends them: the payload
 * encoded canonically, checked against its schema, placed in `ResponseAttInfo`
 * and sent as MTOM (the default, as the real server does) or as plain SOAP
 * with the payload inline in base64. Faults are SOAP 1.1 faults with HTTP 500,
 * optionally inside MTOM as well.
 */
import { randomUUID } from 'node:crypto';
import { encodeMtom } from '../transport/mtom.js';
import { buildFaultEnvelope, buildResponseEnvelope } from '../transport/soap.js';
import type { ModuleDescriptor } from '../xml/descriptors.js';
import { encodeDocument } from '../xml/encode.js';
import { validateValue } from '../xml/validate.js';
import type { Reply } from './operations/index.js';
import type { Interface } from '../vocabulary.js';

/** An HTTP response to send. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A SOAP fault code as Axis2 writes it. */
export type FaultCode = 'soapenv:Client' | 'soapenv:Server';

/** The simulator wrote an answer that breaks its own schema: a simulator bug, reported as a server fault. */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
}

/** Axis2's Content-ID form: `0.urn:uuid:…@apache.org` for the root, `1.…` for the first part. */
function axisContentId(index: number): string {
  return `${index}.urn:uuid:${randomUUID().toUpperCase()}@apache.org`;
}

/** The canonical bytes of a document, after checking it against the module's schema. */
export function encodeChecked(
  module: ModuleDescriptor,
  root: string,
  value: Record<string, unknown>,
): Buffer {
  const rootType = module.elements[root];
  if (rootType === undefined) throw new InvalidAnswerError(`${module.file} has no element ${root}`);
  const violations = validateValue(module, rootType, value, root);
  if (violations.length > 0) {
    throw new InvalidAnswerError(
      `the simulator built an answer that breaks ${module.file}: ${violations
        .slice(0, 5)
        .map((v) => `${v.path}: ${v.message}`)
        .join('; ')}`,
    );
  }
  return Buffer.from(encodeDocument(module, root, value), 'utf8');
}

/** Outer fields and data of one `ResponseAttInfo`. */
export interface ResponseContent {
  readonly success: boolean;
  readonly warnings: boolean;
  readonly binary: boolean;
  readonly dataType: string;
  readonly filename?: string;
  readonly data: Uint8Array;
}

/** `ResponseAttInfo` as MTOM or as plain SOAP with inline base64. */
export function soapAnswer(iface: Interface, content: ResponseContent, mtom: boolean): HttpAnswer {
  const partId = axisContentId(1);
  const envelope = buildResponseEnvelope(iface, {
    success: content.success,
    warnings: content.warnings,
    responseBinary: content.binary,
    responseCompressed: false,
    responseDataType: content.dataType,
    ...(content.filename !== undefined ? { responseFilename: content.filename } : {}),
    responseData: mtom ? { contentId: partId } : { bytes: content.data },
  });
  if (!mtom) {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
      body: Buffer.from(envelope),
    };
  }
  const message = encodeMtom(envelope, axisContentId(0), [{ contentId: partId, body: content.data }], {
    startInfo: 'text/xml',
  });
  return { status: 200, headers: { 'content-type': message.contentType }, body: message.body };
}

/** The HTTP answer of an operation's reply. */
export function replyAnswer(iface: Interface, reply: Reply, mtom: boolean): HttpAnswer {
  if (reply.kind === 'file') {
    return soapAnswer(
      iface,
      {
        success: true,
        warnings: false,
        binary: reply.binary,
        dataType: reply.dataType,
        ...(reply.filename !== undefined ? { filename: reply.filename } : {}),
        data: reply.bytes,
      },
      mtom,
    );
  }
  return soapAnswer(
    iface,
    {
      success: reply.ok,
      warnings: reply.warnings,
      binary: false,
      dataType: 'XML',
      data: encodeChecked(reply.module, reply.root, reply.value),
    },
    mtom,
  );
}

/** A plain-text error message (`responseDataType` TXT), the MMS's answer to a payload it cannot read. */
export function textAnswer(iface: Interface, text: string, mtom: boolean): HttpAnswer {
  return soapAnswer(
    iface,
    { success: false, warnings: false, binary: false, dataType: 'TXT', data: Buffer.from(text, 'utf8') },
    mtom,
  );
}

/** A SOAP 1.1 fault with HTTP 500, as plain SOAP or inside an MTOM message. */
export function faultAnswer(code: FaultCode, message: string, mtom = false, detail?: string): HttpAnswer {
  const envelope = buildFaultEnvelope({ code, message, ...(detail !== undefined ? { detail } : {}) });
  if (!mtom) {
    return {
      status: 500,
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
      body: Buffer.from(envelope),
    };
  }
  const encoded = encodeMtom(envelope, axisContentId(0), [], { startInfo: 'text/xml' });
  return { status: 500, headers: { 'content-type': encoded.contentType }, body: encoded.body };
}

/** A non-SOAP HTTP answer (wrong method, injected 5xx). */
export function plainAnswer(
  status: number,
  text: string,
  contentType = 'text/plain; charset=UTF-8',
): HttpAnswer {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(text, 'utf8') };
}
