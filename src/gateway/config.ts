/**
 * The gateway's configuration file (JSON), validated before anything starts.
 * Secrets are never in the file or on the command line: a PKCS#12
 * passphrase comes from an environment variable or a file, callers' bearer
 * tokens are stored as SHA-256 digests, the database URL comes from
 * `DATABASE_URL` (or the variable the file names).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { MmsError } from '../errors.js';

export interface CertificateSource {
  /** PKCS#12 file (relative paths are relative to the configuration file). */
  readonly file: string;
  /** Environment variable holding the passphrase. */
  readonly passphraseEnv?: string;
  /** File holding the passphrase (its first line). */
  readonly passphraseFile?: string;
}

export interface ParticipantEntry {
  readonly name: string;
  readonly user: string;
  readonly clientType: 'bsp' | 'mo' | 'tso';
  readonly certificate: CertificateSource;
  readonly domain: string;
  readonly environment?: 'production' | 'test';
  readonly urls?: { readonly MI?: string; readonly OMI?: string };
  /** CA certificate file the MMS's server certificate must chain to (instead of Node's roots). */
  readonly caFile?: string;
  /** Calls in flight toward the MMS for this participant at once; more wait. Default 4. */
  readonly maxConcurrent?: number;
  readonly timeoutMs?: number;
  /** The MMS rules beyond the schema the client checks (`MmsClientOptions.rules`): on by default. */
  readonly rules?: 'off' | Readonly<Record<string, boolean>>;
}

export interface CallerEntry {
  readonly name: string;
  /** SHA-256 (hex) of the caller's bearer token (`mms serve --hash-token` prints it). */
  readonly tokenSha256?: string;
  /** SHA-256 fingerprint (hex, colons allowed) of the caller's TLS client certificate. */
  readonly certificateSha256?: string;
  /** Participants the caller may act for; `*` for all. */
  readonly participants: readonly string[];
  /** Operations the caller may call; `*` for all, `query:*` / `submit:*` for a kind. */
  readonly operations: readonly string[];
}

export interface GatewayConfig {
  readonly listen?: {
    readonly host?: string;
    readonly port?: number;
    /** HTTPS: key and certificate files; with `clientCaFile`, callers may present certificates. */
    readonly tls?: { readonly keyFile: string; readonly certFile: string; readonly clientCaFile?: string };
  };
  readonly participants: readonly ParticipantEntry[];
  readonly callers?: readonly CallerEntry[];
  readonly journal?: {
    /** SQLite file, when no database URL is set. Default `mms-journal.sqlite` beside the configuration. */
    readonly file?: string;
    /** Environment variable with a PostgreSQL URL. Default `DATABASE_URL`. */
    readonly databaseUrlEnv?: string;
    /** Keep the raw HTTP request and answer bytes of every call. Default false. */
    readonly recordRaw?: boolean;
    /** Remove calls finished more than this many days ago (checked hourly). Default: keep everything. */
    readonly retentionDays?: number;
  };
  readonly idempotency?: {
    /** Submissions without an `Idempotency-Key` are refused (400). Default true. */
    readonly requiredForSubmissions?: boolean;
  };
  readonly limits?: {
    /** Largest request body, in bytes. Default 1 MiB. */
    readonly bodyBytes?: number;
  };
  /** How long a shutdown waits for calls in flight. Default 30 s. */
  readonly shutdownGraceMs?: number;
}

/** The configuration file is unusable; the message names the field. */
export class GatewayConfigError extends MmsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_CONFIG', message, options);
  }
}

const NAME = { type: 'string', pattern: '^[A-Z](?!000)[0-9]{3}$' };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['participants'],
  properties: {
    $schema: { type: 'string' },
    listen: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        tls: {
          type: 'object',
          additionalProperties: false,
          required: ['keyFile', 'certFile'],
          properties: {
            keyFile: { type: 'string' },
            certFile: { type: 'string' },
            clientCaFile: { type: 'string' },
          },
        },
      },
    },
    participants: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'user', 'clientType', 'certificate', 'domain'],
        properties: {
          name: NAME,
          user: { type: 'string', pattern: '^[A-Z0-9]{1,12}$' },
          clientType: { enum: ['bsp', 'mo', 'tso'] },
          certificate: {
            type: 'object',
            additionalProperties: false,
            required: ['file'],
            properties: {
              file: { type: 'string', minLength: 1 },
              passphraseEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
              passphraseFile: { type: 'string', minLength: 1 },
            },
          },
          domain: { type: 'string', minLength: 1 },
          environment: { enum: ['production', 'test'] },
          urls: {
            type: 'object',
            additionalProperties: false,
            properties: { MI: { type: 'string' }, OMI: { type: 'string' } },
          },
          caFile: { type: 'string' },
          maxConcurrent: { type: 'integer', minimum: 1, maximum: 256 },
          timeoutMs: { type: 'integer', minimum: 100, maximum: 3_600_000 },
          rules: {
            oneOf: [{ const: 'off' }, { type: 'object', additionalProperties: { type: 'boolean' } }],
          },
        },
      },
    },
    callers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'participants', 'operations'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
          tokenSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          certificateSha256: { type: 'string', pattern: '^[0-9A-Fa-f:]{64,95}$' },
          participants: { type: 'array', items: { type: 'string' } },
          operations: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    journal: {
      type: 'object',
      additionalProperties: false,
      properties: {
        file: { type: 'string', minLength: 1 },
        databaseUrlEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        recordRaw: { type: 'boolean' },
        retentionDays: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    idempotency: {
      type: 'object',
      additionalProperties: false,
      properties: { requiredForSubmissions: { type: 'boolean' } },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: { bodyBytes: { type: 'integer', minimum: 1024, maximum: 512 * 1024 * 1024 } },
    },
    shutdownGraceMs: { type: 'integer', minimum: 0, maximum: 600_000 },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);

function describeError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown member ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Checks a parsed configuration: shape, then the rules a schema cannot say. */
export function checkConfig(value: unknown): GatewayConfig {
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describeError);
    throw new GatewayConfigError(`invalid gateway configuration:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  const config = value as unknown as GatewayConfig;
  const names = new Set<string>();
  for (const p of config.participants) {
    if (names.has(p.name)) throw new GatewayConfigError(`participants: ${p.name} is configured twice`);
    names.add(p.name);
  }
  for (const [i, caller] of (config.callers ?? []).entries()) {
    if (!caller.tokenSha256 && !caller.certificateSha256)
      throw new GatewayConfigError(`callers.${i} (${caller.name}): needs tokenSha256 or certificateSha256`);
    for (const p of caller.participants)
      if (p !== '*' && !names.has(p))
        throw new GatewayConfigError(`callers.${i} (${caller.name}): participant ${p} is not configured`);
  }
  return config;
}

/** Reads and checks a configuration file; relative file names in it are resolved against its folder. */
export async function loadConfig(file: string): Promise<{ config: GatewayConfig; baseDir: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new GatewayConfigError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GatewayConfigError(`${file} is not JSON: ${(err as Error).message}`);
  }
  return { config: checkConfig(value), baseDir: path.dirname(path.resolve(file)) };
}
