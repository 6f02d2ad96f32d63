/**
 * The transport pipeline of one MMS call: sign → envelope + MTOM → HTTPS with
 * retries and fail-over → decode → envelope-level checks (answer.ts), with
 * hooks and everything else under the call's deadline (deadline.ts). Payloads
 * are bytes in and bytes out; what they mean is the client layer's business.
 */
import { asMmsError, CertificateError, MmsClientError, MmsError, MmsTransportError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { checkTimeout } from '../options.js';
import type { Certificate } from '../security/certificate.js';
import { printable } from '../text.js';
import { readAnswer, type AttemptFailure } from './answer.js';
import {
  findTransactionId,
  newCallId,
  type AuditRequest,
  type AuditResponse,
  type TransportHooks,
} from './audit.js';
import { CallDeadline, stoppedBy, untilAborted } from './deadline.js';
import { resolveEndpoints, type ClientType, type EndpointOverrides, type Environment } from './endpoints.js';
import { HttpClient, type HttpResponse } from './http.js';
import { encodeMtom, newContentId, type BinaryPart, type MimeLimits } from './mtom.js';
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
  type RequestAttachment,
  type ResponseAttInfo,
  type ResponseAttachment,
} from './soap.js';
import { checkTransportOptions } from './transport-options.js';
import type { Interface, RequestType } from '../vocabulary.js';

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
  /**
   * Accept `http://` URLs: no TLS, no client certificate, the signed payload
   * in clear. Only for a local stand-in behind a TLS-terminating proxy you
   * control. Default false: an `http://` URL is refused.
   */
  readonly allowInsecureHttp?: boolean;
  /** Limits of the MIME reader for responses (parts, header size). */
  readonly mimeLimits?: MimeLimits;
}

/** One attachment to send: its bytes are signed and sent as their own MTOM part. */
export interface OutgoingAttachment {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Options of {@link Transport.send}. */
export interface SendOptions {
  readonly interface: Interface;
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
  /**
   * The call's deadline, when the caller runs more than the transport under
   * it (the client decodes the answer under the same deadline). When given,
   * `signal` and `timeoutMs` are ignored: they are the deadline's.
   */
  readonly deadline?: CallDeadline;
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

/** Default deadline of a whole call, retries included. */
export const DEFAULT_CALL_TIMEOUT_MS = 300_000;

const DEFAULTS = {
  attemptTimeoutMs: 120_000,
  callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
  maxResponseBytes: 64 * 1024 * 1024,
  userAgent: 'mms-client',
};

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
  readonly #attemptTimeoutMs: number;
  readonly #callTimeoutMs: number;
  readonly #maxResponseBytes: number;

  /** @throws {@link MmsClientError} `INVALID_OPTION` for an option of the wrong type or out of range */
  constructor(options: TransportOptions) {
    checkTransportOptions(options);
    this.#options = options;
    this.#retry = resolveRetryPolicy(options.retry);
    this.#hooks =
      options.hooks === undefined ? [] : Array.isArray(options.hooks) ? options.hooks : [options.hooks];
    this.#logger = options.logger ?? silentLogger;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs;
    this.#callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    // Refuse a bad URL override now, not at the first call.
    for (const iface of Object.keys(options.endpoints ?? {}) as Interface[]) this.#urls(iface);
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
   * @throws {@link MmsClientError} an invalid request or option, a failing hook, or a response that cannot be decoded or used
   * @throws {@link CertificateError} the certificate is outside its validity window (nothing is sent)
   */
  async send(options: SendOptions): Promise<SendResult> {
    const deadline =
      options.deadline ??
      new CallDeadline(
        options.operation,
        options.timeoutMs === undefined ? this.#callTimeoutMs : checkTimeout('timeoutMs', options.timeoutMs),
        options.signal,
      );
    try {
      return await this.#send(options, deadline.signal);
    } catch (err) {
      throw asMmsError(err, options.operation);
    } finally {
      if (options.deadline === undefined) deadline.dispose();
    }
  }

  async #send(options: SendOptions, signal: AbortSignal): Promise<SendResult> {
    const urls = this.#urls(options.interface);
    const message = this.#buildMessage(options);
    const callId = newCallId();
    const retrySubmissions = options.retrySubmission ?? this.#retry.retrySubmissions;
    let lastError: MmsError | undefined;
    for (let attempt = 1; attempt <= this.#retry.maxAttempts; attempt++) {
      if (signal.aborted) throw this.#finalError(signal.reason, lastError, attempt - 1);
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
      await this.#beforeSend(request, signal, lastError);
      const outcome = await this.#attempt(request, message.body, signal);
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
        !signal.aborted;
      await this.#emitFailed(request, failure, willRetry, outcome.durationMs, signal);
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
        await this.#retry.sleep(delay, signal);
      } catch {
        throw this.#finalError(signal.reason, lastError, attempt);
      }
    }
    throw new Error('unreachable: retry loop ended without result');
  }

  /** Releases pooled connections. Safe to call more than once. */
  close(): void {
    this.#http.close();
  }

  #urls(iface: Interface): readonly string[] {
    const o = this.#options;
    return resolveEndpoints({
      clientType: o.clientType,
      interface: iface,
      environment: o.environment,
      ...(o.endpoints !== undefined ? { overrides: o.endpoints } : {}),
      ...(o.allowInsecureHttp !== undefined ? { allowInsecureHttp: o.allowInsecureHttp } : {}),
    });
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

  /**
   * Runs every `beforeSend` hook under the call's deadline. A hook that
   * throws or rejects stops the call before anything is sent (an auditor
   * that cannot record must not let unrecorded traffic through).
   */
  async #beforeSend(
    request: AuditRequest,
    signal: AbortSignal,
    lastError: MmsError | undefined,
  ): Promise<void> {
    for (const hook of this.#hooks) {
      if (!hook.beforeSend) continue;
      try {
        await runHook(() => hook.beforeSend?.({ request }), signal);
      } catch (err) {
        if (stoppedBy(signal, err)) throw this.#finalError(signal.reason, lastError, request.attempt - 1);
        throw new MmsClientError(
          'HOOK_FAILED',
          `${request.operation}: a beforeSend hook failed (${hookErrorText(err)}); attempt ${request.attempt} was not sent.`,
          { cause: err },
        );
      }
    }
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
    this.#logger.debug('mms: sending', {
      operation: request.operation,
      attempt: request.attempt,
      url: request.url,
      bytes: body.byteLength,
    });
    const attemptTimeoutMs = this.#attemptTimeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(
          new MmsTransportError(
            'TIMEOUT',
            `${request.operation}: no complete response from ${request.url} within ${attemptTimeoutMs} ms.`,
          ),
        ),
      attemptTimeoutMs,
    );
    let res: HttpResponse;
    try {
      res = await this.#http.post({
        url: request.url,
        headers: request.headers,
        body,
        signal: AbortSignal.any([callSignal, timeout.signal]),
        maxResponseBytes: this.#maxResponseBytes,
      });
    } catch (err) {
      const error =
        err instanceof MmsTransportError
          ? err
          : new MmsTransportError('CONNECTION_FAILED', String(err), { url: request.url, cause: err });
      return { failure: { error, kind: classifyTransportError(error, callSignal) }, durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
    const response: AuditResponse = {
      status: res.status,
      headers: res.headers,
      body: res.body,
      durationMs: elapsed(),
    };
    let interpreted: Awaited<ReturnType<typeof readAnswer>>;
    try {
      interpreted = await readAnswer(res, request, {
        signal: callSignal,
        maxResponseBytes: this.#maxResponseBytes,
        ...(this.#options.mimeLimits ? { mimeLimits: this.#options.mimeLimits } : {}),
      });
    } catch (err) {
      // The deadline or the caller stopped the decoding: the server had answered.
      interpreted = { failure: { kind: 'final', error: answeredButStopped(err, request, res.status) } };
    }
    const transactionId =
      request.transactionId ??
      ('result' in interpreted ? findTransactionId(interpreted.result.payload) : undefined);
    const stopped = await this.#afterReceive(request, response, transactionId, callSignal);
    if (stopped)
      return { failure: { kind: 'final', error: stopped, response }, durationMs: response.durationMs };
    if ('result' in interpreted) {
      return { result: { ...interpreted.result, transactionId }, durationMs: response.durationMs };
    }
    return { failure: { ...interpreted.failure, response }, durationMs: response.durationMs };
  }

  /**
   * Runs every `afterReceive` hook under the call's deadline. Their errors
   * are logged and swallowed: the server has already acted, and turning its
   * answer into an error could make the caller submit twice. A deadline or
   * cancellation while a hook runs ends the call; the error says the MMS had
   * answered.
   */
  async #afterReceive(
    request: AuditRequest,
    response: AuditResponse,
    transactionId: string | undefined,
    signal: AbortSignal,
  ): Promise<MmsError | undefined> {
    for (const hook of this.#hooks) {
      if (!hook.afterReceive) continue;
      try {
        await runHook(
          () =>
            hook.afterReceive?.({
              request,
              response,
              ...(transactionId !== undefined ? { transactionId } : {}),
            }),
          signal,
        );
      } catch (err) {
        if (stoppedBy(signal, err)) return answeredButStopped(err, request, response.status);
        this.#logger.error('mms: afterReceive hook failed', {
          operation: request.operation,
          error: hookErrorText(err),
        });
      }
    }
    return undefined;
  }

  async #emitFailed(
    request: AuditRequest,
    failure: AttemptFailure,
    willRetry: boolean,
    durationMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    for (const hook of this.#hooks) {
      if (!hook.attemptFailed) continue;
      try {
        await runHook(
          () =>
            hook.attemptFailed?.({
              request,
              error: failure.error,
              willRetry,
              durationMs,
              ...(failure.response !== undefined ? { response: failure.response } : {}),
            }),
          signal,
        );
      } catch (err) {
        // The failure itself is what the caller gets; a deadline passing here
        // is seen by the retry loop.
        if (stoppedBy(signal, err)) return;
        this.#logger.error('mms: attemptFailed hook failed', {
          operation: request.operation,
          error: hookErrorText(err),
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

/**
 * Runs one hook (sync or async, throwing or rejecting) under the call's
 * signal: settles like the hook, or rejects with the signal's reason when
 * the deadline passes or the caller aborts first.
 */
function runHook(call: () => void | Promise<void>, signal: AbortSignal): Promise<void> {
  return untilAborted(Promise.resolve().then(call), signal);
}

/** A hook's error, for a message: its name and first line, never more than a line. */
function hookErrorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return printable(text.split('\n')[0] ?? '', 300);
}

/**
 * A deadline or cancellation that struck after the server had answered:
 * the request was received (and a submission may have been processed).
 */
function answeredButStopped(err: unknown, request: AuditRequest, status: number): MmsError {
  if (!(err instanceof MmsTransportError) || (err.code !== 'TIMEOUT' && err.code !== 'ABORTED'))
    return asMmsError(err, request.operation);
  return new MmsTransportError(
    err.code,
    `${err.message} The MMS had answered (HTTP ${status}) before that; the request was received, so check its outcome before sending it again.`,
    { url: request.url, status, requestSent: true, cause: err.cause ?? err },
  );
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
