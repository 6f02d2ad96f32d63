/**
 * One HTTP POST over mutual TLS, with node:https.
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
 * Deadlines are enforced by the caller through the AbortSignal, whose
 * `reason` (an {@link MmsTransportError}) says whether it was a timeout or a
 * cancellation. No redirects are followed and no proxy is read from the
 * environment (proxy.ts decides).
 *
 * Whether a failed request may have reached the server is decided from what
 * happened on the connection, never from an error's code: once the TLS
 * connection is up, Node writes the request at once, and a TLS alert, a bad
 * record or a reset can arrive after the server has read all of it
 * (MMS-PROTOCOL.md §9).
 *
 * Through a proxy (proxy.ts), the connection is a CONNECT tunnel with TLS to
 * the MMS inside it, and the same rule holds: the request may have reached
 * the MMS only once that TLS connection is up; a proxy that cannot be
 * reached or refuses the tunnel means nothing was sent.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Duplex, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { MmsTransportError } from '../errors.js';
import type { Certificate } from '../security/certificate.js';
import type { ConnectionState, HttpProxy, MmsTlsOptions } from './proxy.js';
import { spoolBody, type SpooledBody, type SpoolOptions } from './spool.js';

/** Options of {@link HttpClient}. */
export interface HttpClientOptions {
  readonly certificate: Certificate;
  /** CA certificates (PEM) for the server instead of Node's bundled roots. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Reuse connections. Default false (a fresh connection per request). */
  readonly keepAlive?: boolean;
  /** Lowest TLS version. Default TLS 1.2. */
  readonly minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Tunnel https requests through this proxy (not with keep-alive: a fresh tunnel per request). */
  readonly proxy?: HttpProxy;
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
  /**
   * Spool large content of a successful (2xx) response to files instead of
   * memory (report downloads saved to a file, spool.ts); the body is then
   * bounded by `spool.maxStreamBytes`, its in-memory rest by `maxResponseBytes`.
   */
  readonly spool?: Omit<SpoolOptions, 'maxMemoryBytes'>;
}

/** One response, whatever its status. */
export interface HttpResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** What was spooled to files, when the request asked for it (`body` is then the rest). */
  readonly spooled?: SpooledBody;
}

/** Sends requests with the participant's client certificate. */
export class HttpClient {
  readonly #agent: https.Agent;
  readonly #plainAgent: http.Agent;
  readonly #tls: MmsTlsOptions;
  readonly #proxy: HttpProxy | undefined;

  constructor(options: HttpClientOptions) {
    const keepAlive = options.keepAlive ?? false;
    this.#tls = {
      minVersion: options.minTlsVersion ?? 'TLSv1.2',
      secureContext: options.certificate.createSecureContext({
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        ...(options.minTlsVersion !== undefined ? { minVersion: options.minTlsVersion } : {}),
      }),
    };
    this.#proxy = options.proxy;
    this.#agent = new https.Agent({
      keepAlive,
      // No TLS session cache when connections must be fresh: a resumed
      // session would skip presenting the client certificate again.
      maxCachedSessions: keepAlive ? 100 : 0,
      rejectUnauthorized: true,
      ...this.#tls,
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
    const state: ConnectionState = { tcp: false, connected: false };
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    const base = isHttps ? https : http;
    // Plain http:// (a local stand-in) never goes through the proxy.
    const proxy = isHttps && this.#proxy?.appliesTo(url) ? this.#proxy : undefined;
    if (proxy !== undefined) state.via = proxy.name;
    const tlsOptions = this.#tls;
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const options: https.RequestOptions = {
          method: 'POST',
          headers: { ...req.headers, 'Content-Length': String(req.body.byteLength) },
          agent: isHttps ? this.#agent : this.#plainAgent,
          signal: req.signal,
        };
        let cr: ClientRequest;
        if (proxy !== undefined) {
          // No agent: the socket is the TLS connection through the tunnel,
          // handed over complete; the tunnel records each stage in `state`.
          const createConnection = (
            _: unknown,
            oncreate: (err: Error | null, socket: Duplex) => void,
          ): undefined => {
            // Nothing returned: Node waits for `oncreate` (an error, or the socket).
            proxy.connect(url, tlsOptions, state, req.signal, (err, socket) =>
              oncreate(err, socket as Duplex),
            );
            return undefined;
          };
          cr = https.request(url, { ...options, agent: undefined, createConnection }, resolve);
        } else {
          cr = base.request(url, options, resolve);
          cr.on('socket', (socket: Socket) => {
            // A pooled socket (keep-alive) is connected already, and a fresh one
            // may have connected before this listener ran: read its state first.
            state.tcp = cr.reusedSocket || !socket.connecting;
            state.connected = cr.reusedSocket || (state.tcp && (!isHttps || isSecure(socket)));
            if (!state.tcp) socket.once('connect', () => (state.tcp = true));
            if (!state.connected)
              socket.once(isHttps ? 'secureConnect' : 'connect', () => (state.connected = true));
          });
        }
        cr.on('error', reject);
        cr.end(req.body);
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined) continue;
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      const stream = decompressed(res, headers);
      const status = res.statusCode ?? 0;
      if (req.spool !== undefined && status >= 200 && status < 300) {
        const spooled = await spoolResponse(stream, headers, req, req.spool);
        return { status, headers, body: spooled.body, spooled };
      }
      const body = await readBody(stream, headers, req);
      return { status, headers, body };
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

/**
 * The body as the server meant it: gzip, deflate and br are undone (we
 * never ask for them, but a proxy may add them). The size limits count the
 * decompressed bytes, so a small compressed body cannot expand past them.
 */
function decompressed(res: IncomingMessage, headers: Readonly<Record<string, string>>): Readable {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  const inflate =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (inflate === undefined) return res;
  // A reset mid-body, or corrupt data, ends the pipeline with its error.
  res.on('error', (err) => inflate.destroy(err));
  inflate.on('close', () => res.destroy());
  return res.pipe(inflate);
}

function isSecure(socket: Socket): boolean {
  // Set once the handshake completed (tls.TLSSocket); not in the typings.
  return (socket as TLSSocket & { _secureEstablished?: boolean })._secureEstablished === true;
}

/**
 * The response body in one buffer, sized from Content-Length where the
 * server gives it: the network's chunks (each holding on to a larger
 * allocation) are copied and let go as they arrive, so an answer costs about
 * its own size, and one over the limit is refused as soon as that is known.
 */
async function readBody(
  stream: Readable,
  headers: Readonly<Record<string, string>>,
  req: HttpRequest,
): Promise<Buffer> {
  const max = req.maxResponseBytes;
  const encoding = headers['content-encoding'];
  // After decompression the length differs from the header's.
  const declared =
    encoding === undefined || encoding === 'identity' ? Number(headers['content-length']) : NaN;
  const known = Number.isInteger(declared) && declared >= 0;
  if (known && declared > max) {
    stream.destroy();
    throw tooLarge(req);
  }
  let buf = Buffer.allocUnsafe(known ? declared : Math.min(max, 64 * 1024));
  let n = 0;
  const onAbort = (): void => void stream.destroy(req.signal.reason as Error);
  if (req.signal.aborted) onAbort();
  else req.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (n + chunk.length > max) {
        stream.destroy();
        throw tooLarge(req);
      }
      if (n + chunk.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(max, Math.max(buf.length * 2, n + chunk.length)));
        buf.copy(grown, 0, 0, n);
        buf = grown;
      }
      chunk.copy(buf, n);
      n += chunk.length;
    }
  } finally {
    req.signal.removeEventListener('abort', onAbort);
  }
  if (known && n !== declared) {
    throw new MmsTransportError(
      'CONNECTION_FAILED',
      `POST ${req.url}: the response ended after ${n} of the ${declared} bytes it announced.`,
      { url: req.url, requestSent: true },
    );
  }
  return n === buf.length ? buf : buf.subarray(0, n);
}

/** {@link spoolBody} under the call's signal, with the Content-Length check of {@link readBody}. */
async function spoolResponse(
  stream: Readable,
  headers: Readonly<Record<string, string>>,
  req: HttpRequest,
  spool: Omit<SpoolOptions, 'maxMemoryBytes'>,
): Promise<SpooledBody> {
  const encoding = headers['content-encoding'];
  const declared =
    encoding === undefined || encoding === 'identity' ? Number(headers['content-length']) : NaN;
  const known = Number.isInteger(declared) && declared >= 0;
  if (known && declared > spool.maxStreamBytes) {
    stream.destroy();
    throw new MmsTransportError(
      'RESPONSE_TOO_LARGE',
      `The response from ${req.url} announces ${declared} bytes, more than the download limit of ${spool.maxStreamBytes} bytes. Raise maxDownloadBytes if such reports are expected.`,
      { url: req.url, requestSent: true },
    );
  }
  let n = 0;
  stream.on('data', (chunk: Buffer) => (n += chunk.length));
  const onAbort = (): void => void stream.destroy(req.signal.reason as Error);
  if (req.signal.aborted) onAbort();
  else req.signal.addEventListener('abort', onAbort, { once: true });
  let spooled: SpooledBody;
  try {
    spooled = await spoolBody(stream, headers, req.url, { ...spool, maxMemoryBytes: req.maxResponseBytes });
  } finally {
    req.signal.removeEventListener('abort', onAbort);
  }
  if (known && n !== declared) {
    await spooled.discard();
    throw new MmsTransportError(
      'CONNECTION_FAILED',
      `POST ${req.url}: the response ended after ${n} of the ${declared} bytes it announced.`,
      { url: req.url, requestSent: true },
    );
  }
  return spooled;
}

function tooLarge(req: HttpRequest): MmsTransportError {
  return new MmsTransportError(
    'RESPONSE_TOO_LARGE',
    `The response from ${req.url} exceeds the limit of ${req.maxResponseBytes} bytes. Raise maxResponseBytes if such responses are expected.`,
    { url: req.url, requestSent: true },
  );
}

function toTransportError(err: unknown, req: HttpRequest, state: ConnectionState): MmsTransportError {
  // Node writes the request as soon as the connection is ready, so from then
  // on the server may have all of it, whatever error follows.
  const sent = state.connected;
  const reason: unknown = req.signal.aborted ? req.signal.reason : undefined;
  if (reason instanceof MmsTransportError) {
    return new MmsTransportError(reason.code, reason.message, {
      url: req.url,
      requestSent: sent,
      cause: reason.cause ?? err,
    });
  }
  if (err instanceof MmsTransportError) return err;
  const post = `POST ${req.url}${state.via !== undefined ? ` through the proxy ${state.via}` : ''}`;
  if (state.proxyFailure !== undefined && !sent)
    return new MmsTransportError('CONNECTION_FAILED', `${post}: ${state.proxyFailure}; nothing was sent.`, {
      url: req.url,
      requestSent: false,
      cause: err,
    });
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const what = sent
    ? 'the connection failed after the request was sent, so the server may have received it'
    : state.tcp && req.url.startsWith('https:')
      ? 'the TLS handshake failed (check the client certificate, and the server CA with the `ca` option); nothing was sent'
      : 'the connection could not be established; nothing was sent';
  return new MmsTransportError('CONNECTION_FAILED', `${post}: ${what}: ${code ?? message}.`, {
    url: req.url,
    requestSent: sent,
    cause: err,
  });
}

function errorCode(err: unknown): string | undefined {
  // Node's own code, or that of the error it wraps (`cause`).
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('ERR_BAD_') && code !== 'ERR_CANCELED') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
