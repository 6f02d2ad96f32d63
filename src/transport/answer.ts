/**
 * What an HTTP answer is, as far as the transport can tell: a SOAP fault
 * (the server's answer whatever the status), an HTTP error status, a `TXT`
 * error message, a response marked compressed, or a usable
 * `ResponseAttInfo`. Reading it is bounded (MIME and XML limits) and stops
 * when the call's signal aborts.
 */
import { asMmsError, MmsClientError, MmsError, MmsServerError, MmsTransportError } from '../errors.js';
import { printable } from '../text.js';
import type { AuditRequest, AuditResponse } from './audit.js';
import { stoppedBy } from './deadline.js';
import type { HttpResponse } from './http.js';
import { decodeMessage, type MimeLimits } from './mtom.js';
import type { FailureKind } from './retry.js';
import { parseResponseEnvelope, type SoapResponse } from './soap.js';
import type { SendResult } from './transport.js';

const EXCERPT_BYTES = 500;

/** A failed attempt, classified for the retry decision. */
export interface AttemptFailure {
  readonly error: MmsError;
  readonly kind: FailureKind;
  readonly response?: AuditResponse;
}

/** What reading a response may use. */
export interface ReadLimits {
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
  readonly mimeLimits?: MimeLimits;
}

/** Turns an HTTP response into a result or a classified failure (fault, status, TXT, compressed). */
export async function readAnswer(
  res: HttpResponse,
  request: AuditRequest,
  limits: ReadLimits,
): Promise<{ result: Omit<SendResult, 'attempts' | 'transactionId'> } | { failure: AttemptFailure }> {
  const url = request.url;
  const contentType = res.headers['content-type'];
  let decoded: SoapResponse | undefined;
  let decodeFailure: MmsError | undefined;
  if (res.body.byteLength > 0) {
    try {
      const message = decodeMessage(contentType, res.body, limits.mimeLimits);
      decoded = await parseResponseEnvelope(message.root, message.resolve, {
        // Characters never outnumber the bytes they were decoded from.
        limits: { maxLength: limits.maxResponseBytes },
        signal: limits.signal,
      });
    } catch (err) {
      if (stoppedBy(limits.signal, err)) throw err;
      decodeFailure = asMmsError(err, request.operation);
    }
  }
  // A SOAP fault is the server's answer whatever the status (SOAP 1.1 sends it with 500).
  if (decoded?.kind === 'fault') {
    const f = decoded.fault;
    return {
      failure: {
        kind: 'final',
        error: new MmsServerError(
          'SOAP_FAULT',
          `${request.operation}: the MMS answered with a SOAP fault ${printable(f.code, 200)}: ${printable(f.message)}`,
          {
            faultCode: f.code,
            faultString: f.message,
            ...(f.detail !== undefined ? { faultDetail: f.detail } : {}),
            status: res.status,
            url,
          },
        ),
      },
    };
  }
  if (res.status < 200 || res.status >= 300) {
    const error = new MmsTransportError(
      'HTTP_STATUS',
      `${request.operation}: POST ${url} answered HTTP ${res.status}${res.status >= 500 ? ' (server error)' : ''}.`,
      { status: res.status, bodyExcerpt: excerpt(res.body), url, requestSent: true },
    );
    return { failure: { kind: res.status >= 500 ? 'ambiguous' : 'final', error } };
  }
  if (decodeFailure || !decoded) {
    const error =
      decodeFailure ??
      new MmsClientError(
        'DECODE_ERROR',
        `${request.operation}: the MMS answered HTTP ${res.status} with an empty body.`,
      );
    return { failure: { kind: 'final', error } };
  }
  const { responseData, attachmentData, ...fields } = decoded.response;
  if (fields.responseDataType === 'TXT') {
    const text = responseData ? Buffer.from(responseData).toString('utf8').trim() : '';
    return {
      failure: {
        kind: 'final',
        error: new MmsServerError(
          'SERVER_TEXT',
          `${request.operation}: the MMS answered with an error: ${printable(text)}`,
          {
            serverText: text,
            status: res.status,
            url,
          },
        ),
      },
    };
  }
  if (fields.responseCompressed) {
    return {
      failure: {
        kind: 'final',
        error: new MmsClientError(
          'UNSUPPORTED_RESPONSE',
          `${request.operation}: the response is marked compressed, which the MMS interface does not define; it cannot be read.`,
        ),
      },
    };
  }
  return {
    result: { response: fields, payload: responseData, attachments: attachmentData, status: res.status, url },
  };
}

function excerpt(body: Uint8Array): string {
  return printable(Buffer.from(body.subarray(0, EXCERPT_BYTES)).toString('utf8'), EXCERPT_BYTES);
}
