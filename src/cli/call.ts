/**
 * `mms <operation>`: read the input, open the certificate, build an
 * MmsClient from the options, call, and print the result (JSON, or the raw
 * payload with --xml).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { MmsClient, type MmsClientOptions } from '../client/client.js';
import { fileBytes, type MmsResult } from '../client/result.js';
import { MmsValidationError } from '../client/errors.js';
import { dnAttribute } from '../client/identity.js';
import { Certificate } from '../security/certificate.js';
import { FileAuditor } from '../transport/audit.js';
import type { AfterReceiveEvent, TransportHooks } from '../transport/audit.js';
import type { EndpointOverrides } from '../transport/endpoints.js';
import { INTERFACES, isClientType, type ClientType } from '../vocabulary.js';
import { decodeMessage } from '../transport/mtom.js';
import { parseResponseEnvelope } from '../transport/soap.js';
import { services } from '../../generated/index.js';
import type { OperationCommand } from './commands.js';
import { EXIT, UsageError } from './exit-codes.js';
import { operationHelp } from './help.js';
import { readPassphrase, type PromptIo } from './passphrase.js';
import { startProgress } from './progress.js';
import { MAX_TIMEOUT_MS } from '../options.js';
import { printable } from '../text.js';
import { MAX_ATTEMPTS } from '../transport/retry.js';
import { parseCommandArgs } from './arguments.js';

/** What a command may touch: streams and environment, injectable for tests. */
export interface CliIo extends PromptIo {
  readonly stdout: { write(text: string | Uint8Array): unknown };
  readonly stderr: { readonly isTTY?: boolean; write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  input: { type: 'string', short: 'i' },
  cert: { type: 'string' },
  participant: { type: 'string' },
  user: { type: 'string' },
  'client-type': { type: 'string' },
  url: { type: 'string' },
  'url-mi': { type: 'string' },
  'url-omi': { type: 'string' },
  ca: { type: 'string' },
  test: { type: 'boolean' },
  domain: { type: 'string' },
  'audit-dir': { type: 'string' },
  xml: { type: 'boolean' },
  out: { type: 'string' },
  validate: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'admin-role': { type: 'boolean' },
  proxy: { type: 'string' },
  'identity-check': { type: 'string' },
} as const;

function parse(args: readonly string[]) {
  return parseCommandArgs(args, OPTIONS, true, '--help');
}

async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** The `{attributes, data}` input of a call. */
export interface CallInput {
  readonly attributes: Record<string, unknown>;
  readonly data: unknown;
}

/** Parses and checks the input document's outer shape (the schema check is the client's). */
export function parseInput(text: string, source: string): CallInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${source} must hold a JSON object {"attributes": {...}, "data": ...}`);
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => k !== 'attributes' && k !== 'data');
  if (unknown.length > 0)
    throw new UsageError(
      `${source}: unknown member(s) ${unknown.join(', ')}; expected "attributes" and "data"`,
    );
  const attributes = record['attributes'] ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    throw new UsageError(`${source}: "attributes" must be an object`);
  if (record['data'] === undefined) throw new UsageError(`${source}: "data" is missing`);
  return { attributes: attributes as Record<string, unknown>, data: record['data'] };
}

export async function readInput(
  command: OperationCommand,
  file: string | undefined,
  positionals: readonly string[],
  io: CliIo,
): Promise<CallInput> {
  if (command.positional && positionals.length > 0) {
    if (positionals.length > 1) throw new UsageError(`${command.name} takes one ${command.positional}`);
    if (file !== undefined) throw new UsageError(`give either a ${command.positional} or --input, not both`);
    return { attributes: {}, data: { [command.positional]: positionals[0] } };
  }
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument ${positionals[0] ?? ''}; input goes in --input`);
  if (file === undefined || file === '-') {
    if (io.stdin.isTTY === true) {
      throw new UsageError(
        `no input: give --input FILE or pipe {"attributes": {...}, "data": ...} into ${command.name}`,
      );
    }
    return parseInput(await readStdin(io.stdin), 'standard input');
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the input file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseInput(text, file);
}

function serviceUrls(
  base: string | undefined,
  mi: string | undefined,
  omi: string | undefined,
): EndpointOverrides | undefined {
  const urls: { MI?: string; OMI?: string } = {};
  if (base !== undefined) {
    let origin: string;
    try {
      origin = new URL(base).origin;
    } catch {
      throw new UsageError(`--url ${base} is not a URL`);
    }
    for (const iface of INTERFACES) urls[iface] = `${origin}${services[iface].path}`;
  }
  if (mi !== undefined) urls.MI = mi;
  if (omi !== undefined) urls.OMI = omi;
  return urls.MI === undefined && urls.OMI === undefined ? undefined : urls;
}

/** A number option within `[min, max]` (and whole, where asked). */
function numberOption(
  value: string | undefined,
  option: string,
  range: { readonly min: number; readonly max: number; readonly whole: boolean; readonly above?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  const low = range.above ? n > range.min : n >= range.min;
  if (!Number.isFinite(n) || !low || n > range.max || (range.whole && !Number.isInteger(n)))
    throw new UsageError(
      `${option} must be a ${range.whole ? 'whole ' : ''}number ${range.above ? 'above' : 'from'} ${range.min} ${range.above ? 'and at most' : 'to'} ${range.max}, got ${value}`,
    );
  return n;
}

/** The response payload of the last attempt, for --xml: MTOM and SOAP undone, nothing interpreted. */
class PayloadCapture implements TransportHooks {
  payload: Uint8Array | undefined;

  async afterReceive(event: AfterReceiveEvent): Promise<void> {
    try {
      const message = decodeMessage(event.response.headers['content-type'], event.response.body);
      const parsed = await parseResponseEnvelope(message.rootXml, message.resolve);
      this.payload = parsed.kind === 'response' ? parsed.response.responseData : undefined;
    } catch {
      this.payload = undefined;
    }
  }
}

function resultDocument(result: MmsResult<unknown>, operation: string): Record<string, unknown> {
  return {
    operation,
    data: result.data,
    messages: result.messages,
    statistics: result.statistics,
    responseProblems: result.responseProblems,
    warnings: result.warnings,
    ...(result.file ? { file: result.file } : {}),
  };
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but leaves DEL, C1
 * controls (U+009B starts an escape sequence in some terminals) and bidi
 * overrides as they are; these are escaped too. The value is unchanged.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The transaction id when `--out` can stream the answer: a report download by
 * transaction id with no envelope attributes of its own. Other operations
 * that return files are written from memory.
 */
function streamedDownload(command: OperationCommand, input: CallInput): string | undefined {
  if (command.op.id !== 'ReportDownloadRequestTrnID' || Object.keys(input.attributes).length > 0)
    return undefined;
  const id = (input.data as { TransactionId?: unknown } | undefined)?.TransactionId;
  return typeof id === 'string' ? id : undefined;
}

/** Runs an operation command; returns the exit code. */
export async function runOperation(
  command: OperationCommand,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout.write(operationHelp(command.op));
    return EXIT.ok;
  }
  const env = io.env;
  const input = await readInput(command, values.input, positionals, io);

  const certFile = values.cert ?? env['MMS_CERT_FILE'];
  if (certFile === undefined)
    throw new UsageError('--cert FILE is required (the participant PKCS#12 file), or set MMS_CERT_FILE');
  const clientType = values['client-type'] ?? env['MMS_CLIENT_TYPE'];
  if (!isClientType(clientType))
    throw new UsageError(
      `--client-type must be bsp, mo or tso${clientType === undefined ? '' : `, got ${clientType}`}`,
    );
  const validate = values.validate ?? 'strict';
  if (validate !== 'strict' && validate !== 'off')
    throw new UsageError(`--validate must be strict or off, got ${validate}`);
  const identityCheck = values['identity-check'];
  if (identityCheck !== undefined && identityCheck !== 'error' && identityCheck !== 'warn')
    throw new UsageError(`--identity-check must be error or warn, got ${identityCheck}`);
  // The proxy's own spelling is checked by the client (INVALID_OPTION), credentials never echoed.
  const proxy = values.proxy ?? env['MMS_PROXY'];
  // Seconds; a timer holds at most MAX_TIMEOUT_MS.
  const timeout = numberOption(values.timeout, '--timeout', {
    min: 0,
    max: Math.floor(MAX_TIMEOUT_MS / 1000),
    whole: false,
    above: true,
  });
  const retries = numberOption(values.retries, '--retries', { min: 0, max: MAX_ATTEMPTS - 1, whole: true });
  const urls = serviceUrls(values.url ?? env['MMS_URL'], values['url-mi'], values['url-omi']);
  const caFile = values.ca ?? env['MMS_CA'];
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read the CA file ${caFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      );
    }
  }

  const passphrase = await readPassphrase(env, io, certFile);
  const certificate = await Certificate.fromFile(certFile, passphrase);
  const participant = values.participant ?? env['MMS_PARTICIPANT'] ?? dnAttribute(certificate.subject, 'O');
  const user = values.user ?? env['MMS_USER'] ?? dnAttribute(certificate.subject, 'CN');
  if (participant === undefined || user === undefined)
    throw new UsageError(
      '--participant and --user are needed: the certificate subject has no O or CN to take them from',
    );

  const capture = new PayloadCapture();
  const auditDir = values['audit-dir'];
  const options: MmsClientOptions = {
    participant,
    user,
    clientType: clientType as ClientType,
    certificate,
    domain: values.domain ?? env['MMS_DOMAIN'] ?? 'mms-client.local',
    environment: values.test ? 'test' : 'production',
    hooks: auditDir !== undefined ? [capture, new FileAuditor(auditDir)] : [capture],
    validate,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => void io.stderr.write(`mms: warning: ${printable(message)}\n`),
      error: () => undefined,
    },
    ...(urls !== undefined ? { urls } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(values['admin-role'] ? { adminRole: true } : {}),
    ...(identityCheck !== undefined ? { identityCheck } : {}),
    ...(proxy !== undefined ? { proxy } : {}),
    ...(timeout !== undefined ? { timeoutMs: Math.ceil(timeout * 1000) } : {}),
    ...(retries !== undefined ? { retry: { maxAttempts: retries + 1 } } : {}),
  };
  const client = new MmsClient(options);
  const stop = startProgress(`${command.op.id}`, io.stderr);
  const streamTo = values.out !== undefined ? streamedDownload(command, input) : undefined;
  let result: MmsResult<unknown>;
  try {
    if (streamTo !== undefined) {
      // Straight to the file as it arrives, whatever its size.
      const saved = await client.downloadReport(streamTo, { to: values.out! });
      io.stderr.write(
        `mms: wrote ${saved.saved.filename ?? 'the report'} (${saved.saved.dataType}, ${saved.saved.size} bytes) to ${values.out}\n`,
      );
      io.stdout.write(`${terminalJson({ operation: command.op.id, ...saved })}\n`);
      return EXIT.ok;
    }
    // The client wraps a single item of a list operation itself.
    result = await (
      client.request as (op: string, a: unknown, d: unknown) => Promise<MmsResult<unknown>>
    ).call(client, command.op.id, input.attributes, input.data);
  } catch (err) {
    stop();
    if (values.xml && capture.payload && err instanceof MmsValidationError) io.stdout.write(capture.payload);
    throw err;
  } finally {
    stop();
    client.close();
  }
  if (command.shape === 'one' && Array.isArray(result.data)) result = { ...result, data: result.data[0] };
  if (values.out !== undefined) {
    if (result.file) {
      await writeFile(values.out, fileBytes(result.file));
      io.stderr.write(`mms: wrote ${result.file.filename ?? 'the returned file'} to ${values.out}\n`);
    } else {
      io.stderr.write(`mms: the answer holds no file; nothing was written to ${values.out}\n`);
    }
  }
  for (const m of result.messages) {
    if (m.level === 'warning')
      io.stderr.write(`mms: warning ${printable(m.code ?? '', 100)} ${m.path}: ${printable(m.text)}\n`);
  }
  if (values.xml) {
    io.stdout.write(capture.payload ?? new Uint8Array());
    if (capture.payload && capture.payload[capture.payload.length - 1] !== 0x0a) io.stdout.write('\n');
  } else {
    io.stdout.write(`${terminalJson(resultDocument(result, command.op.id))}\n`);
  }
  return EXIT.ok;
}
