/**
 * Turning what the transport received into a result or a typed error:
 * files (binary or non-XML answers), payload decoding with the operation's
 * schema, then the MMS success rules. The transport has already turned SOAP
 * faults, `TXT` answers and compressed responses into errors.
 */
import { modules } from '../../generated/index.js';
import { MmsClientError } from '../errors.js';
import type { SendResult } from '../transport/transport.js';
import { decodeTree } from '../xml/decode.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { parseXml, XmlParseError, type ParseLimits, type XmlElement } from '../xml/parser.js';
import { MmsValidationError } from './errors.js';
import { moduleOf } from './payload.js';
import type { MmsAttachment, MmsFile, MmsResult } from './result.js';
import { judge } from './success.js';

const OUTBOUND_ROOT = 'OutboundData';
/** The operations whose XML answer is a report's content (mi-outbnd-reports.xsd). */
const REPORT_DOWNLOADS = new Set(['ReportDownloadRequest', 'ReportDownloadRequestTrnID']);

const base64 = (bytes: Uint8Array | undefined): string =>
  Buffer.from(bytes ?? new Uint8Array()).toString('base64');

function fileOf(sent: SendResult): MmsFile {
  return {
    ...(sent.response.responseFilename !== undefined ? { filename: sent.response.responseFilename } : {}),
    dataType: sent.response.responseDataType,
    base64: base64(sent.payload),
  };
}

function attachmentsOf(sent: SendResult): MmsAttachment[] {
  return sent.attachments.map((a) => ({
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.signature !== undefined ? { signature: a.signature } : {}),
    base64: base64(a.binaryData),
  }));
}

function parsePayload(op: OperationDescriptor, bytes: Uint8Array, limits: ParseLimits): XmlElement {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new MmsClientError(
      'UNSUPPORTED_RESPONSE',
      `${op.id}: the response payload is gzip-compressed; the MMS interface does not support compression`,
    );
  }
  try {
    return parseXml(bytes, limits);
  } catch (err) {
    const detail = err instanceof XmlParseError || err instanceof TypeError ? err.message : String(err);
    const start = JSON.stringify(new TextDecoder().decode(bytes.subarray(0, 80)));
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the response payload is not XML (${detail}); first bytes: ${start}`,
      {
        cause: err,
      },
    );
  }
}

/** Interpret a transport result for an operation. Throws the typed error of each failure. */
export function interpretResponse(
  op: OperationDescriptor,
  sent: SendResult,
  limits: ParseLimits = {},
): MmsResult<unknown> {
  const { response } = sent;
  const empty = op.result.many ? [] : undefined;
  const attachments = attachmentsOf(sent);
  const extra = attachments.length > 0 ? { attachments } : {};
  // A binary answer, or CSV/HTML: a file (a report), returned as such.
  if (response.responseBinary || (response.responseDataType !== 'XML' && sent.payload?.length)) {
    return {
      data: empty,
      messages: [],
      statistics: undefined,
      responseProblems: [],
      file: fileOf(sent),
      ...extra,
    };
  }
  if (!sent.payload || sent.payload.length === 0) {
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the response carries no payload (success=${response.success})`,
    );
  }
  const element = parsePayload(op, sent.payload, limits);
  if (element.name === OUTBOUND_ROOT && element.uri === '' && REPORT_DOWNLOADS.has(op.id)) {
    const decoded = decodeTree(
      modules.outbound,
      modules.outbound.elements[OUTBOUND_ROOT]!,
      element,
      OUTBOUND_ROOT,
    );
    return {
      data: decoded.value,
      messages: [],
      statistics: undefined,
      responseProblems: decoded.problems,
      ...extra,
    };
  }
  if (element.name !== op.root || element.uri !== '') {
    throw new MmsClientError('DECODE_ERROR', `${op.id}: expected a ${op.root} payload, got ${element.name}`);
  }
  const module = moduleOf(op);
  const decoded = decodeTree<Record<string, unknown>>(module, module.elements[op.root]!, element, op.root);
  const outcome = judge(op, decoded.value);
  // A report download answered with MarketReport carries no report content.
  const data = REPORT_DOWNLOADS.has(op.id) ? undefined : op.result.many ? outcome.items : outcome.items[0];
  const errors = [...outcome.errors];
  if (!response.success && errors.length === 0) {
    errors.push({
      level: 'error',
      text: 'the MMS reported success=false without an error entry',
      path: 'ResponseAttInfo.success',
    });
  }
  if (errors.length > 0) {
    throw new MmsValidationError(op.id, {
      errors,
      messages: outcome.messages,
      statistics: outcome.statistics,
      data,
    });
  }
  if (!outcome.envelopeFound) {
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the response has no ${op.result.envelope ?? op.envelope} envelope`,
    );
  }
  return {
    data,
    messages: outcome.messages,
    statistics: outcome.statistics,
    responseProblems: decoded.problems,
    ...extra,
  };
}
