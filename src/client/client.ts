/**
 * MmsClient: one object, a typed call for every MMS operation. Each call runs
 * the pipeline validate → encode (canonical XML) → sign and send (transport)
 * → decode → MMS success rules, and returns `{ data, messages, statistics }`
 * or throws a typed error that says what failed.
 */
import {
  REFERENCE_NAMES,
  operations,
  services,
  type OperationId,
  type OperationMethods,
  type ReferenceMethods,
} from '../../generated/index.js';
import { asMmsError, MmsClientError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { checkTimeout } from '../options.js';
import type { Certificate } from '../security/certificate.js';
import {
  CallDeadline,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  Transport,
  isContentIdDomain,
  type EndpointOverrides,
  type Environment,
  type FixedFrameSource,
  type OutgoingAttachment,
  type RetryPolicy,
  type SendResult,
  type TransportHooks,
} from '../transport/index.js';
import { NOT_XML_CHAR } from '../xml/canonical.js';
import type { DecodeOptions } from '../xml/decode.js';
import {
  readOutboundRows,
  type OutboundRow,
  type RowReadOptions,
  type RowSource,
} from '../xml/outbound-rows.js';
import { parseBase64 } from '../xml/lexical.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { ClientType } from '../vocabulary.js';
import type { Writable } from 'node:stream';
import { checkClientOptions, type ResponseLimits } from './arguments.js';
import { describe } from '../xml/scalar.js';
import { describeInput, type InputField } from './describe.js';
import { identityFormatProblems, identityVerdict } from './identity.js';
import { encodePayload } from './payload.js';
import { answerInterpreter } from './response.js';
import {
  checkTarget,
  downloadInterpreter,
  spoolDirOf,
  type DownloadOptions,
  type SavedReport,
} from './download.js';
import type { Conveniences } from './conveniences.js';
import type { MmsResult } from './result.js';
import { printable } from '../text.js';
import type {
  AttachmentInput,
  CallOptions,
  CallResult,
  DataArgument,
  DataInput,
  EnvelopeInput,
  OperationTypes,
} from './types.js';
import { withoutAnswerOnly } from './answer-only.js';
import { operationOfCall, prepareRequest } from './prepare.js';
import type { RuleSwitches } from '../rules/index.js';
import { inCallSpan, withAttemptSpans } from '../telemetry.js';

export interface MmsClientOptions {
  /** Participant name, e.g. `F100` (one upper-case letter and three digits, not 000). */
  readonly participant: string;
  /** User name, 1 to 12 upper-case letters or digits. */
  readonly user: string;
  /** BSP, MO or TSO: selects the hosts and the audience checks. */
  readonly clientType: ClientType;
  /** The participant's certificate and key (see {@link Certificate.fromFile}). */
  readonly certificate: Certificate;
  /** Domain of the MTOM Content-IDs (`…@domain`), usually the participant's own domain. */
  readonly domain: string;
  /** `production` (default: main host, then backup) or `test`. */
  readonly environment?: Environment;
  /** Replace the service URL(s) of an interface, e.g. `{ MI: 'https://127.0.0.1:8443' + services.MI.path }`. */
  readonly urls?: EndpointOverrides;
  /** CA certificate(s) the server must chain to, instead of Node's bundled roots. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Act as market administrator (`adminRole` of the request). Default false. */
  readonly adminRole?: boolean;
  /** Observers of every HTTP attempt, e.g. a FileAuditor. */
  readonly hooks?: TransportHooks | readonly TransportHooks[];
  /** Silent by default. */
  readonly logger?: Logger;
  /**
   * `strict` (default): a request that breaks the schema, or an error rule
   * of the MMS beyond it (src/rules, docs/rules.md), is refused before
   * sending. `off`: send as is, no checks.
   */
  readonly validate?: 'strict' | 'off';
  /**
   * The MMS rules beyond the schema, checked in strict validation: on by
   * default; `'off'` skips them all, `{ 'offer.minimum-quantity-floor': false }`
   * one (an unknown id is `INVALID_OPTION`). The MMS is the authority: turn
   * off a rule it no longer makes. Warnings are logged and returned in the
   * result's `ruleWarnings`, never refused.
   */
  readonly rules?: RuleSwitches;
  /**
   * When the certificate subject names another participant or user: `error`
   * (default) refuses to create the client (`INVALID_OPTION`), since the MMS
   * would reject every call; `warn` logs a warning and goes on. A subject
   * without an MMS-shaped O or CN cannot be checked and only warns.
   */
  readonly identityCheck?: 'warn' | 'error';
  /**
   * What the client fills in or leaves out as the reference client does
   * (each on by default): a BSP's own `ParticipantName` in resource data,
   * `DateType="TRADE"` in registration queries, no `BSPName` in a BSP's
   * report request. A value the caller gave is never replaced.
   */
  readonly conveniences?: Conveniences;
  /** Retry policy of the transport. */
  readonly retry?: Partial<RetryPolicy>;
  /** Retry submissions after 5xx, timeouts and lost connections (may submit twice). Default false. */
  readonly retrySubmissions?: boolean;
  /** Deadline of a whole call, retries included. Default 300 s. */
  readonly timeoutMs?: number;
  /** Deadline of one HTTP attempt. Default 120 s. */
  readonly attemptTimeoutMs?: number;
  /** Reuse TLS connections (default false: a fresh connection per request, as the MMS needs). */
  readonly keepAlive?: boolean;
  /**
   * Reach the MMS through an HTTP proxy (CONNECT tunnel; TLS and the client
   * certificate stay end to end): `'http://host:port'`,
   * `'http://user:password@host:port'`, or `'env'` to use `HTTPS_PROXY` and
   * `NO_PROXY`. Default: no proxy, whatever the environment says. Not with
   * `keepAlive`.
   */
  readonly proxy?: string;
  /** Largest response accepted in memory, in bytes. Default 64 MiB, at most 512 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * Largest report download saved to a file or stream (`downloadReport(id, { to })`),
   * in bytes. Default 4 GiB. Such a download holds only its envelope in
   * memory, bounded by `maxResponseBytes`.
   */
  readonly maxDownloadBytes?: number;
  /**
   * When the answer names another participant, user or date than the
   * request: `error` (default) throws `RESPONSE_MISMATCH`, because an answer
   * meant for someone else must never pass for yours; `problem` returns it
   * with the mismatch listed in `responseProblems`.
   */
  readonly responseMismatch?: 'error' | 'problem';
  /**
   * Accept `http://` URLs in `urls` (no TLS, no client certificate, the
   * signed payload in clear). Default false.
   */
  readonly allowInsecureHttp?: boolean;
  /** Limits of the response reader; the defaults suit every MMS answer. */
  readonly limits?: ResponseLimits;
  /**
   * Fixes the clock and the MTOM Content-IDs and boundary of requests, so the
   * same call gives the same bytes (wire snapshots, reproducible tests).
   * Default: the system clock and random ids.
   */
  readonly frameSource?: FixedFrameSource;
}

/** Envelope attributes an answer repeats, which must come back as sent. */
const ECHOED_ATTRIBUTES = ['ParticipantName', 'UserName', 'Date'] as const;

function attachmentBytes(op: OperationDescriptor, input: AttachmentInput, i: number): Uint8Array {
  if (input.data instanceof Uint8Array) return input.data;
  if (typeof input.data !== 'string') {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `${op.id}: attachments[${i}].data must be a Uint8Array or a base64 string, got ${describe(input.data)}; nothing was sent`,
    );
  }
  // Buffer.from skips characters outside the alphabet: check first, or garbage is signed and sent.
  if (!parseBase64(input.data)) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `${op.id}: attachments[${i}] (${input.name}) is a string but not base64; nothing was sent`,
    );
  }
  return new Uint8Array(Buffer.from(input.data, 'base64'));
}

// The class merges with the interface below, which adds the generated method
// of every operation; the methods are defined on the prototype at the end.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class MmsClient {
  readonly participant: string;
  readonly user: string;
  readonly clientType: ClientType;
  readonly #options: MmsClientOptions;
  readonly #transport: Transport;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #decodeLimits: DecodeOptions;

  /**
   * Every field of an operation's input (envelope attributes and data) with
   * its type, whether it is required, and its facets: the whole list, where
   * a type error stops at "… and 10 more". Needs no client.
   *
   * @example
   * ```ts
   * MmsClient.describeInput('MarketSubmit_OfferData').filter((f) => f.required).map((f) => f.path);
   * ```
   */
  static describeInput(operation: OperationId): InputField[] {
    return describeInput(operation);
  }

  /**
   * An item of an answer made ready to send again: a deep copy without the
   * members only answers carry (`Success`, `Validation`, `Messages`, … and
   * the operation's own `answerOnly`), typed as the operation's input. For
   * "query, change, resubmit": the compiler refuses the answer item itself.
   *
   * @example
   * ```ts
   * const [resource] = (await client.queryResources({}, { ResourceName: 'RES01' })).data;
   * await client.putResource({}, { ...MmsClient.asInput('RegistrationSubmit_Resource', resource!), Comments: 'x' });
   * ```
   * @throws {@link MmsClientError} `INVALID_REQUEST` for an unknown operation
   */
  static asInput<K extends OperationId>(operation: K, item: OperationTypes[K]['data']): DataInput<K> {
    const op = (operations as Record<string, OperationDescriptor>)[operation];
    if (!op) throw new MmsClientError('INVALID_REQUEST', `unknown operation ${String(operation)}`);
    return withoutAnswerOnly(op, item) as DataInput<K>;
  }

  /**
   * Reads an `OutboundData` report (a file saved by `downloadReport(id, { to })`,
   * a stream, or bytes) row by row: each child of the root decoded and
   * checked against its schema type as soon as it is read, then let go, so
   * a report of any size costs the memory of one row. A static because the
   * root entry has no name to spare; it needs no client.
   *
   * @example
   * ```ts
   * for await (const row of MmsClient.readOutboundRows('offers.xml'))
   *   if (row.name === 'Offers') console.log(row.value, row.problems);
   * ```
   */
  static readOutboundRows(
    source: RowSource,
    options?: RowReadOptions,
  ): AsyncGenerator<OutboundRow, void, undefined> {
    return readOutboundRows(source, options);
  }

  /** @throws {@link MmsClientError} `INVALID_OPTION` for an option of the wrong type or out of range */
  constructor(options: MmsClientOptions) {
    checkClientOptions(options);
    const formatProblems = identityFormatProblems(options.participant, options.user);
    if (formatProblems.length > 0)
      throw new MmsClientError('INVALID_OPTION', `invalid client identity: ${formatProblems.join('; ')}`);
    if (!isContentIdDomain(options.domain)) {
      throw new MmsClientError(
        'INVALID_OPTION',
        `domain must be a host name such as example.co.jp (used in MTOM Content-IDs), got ${JSON.stringify(options.domain)}`,
      );
    }
    this.participant = options.participant;
    this.user = options.user;
    this.clientType = options.clientType;
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#timeoutMs =
      options.timeoutMs === undefined
        ? DEFAULT_CALL_TIMEOUT_MS
        : checkTimeout('timeoutMs', options.timeoutMs);
    const { maxParts, ...decodeLimits } = options.limits ?? {};
    this.#decodeLimits = {
      ...decodeLimits,
      // A payload may be as large as the largest response accepted.
      ...(options.maxResponseBytes !== undefined ? { maxLength: options.maxResponseBytes } : {}),
    };
    const identity = identityVerdict(
      options.certificate.subject,
      options.participant,
      options.user,
      options.identityCheck ?? 'error',
    );
    if (identity.refuse !== undefined) throw new MmsClientError('INVALID_OPTION', identity.refuse);
    if (identity.warn !== undefined) this.#logger.warn(identity.warn);
    this.#transport = new Transport({
      certificate: options.certificate,
      clientType: options.clientType,
      environment: options.environment ?? 'production',
      contentIdDomain: options.domain,
      ...(options.urls ? { endpoints: options.urls } : {}),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      hooks: withAttemptSpans(options.hooks),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.timeoutMs !== undefined ? { callTimeoutMs: options.timeoutMs } : {}),
      ...(options.attemptTimeoutMs !== undefined ? { attemptTimeoutMs: options.attemptTimeoutMs } : {}),
      ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
      ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
      ...(options.maxDownloadBytes !== undefined ? { maxDownloadBytes: options.maxDownloadBytes } : {}),
      ...(options.frameSource ? { frameSource: options.frameSource } : {}),
      ...(options.allowInsecureHttp !== undefined ? { allowInsecureHttp: options.allowInsecureHttp } : {}),
      ...(maxParts !== undefined ? { mimeLimits: { maxParts } } : {}),
    });
  }

  /**
   * Call any operation by its catalog name. The name decides the types of
   * the envelope attributes, the data and the result.
   *
   * @example
   * ```ts
   * const { data, messages } = await client.request(
   *   'MarketQuery_AwardResultsQuery',
   *   { Date: '2024-04-12', NumOfDays: 1 },
   *   { MarketType: 'DAM', StartTime: '2024-04-12T15:00:00', EndTime: '2024-04-12T18:00:00' },
   * );
   * ```
   */
  async request<K extends OperationId>(
    operation: K,
    attributes: EnvelopeInput<K>,
    data: DataArgument<K>,
    options: CallOptions = {},
  ): Promise<CallResult<K>> {
    try {
      return (await inCallSpan(String(operation), () =>
        this.#request(String(operation), attributes, data, options),
      )) as CallResult<K>;
    } catch (err) {
      throw asMmsError(err, String(operation));
    }
  }

  /**
   * Download a report by the transaction id of its create request
   * (`ReportDownloadRequestTrnID`). With `{ to }` the report goes to a file or
   * stream as it arrives, in memory bounded whatever its size; see
   * `DownloadOptions`.
   *
   * @example
   * ```ts
   * const { saved } = await client.downloadReport(transactionId, { to: 'offers.xml' });
   * for await (const row of MmsClient.readOutboundRows(saved.path!)) console.log(row.name, row.value);
   * ```
   */
  downloadReport(transactionId: string, options: DownloadOptions): Promise<SavedReport>;
  downloadReport(
    transactionId: string,
    options?: CallOptions,
  ): Promise<CallResult<'ReportDownloadRequestTrnID'>>;
  async downloadReport(
    transactionId: string,
    options: CallOptions | DownloadOptions = {},
  ): Promise<SavedReport | CallResult<'ReportDownloadRequestTrnID'>> {
    const operation = 'ReportDownloadRequestTrnID';
    const data = { TransactionId: transactionId };
    if (!('to' in options) || options.to === undefined) return this.request(operation, {}, data, options);
    try {
      const { to, ...rest } = options;
      checkTarget(operation, to);
      return (await this.#request(operation, {}, data, rest, to)) as unknown as SavedReport;
    } catch (err) {
      throw asMmsError(err, operation);
    }
  }

  async #request(
    operation: string,
    attributes: unknown,
    data: unknown,
    options: CallOptions,
    saveTo?: string | Writable,
  ): Promise<MmsResult<unknown>> {
    const op = operationOfCall(operation, this, attributes, data, options);
    const attachments = this.#attachments(op, options.attachments);
    const strict = (options.validate ?? this.#options.validate ?? 'strict') === 'strict';
    const { envelope, document, ruleWarnings } = prepareRequest(op, this, attributes, data, {
      strict,
      conveniences: this.#options.conveniences,
      rules: this.#options.rules,
    });
    for (const w of ruleWarnings) this.#logger.warn(`${op.id}: ${w.path}: ${w.message}`, { rule: w.rule });
    const payload = this.#encode(op, document, strict);
    const retrySubmission = options.retrySubmission ?? this.#options.retrySubmissions;
    const interpretOptions = {
      limits: this.#decodeLimits,
      expected: echoedValues(envelope),
      mismatch: this.#options.responseMismatch ?? 'error',
    } as const;
    const interpreter =
      saveTo === undefined
        ? answerInterpreter(op, interpretOptions)
        : (downloadInterpreter(op, saveTo, {
            ...interpretOptions,
            maxResponseBytes: this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
          }) as unknown as ReturnType<typeof answerInterpreter>);
    const deadline = new CallDeadline(op.id, options.timeoutMs ?? this.#timeoutMs, options.signal);
    try {
      const sent = await this.#transport.send({
        interface: op.interface,
        requestType: op.requestType,
        payload,
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(this.#options.adminRole ? { adminRole: true } : {}),
        operation: op.id,
        kind: op.kind,
        interpret: interpreter,
        ...(saveTo !== undefined ? { spoolDir: spoolDirOf(saveTo) } : {}),
        deadline,
        // An explicit false must reach the transport, or its retry policy decides.
        ...(retrySubmission !== undefined ? { retrySubmission } : {}),
      });
      const result = withoutDelivery(sent);
      this.#log(op, result);
      return ruleWarnings.length > 0 ? { ...result, ruleWarnings } : result;
    } finally {
      deadline.dispose();
    }
  }

  #log(op: OperationDescriptor, result: MmsResult<unknown>): void {
    for (const message of result.messages) {
      const log = message.level === 'warning' ? this.#logger.warn : this.#logger.info;
      log.call(
        this.#logger,
        `${op.id}: ${message.path}: ${message.code ? `[${message.code}] ` : ''}${printable(message.text)}`,
      );
    }
    if (result.warnings && !result.messages.some((m) => m.level === 'warning'))
      this.#logger.warn(`${op.id}: the MMS flagged its answer with warnings=true but sent no warning text`);
  }

  /**
   * The canonical payload bytes; only characters XML can carry, whatever the
   * validation mode (strict validation has checked every value already).
   */
  #encode(op: OperationDescriptor, document: Record<string, unknown>, validated: boolean): Uint8Array {
    let xml: string;
    try {
      xml = encodePayload(op, document);
    } catch (err) {
      // Only reachable with validation off: a value that cannot be written at all.
      throw new MmsClientError('INVALID_REQUEST', `${op.id}: ${(err as Error).message}; nothing was sent`, {
        cause: err,
      });
    }
    const bad = validated ? null : NOT_XML_CHAR.exec(xml);
    if (bad) {
      // Validation off lets such a value through to here; signing it would
      // send a document no XML parser accepts (or, for half a surrogate
      // pair, silently different bytes).
      throw new MmsClientError(
        'INVALID_REQUEST',
        `${op.id}: the payload would contain U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which XML 1.0 cannot carry (at character ${bad.index}); nothing was sent`,
      );
    }
    return new TextEncoder().encode(xml);
  }

  /** Release the transport's connections (only held with `keepAlive`). */
  close(): void {
    this.#transport.close();
  }

  #attachments(
    op: OperationDescriptor,
    inputs: readonly AttachmentInput[] | undefined,
  ): OutgoingAttachment[] {
    if (!inputs || inputs.length === 0) return [];
    const max = services[op.interface].maxAttachments;
    if (inputs.length > max) {
      throw new MmsClientError(
        'INVALID_REQUEST',
        `${op.id}: ${inputs.length} attachments, at most ${max} allowed on ${op.interface}; nothing was sent`,
      );
    }
    return inputs.map((input, i) => {
      if (typeof input.name !== 'string' || input.name === '') {
        throw new MmsClientError(
          'INVALID_REQUEST',
          `${op.id}: attachments[${i}] has no name; nothing was sent`,
        );
      }
      if (NOT_XML_CHAR.test(input.name)) {
        throw new MmsClientError(
          'INVALID_REQUEST',
          `${op.id}: attachments[${i}].name holds a character XML cannot carry (a control character or half of a surrogate pair); nothing was sent`,
        );
      }
      return { name: input.name, data: attachmentBytes(op, input, i) };
    });
  }
}

/** The request's values of the attributes an answer echoes, as written in the payload. */
function echoedValues(envelope: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ECHOED_ATTRIBUTES) {
    const value = envelope[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

// Every operation as a named method (generated/methods.ts declares them with
// their types and docs); each is `request` with the operation's name.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface MmsClient extends OperationMethods, ReferenceMethods {}
for (const op of Object.values(operations) as OperationDescriptor[]) {
  Object.defineProperty(MmsClient.prototype, op.method, {
    value: function (this: MmsClient, attributes: never, data: never, options?: CallOptions) {
      return this.request(op.id as OperationId, attributes, data, options);
    },
    writable: true,
    configurable: true,
  });
}

// The reference client's names (generated/methods.ts), as the same calls.
type AnyRequest = (
  operation: string,
  attributes: unknown,
  data: unknown,
  options?: CallOptions,
) => Promise<MmsResult<unknown>>;
for (const [name, [operation, shape]] of Object.entries(REFERENCE_NAMES)) {
  // Defined by the class itself (downloadReport, which can also save to a file).
  if (Object.hasOwn(MmsClient.prototype, name)) continue;
  const value =
    shape === 'transactionId'
      ? function (this: MmsClient, transactionId: string, options?: CallOptions) {
          const request = this.request as unknown as AnyRequest;
          return request.call(this, operation, {}, { TransactionId: transactionId }, options);
        }
      : async function (this: MmsClient, attributes: unknown, data: unknown, options?: CallOptions) {
          const request = this.request as unknown as AnyRequest;
          const result = await request.call(this, operation, attributes, data, options);
          return shape === 'one' && Array.isArray(result.data) ? { ...result, data: result.data[0] } : result;
        };
  Object.defineProperty(MmsClient.prototype, name, { value, writable: true, configurable: true });
}
/** The result alone: how it was delivered (status, URL, attempts) is the transport's record, not the result's. */
function withoutDelivery({
  transactionId: _transactionId,
  status: _status,
  url: _url,
  attempts: _attempts,
  ...result
}: SendResult<MmsResult<unknown>>): MmsResult<unknown> {
  return result;
}
