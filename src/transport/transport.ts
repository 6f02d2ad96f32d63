/**
 * The transport pipeline of one MMS call: sign → envelope + MTOM → HTTPS with
 * retries and fail-over → decode → envelope-level checks. Payloads are bytes
 * in and bytes out; what they mean is the client layer's business.
 */
import { CertificateError, MmsClientError, MmsError, MmsServerError, MmsTransportError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Certificate } from '../security/certificate.js';
import {
  findTransactionId,
  newCallId,
  type AuditRequest,
  type AuditResponse,
  type TransportHooks,
} from './audit.js';
import { resolveEndpoints, type ClientType, type EndpointOverrides, type Environment } from './endpoints.js';
import { HttpClient, type HttpResponse } from './http.js';
import { decodeMessage, encodeMtom, isContentIdDomain, newContentId, type BinaryPart } from './mtom.js';
import {
  backoffDelay,
  isRetryable,
  resolveRetryPolicy,
  type FailureKind,
  type RetryPolicy,
} from './retry.js';
import {
  SERVICES,
  buildRequestEnvelope,
  parseResponseEnvelope,
  type MmsInterface,
  type RequestAttachment,
  type RequestType,
  type ResponseAttInfo,
  type ResponseAttachment,
} from './soap.js';

/** Options of {@link Transport}. */
export interface TransportOptions {
  /** The participant's certificate: TLS client identity and payload signer. */
  readonly certificate: Certificate;
  /** Selects the host table (BSP and MO share one). */
  readonly clientType: ClientType;
  /** Production (main, then backup host) or the test system. */
  readonly environment: Environment;
  /** Replace the URLs of an interface (tests, proxies, new hosts). */
  readonly endpoints?: EndpointOverrides;
  /** Domain of the MTOM Content-IDs (`...@DOMAIN`); the server does not check it. */
  readonly contentIdDomain: string;
  /** CA certificates (PEM) that the server must chain to, instead of Node's bundled roots. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Reuse connections between calls. Default false: a fresh connection per request (§9). */
  readonly keepAlive?: boolean;
  /** Deadline of one attempt, connect to last byte. Default 120 s. */
  readonly attemptTimeoutMs?: number;
  /** Deadline of a whole call, retries and back-off included. Default 300 s. */
  readonly callTimeoutMs?: number;
  /** Largest response body accepted. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** Retry settings; see {@link RetryPolicy}. */
  readonly retry?: Partial<RetryPolicy>;
  /** Observers of every attempt (for example a {@link FileAuditor}). */
  readonly hooks?: TransportHooks | readonly TransportHooks[];
  /** Where attempts, retries and failures are reported. Silent by default. */
  readonly logger?: Logger;
  /** `User-Agent` header. */
  readonly userAgent?: string;
}

/** One attachment to send: its bytes are signed and sent as their own MTOM part. */
export interface OutgoingAttachment {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Options of {@link Transport.send}. */
export interface SendOptions {
  readonly interface: MmsInterface;
  readonly requestType: RequestType;
  /** The exact payload bytes (canonical XML); these are signed and sent. */
  readonly payload: Uint8Array;
  readonly attachments?: readonly OutgoingAttachment[];
  /** A market operator acting as administrator. Default false. */
  readonly adminRole?: boolean;
  /** Operation name for hooks, logs and audit files (for example `MarketQuery_AwardResultsQuery`). */
  readonly operation: string;
  /** Queries are retried after 5xx and timeouts; submissions only with `retrySubmission`. */
  readonly kind: 'query' | 'submit';
  /** Cancels the call, retries included. */
  readonly signal?: AbortSignal;
  /** Ask the server to echo the request in the response. Default true (the WSDL default). */
  readonly sendRequestDataOnSuccess?: boolean;
  /** For a submission: retry after 5xx, timeouts and lost connections, accepting a possible double submit. */
  readonly retrySubmission?: boolean;
  /** Known transaction id, for audit file names. */
  readonly transactionId?: string;
  /** Overrides the transport's call deadline for this call. */
  readonly timeoutMs?: number;
}

/** `ResponseAttInfo` without its binary fields, which {@link SendResult} carries separately. */
export type ResponseFields = Omit<ResponseAttInfo, 'responseData' | 'attachmentData'>;

/** Result of {@link Transport.send}. */
export interface SendResult {
  /** The outer response fields (`success`, `warnings`, `responseDataType`, ...). */
  readonly response: ResponseFields;
  /** `responseData` as bytes (the response payload, or a file for binary responses). */
  readonly payload: Uint8Array | undefined;
  /** `attachmentData` of the response, bytes resolved. */
  readonly attachments: readonly ResponseAttachment[];
  /** Transaction id found in the response payload, or the one passed in. */
  readonly transactionId: string | undefined;
  readonly status: number;
  /** URL that answered. */
  readonly url: string;
  /** Attempts made, 1 when the first succeeded. */
  readonly attempts: number;
}

const DEFAULTS = {
  attemptTimeoutMs: 120_000,
  callTimeoutMs: 300_000,
  maxResponseBytes: 64 * 1024 * 1024,
  userAgent: 'mms-client',
};

const EXCERPT_BYTES = 500;

/** A failed attempt, classified for the retry decision. */
interface AttemptFailure {
  readonly error: MmsError;
  readonly kind: FailureKind;
  readonly response?: AuditResponse;
}

/**
 * Sends `submitAttachment` requests to the MMS over mutual TLS.
 *
 * @example
 * ```ts
 * const transport = new Transport({ certificate, clientType: 'bsp', environment: 'test', contentIdDomain: 'example.co.jp' });
 * const { response, payload } = await transport.send({
 *   interface: 'MI', requestType: 'mp.market', payload: xmlBytes,
 *   operation: 'MarketQuery_AwardResultsQuery', kind: 'query',
 * });
 * transport.close();
 * ```
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #http: HttpClient;
  readonly #retry: RetryPolicy;
  readonly #hooks: readonly TransportHooks[];
  readonly #logger: Logger;

  constructor(options: TransportOptions) {
    if (!isContentIdDomain(options.contentIdDomain)) {
      throw new MmsClientError(
        'INVALID_REQUEST',
        `contentIdDomain "${options.contentIdDomain}" must be a domain name (letters, digits, dots, dashes).`,
      );
    }
    this.#options = options;
    this.#retry = resolveRetryPolicy(options.retry);
    this.#hooks =
      options.hooks === undefined ? [] : Array.isArray(options.hooks) ? options.hooks : [options.hooks];
    this.#logger = options.logger ?? silentLogger;
    this.#http = new HttpClient({
      certificate: options.certificate,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
    });
  }

  /**
   * Signs and sends one request, retrying as the policy allows.
   *
   * @throws {@link MmsTransportError} no usable HTTP exchange (connection, timeout, status, size)
   * @throws {@link MmsServerError} a SOAP fault, or a TXT error message from the server
   * @throws {@link MmsClientError} an invalid request, or a response that cannot be decoded or used
   * @throws {@link CertificateError} the certificate is outside its validity window (nothing is sent)
   */
  async send(options: SendOptions): Promise<SendResult> {
    const o = this.#options;
    const urls = resolveEndpoints({
      clientType: o.clientType,
      interface: options.interface,
      environment: o.environment,
      ...(o.endpoints !== undefined ? { overrides: o.endpoints } : {}),
    });
    const message = this.#buildMessage(options);
    const callId = newCallId();
    const callTimeoutMs = options.timeoutMs ?? o.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(
      () =>
        deadline.abort(
          new MmsTransportError(
            'TIMEOUT',
            `${options.operation}: no result within the call deadline of ${callTimeoutMs} ms.`,
          ),
        ),
      callTimeoutMs,
    );
    const onCallerAbort = (): void =>
      deadline.abort(
        new MmsTransportError('ABORTED', `${options.operation}: cancelled by the caller.`, {
          cause: options.signal?.reason,
        }),
      );
    if (options.signal?.aborted) onCallerAbort();
    else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const retrySubmissions = options.retrySubmission ?? this.#retry.retrySubmissions;

    try {
      let lastError: MmsError | undefined;
      for (let attempt = 1; attempt <= this.#retry.maxAttempts; attempt++) {
        if (deadline.signal.aborted) throw this.#finalError(deadline.signal.reason, lastError, attempt - 1);
        const url = urls[(attempt - 1) % urls.length] as string;
        const request: AuditRequest = {
          callId,
          operation: options.operation,
          interface: options.interface,
          kind: options.kind,
          attempt,
          url,
          timestamp: new Date(),
          headers: message.headers,
          body: message.body,
          ...(options.transactionId !== undefined ? { transactionId: options.transactionId } : {}),
        };
        const outcome = await this.#attempt(request, message.body, deadline.signal);
        if ('result' in outcome) {
          this.#logger.info('mms: call succeeded', {
            operation: options.operation,
            attempt,
            url,
            status: outcome.result.status,
          });
          return { ...outcome.result, attempts: attempt };
        }
        const failure = outcome.failure;
        lastError = failure.error;
        const willRetry =
          attempt < this.#retry.maxAttempts &&
          isRetryable(failure.kind, options.kind, retrySubmissions) &&
          !deadline.signal.aborted;
        await this.#emitFailed(request, failure, willRetry, outcome.durationMs);
        const fields = {
          operation: options.operation,
          attempt,
          url,
          code: failure.error.code,
          error: failure.error.message,
        };
        if (!willRetry) {
          this.#logger.error('mms: call failed', fields);
          throw withAttempts(failure.error, attempt);
        }
        const delay = backoffDelay(this.#retry, attempt);
        this.#logger.warn('mms: attempt failed, retrying', {
          ...fields,
          delayMs: delay,
          nextUrl: urls[attempt % urls.length],
        });
        try {
          await this.#retry.sleep(delay, deadline.signal);
        } catch {
          throw this.#finalError(deadline.signal.reason, lastError, attempt);
        }
      }
      throw new Error('unreachable: retry loop ended without result');
    } finally {
      clearTimeout(deadlineTimer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Releases pooled connections. Safe to call more than once. */
  close(): void {
    this.#http.close();
  }

  #buildMessage(options: SendOptions): { headers: Record<string, string>; body: Buffer } {
    if (options.payload.byteLength === 0) {
      throw new MmsClientError('INVALID_REQUEST', `${options.operation}: the payload is empty.`);
    }
    const cert = this.#options.certificate;
    // A long-running process can outlive its certificate; say so instead of
    // letting the TLS handshake fail obscurely.
    const now = new Date();
    if (!cert.isValidAt(now)) {
      throw new CertificateError(
        now > cert.notAfter ? 'CERT_EXPIRED' : 'CERT_NOT_YET_VALID',
        `${options.operation}: the certificate ${cert.subject} is valid only from ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}; nothing was sent.`,
      );
    }
    const domain = this.#options.contentIdDomain;
    const payloadId = newContentId('payload', domain);
    const parts: BinaryPart[] = [{ contentId: payloadId, body: options.payload }];
    const attachmentData: RequestAttachment[] = (options.attachments ?? []).map((att, i) => {
      const contentId = newContentId(`attachment${i + 1}`, domain);
      parts.push({ contentId, body: att.data });
      return { binaryData: { contentId }, signature: cert.sign(att.data), name: att.name };
    });
    const envelope = buildRequestEnvelope(options.interface, {
      requestType: options.requestType,
      adminRole: options.adminRole ?? false,
      requestDataCompressed: false,
      requestDataType: 'XML',
      sendRequestDataOnSuccess: options.sendRequestDataOnSuccess ?? true,
      sendResponseDataCompressed: false,
      requestSignature: cert.sign(options.payload),
      requestData: { contentId: payloadId },
      attachmentData,
    });
    const mtom = encodeMtom(envelope, newContentId('root', domain), parts);
    return {
      headers: {
        'Content-Type': mtom.contentType,
        SOAPAction: `"${SERVICES[options.interface].soapAction}"`,
        Accept: 'multipart/related, text/xml',
        'User-Agent': this.#options.userAgent ?? DEFAULTS.userAgent,
        'MIME-Version': '1.0',
      },
      body: mtom.body,
    };
  }

  async #attempt(
    request: AuditRequest,
    body: Buffer,
    callSignal: AbortSignal,
  ): Promise<
    | { result: Omit<SendResult, 'attempts'>; durationMs: number }
    | { failure: AttemptFailure; durationMs: number }
  > {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    // Hooks run before the attempt deadline starts; a throwing beforeSend aborts the call.
    for (const hook of this.#hooks) await hook.beforeSend?.({ request });
    this.#logger.debug('mms: sending', {
      operation: request.operation,
      attempt: request.attempt,
      url: request.url,
      bytes: body.byteLength,
    });
    const attemptTimeoutMs = this.#options.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new MmsTransportError(
            'TIMEOUT',
            `${request.operation}: no complete response from ${request.url} within ${attemptTimeoutMs} ms.`,
          ),
        ),
      attemptTimeoutMs,
    );
    const forward = (): void => controller.abort(callSignal.reason);
    if (callSignal.aborted) forward();
    else callSignal.addEventListener('abort', forward, { once: true });
    let res: HttpResponse;
    try {
      res = await this.#http.post({
        url: request.url,
        headers: request.headers,
        body,
        signal: controller.signal,
        maxResponseBytes: this.#options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      });
    } catch (err) {
      const error =
        err instanceof MmsTransportError
          ? err
          : new MmsTransportError('CONNECTION_FAILED', String(err), { url: request.url, cause: err });
      return { failure: { error, kind: classifyTransportError(error, callSignal) }, durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
      callSignal.removeEventListener('abort', forward);
    }
    const response: AuditResponse = {
      status: res.status,
      headers: res.headers,
      body: res.body,
      durationMs: elapsed(),
    };
    const interpreted = interpretResponse(res, request);
    const transactionId =
      request.transactionId ??
      ('result' in interpreted ? findTransactionId(interpreted.result.payload) : undefined);
    for (const hook of this.#hooks) {
      try {
        await hook.afterReceive?.({
          request,
          response,
          ...(transactionId !== undefined ? { transactionId } : {}),
        });
      } catch (err) {
        this.#logger.error('mms: afterReceive hook failed', {
          operation: request.operation,
          error: String(err),
        });
      }
    }
    if ('result' in interpreted) {
      return { result: { ...interpreted.result, transactionId }, durationMs: response.durationMs };
    }
    return { failure: { ...interpreted.failure, response }, durationMs: response.durationMs };
  }

  async #emitFailed(request: AuditRequest, failure: AttemptFailure, willRetry: boolean, durationMs: number) {
    for (const hook of this.#hooks) {
      try {
        await hook.attemptFailed?.({
          request,
          error: failure.error,
          willRetry,
          durationMs,
          ...(failure.response !== undefined ? { response: failure.response } : {}),
        });
      } catch (err) {
        this.#logger.error('mms: attemptFailed hook failed', {
          operation: request.operation,
          error: String(err),
        });
      }
    }
  }

  /** The error for a deadline or cancellation between attempts. */
  #finalError(reason: unknown, lastError: MmsError | undefined, attempts: number): MmsError {
    if (reason instanceof MmsTransportError) {
      return new MmsTransportError(reason.code, reason.message, {
        attempts,
        ...(lastError instanceof MmsTransportError && lastError.url !== undefined
          ? { url: lastError.url }
          : {}),
        requestSent: lastError instanceof MmsTransportError ? lastError.requestSent : false,
        cause: lastError ?? reason.cause,
      });
    }
    return lastError ?? new MmsTransportError('ABORTED', 'The call was cancelled.', { cause: reason });
  }
}

function classifyTransportError(error: MmsTransportError, callSignal: AbortSignal): FailureKind {
  // The caller's cancellation and the whole-call deadline end the call.
  if (callSignal.aborted) return 'final';
  if (error.code === 'RESPONSE_TOO_LARGE' || error.code === 'ABORTED') return 'final';
  return error.requestSent ? 'ambiguous' : 'not-sent';
}

function withAttempts(error: MmsError, attempts: number): MmsError {
  return error instanceof MmsTransportError ? error.withAttempts(attempts) : error;
}

/** Turns an HTTP response into a result or a classified failure. */
function interpretResponse(
  res: HttpResponse,
  request: AuditRequest,
): { result: Omit<SendResult, 'attempts' | 'transactionId'> } | { failure: AttemptFailure } {
  const url = request.url;
  const contentType = res.headers['content-type'];
  let decoded: ReturnType<typeof parseResponseEnvelope> | undefined;
  let decodeFailure: MmsClientError | undefined;
  if (res.body.byteLength > 0) {
    try {
      const message = decodeMessage(contentType, res.body);
      decoded = parseResponseEnvelope(message.rootXml, message.resolve);
    } catch (err) {
      decodeFailure =
        err instanceof MmsClientError
          ? err
          : new MmsClientError('DECODE_ERROR', `Cannot decode the response: ${String(err)}`, { cause: err });
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
          `${request.operation}: the MMS answered with a SOAP fault ${f.code}: ${f.message}`,
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
          `${request.operation}: the MMS answered with an error: ${text}`,
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

// Control characters other than tab and line feed, replaced in excerpts so
// they cannot garble a terminal or a log line.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F]/g;

function excerpt(body: Uint8Array): string {
  return Buffer.from(body.subarray(0, EXCERPT_BYTES)).toString('utf8').replace(CONTROL_CHARS, '?');
}
