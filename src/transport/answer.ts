/**
 * Reading an HTTP answer as far as bytes go: the MIME message and the SOAP
 * envelope in it (`ResponseAttInfo` or a fault), bounded by the MIME and XML
 * limits and stopped when the call's signal aborts. What the answer means
 * (a fault, an error status, a rejection, a result) is not decided here but
 * by the interpreter the caller passes (`src/client/response.ts`).
 */
import { asMmsError, type MmsError } from '../errors.js';
import type { AuditRequest } from './audit.js';
import { stoppedBy } from './deadline.js';
import type { HttpResponse } from './http.js';
import { decodeMessage, type MimeLimits } from './mtom.js';
import type { FailureKind } from './retry.js';
import { spooledStandIn, type SpooledBody } from './spool.js';
import {
  parseResponseEnvelope,
  type ResponseAttInfo,
  type ResponseAttachment,
  type SoapResponse,
} from './soap.js';

/** An HTTP answer and its envelope, as read. */
export interface ReceivedAnswer {
  /** The operation name of the request, for messages. */
  readonly operation: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The envelope, when the body held one that could be read. */
  readonly envelope?: SoapResponse;
  /** Why a non-empty body could not be read as an envelope. */
  readonly unreadable?: MmsError;
  /** Content spooled to files (a download saved to a file); `body` holds the rest. */
  readonly spooled?: SpooledBody;
}

/** `ResponseAttInfo` without its binary fields, which {@link EnvelopeAnswer} carries separately. */
export type ResponseFields = Omit<ResponseAttInfo, 'responseData' | 'attachmentData'>;

/** A `ResponseAttInfo` the interpreter accepted as an answer to use. */
export interface EnvelopeAnswer {
  /** The outer response fields (`success`, `warnings`, `responseDataType`, ...). */
  readonly response: ResponseFields;
  /** `responseData` as bytes (the response payload, or a file for binary responses). */
  readonly payload: Uint8Array | undefined;
  /** `attachmentData` of the response, bytes resolved. */
  readonly attachments: readonly ResponseAttachment[];
}

/** A failed attempt, classified for the retry decision. */
export interface AttemptFailure {
  readonly error: MmsError;
  readonly kind: FailureKind;
}

/**
 * A failed attempt after the server answered: `final`, or `ambiguous` when
 * the server may have acted (a 5xx without a fault). Never `not-sent`: an
 * answer proves the request arrived, whatever an interpreter says.
 */
export interface AnsweredFailure extends AttemptFailure {
  readonly kind: 'final' | 'ambiguous';
}

/**
 * What an interpreter decided about one answer: a result to use, a failed
 * attempt (a fault, an error status: the retry policy decides), or a
 * rejection (the MMS answered and said no, or the answer cannot be used:
 * the call ends with that error, and it is not a failed attempt).
 */
export type Verdict<T> =
  | { readonly ok: T; readonly transactionId?: string }
  | { readonly failure: AnsweredFailure; readonly transactionId?: string }
  | { readonly rejection: MmsError; readonly transactionId?: string };

/**
 * Decides what an answer means. It may decode under `signal`; when the
 * signal stops it, it rethrows the signal's reason.
 */
export type AnswerInterpreter<T> = (
  answer: ReceivedAnswer,
  signal: AbortSignal,
) => Verdict<T> | Promise<Verdict<T>>;

/** What reading a response may use. */
export interface ReadLimits {
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
  readonly mimeLimits?: MimeLimits;
}

/** Reads the envelope of an HTTP response; a body that cannot be read is recorded, not thrown. */
export async function readAnswer(
  res: HttpResponse,
  request: AuditRequest,
  limits: ReadLimits,
): Promise<ReceivedAnswer> {
  const answer = {
    operation: request.operation,
    url: request.url,
    status: res.status,
    headers: res.headers,
    body: res.body,
    ...(res.spooled !== undefined ? { spooled: res.spooled } : {}),
  };
  if (res.body.byteLength === 0) return answer;
  try {
    const message = decodeMessage(res.headers['content-type'], res.body, limits.mimeLimits);
    const spooled = res.spooled?.parts;
    // A spooled part resolves to an empty stand-in that names its file.
    const resolve =
      spooled === undefined || spooled.size === 0
        ? message.resolve
        : (cid: string): Uint8Array => {
            const content = spooled.get(cid);
            return content === undefined ? message.resolve(cid) : spooledStandIn(content);
          };
    const envelope = await parseResponseEnvelope(message.root, resolve, {
      // Characters never outnumber the bytes they were decoded from.
      limits: { maxLength: limits.maxResponseBytes },
      signal: limits.signal,
    });
    return { ...answer, envelope };
  } catch (err) {
    if (stoppedBy(limits.signal, err)) throw err;
    return { ...answer, unreadable: asMmsError(err, request.operation) };
  }
}
