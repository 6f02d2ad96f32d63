/**
 * `startGateway()`: the Fastify server in front of the MMS. Routes:
 * `POST /v1/{participant}/{operationId}` (JSON in, JSON out, problems as
 * `application/problem+json`), `GET /openapi.json`, `GET /docs`,
 * `GET /healthz`, `GET /readyz`, `GET /metrics`. Callers authenticate for
 * the calls and the metrics; the description, the page and the health
 * checks are open (they hold nothing but the public catalog).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { context, propagation, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { silentLogger, type Logger } from '../logger.js';
import { ANONYMOUS, Authenticator, isLoopback, type Caller } from './auth.js';
import { journalHooks } from './call-context.js';
import { CallHandler } from './call-handler.js';
import { GatewayConfigError, type GatewayConfig } from './config.js';
import { DocsPage } from './docs.js';
import { openJournal, type JournalStore } from './journal/index.js';
import { redactUrl } from './journal/postgres-store.js';
import type { SqliteDriverChoice } from './journal/sqlite-driver.js';
import { GatewayMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { holdParticipants } from './participants.js';
import { GatewayProblem, problemOf } from './problem.js';
import { RequestValidator } from './request-validator.js';
import { TRACER_NAME } from '../telemetry.js';

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** Folder that relative file names in the configuration are relative to. Default: the working directory. */
  readonly baseDir?: string;
  /** Where passphrases and `DATABASE_URL` are read from. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Override `listen.host` / `listen.port`. */
  readonly host?: string;
  readonly port?: number;
  /** Serve without authentication (every caller is `anonymous`); refused unless bound to loopback. */
  readonly noAuth?: boolean;
  /** Structured JSON logs (one line per request and per event) to this stream. Default: none. */
  readonly logStream?: NodeJS.WritableStream;
  /** The MMS client's log (warnings of the MMS). Default silent. */
  readonly logger?: Logger;
  /** SQLite driver (tests). Default: better-sqlite3, else node:sqlite. */
  readonly sqliteDriver?: SqliteDriverChoice;
}

export interface Gateway {
  /** `http://host:port` (or `https://`). */
  readonly url: string;
  readonly port: number;
  /** The journal (for `mms journal` and tests). */
  readonly journal: JournalStore;
  /** Where the journal is: `sqlite:<file>` or the PostgreSQL URL without its password. */
  readonly journalLocation: string;
  /** Stop accepting requests, let calls in flight finish within the grace period, close the journal. */
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_GRACE_MS = 30_000;

function send(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): FastifyReply {
  const problem = status >= 400;
  return reply
    .code(status)
    .headers(headers)
    .type(problem ? 'application/problem+json' : 'application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

/** Starts the gateway. @throws {@link GatewayConfigError} for a configuration it cannot serve. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const env = options.env ?? process.env;
  const baseDir = options.baseDir ?? process.cwd();
  const host = options.host ?? config.listen?.host ?? '127.0.0.1';
  const port = options.port ?? config.listen?.port ?? 8080;
  if (options.noAuth && !isLoopback(host))
    throw new GatewayConfigError(
      `--no-auth serves anyone who can connect: refused on ${host}, allowed on loopback only`,
    );
  if (!options.noAuth && (config.callers ?? []).length === 0)
    throw new GatewayConfigError(
      'no callers are configured: add callers (token or certificate), or use --no-auth on loopback',
    );

  const databaseUrl = env[config.journal?.databaseUrlEnv ?? 'DATABASE_URL'];
  const journalFile = path.resolve(baseDir, config.journal?.file ?? 'mms-journal.sqlite');
  const journal = await openJournal({
    ...(databaseUrl ? { databaseUrl } : { file: journalFile }),
    ...(options.sqliteDriver ? { sqliteDriver: options.sqliteDriver } : {}),
  });
  const journalLocation = databaseUrl ? redactUrl(databaseUrl) : `sqlite:${journalFile}`;
  const metrics = new GatewayMetrics();
  const recordRaw = config.journal?.recordRaw ?? false;
  let app: FastifyInstance | undefined;
  let retention: NodeJS.Timeout | undefined;
  try {
    const participants = await holdParticipants(config.participants, baseDir, {
      env,
      hooks: [journalHooks(journal, metrics, recordRaw)],
      logger: options.logger ?? silentLogger,
    });
    const document = openApiDocument();
    const documentText = JSON.stringify(document);
    const handler = new CallHandler({
      participants,
      journal,
      validator: new RequestValidator(document),
      metrics,
      instance: `${process.pid}-${randomBytes(3).toString('hex')}`,
      keyRequiredForSubmissions: config.idempotency?.requiredForSubmissions ?? true,
      waitMs: Math.max(...config.participants.map((p) => p.timeoutMs ?? 300_000)) + 5_000,
    });
    const authenticator = new Authenticator(config.callers ?? []);
    const docs = new DocsPage();
    const tls = config.listen?.tls;
    const https = tls
      ? {
          key: await readFile(path.resolve(baseDir, tls.keyFile)),
          cert: await readFile(path.resolve(baseDir, tls.certFile)),
          ...(tls.clientCaFile
            ? {
                ca: await readFile(path.resolve(baseDir, tls.clientCaFile)),
                requestCert: true,
                rejectUnauthorized: false,
              }
            : {}),
        }
      : null;
    app = Fastify({
      ...(https ? { https } : {}),
      bodyLimit: config.limits?.bodyBytes ?? DEFAULT_BODY_LIMIT,
      logger: options.logStream
        ? { level: 'info', stream: options.logStream, redact: ['req.headers.authorization'] }
        : false,
      return503OnClosing: true,
      forceCloseConnections: 'idle',
      // Large enough for the biggest answer; the MMS deadline is enforced by the client.
      requestTimeout: 0,
    }) as unknown as FastifyInstance;
    const server = app;

    server.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _request, reply) => {
      const status = err.statusCode ?? 500;
      if (status === 413)
        return send(
          reply,
          413,
          problemOf(
            new GatewayProblem(
              413,
              'BODY_TOO_LARGE',
              `the body is larger than ${config.limits?.bodyBytes ?? DEFAULT_BODY_LIMIT} bytes`,
            ),
          ),
        );
      if (status >= 400 && status < 500)
        return send(reply, status, problemOf(new GatewayProblem(status, 'BAD_REQUEST', err.message)));
      return send(reply, 500, problemOf(err));
    });
    server.setNotFoundHandler((request, reply) =>
      send(
        reply,
        404,
        problemOf(
          new GatewayProblem(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
        ),
      ),
    );

    const callerOf = (request: FastifyRequest): Caller =>
      options.noAuth
        ? ANONYMOUS
        : authenticator.authenticate(request.headers.authorization, request.raw.socket);

    server.get('/healthz', async (_request, reply) => send(reply, 200, { status: 'ok' }));
    server.get('/readyz', async (_request, reply) => {
      try {
        await journal.ping();
        return send(reply, 200, {
          status: 'ready',
          journal: journal.kind,
          participants: [...participants.keys()],
        });
      } catch (err) {
        return send(
          reply,
          503,
          problemOf(
            new GatewayProblem(503, 'NOT_READY', `the journal is unreachable: ${(err as Error).message}`),
          ),
        );
      }
    });
    server.get('/openapi.json', async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(documentText),
    );
    server.get('/docs', async (_request, reply) => {
      const page = docs.page();
      return reply.type(page.type).send(page.body);
    });
    server.get<{ Params: { name: string } }>('/docs/:name', async (request, reply) => {
      const asset = await docs.asset(request.params.name);
      if (!asset) return send(reply, 404, problemOf(new GatewayProblem(404, 'NOT_FOUND', 'no such file')));
      return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    });
    server.get('/metrics', async (request, reply) => {
      try {
        callerOf(request);
      } catch (err) {
        return send(reply, 401, problemOf(err));
      }
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render());
    });
    server.post<{ Params: { participant: string; operation: string } }>(
      '/v1/:participant/:operation',
      async (request, reply) => {
        let caller: Caller;
        try {
          caller = callerOf(request);
        } catch (err) {
          return send(reply, 401, problemOf(err), { 'www-authenticate': 'Bearer' });
        }
        // The caller's trace context (traceparent) becomes the parent of the gateway's span.
        const parent = propagation.extract(context.active(), request.headers);
        const span = trace.getTracer(TRACER_NAME).startSpan(
          'mms.gateway.call',
          {
            kind: SpanKind.SERVER,
            attributes: {
              'mms.operation': request.params.operation,
              'mms.participant': request.params.participant,
            },
          },
          parent,
        );
        const key = request.headers['idempotency-key'];
        const result = await context.with(trace.setSpan(parent, span), () =>
          handler.handle({
            caller,
            participant: request.params.participant,
            operation: request.params.operation,
            body: request.body,
            ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
            ...(span.spanContext().traceId ? { traceId: span.spanContext().traceId } : {}),
          }),
        );
        span.setAttribute('http.response.status_code', result.status);
        if (result.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        return send(reply, result.status, result.body, result.headers);
      },
    );

    await server.listen({ host, port });
    const address = server.server.address();
    const boundPort = typeof address === 'object' && address ? address.port : port;
    const retentionDays = config.journal?.retentionDays;
    if (retentionDays !== undefined) {
      const prune = () => void journal.prune(Date.now() - retentionDays * 86_400_000).catch(() => {});
      prune();
      retention = setInterval(prune, 3_600_000);
      retention.unref();
    }
    const grace = config.shutdownGraceMs ?? DEFAULT_GRACE_MS;
    let closing: Promise<void> | undefined;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `${https ? 'https' : 'http'}://${shownHost}:${boundPort}`,
      port: boundPort,
      journal,
      journalLocation,
      close() {
        closing ??= (async () => {
          if (retention) clearInterval(retention);
          // Fastify stops accepting and waits for requests in flight; past the grace period they are cut.
          const force = setTimeout(() => server.server.closeAllConnections?.(), grace);
          // A keep-alive connection whose call finishes during the stop is idle from then on: close it too.
          const idle = setInterval(() => server.server.closeIdleConnections?.(), 100);
          try {
            await server.close();
          } finally {
            clearTimeout(force);
            clearInterval(idle);
            for (const p of participants.values()) p.client.close();
            await journal.close();
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    if (retention) clearInterval(retention);
    await app?.close().catch(() => {});
    await journal.close();
    throw err;
  }
}
