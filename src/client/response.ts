/**
 * Turning what the transport received into a result or a typed error:
 * outer response checks (TXT, compression, binary files), payload decoding
 * with the operation's schema, then the MMS success rules.
 */
import { modules } from '../../generated/index.js';
import { MmsClientError, MmsServerError } from '../errors.js';
import type { SendResult } from '../transport/transport.js';
import { decodeTree } from '../xml/decode.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { parseXml, XmlParseError, type XmlElement } from '../xml/parser.js';
import { MmsValidationError } from './errors.js';
import { moduleOf } from './payload.js';
import type { MmsFile, MmsResult } from './result.js';
import { judge } from './success.js';

const OUTBOUND_ROOT = 'OutboundData';

function text(bytes: Uint8Array | undefined): string {
  return bytes ? new TextDecoder('utf-8').decode(bytes) : '';
}

function fileOf(sent: SendResult): MmsFile {
  return {
    ...(sent.response.responseFilename !== undefined ? { filename: sent.response.responseFilename } : {}),
    dataType: sent.response.responseDataType,
    base64: Buffer.from(sent.payload ?? new Uint8Array()).toString('base64'),
  };
}

function parsePayload(op: OperationDescriptor, bytes: Uint8Array): XmlElement {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new MmsClientError(
      'UNSUPPORTED_RESPONSE',
      `${op.id}: the response payload is gzip-compressed; the MMS interface does not support compression`,
    );
  }
  try {
    return parseXml(bytes);
  } catch (err) {
    const detail = err instanceof XmlParseError || err instanceof TypeError ? err.message : String(err);
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the response payload is not XML (${detail}); first bytes: ${JSON.stringify(text(bytes.subarray(0, 80)))}`,
      {
        cause: err,
      },
    );
  }
}

/** Interpret a transport result for an operation. Throws the typed error of each failure. */
export function interpretResponse(op: OperationDescriptor, sent: SendResult): MmsResult<unknown> {
  const { response } = sent;
  if (response.responseDataType === 'TXT') {
    const serverText = text(sent.payload).trim();
    throw new MmsServerError(
      'SERVER_TEXT',
      `${op.id}: the MMS answered with a message: ${serverText || '(empty)'}`,
      {
        serverText,
        status: sent.status,
        url: sent.url,
      },
    );
  }
  if (response.responseCompressed) {
    throw new MmsClientError(
      'UNSUPPORTED_RESPONSE',
      `${op.id}: the MMS sent a compressed response, which this interface does not support`,
    );
  }
  if (response.responseBinary) {
    const file = fileOf(sent);
    return {
      data: op.many ? [] : undefined,
      messages: [],
      statistics: undefined,
      responseProblems: [],
      file,
    };
  }
  if (!sent.payload || sent.payload.length === 0) {
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: the response carries no payload (success=${response.success})`,
    );
  }
  if (response.responseDataType !== 'XML') {
    // CSV or HTML reports: a file in all but name.
    return {
      data: op.many ? [] : undefined,
      messages: [],
      statistics: undefined,
      responseProblems: [],
      file: fileOf(sent),
    };
  }
  const element = parsePayload(op, sent.payload);
  if (element.name === OUTBOUND_ROOT && element.uri === '') {
    const decoded = decodeTree(
      modules.outbound,
      modules.outbound.elements[OUTBOUND_ROOT]!,
      element,
      OUTBOUND_ROOT,
    );
    return { data: decoded.value, messages: [], statistics: undefined, responseProblems: decoded.problems };
  }
  if (element.name !== op.root || element.uri !== '') {
    throw new MmsClientError('DECODE_ERROR', `${op.id}: expected a ${op.root} payload, got ${element.name}`);
  }
  const module = moduleOf(op);
  const decoded = decodeTree<Record<string, unknown>>(module, module.elements[op.root]!, element, op.root);
  const outcome = judge(op, decoded.value);
  const data = op.result.many ? outcome.items : outcome.items[0];
  if (!outcome.ok) {
    throw new MmsValidationError(op.id, {
      errors: outcome.errors,
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
  };
}
