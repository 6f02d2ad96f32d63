/**
 * Sending one MMS call: frame the request once (framing.ts), then HTTPS
 * attempts with retries and fail-over, each answer read (answer.ts) and
 * handed to the caller's interpreter, hooks around every attempt, all under
 * the call's deadline (deadline.ts). The transport moves bytes and decides
 * only what happened on the connection; what an answer means is the
 * interpreter's verdict.
 */
import { asMmsError, MmsError, MmsTransportError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { checkTimeout } from '../options.js';
import type { Certificate } from '../security/certificate.js';
import {
  readAnswer,
  type AnswerInterpreter,
  type AttemptFailure,
  type EnvelopeAnswer,
  type Verdict,
} from './answer.js';
import { newCallId, type AuditRequest, type AuditResponse, type TransportHooks } from './audit.js';
import { answeredButStopped, CallDeadline } from './deadline.js';
import { HookRunner } from './hooks.js';
import { resolveEndpoints, type ClientType, type EndpointOverrides, type Environment } from './endpoints.js';
import { HttpClient, type HttpResponse } from './http.js';
import { frameRequest, type FramedRequest, type FrameSource, type RequestFrame } from './framing.js';
import type { MimeLimits } from './mtom.js';
import {
  backoffDelay,
  isRetryable,
  resolveRetryPolicy,
  type FailureKind,
  type RetryPolicy,
} from './retry.js';
import { resolveProxy } from './proxy.js';
import { checkTransportOptions } from './transport-options.js';
import type { Interface, OperationKind } from '../vocabulary.js';

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
  /**
   * Reach the MMS through an HTTP proxy: a CONNECT tunnel to the MMS host,
   * with TLS and the client certificate end to end inside it (the proxy
   * relays only ciphertext). `'http://host:port'`, with
   * `http://user:password@host:port` for Basic proxy authentication, or
   * `'env'` for `HTTPS_PROXY` and `NO_PROXY` from the environment. Default:
   * no proxy, and the environment is ignored. Not with `keepAlive`: each
   * request opens a fresh tunnel. `http://` URLs never use the proxy.
   */
  readonly proxy?: string;
  /** Deadline of one attempt, connect to last byte. Default 120 s. */
  readonly attemptTimeoutMs?: number;
  /** Deadline of a whole call, retries and back-off included. Default 300 s. */
  readonly callTimeoutMs?: number;
  /** Largest response body accepted in memory. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * Largest response body of a download streamed to a file (`spoolDir`),
   * file included; what stays in memory is still bounded by
   * `maxResponseBytes`. Default 4 GiB.
   */
  readonly maxDownloadBytes?: number;
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
  /**
   * Fixes the clock and the MTOM Content-IDs and boundary of requests (wire
   * snapshots, reproducible tests). Default: the system clock, random ids.
   */
  readonly frameSource?: FixedFrameSource;
}

/** The parts of a {@link FrameSource} a caller may fix. */
export type FixedFrameSource = Pick<FrameSource, 'now' | 'contentId' | 'boundary'>;

/** Options of {@link Transport.send}. */
export interface SendOptions<T = EnvelopeAnswer> extends RequestFrame {
  /** Queries are retried after 5xx and timeouts; submissions only with `retrySubmission`. */
  readonly kind: OperationKind;
  /**
   * Decides what each answer means: a result, or a failure the retry policy
   * classifies. `judgeEnvelope` (`mms-client/transport`) reads the envelope
   * only; the client's interpreter decodes the payload as well.
   */
  readonly interpret: AnswerInterpreter<T>;
  /** Cancels the call, retries included. */
  readonly signal?: AbortSignal;
  /** For a submission: retry after 5xx, timeouts and lost connections, accepting a possible double submit. */
  readonly retrySubmission?: boolean;
  /** Known transaction id, for audit file names. */
  readonly transactionId?: string;
  /** Overrides the transport's call deadline for this call. */
  readonly timeoutMs?: number;
  /**
   * Spool large content of a successful answer (a report file) to files in
   * this directory instead of memory (spool.ts). The interpreter finds it in
   * `answer.spooled` and moves what it keeps; whatever is left is removed
   * after the attempt.
   */
  readonly spoolDir?: string;
  /**
   * The call's deadline, when the caller runs more than the transport under
   * it. When given, `signal` and `timeoutMs` are ignored: they are the deadline's.
   */
  readonly deadline?: CallDeadline;
}

/** How an answer was delivered. */
export interface Delivery {
  /** The caller's transaction id, or the one the interpreter found in the answer. */
  readonly transactionId: string | undefined;
  readonly status: number;
  /** URL that answered. */
  readonly url: string;
  /** Attempts made, 1 when the first succeeded. */
  readonly attempts: number;
}

/** Result of {@link Transport.send}: what the interpreter made of the answer, and how it came. */
export type SendResult<T = EnvelopeAnswer> = T & Delivery;

/** Default deadline of a whole call, retries included. */
export const DEFAULT_CALL_TIMEOUT_MS = 300_000;

/** Default of {@link TransportOptions.maxResponseBytes}. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Default of {@link TransportOptions.maxDownloadBytes}. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 4 * 1024 ** 3;

const DEFAULTS = {
  attemptTimeoutMs: 120_000,
  callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  userAgent: 'mms-client',
};

/**
 * Sends `submitAttachment` requests to the MMS over mutual TLS.
 *
 * @example
 * ```ts
 * import { Transport, judgeEnvelope } from 'mms-client/transport';
 * const transport = new Transport({ certificate, clientType: 'bsp', environment: 'test', contentIdDomain: 'example.co.jp' });
 * const { response, payload } = await transport.send({
 *   interface: 'MI', requestType: 'mp.market', payload: xmlBytes,
 *   operation: 'MarketQuery_AwardResultsQuery', kind: 'query',
 *   interpret: judgeEnvelope, // faults, statuses and TXT become errors; the payload is yours
 * });
 * transport.close();
 * ```
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #http: HttpClient;
  readonly #retry: RetryPolicy;
  readonly #hooks: HookRunner;
  readonly #logger: Logger;
  readonly #attemptTimeoutMs: number;
  readonly #callTimeoutMs: number;
  readonly #maxResponseBytes: number;

  /** @throws {@link MmsClientError} `INVALID_OPTION` for an option of the wrong type or out of range */
  constructor(options: TransportOptions) {
    checkTransportOptions(options);
    this.#options = options;
    this.#retry = resolveRetryPolicy(options.retry);
    this.#logger = options.logger ?? silentLogger;
    this.#hooks = new HookRunner(options.hooks, this.#logger);
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs;
    this.#callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    // Refuse a bad URL override now, not at the first call.
    for (const iface of Object.keys(options.endpoints ?? {}) as Interface[]) this.#urls(iface);
    const proxy = resolveProxy(options.proxy);
    this.#http = new HttpClient({
      certificate: options.certificate,
      ...(proxy !== undefined ? { proxy } : {}),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
    });
  }

  /**
   * Signs and sends one request, retrying as the policy allows, and returns
   * what the interpreter made of the answer.
   *
   * @throws {@link MmsTransportError} no usable HTTP exchange (connection, timeout, size)
   * @throws {@link MmsClientError} an invalid request or option, or a failing hook
   * @throws `CertificateError` the certificate is outside its validity window (nothing is sent)
   * @throws the error of the interpreter's failure verdict (a fault, an error status, a rejection)
   */
  async send<T extends object = EnvelopeAnswer>(options: SendOptions<T>): Promise<SendResult<T>> {
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

  async #send<T extends object>(options: SendOptions<T>, signal: AbortSignal): Promise<SendResult<T>> {
    const urls = this.#urls(options.interface);
    const message = this.#frame(options);
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
      if ((await this.#hooks.beforeSend(request, signal)) === 'stopped')
        throw this.#finalError(signal.reason, lastError, attempt - 1);
      const outcome = await this.#attempt(request, message.body, options.interpret, signal, options.spoolDir);
      if ('rejection' in outcome) {
        // An answer, not a failed attempt: the caller gets the MMS's verdict.
        this.#logger.info('mms: call answered with a rejection', {
          operation: options.operation,
          attempt,
          url,
          code: outcome.rejection.code,
        });
        throw outcome.rejection;
      }
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
      await this.#hooks.attemptFailed(
        {
          request,
          error: failure.error,
          willRetry,
          durationMs: outcome.durationMs,
          ...(failure.response !== undefined ? { response: failure.response } : {}),
        },
        signal,
      );
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

  #frame(frame: RequestFrame): FramedRequest {
    return frameRequest(frame, {
      ...this.#options.frameSource,
      certificate: this.#options.certificate,
      contentIdDomain: this.#options.contentIdDomain,
      userAgent: this.#options.userAgent ?? DEFAULTS.userAgent,
    });
  }

  async #attempt<T extends object>(
    request: AuditRequest,
    body: Buffer,
    interpret: AnswerInterpreter<T>,
    callSignal: AbortSignal,
    spoolDir: string | undefined,
  ): Promise<
    | { result: T & Omit<Delivery, 'attempts'>; durationMs: number }
    | { failure: FailureWithAnswer; durationMs: number }
    | { rejection: MmsError; durationMs: number }
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
        ...(spoolDir !== undefined
          ? {
              spool: {
                dir: spoolDir,
                maxStreamBytes: this.#options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
                ...(this.#options.mimeLimits ? { mimeLimits: this.#options.mimeLimits } : {}),
              },
            }
          : {}),
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
    const verdict = await this.#interpret(res, request, interpret, callSignal);
    const transactionId = request.transactionId ?? verdict.transactionId;
    const stopped = await this.#hooks.afterReceive(request, response, transactionId, callSignal);
    if (stopped)
      return { failure: { kind: 'final', error: stopped, response }, durationMs: response.durationMs };
    if ('ok' in verdict) {
      return {
        result: { ...verdict.ok, transactionId, status: res.status, url: request.url },
        durationMs: response.durationMs,
      };
    }
    if ('rejection' in verdict) return { rejection: verdict.rejection, durationMs: response.durationMs };
    // An answer proves the request arrived: whatever the interpreter says, never `not-sent`.
    const kind = verdict.failure.kind === 'final' ? 'final' : 'ambiguous';
    return { failure: { ...verdict.failure, kind, response }, durationMs: response.durationMs };
  }

  /** Reads the envelope and hands it to the interpreter, under the call's deadline. */
  async #interpret<T>(
    res: HttpResponse,
    request: AuditRequest,
    interpret: AnswerInterpreter<T>,
    signal: AbortSignal,
  ): Promise<Verdict<T>> {
    try {
      const answer = await readAnswer(res, request, {
        signal,
        maxResponseBytes: this.#maxResponseBytes,
        ...(this.#options.mimeLimits ? { mimeLimits: this.#options.mimeLimits } : {}),
      });
      return await interpret(answer, signal);
    } catch (err) {
      // The deadline or the caller stopped the reading (the server had
      // answered), or the interpreter itself failed: final either way.
      return { failure: { kind: 'final', error: answeredButStopped(err, request, res.status) } };
    } finally {
      // What the interpreter kept it has moved; the rest goes.
      await res.spooled?.discard();
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

/** A failed attempt, with the answer when the server gave one. */
interface FailureWithAnswer extends AttemptFailure {
  readonly response?: AuditResponse;
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
