/**
 * A tiny HTTP CONNECT proxy on 127.0.0.1 for transport tests: node:http's
 * `connect` event, piping each tunnel to its target. It records every
 * CONNECT (target, headers) and every byte it relays in each direction, can
 * require Basic Proxy-Authorization, refuse a tunnel with any status, or
 * drop the connection without an answer. It tunnels only to loopback
 * targets (anything else is 403), so no test reaches beyond 127.0.0.1.
 * `close()` destroys every socket, so tests leave no open handles.
 */
import http, { type IncomingMessage } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

/** One CONNECT request as the proxy saw it, with what it relayed. */
export interface ConnectRecord {
  /** The request target, `host:port`. */
  readonly target: string;
  readonly headers: IncomingMessage['headers'];
  /** Bytes relayed from the client to the target. */
  readonly up: Buffer[];
  /** Bytes relayed from the target to the client. */
  readonly down: Buffer[];
}

/**
 * What the proxy does with one CONNECT: open the tunnel, close the connection
 * without an answer, answer 200 with bytes of its own behind it (before the
 * client's TLS hello), never answer, or refuse with a status.
 */
export type Decision =
  'tunnel' | 'drop' | 'early-bytes' | 'hang' | { readonly status: number; readonly reason?: string };

/** A running proxy. */
export interface ConnectProxy {
  readonly port: number;
  /** `http://[user:password@]127.0.0.1:<port>` */
  url(credentials?: { user: string; password: string }): string;
  /** Every CONNECT received, in order (also the refused and dropped ones). */
  readonly connects: ConnectRecord[];
  /** TCP connections accepted. */
  readonly connections: number;
  /** Decides each CONNECT that passed the authentication check; default `tunnel`. */
  decide: (record: ConnectRecord) => Decision;
  /** Every byte relayed client → target, all tunnels. */
  relayedUp(): Buffer;
  close(): Promise<void>;
}

/** Options of {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /** Answer 407 unless `Proxy-Authorization: Basic` carries exactly these. */
  readonly credentials?: { readonly user: string; readonly password: string };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the proxy on an ephemeral port of 127.0.0.1. */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const connects: ConnectRecord[] = [];
  let connections = 0;
  const server = http.createServer((_req, res) => {
    // Only tunnels: a plain forwarded request would show the proxy the payload.
    res.writeHead(405, { connection: 'close' });
    res.end();
  });
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const expected =
    options.credentials &&
    `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
  const answer = (socket: Socket, status: number, reason: string, extra = ''): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  };
  server.on('connection', (socket: Socket) => {
    connections += 1;
    track(socket);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const record: ConnectRecord = { target: req.url ?? '', headers: req.headers, up: [], down: [] };
    connects.push(record);
    if (expected !== undefined && req.headers['proxy-authorization'] !== expected) {
      answer(client, 407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test"\r\n');
      return;
    }
    const decision = state.decide(record);
    if (decision === 'drop') {
      client.destroy();
      return;
    }
    if (decision === 'hang') return;
    if (decision === 'early-bytes') {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200 OK\r\n\r\n');
      return;
    }
    if (decision !== 'tunnel') {
      answer(client, decision.status, decision.reason ?? 'Refused');
      return;
    }
    const match = /^(.+):(\d+)$/.exec(record.target);
    if (!match || !LOOPBACK.has(match[1] as string)) {
      answer(client, 403, 'Forbidden');
      return;
    }
    const upstream = net.connect(Number(match[2]), (match[1] as string).replace(/^\[|\]$/g, ''));
    track(upstream);
    upstream.once('error', () => client.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        record.up.push(Buffer.from(head));
        upstream.write(head);
      }
      client.on('data', (chunk: Buffer) => {
        record.up.push(Buffer.from(chunk));
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        record.down.push(Buffer.from(chunk));
        client.write(chunk);
      });
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  });
  const state: ConnectProxy = {
    port: 0,
    url: (c) =>
      `http://${c ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@` : ''}127.0.0.1:${state.port}`,
    connects,
    get connections() {
      return connections;
    },
    decide: () => 'tunnel',
    relayedUp: () => Buffer.concat(connects.flatMap((c) => c.up)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { port: number }).port = (server.address() as AddressInfo).port;
  return state;
}
