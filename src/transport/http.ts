/**
 * One HTTP POST over mutual TLS, with axios.
 *
 * The TLS client identity comes from {@link Certificate.createSecureContext},
 * which hands the key to OpenSSL as PEM: that is why legacy PKCS#12 files
 * (RC2-40) work although Node's own `pfx` option refuses them.
 *
 * By default every request gets a fresh TCP and TLS connection (no
 * keep-alive, no TLS session resumption): the reference client moved to
 * this after intermittent authentication failures on reused connections
 * (MMS-PROTOCOL.md §9).
 *
 * axios' `timeout` only measures inactivity, so deadlines are enforced by the
 * caller through the AbortSignal, whose `reason` (an {@link MmsTransportError})
 * says whether it was a timeout or a cancellation.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import axios, { AxiosError, type AxiosRequestConfig } from 'axios';
import { MmsTransportError } from '../errors.js';
import type { Certificate } from '../security/certificate.js';

/** Options of {@link HttpClient}. */
export interface HttpClientOptions {
  readonly certificate: Certificate;
  /** CA certificates (PEM) for the server instead of Node's bundled roots. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Reuse connections. Default false (a fresh connection per request). */
  readonly keepAlive?: boolean;
  /** Lowest TLS version. Default TLS 1.2. */
  readonly minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** One request. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Aborts the exchange; its `reason` should be an {@link MmsTransportError}. */
  readonly signal: AbortSignal;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
}

/** One response, whatever its status. */
export interface HttpResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** TLS alerts and certificate checks fail before any HTTP data is processed by the server. */
const HANDSHAKE_ERROR =
  /^(ERR_SSL_(TLSV1_ALERT|TLSV13_ALERT|SSLV3_ALERT|WRONG_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS)|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_)/;

/** Connection set-up errors: nothing was sent. */
const CONNECT_ERROR = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** Sends requests with the participant's client certificate. */
export class HttpClient {
  readonly #agent: https.Agent;
  readonly #plainAgent: http.Agent;

  constructor(options: HttpClientOptions) {
    const keepAlive = options.keepAlive ?? false;
    this.#agent = new https.Agent({
      keepAlive,
      // No TLS session cache when connections must be fresh: a resumed
      // session would skip presenting the client certificate again.
      maxCachedSessions: keepAlive ? 100 : 0,
      minVersion: options.minTlsVersion ?? 'TLSv1.2',
      rejectUnauthorized: true,
      secureContext: options.certificate.createSecureContext({
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        ...(options.minTlsVersion !== undefined ? { minVersion: options.minTlsVersion } : {}),
      }),
    });
    // Only for http: overrides (a local stand-in without TLS).
    this.#plainAgent = new http.Agent({ keepAlive });
  }

  /**
   * POSTs `body` to `url`. Resolves with any HTTP response; rejects with an
   * {@link MmsTransportError} when there is none, with `requestSent` false
   * only when the server cannot have received the whole request.
   */
  async post(req: HttpRequest): Promise<HttpResponse> {
    const state = { tcp: false, connected: false, flushed: false };
    const isHttps = new URL(req.url).protocol === 'https:';
    const base = isHttps ? https : http;
    const transport = {
      request(options: https.RequestOptions, callback: (res: IncomingMessage) => void): ClientRequest {
        const cr = base.request(options, callback);
        cr.on('socket', (socket: Socket) => {
          if (cr.reusedSocket) state.tcp = state.connected = true;
          else {
            socket.once('connect', () => (state.tcp = true));
            socket.once(isHttps ? 'secureConnect' : 'connect', () => (state.connected = true));
          }
        });
        cr.once('finish', () => (state.flushed = true));
        return cr;
      },
    };
    const config: AxiosRequestConfig = {
      method: 'POST',
      url: req.url,
      data: req.body,
      headers: { ...req.headers },
      httpsAgent: this.#agent,
      httpAgent: this.#plainAgent,
      transport,
      proxy: false,
      maxRedirects: 0,
      responseType: 'arraybuffer',
      decompress: true,
      maxContentLength: req.maxResponseBytes,
      maxBodyLength: Infinity,
      validateStatus: null,
      signal: req.signal,
    };
    try {
      const res = await axios.request<ArrayBuffer>(config);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
        if (v === undefined || v === null) continue;
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      const data = res.data as unknown;
      const body = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      return { status: res.status, headers, body };
    } catch (err) {
      throw toTransportError(err, req, state);
    }
  }

  /** Closes pooled connections (only relevant with keep-alive). */
  close(): void {
    this.#agent.destroy();
    this.#plainAgent.destroy();
  }
}

function toTransportError(
  err: unknown,
  req: HttpRequest,
  state: { tcp: boolean; connected: boolean; flushed: boolean },
): MmsTransportError {
  // The server can only have the whole request once the connection was up
  // and the last byte was handed to the OS.
  const sent = state.connected && state.flushed;
  const reason: unknown = req.signal.aborted ? req.signal.reason : undefined;
  if (reason instanceof MmsTransportError) {
    return new MmsTransportError(reason.code, reason.message, {
      url: req.url,
      requestSent: sent,
      cause: reason.cause ?? err,
    });
  }
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof AxiosError && /maxContentLength/.test(message)) {
    return new MmsTransportError(
      'RESPONSE_TOO_LARGE',
      `The response from ${req.url} exceeds the limit of ${req.maxResponseBytes} bytes. Raise maxResponseBytes if such responses are expected.`,
      { url: req.url, requestSent: true, cause: err },
    );
  }
  const handshake =
    (code !== undefined && HANDSHAKE_ERROR.test(code)) ||
    (state.tcp && !state.connected && req.url.startsWith('https:'));
  const notSent = (code !== undefined && CONNECT_ERROR.has(code)) || handshake || !sent;
  const what = handshake
    ? 'the TLS handshake failed (check the client certificate, and the server CA with the `ca` option)'
    : notSent
      ? 'the connection could not be established'
      : 'the connection was lost after the request was sent';
  return new MmsTransportError('CONNECTION_FAILED', `POST ${req.url}: ${what}: ${code ?? message}.`, {
    url: req.url,
    requestSent: !notSent,
    cause: err,
  });
}

function errorCode(err: unknown): string | undefined {
  // axios copies the Node error code; the original is in `cause`.
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('ERR_BAD_') && code !== 'ERR_CANCELED') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
