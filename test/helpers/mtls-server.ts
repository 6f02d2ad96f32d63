/**
 * An HTTPS server on 127.0.0.1 that requires a client certificate, for
 * transport tests. It records each request (body, headers, the peer
 * certificate and whether it verified, which connection carried it) and
 * answers through a replaceable handler. `close()` destroys every socket, so
 * tests leave no open handles.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TestPki } from './pki.js';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** Whether the client certificate verified against the trusted CAs. */
  readonly authorized: boolean;
  readonly authorizationError: string | undefined;
  /** Peer certificate subject CN, if a certificate was presented. */
  readonly peerCommonName: string | undefined;
  /** Peer certificate in PEM, if presented. */
  readonly peerCertPem: string | undefined;
  /** Sequence number of the TCP connection that carried the request. */
  readonly connection: number;
  readonly tlsSessionReused: boolean;
  readonly tlsProtocol: string | null;
}

/** Answers one request. */
export type Handler = (
  req: RecordedRequest,
  res: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

/** A running test server. */
export interface MtlsServer {
  readonly port: number;
  /** `https://127.0.0.1:<port><path>` */
  url(path?: string): string;
  readonly requests: RecordedRequest[];
  handler: Handler;
  /** Number of TLS connections accepted. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Options of {@link startMtlsServer}. */
export interface MtlsServerOptions {
  readonly pki: TestPki;
  readonly handler?: Handler;
  /** Extra CA or self-signed client certificates (PEM) to trust. */
  readonly trust?: readonly string[];
  /** Highest TLS version offered (to test TLS 1.2 behaviour). */
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

const notFound: Handler = (_req, res) => {
  res.statusCode = 404;
  res.end('no handler');
};

function pemOf(raw: Buffer): string {
  const b64 = raw.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startMtlsServer(options: MtlsServerOptions): Promise<MtlsServer> {
  const sockets = new Set<Socket>();
  const connectionIds = new WeakMap<Socket, number>();
  let connections = 0;
  const requests: RecordedRequest[] = [];
  const server = https.createServer({
    key: options.pki.server.keyPem,
    cert: options.pki.server.certPem,
    ca: [options.pki.ca.certPem, ...(options.trust ?? [])],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(options.maxVersion !== undefined ? { maxVersion: options.maxVersion } : {}),
  });
  const state: MtlsServer = {
    port: 0,
    url: (p = '/axis2/services/MiWebService') => `https://127.0.0.1:${state.port}${p}`,
    requests,
    handler: options.handler ?? notFound,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    connections += 1;
    connectionIds.set(socket, connections);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that resets mid-request must not crash the test process.
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const hasPeer = peer !== null && Object.keys(peer).length > 0;
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        peerCommonName: hasPeer ? (peer.subject?.CN as string | undefined) : undefined,
        peerCertPem: hasPeer && peer.raw ? pemOf(peer.raw) : undefined,
        connection: connectionIds.get(socket) ?? 0,
        tlsSessionReused: socket.isSessionReused(),
        tlsProtocol: socket.getProtocol(),
      };
      requests.push(recorded);
      Promise.resolve(state.handler(recorded, res, req)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(`handler failed: ${String(err)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { port: number }).port = (server.address() as AddressInfo).port;
  return state;
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
