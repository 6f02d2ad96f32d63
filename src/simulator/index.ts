/**
 * A local MMS for development and tests: mutual-TLS HTTPS on 127.0.0.1 with
 * the MI and OMI services at their real paths, its own CA and client
 * certificates, the MMS's checks and failure answers, in-memory state, and
 * fault injection. See {@link startSimulator}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { modules, services } from '../../generated/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { unknownRules, type RuleSwitches } from '../rules/index.js';
import { STATEFUL_RULES } from '../rules/stateful.js';
import { isClientType } from '../vocabulary.js';
import { identityFormatProblems } from '../client/identity.js';
import { SimulatorError } from './errors.js';
import { MAX_RESPONSE_BYTES_LIMIT } from '../options.js';
import { FaultInjector, type FaultRule } from './faults.js';
import { seedResource } from './operations/index.js';
import { preparePki, type IssuedCredential, type ParticipantConfig } from './pki.js';
import { startServer } from './server.js';
import { SimulatorState } from './state.js';
import { conformAttributes } from './values.js';

export { SimulatorError } from './errors.js';
export type { FaultKind, FaultMatch, FaultRule } from './faults.js';
export type { IssuedCredential, ParticipantConfig } from './pki.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /**
   * Directory for the CA, the server certificate and the client PKCS#12
   * files. Existing files are reused. Default: a fresh temporary directory,
   * removed by `stop()`.
   */
  readonly dir?: string;
  /**
   * The participants and their users. Default: BSP `F100` (user `FAKEUSER`),
   * MO `M100` (`MOUSER`) and TSO `T100` (`TSOUSER`).
   */
  readonly participants?: readonly ParticipantConfig[];
  /** Passphrase of the client PKCS#12 files. Default: a random one (see `credentials`). */
  readonly passphrase?: string;
  /** TCP port on 127.0.0.1. Default 0: any free port. */
  readonly port?: number;
  /** Faults to inject (tests); see {@link FaultRule}. Can be changed later with `setFaults`. */
  readonly faults?: readonly FaultRule[];
  /** Answer as MTOM (default true, like the real Axis2 server) or as plain SOAP with inline base64. */
  readonly mtom?: boolean;
  /** Register a resource (`SIMRES01`) for every BSP at start. Default true. */
  readonly seed?: boolean;
  /** Where requests and problems are reported. Silent by default. */
  readonly logger?: Logger;
  /**
   * Largest request body accepted, in bytes; a larger one is answered with
   * HTTP 413 as soon as the limit is passed. Default 64 MiB.
   */
  readonly maxRequestBytes?: number;
  /**
   * The simulator's clock: submission times, the trading-date rule (a market
   * submission for a past day is rejected) and the seeded resource's start
   * date. Default: the system clock. Tests pin it to a fixed instant.
   */
  readonly clock?: () => Date;
  /**
   * The business rules the simulator enforces, like the client's `rules`
   * option: all by default (the catalog of src/rules and the rules that need
   * the simulator's state), `'off'` for none (random schema-valid traffic),
   * or `{ [ruleId]: false }` to leave some out.
   */
  readonly rules?: RuleSwitches;
}

/** A running simulator. */
export interface Simulator {
  /** The service URLs, for `MmsClient`'s `urls` option. */
  readonly urls: { readonly MI: string; readonly OMI: string };
  readonly port: number;
  /** The CA certificate (PEM) the server certificate chains to: the client's `ca` option. */
  readonly caPem: string;
  /** Where the CA certificate is on disk. */
  readonly caPath: string;
  /** The directory holding the key material. */
  readonly dir: string;
  /** One PKCS#12 file per participant user, with its passphrase. */
  readonly credentials: readonly IssuedCredential[];
  /** The credential of a participant (and user), or of the first participant of a client type. */
  credential(selector: {
    participant?: string;
    user?: string;
    clientType?: ParticipantConfig['clientType'];
  }): IssuedCredential;
  /** Replaces the injected faults. */
  setFaults(rules: readonly FaultRule[]): void;
  /** Stops the server, ends every connection and removes a temporary directory. */
  stop(): Promise<void>;
}

/** The participants the simulator starts with when none are configured. */
export const DEFAULT_PARTICIPANTS: readonly ParticipantConfig[] = [
  { name: 'F100', clientType: 'bsp', users: ['FAKEUSER'], companyShortName: 'シミュレータ' },
  { name: 'M100', clientType: 'mo', users: ['MOUSER'], companyShortName: '模擬市場' },
  { name: 'T100', clientType: 'tso', users: ['TSOUSER'], companyShortName: '模擬送配電' },
];

function checkParticipants(participants: readonly ParticipantConfig[]): void {
  if (participants.length === 0) throw new SimulatorError('at least one participant is needed');
  const seen = new Set<string>();
  for (const p of participants) {
    if (seen.has(p.name)) throw new SimulatorError(`participant ${p.name} is configured twice`);
    seen.add(p.name);
    if (!isClientType(p.clientType))
      throw new SimulatorError(`participant ${p.name}: clientType must be bsp, mo or tso`);
    const users = p.users ?? ['FAKEUSER'];
    if (users.length === 0) throw new SimulatorError(`participant ${p.name} has no users`);
    for (const user of users) {
      const problems = identityFormatProblems(p.name, user);
      if (problems.length > 0)
        throw new SimulatorError(`participant ${p.name} / user ${user}: ${problems.join('; ')}`);
    }
    if (
      p.companyShortName !== undefined &&
      conformAttributes(modules.market, 'OfferDataSubmitType', { CompanyShortName: p.companyShortName })
        .value['CompanyShortName'] === undefined
    ) {
      throw new SimulatorError(
        `participant ${p.name}: companyShortName must be 1 to 10 full-width characters (CompanyShortNameType)`,
      );
    }
  }
}

/** Default of {@link SimulatorOptions.maxRequestBytes}: the client's default response limit. */
export const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * Starts a local MMS on 127.0.0.1.
 *
 * @example
 * ```ts
 * const sim = await startSimulator();
 * const bsp = sim.credential({ clientType: 'bsp' });
 * const client = new MmsClient({
 *   participant: bsp.participant, user: bsp.user, clientType: 'bsp',
 *   certificate: await Certificate.fromBytes(bsp.p12, bsp.passphrase),
 *   domain: 'example.co.jp', urls: sim.urls, ca: sim.caPem,
 * });
 * // ... calls ...
 * await sim.stop();
 * ```
 * @throws {@link SimulatorError} for a bad configuration, unreadable key files or a port in use
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const participants = options.participants ?? DEFAULT_PARTICIPANTS;
  if (
    options.maxRequestBytes !== undefined &&
    (!Number.isInteger(options.maxRequestBytes) ||
      options.maxRequestBytes < 1024 ||
      options.maxRequestBytes > MAX_RESPONSE_BYTES_LIMIT)
  )
    throw new SimulatorError(
      `maxRequestBytes must be a whole number from 1024 to ${MAX_RESPONSE_BYTES_LIMIT}, got ${String(options.maxRequestBytes)}`,
    );
  checkParticipants(participants);
  const unknown = unknownRules(options.rules).filter((id) => !STATEFUL_RULES.some((r) => r.id === id));
  if (unknown.length > 0) throw new SimulatorError(`rules: unknown rule id ${unknown.join(', ')}`);
  const temporary = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'mms-simulator-')));
  const passphrase = options.passphrase ?? randomBytes(12).toString('base64url');
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? ((): Date => new Date());
  try {
    const pki = await preparePki({ dir, participants, passphrase });
    const state = new SimulatorState();
    if (options.seed !== false) {
      const now = clock();
      for (const p of participants.filter((q) => q.clientType === 'bsp')) {
        state.add('registration', 'Resource', {
          item: seedResource(p.name, now),
          envelope: {},
          participant: p.name,
          transactionId: 'SEED0000',
          storedAt: now,
        });
      }
    }
    const faults = new FaultInjector(options.faults ?? []);
    let server;
    try {
      server = await startServer({
        keyPem: pki.serverKeyPem,
        certPem: pki.serverCertPem,
        caPem: pki.caPem,
        port: options.port ?? 0,
        maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
        context: {
          participants: new Map(participants.map((p) => [p.name, p])),
          state,
          logger,
          mtom: options.mtom ?? true,
          clock,
          ...(options.rules !== undefined ? { rules: options.rules } : {}),
        },
        faults,
      });
    } catch (err) {
      throw new SimulatorError(
        `cannot listen on 127.0.0.1:${options.port ?? 0}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { cause: err },
      );
    }
    const base = `https://127.0.0.1:${server.port}`;
    logger.info(`mms-sim: listening on ${base}, key material in ${dir}`);
    let stopped: Promise<void> | undefined;
    const running = server;
    return {
      urls: { MI: `${base}${services.MI.path}`, OMI: `${base}${services.OMI.path}` },
      port: server.port,
      caPem: pki.caPem,
      caPath: pki.caPath,
      dir,
      credentials: pki.credentials,
      credential(selector) {
        const found = pki.credentials.find(
          (c) =>
            (selector.participant === undefined || c.participant === selector.participant) &&
            (selector.user === undefined || c.user === selector.user) &&
            (selector.clientType === undefined || c.clientType === selector.clientType),
        );
        if (!found) throw new SimulatorError(`no credential for ${JSON.stringify(selector)}`);
        return found;
      },
      setFaults(rules) {
        faults.set(rules);
      },
      stop() {
        stopped ??= (async () => {
          await running.close();
          if (temporary) await rm(dir, { recursive: true, force: true });
          logger.info('mms-sim: stopped');
        })();
        return stopped;
      },
    };
  } catch (err) {
    if (temporary) await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
