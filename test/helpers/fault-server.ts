/**
 * A misbehaving MMS for fault tests: an HTTPS server on 127.0.0.1 that
 * requires a client certificate, built from `net.createServer` with each TCP
 * socket wrapped by hand in a server-side `tls.TLSSocket`, so that a fault can
 * reach under TLS and write on the raw TCP socket (garbage, a bare alert
 * record, a reset) after the HTTP request was read.
 *
 * HTTP is parsed by an `http.Server` that never listens: each TLS socket is
 * handed to it with `emit('connection')` once the handshake and the client
 * certificate check are done. A request counts as received only when its whole
 * body was read (the `end` of the body, and as many bytes as Content-Length
 * said); only then does the server's {@link Fault} run.
 *
 * `close()` destroys every socket and clears every timer a fault started, so
 * tests leave no open handles.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { encodeMtom } from '../../src/transport/mtom.js';
import { buildResponseEnvelope } from '../../src/transport/soap.js';
import type { TestPki } from './pki.js';
import type { Interface } from '../../src/vocabulary.js';

/** A request whose whole body the server read. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly tlsProtocol: string | null;
  /** Subject CN of the client certificate. */
  readonly peerCommonName: string | undefined;
}

/** What a fault can act on, once the whole request was read. */
export interface FaultContext {
  readonly request: ReceivedRequest;
  readonly response: ServerResponse;
  /** The server-side TLS socket carrying the request. */
  readonly tls: TLSSocket;
  /** The TCP socket under it: writing here bypasses TLS. */
  readonly raw: Socket;
  /** 0 for the first complete request this server received (since the last `reset`), 1 for the next, ... */
  readonly index: number;
  /** Runs `fn` after `ms`, cancelled by `close()`. */
  later(ms: number, fn: () => void): void;
  /** Runs `fn` every `ms` until it returns false or `close()`. */
  every(ms: number, fn: () => boolean): void;
}

/** What the server does with a complete request. */
export type Fault = (ctx: FaultContext) => void;

/** A running fault server. */
export interface FaultServer {
  readonly port: number;
  /** `https://127.0.0.1:<port><path>` */
  url(path?: string): string;
  /** Requests received complete, in order. */
  readonly received: ReceivedRequest[];
  /** TCP connections accepted. */
  readonly connections: number;
  /** TLS handshakes completed with a trusted client certificate. */
  readonly handshakes: number;
  /** TLS connections dropped because the client certificate was not trusted. */
  readonly rejectedCertificates: number;
  fault: Fault;
  /** Forgets what was received and counted (the fault stays). */
  reset(): void;
  close(): Promise<void>;
}

/** Options of {@link startFaultServer}. */
export interface FaultServerOptions {
  readonly pki: TestPki;
  /** Default {@link answerOk}. */
  readonly fault?: Fault;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Certificates (PEM) a client certificate must be issued by. Default the test CA. */
  readonly clientCa?: readonly string[];
}

/** Starts a fault server on an ephemeral port of 127.0.0.1. */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const trusted = (options.clientCa ?? [options.pki.ca.certPem]).map((pem) => new X509Certificate(pem));
  const secureContext = tls.createSecureContext({
    key: options.pki.server.keyPem,
    cert: options.pki.server.certPem,
    ca: trusted.map((c) => c.toString()),
    minVersion: options.minVersion ?? 'TLSv1.2',
    ...(options.maxVersion !== undefined ? { maxVersion: options.maxVersion } : {}),
  });
  const counts = { connections: 0, handshakes: 0, rejected: 0 };
  const received: ReceivedRequest[] = [];
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const every = (ms: number, fn: () => boolean): void => {
    if (closed) return;
    const t = setInterval(() => {
      if (!fn()) {
        clearInterval(t);
        timers.delete(t);
      }
    }, ms);
    timers.add(t);
  };

  const httpServer = http.createServer();
  httpServer.on('clientError', (_err, socket) => socket.destroy());
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const declared = req.headers['content-length'];
      // A body cut short is not a received request.
      if (declared !== undefined && Number(declared) !== body.byteLength) return;
      const socket = req.socket as TLSSocket;
      const raw = rawOf.get(socket);
      if (raw === undefined) return;
      const peer = socket.getPeerX509Certificate();
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        tlsProtocol: socket.getProtocol(),
        peerCommonName: peer ? /CN=([^\n]+)/.exec(peer.subject)?.[1] : undefined,
      };
      const index = received.length;
      received.push(request);
      state.fault({ request, response: res, tls: socket, raw, index, later, every });
    });
  });
  const rawOf = new WeakMap<TLSSocket, Socket>();

  const server = net.createServer((raw: Socket) => {
    counts.connections += 1;
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => undefined);
    const socket = new tls.TLSSocket(raw, {
      isServer: true,
      requestCert: true,
      rejectUnauthorized: true,
      secureContext,
    });
    rawOf.set(socket, raw);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Clients that fail or reset must not crash the test process.
    socket.on('error', () => undefined);
    socket.once('secure', () => {
      // A hand-made TLSSocket does not check the client certificate (tls.Server
      // does that in its own 'secure' listener): check it as the server would.
      const peer = socket.getPeerX509Certificate();
      if (!peer || !trusted.some((ca) => peer.checkIssued(ca) && peer.verify(ca.publicKey))) {
        counts.rejected += 1;
        socket.destroy();
        return;
      }
      counts.handshakes += 1;
      httpServer.emit('connection', socket);
    });
  });

  const state: FaultServer = {
    port: 0,
    url: (p = '/axis2/services/MiWebService') => `https://127.0.0.1:${state.port}${p}`,
    received,
    get connections() {
      return counts.connections;
    },
    get handshakes() {
      return counts.handshakes;
    },
    get rejectedCertificates() {
      return counts.rejected;
    },
    fault: options.fault ?? answerOk(),
    reset() {
      received.length = 0;
      counts.connections = 0;
      counts.handshakes = 0;
      counts.rejected = 0;
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { port: number }).port = (server.address() as AddressInfo).port;
  return state;
}

// ---- answers ----

/** Payload of {@link okAnswer}, with a transaction id. */
export const OK_PAYLOAD =
  '<MarketData><ProcessingStatistics Received="1" Valid="1" Invalid="0" TransactionId="TRN-FAULT-1"></ProcessingStatistics>' +
  '<MarketQuery Date="2024-03-15"><Messages><Information Code="I001">受け付けました</Information></Messages></MarketQuery></MarketData>';

/** A valid `ResponseAttInfo` (success, XML payload as an MTOM part), as the MMS answers. */
export function okAnswer(iface: Interface = 'MI'): { contentType: string; body: Buffer } {
  const envelope = buildResponseEnvelope(iface, {
    success: true,
    warnings: false,
    responseBinary: false,
    responseCompressed: false,
    responseDataType: 'XML',
    responseData: { contentId: 'response-payload@fault.test' },
  });
  return encodeMtom(envelope, 'root@fault.test', [
    { contentId: 'response-payload@fault.test', body: Buffer.from(OK_PAYLOAD, 'utf8') },
  ]);
}

// ---- faults ----

/** Answers 200 with {@link okAnswer}. */
export const answerOk =
  (iface: Interface = 'MI'): Fault =>
  ({ response }) => {
    const { contentType, body } = okAnswer(iface);
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.byteLength });
    response.end(body);
  };

/** Answers with an HTTP status and an HTML body, as a proxy in front of the MMS does. */
export const answerStatus =
  (status: number): Fault =>
  ({ response }) => {
    response.writeHead(status, { 'Content-Type': 'text/html' });
    response.end(`<html><body>${status} ${http.STATUS_CODES[status] ?? ''}</body></html>`);
  };

/** The first `n` complete requests get `first`, the others `then`. */
export const firstThen =
  (n: number, first: Fault, then: Fault): Fault =>
  (ctx) =>
    (ctx.index < n ? first : then)(ctx);

/**
 * Writes `bytes` on the TCP socket under TLS, so the client's TLS layer reads
 * something that is not a valid record of the session.
 */
export const writeUnderTls =
  (bytes: Buffer): Fault =>
  ({ raw, tls: socket }) => {
    raw.write(bytes, () => socket.destroy());
  };

/** Plain text where a TLS record is expected. */
export const GARBAGE = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 'latin1');

/**
 * A well-formed application-data record (TLS 1.3 records carry the legacy
 * version 0x0303 too) whose bytes are not the session's ciphertext.
 */
export const FORGED_RECORD = Buffer.concat([
  Buffer.from([0x17, 0x03, 0x03, 0x00, 0x40]),
  Buffer.alloc(64, 0xa5),
]);

/** A plaintext fatal alert record (handshake_failure), sent where encrypted records are expected. */
export const PLAIN_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);

/** Destroys the TLS socket without close_notify. */
export const destroyTls: Fault = ({ tls: socket }) => {
  socket.destroy();
};

/** Resets the TCP connection (RST, SO_LINGER 0). */
export const resetTcp: Fault = ({ raw }) => {
  raw.resetAndDestroy();
};

/**
 * Sends the status line, the headers and part of a valid answer's body, then
 * closes: abruptly (`destroy`) or with close_notify (`end`).
 */
export const closeMidResponse =
  (how: 'destroy' | 'end'): Fault =>
  ({ response, tls: socket, later }) => {
    const { contentType, body } = okAnswer();
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.byteLength });
    response.write(body.subarray(0, Math.floor(body.byteLength / 2)), () =>
      later(20, () => (how === 'destroy' ? socket.destroy() : socket.end())),
    );
  };

/** Sends a valid answer one byte every `intervalMs`. */
export const trickle =
  (intervalMs: number): Fault =>
  ({ response, every }) => {
    const { contentType, body } = okAnswer();
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.byteLength });
    response.flushHeaders();
    let sent = 0;
    every(intervalMs, () => {
      if (response.destroyed || sent >= body.byteLength) return false;
      response.write(body.subarray(sent, sent + 1));
      sent += 1;
      if (sent === body.byteLength) response.end();
      return sent < body.byteLength;
    });
  };

/** Reads the request and never answers (`close()` ends the connection). */
export const neverAnswer: Fault = () => undefined;
