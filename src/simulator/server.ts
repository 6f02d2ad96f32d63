/**
 * The simulator's HTTPS server: 127.0.0.1 only, TLS 1.2+, a client
 * certificate required and verified against the simulator's CA (so a
 * certificate it did not issue fails the handshake), the MI and OMI
 * services at the Axis2 paths, and fault injection around the service.
 * `close()` ends every connection and pending delay, leaving no handles.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { errorPage, needsAnswer, type FaultInjector, type FaultRule } from './faults.js';
import { faultAnswer, plainAnswer, textAnswer, type HttpAnswer } from './respond.js';
import { prepare, type Prepared, type ServiceContext } from './service.js';

export interface ServerOptions {
  readonly keyPem: string;
  readonly certPem: string;
  readonly caPem: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Largest request body accepted; more is answered with 413 at once. */
  readonly maxRequestBytes: number;
  readonly context: ServiceContext;
  readonly faults: FaultInjector;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.byteLength) });
  res.end(answer.body);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { context, faults } = options;
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closing = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      timers.add(entry);
    });

  const server = https.createServer({
    key: options.keyPem,
    cert: options.certPem,
    ca: options.caPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that goes away mid-request must not bring the simulator down.
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', (err: Error) => {
    context.logger.warn(`mms-sim: TLS handshake refused: ${err.message}`);
  });

  const answerWithFault = async (
    rule: FaultRule,
    prepared: Prepared,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const real = needsAnswer(rule) ? prepared.run() : undefined;
    const iface = prepared.interface ?? 'MI';
    context.logger.info(`mms-sim: injecting ${rule.kind} into ${prepared.operation ?? req.url ?? ''}`);
    switch (rule.kind) {
      case 'status':
        return send(
          res,
          plainAnswer(rule.status, rule.body ?? errorPage(rule.status), 'text/html; charset=UTF-8'),
        );
      case 'delay':
        await sleep(rule.ms);
        if (closing) return void res.destroy();
        return send(res, real as HttpAnswer);
      case 'drop':
        req.socket.destroy();
        return;
      case 'malformed':
        return send(
          res,
          plainAnswer(
            200,
            rule.body ?? '<html><body>Proxy error: upstream sent an invalid response</body></html>',
            'text/xml; charset=UTF-8',
          ),
        );
      case 'truncate': {
        const full = real as HttpAnswer;
        const cut = Math.min(full.body.byteLength, rule.bytes ?? Math.floor(full.body.byteLength / 2));
        return send(res, { ...full, body: full.body.subarray(0, cut) });
      }
      case 'mtom-fault':
        return send(
          res,
          faultAnswer(
            rule.code ?? 'soapenv:Server',
            rule.message ?? 'Simulated server fault (injected)',
            true,
          ),
        );
      case 'txt':
        return send(res, textAnswer(iface, rule.text, context.mtom));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const socket = req.socket as TLSSocket;
    const prepared = await prepare(context, {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      peer: socket.getPeerX509Certificate(),
    });
    const rule = faults.take(prepared.interface, prepared.operation);
    if (rule) {
      await answerWithFault(rule, prepared, req, res);
    } else {
      send(res, prepared.run());
    }
    context.logger.info(`mms-sim: ${prepared.summary()}`);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const max = options.maxRequestBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): void => {
      chunks.length = 0;
      context.logger.warn(`mms-sim: request body over ${max} bytes refused`);
      res.setHeader('connection', 'close');
      send(res, plainAnswer(413, `Request body too large: the limit is ${max} bytes.`));
      // Stop reading; the socket closes once the answer is out.
      req.pause();
      res.on('finish', () => req.socket.destroy());
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return tooLarge();
    req.on('data', (chunk: Buffer) => {
      if (size > max) return;
      size += chunk.byteLength;
      if (size > max) return tooLarge();
      chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (size > max) return;
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
        context.logger.error(
          `mms-sim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        if (!res.headersSent) send(res, faultAnswer('soapenv:Server', 'Internal error in the simulator.'));
        else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async close() {
      closing = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
