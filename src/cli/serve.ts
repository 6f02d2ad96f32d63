/**
 * `mms serve`: the JSON/HTTP gateway (see src/gateway) until SIGINT or
 * SIGTERM, then a graceful stop: no new requests, calls in flight finish
 * within the configured grace period. Logs are JSON lines on standard
 * output. `--hash-token` prints the digest to put in a caller's entry.
 */
import { createInterface } from 'node:readline';
import type { CliIo } from './call.js';
import { EXIT, UsageError } from './exit-codes.js';
import { parseCommandArgs } from './arguments.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  host: { type: 'string' },
  port: { type: 'string' },
  'no-auth': { type: 'boolean' },
  'hash-token': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export const SERVE_HELP = `mms serve: the MMS as a JSON/HTTP service (POST /v1/{participant}/{operationId}).

Usage:
  mms serve --config FILE [--host HOST] [--port N] [--no-auth] [--quiet]
  mms serve --hash-token < token.txt      print the SHA-256 to store for a caller's bearer token

Options:
  --config FILE   the gateway configuration (JSON; see docs/gateway.md): participants and
                  their PKCS#12 files (passphrases from environment variables or files),
                  callers (bearer token digests or client certificate fingerprints), journal
  --host HOST     address to bind (default: listen.host, else 127.0.0.1)
  --port N        TCP port (default: listen.port, else 8080; 0 picks a free one)
  --no-auth       serve without authentication; refused unless bound to loopback
  --quiet, -q     no request log

The journal is PostgreSQL when DATABASE_URL is set (or the variable journal.databaseUrlEnv
names), else an SQLite file (journal.file, default mms-journal.sqlite beside the config).
Routes: /v1/..., /openapi.json, /docs, /healthz, /readyz, /metrics. Stop with Ctrl-C.
`;

async function firstLine(io: CliIo): Promise<string> {
  const lines = createInterface({ input: io.stdin as NodeJS.ReadableStream });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  return '';
}

export async function runServe(
  args: readonly string[],
  io: CliIo,
  signals: NodeJS.Process = process,
): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, false, 'mms serve --help');
  if (values.help) {
    io.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  const { sha256Hex } = await import('../gateway/auth.js');
  if (values['hash-token']) {
    // Read from standard input, so the token is in no shell history or process list.
    const token = await firstLine(io);
    if (token === '')
      throw new UsageError('--hash-token reads the token from standard input; none was given');
    io.stdout.write(`${sha256Hex(token)}\n`);
    return EXIT.ok;
  }
  if (values.config === undefined) throw new UsageError('--config FILE is required. See mms serve --help.');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--port must be 0..65535, got ${values.port ?? ''}`);
  const { loadConfig } = await import('../gateway/config.js');
  const { startGateway } = await import('../gateway/server.js');
  const { config, baseDir } = await loadConfig(values.config);
  const gateway = await startGateway({
    config,
    baseDir,
    env: io.env,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values['no-auth'] ? { noAuth: true } : {}),
    ...(values.quiet ? {} : { logStream: io.stdout as NodeJS.WritableStream }),
  });
  io.stderr.write(
    `mms gateway listening on ${gateway.url} (journal ${gateway.journalLocation}${values['no-auth'] ? ', NO AUTHENTICATION' : ''})\n` +
      `  docs     ${gateway.url}/docs\n  openapi  ${gateway.url}/openapi.json\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  io.stderr.write('mms gateway: stopping (finishing calls in flight)\n');
  await gateway.close();
  return EXIT.ok;
}
