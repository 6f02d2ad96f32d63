/**
 * The one interpreter of MMS answers: every verdict on what the transport
 * received lives here. In order: a SOAP fault (the server's answer whatever
 * the HTTP status), an HTTP error status, an unreadable or empty body, a
 * `TXT` error message, a response marked compressed; then, for an
 * operation, files (binary or non-XML answers, only where the catalog says
 * the operation returns files), payload decoding with the operation's
 * schema, the MMS success rules, report documents, and the check that the
 * answer is for this request (participant, user, date, envelope).
 */
import { modules } from '../../generated/index.js';
import { asMmsError, MmsClientError, MmsError, MmsServerError, MmsTransportError } from '../errors.js';
import { printable } from '../text.js';
import {
  stoppedBy,
  type AnswerInterpreter,
  type EnvelopeAnswer,
  type ReceivedAnswer,
  type Verdict,
} from '../transport/index.js';
import { decodeStreamAsync, type Decoded, type DecodeOptions, type StreamRoot } from '../xml/decode.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { parseXmlAsync, type XmlElement } from '../xml/parser.js';
import type { Violation } from '../xml/validate.js';
import { MmsValidationError } from './errors.js';
import { moduleOf } from './payload.js';
import {
  withContent,
  type MmsAttachment,
  type MmsFile,
  type MmsResult,
  type RejectionReason,
} from './result.js';
import { judge } from './success.js';

/** How to read one answer. */
export interface InterpretOptions {
  /** Limits of the payload reader (size, depth, counts, problems). */
  readonly limits?: DecodeOptions;
  /** Stops decoding (the call's deadline); its reason is thrown. */
  readonly signal?: AbortSignal;
  /**
   * Envelope attributes the request sent that an answer repeating them must
   * repeat unchanged (`ParticipantName`, `UserName`, `Date`).
   */
  readonly expected?: Readonly<Record<string, string>>;
  /** What a different value in the answer is: `error` (default) or a response `problem`. */
  readonly mismatch?: 'error' | 'problem';
}

const EXCERPT_BYTES = 500;

/**
 * The verdict for a caller of the bare transport: {@link envelopeVerdict},
 * and the transaction id of an XML payload (`ProcessingStatistics`), read
 * without an operation's schema.
 */
export async function judgeEnvelope(
  answer: ReceivedAnswer,
  signal: AbortSignal,
): Promise<Verdict<EnvelopeAnswer>> {
  const verdict = envelopeVerdict(answer);
  if (!('ok' in verdict)) return verdict;
  const { response, payload } = verdict.ok;
  if (response.responseBinary || response.responseDataType !== 'XML' || !payload?.length) return verdict;
  try {
    const root = await parseXmlAsync(payload, undefined, { label: 'the response payload', signal });
    const statistics = root.children.find((c) => c.name === 'ProcessingStatistics');
    return withTransactionId(verdict, statistics?.attributes['TransactionId']);
  } catch (err) {
    if (stoppedBy(signal, err)) throw err;
    return verdict;
  }
}

/**
 * The envelope-level verdict: fault, HTTP status, unreadable or empty body,
 * `TXT`, compressed; otherwise the envelope's fields to use.
 * {@link answerInterpreter} goes on to the payload.
 */
export function envelopeVerdict(answer: ReceivedAnswer): Verdict<EnvelopeAnswer> {
  const { envelope, operation, status, url } = answer;
  const failed = (error: MmsError, kind: 'final' | 'ambiguous' = 'final'): Verdict<EnvelopeAnswer> => ({
    failure: { error, kind },
  });
  // A SOAP fault is the server's answer whatever the status (SOAP 1.1 sends it with 500).
  if (envelope?.kind === 'fault') {
    const f = envelope.fault;
    return failed(
      new MmsServerError(
        'SOAP_FAULT',
        `${operation}: the MMS answered with a SOAP fault ${printable(f.code, 200)}: ${printable(f.message)}`,
        {
          faultCode: f.code,
          faultString: f.message,
          ...(f.detail !== undefined ? { faultDetail: f.detail } : {}),
          status,
          url,
        },
      ),
    );
  }
  if (status < 200 || status >= 300) {
    // A server error may have been raised before or after the server acted:
    // the retry policy treats it as ambiguous.
    return failed(
      new MmsTransportError(
        'HTTP_STATUS',
        `${operation}: POST ${url} answered HTTP ${status}${status >= 500 ? ' (server error)' : ''}.`,
        { status, bodyExcerpt: excerpt(answer.body), url, requestSent: true },
      ),
      status >= 500 ? 'ambiguous' : 'final',
    );
  }
  if (envelope === undefined) {
    return failed(
      answer.unreadable ??
        new MmsClientError(
          'DECODE_ERROR',
          `${operation}: the MMS answered HTTP ${status} with an empty body.`,
        ),
    );
  }
  const { responseData, attachmentData, ...fields } = envelope.response;
  if (fields.responseDataType === 'TXT') {
    const text = responseData ? Buffer.from(responseData).toString('utf8').trim() : '';
    return failed(
      new MmsServerError('SERVER_TEXT', `${operation}: the MMS answered with an error: ${printable(text)}`, {
        serverText: text,
        status,
        url,
      }),
    );
  }
  if (fields.responseCompressed) {
    return failed(
      new MmsClientError(
        'UNSUPPORTED_RESPONSE',
        `${operation}: the response is marked compressed, which the MMS interface does not define; it cannot be read.`,
      ),
    );
  }
  return { ok: { response: fields, payload: responseData, attachments: attachmentData } };
}

function excerpt(body: Uint8Array): string {
  return printable(Buffer.from(body.subarray(0, EXCERPT_BYTES)).toString('utf8'), EXCERPT_BYTES);
}

/**
 * The whole verdict for an operation: {@link envelopeVerdict}, then
 * {@link interpretResponse}, whose errors are rejections (the MMS answered). The transaction id for the audit hooks is the
 * one the decoded answer carries, in a result or in a rejection.
 */
export function answerInterpreter(
  op: OperationDescriptor,
  options: Omit<InterpretOptions, 'signal'> = {},
): AnswerInterpreter<MmsResult<unknown>> {
  return async (answer, signal) => {
    const envelope = envelopeVerdict(answer);
    if (!('ok' in envelope)) return envelope;
    try {
      const result = await interpretResponse(op, envelope.ok, { ...options, signal });
      return withTransactionId({ ok: result }, result.statistics?.TransactionId);
    } catch (err) {
      if (stoppedBy(signal, err)) throw err;
      const error = asMmsError(err, op.id);
      const transactionId = error instanceof MmsValidationError ? error.statistics?.TransactionId : undefined;
      return withTransactionId({ rejection: error }, transactionId);
    }
  };
}

function withTransactionId<T>(verdict: Verdict<T>, transactionId: string | undefined): Verdict<T> {
  return transactionId === undefined ? verdict : { ...verdict, transactionId };
}

function fileOf(sent: EnvelopeAnswer): MmsFile {
  return withContent(
    {
      ...(sent.response.responseFilename !== undefined ? { filename: sent.response.responseFilename } : {}),
      dataType: sent.response.responseDataType,
    },
    sent.payload ?? new Uint8Array(),
  );
}

/** The response's attachments, their bytes as received. */
export function attachmentsOf(sent: EnvelopeAnswer): MmsAttachment[] {
  return sent.attachments.map((a) =>
    withContent(
      {
        ...(a.name !== undefined ? { name: a.name } : {}),
        ...(a.signature !== undefined ? { signature: a.signature } : {}),
      },
      a.binaryData ?? new Uint8Array(),
    ),
  );
}

/** The start of a payload, safe to quote. */
function firstBytes(bytes: Uint8Array): string {
  return JSON.stringify(printable(new TextDecoder().decode(bytes.subarray(0, 80)), 80));
}

/**
 * Reads and decodes the payload in one pass (decodeStreamAsync): as the
 * operation's document, or as its result document (`OutboundData`) when the
 * root says so. A root that is neither is refused as soon as it is read.
 */
async function decodePayload(
  op: OperationDescriptor,
  bytes: Uint8Array,
  options: InterpretOptions,
): Promise<Decoded<Record<string, unknown>> & { readonly resultDocument: boolean }> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new MmsClientError(
      'UNSUPPORTED_RESPONSE',
      `${op.id}: the response payload is gzip-compressed; the MMS interface does not support compression`,
    );
  }
  const { document, root } = op.result;
  let resultDocument = false;
  let wrongRoot: MmsClientError | undefined;
  const chooseRoot = (element: XmlElement): StreamRoot | undefined => {
    if (document && root && element.name === root && element.uri === '') {
      resultDocument = true;
      return { module: modules[document], type: modules[document].elements[root]! };
    }
    if (element.name !== op.root || element.uri !== '') {
      // Refused once the document is read: if it is not even XML (an HTML
      // page), that is the better message.
      wrongRoot = new MmsClientError(
        'DECODE_ERROR',
        `${op.id}: expected a ${op.root} payload, got ${element.name}${element.uri ? ` in ${printable(element.uri, 200)}` : ''}`,
      );
      return undefined;
    }
    const module = moduleOf(op);
    return { module, type: module.elements[op.root]! };
  };
  try {
    const decoded = await decodeStreamAsync<Record<string, unknown>>(bytes, chooseRoot, {
      ...options.limits,
      label: 'the response payload',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (wrongRoot !== undefined) throw wrongRoot;
    return { ...decoded, resultDocument };
  } catch (err) {
    if (err === wrongRoot) throw err;
    if (err instanceof MmsError && err.code !== 'DECODE_ERROR') throw err;
    throw new MmsClientError(
      'DECODE_ERROR',
      `${op.id}: ${(err as Error).message}; first bytes: ${firstBytes(bytes)}`,
      { cause: err },
    );
  }
}

/** The outer `success=false` as the reason it stands for. */
function outerFailure(sent: EnvelopeAnswer): RejectionReason[] {
  return sent.response.success
    ? []
    : [{ text: 'the MMS reported success=false on the outer response', path: 'ResponseAttInfo.success' }];
}

/** The outer `success=false` fails an answer that has no statuses of its own (a file, report content). */
function throwIfOuterFailed(op: OperationDescriptor, sent: EnvelopeAnswer, data: unknown): void {
  const reasons = outerFailure(sent);
  if (reasons.length > 0)
    throw new MmsValidationError(op.id, { errors: [], reasons, messages: [], statistics: undefined, data });
}

/** Interpret an accepted envelope for an operation. Throws the typed error of each failure. */
export async function interpretResponse(
  op: OperationDescriptor,
  sent: EnvelopeAnswer,
  options: InterpretOptions = {},
): Promise<MmsResult<unknown>> {
  const { response } = sent;
  const empty = op.result.many ? [] : undefined;
  const attachments = attachmentsOf(sent);
  const extra = attachments.length > 0 ? { attachments } : {};
  const warnings = response.warnings;
  // A binary answer, or CSV/HTML/JSON: a file. Only some operations return
  // files; for the others such an answer is a proxy page or an outage.
  if (response.responseBinary || (response.responseDataType !== 'XML' && sent.payload?.length)) {
    if (!op.files) {
      throw new MmsClientError(
        'UNSUPPORTED_RESPONSE',
        `${op.id}: the MMS answered with ${response.responseBinary ? 'binary ' : ''}${printable(response.responseDataType, 20)} data${response.responseFilename !== undefined ? ` (${printable(response.responseFilename, 200)})` : ''}, but this operation returns XML; first bytes: ${firstBytes(sent.payload ?? new Uint8Array())}`,
      );
    }
    throwIfOuterFailed(op, sent, empty);
    return {
      data: empty,
      messages: [],
      statistics: undefined,
      responseProblems: [],
      warnings,
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
  const decoded = await decodePayload(op, sent.payload, options);
  const { document } = op.result;
  if (decoded.resultDocument) {
    throwIfOuterFailed(op, sent, decoded.value);
    return {
      data: decoded.value,
      messages: [],
      statistics: undefined,
      responseProblems: decoded.problems,
      warnings,
      ...extra,
    };
  }
  // An answer for someone else is not ours, whatever it says: its errors are not our rejection.
  const mismatches = echoMismatches(op, decoded.value, options.expected ?? {});
  if (mismatches.length > 0 && options.mismatch !== 'problem') {
    throw new MmsClientError(
      'RESPONSE_MISMATCH',
      `${op.id}: the answer is not for this request: ${mismatches.map((m) => `${m.path} ${m.message}`).join('; ')}. It was not used.`,
    );
  }
  const outcome = judge(op, decoded.value, decoded.problems);
  // A report download answered with MarketReport carries no report content.
  const data = document ? undefined : op.result.many ? outcome.items : outcome.items[0];
  const reasons = [...outcome.reasons, ...outerFailure(sent)];
  if (outcome.errors.length > 0 || reasons.length > 0) {
    throw new MmsValidationError(op.id, {
      errors: outcome.errors,
      reasons,
      messages: outcome.messages,
      statistics: outcome.statistics,
      data,
    });
  }
  if (!outcome.envelopeFound) throw envelopeError(op, decoded.value);
  return {
    data,
    messages: outcome.messages,
    statistics: outcome.statistics,
    responseProblems: [...decoded.problems, ...outcome.statisticsProblems, ...mismatches],
    warnings,
    ...extra,
  };
}

/** Why the operation's envelope is missing: another envelope in its place, or none at all. */
function envelopeError(op: OperationDescriptor, root: Record<string, unknown>): MmsClientError {
  const expected = [...new Set([op.envelope, op.result.envelope].filter(Boolean))].join(' or ');
  const other = Object.keys(root).find((k) => k !== 'ProcessingStatistics' && k !== 'Messages');
  if (other !== undefined) {
    return new MmsClientError(
      'RESPONSE_MISMATCH',
      `${op.id}: the answer holds a ${other} envelope, not ${expected}: it is not the answer to this request.`,
    );
  }
  return new MmsClientError('DECODE_ERROR', `${op.id}: the response has no ${expected} envelope`);
}

/**
 * Where the answer repeats an envelope attribute of the request with
 * another value: the root (report requests carry them there) and the
 * envelopes the operation answers in.
 */
function echoMismatches(
  op: OperationDescriptor,
  root: Record<string, unknown>,
  expected: Readonly<Record<string, string>>,
): Violation[] {
  const holders: [string, unknown][] = op.envelope
    ? [...new Set([op.envelope, op.result.envelope ?? op.envelope])].map((name) => [
        `${op.root}.${name}`,
        root[name],
      ])
    : [[op.root, root]];
  const out: Violation[] = [];
  for (const [path, holder] of holders) {
    if (typeof holder !== 'object' || holder === null) continue;
    for (const [key, want] of Object.entries(expected)) {
      const got = (holder as Record<string, unknown>)[key];
      if (got === undefined || String(got) === want) continue;
      out.push({
        path: `${path}.${key}`,
        message: `is ${JSON.stringify(printable(String(got), 100))}, but the request sent ${JSON.stringify(want)}`,
        value: String(got),
      });
    }
  }
  return out;
}
