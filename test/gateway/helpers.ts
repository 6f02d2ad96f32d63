/**
 * Shared pieces of the gateway tests: a simulator, a configuration file in a
 * temporary folder holding the simulator's PKCS#12 files for each
 * participant (passphrase through an environment variable), callers with
 * bearer tokens, and a JSON client for the gateway.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addJstDays, toJstDate } from '../../src/client/time.js';
import type { Logger } from '../../src/logger.js';
import { startSimulator, type FaultRule, type Simulator } from '../../src/simulator/index.js';
import { sha256Hex } from '../../src/gateway/auth.js';
import type { GatewayConfig } from '../../src/gateway/config.js';

export const TOKENS = { admin: 'admin-token-Zq8v', limited: 'limited-token-Wp3k' } as const;
export const PASSPHRASE_ENV = 'MMS_TEST_P12_PASSPHRASE';

/** Counts the requests the simulator received, by operation, from its request log. */
export class ReceivedCounter implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  warn(message: string): void {
    this.lines.push(message);
  }
  error(message: string): void {
    this.lines.push(message);
  }
  debug(): void {}
  /** Requests for an operation the simulator answered or was told to fail (one log line each). */
  count(operation: string): number {
    return this.lines.filter((l) => !l.includes('injecting') && new RegExp(`\\b${operation}\\b`).test(l))
      .length;
  }
}

export interface Setup {
  readonly sim: Simulator;
  readonly received: ReceivedCounter;
  readonly dir: string;
  readonly configFile: string;
  readonly config: GatewayConfig;
  readonly env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** A simulator and a gateway configuration for its three participants, written to a temporary folder. */
export async function setup(
  options: { faults?: FaultRule[]; config?: Partial<GatewayConfig>; rules?: 'off' } = {},
): Promise<Setup> {
  const received = new ReceivedCounter();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-gateway-test-'));
  const passphrase = 'sim-pass-7u';
  const sim = await startSimulator({
    passphrase,
    logger: received,
    // Random requests: neither the gateway's client nor the simulator checks business rules.
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  await writeFile(path.join(dir, 'ca.pem'), sim.caPem);
  const participants = [];
  for (const credential of sim.credentials) {
    const file = `${credential.participant}-${credential.user}.p12`;
    await writeFile(path.join(dir, file), credential.p12);
    participants.push({
      name: credential.participant,
      user: credential.user,
      clientType: credential.clientType,
      certificate: { file, passphraseEnv: PASSPHRASE_ENV },
      domain: 'gateway.example',
      urls: sim.urls,
      caFile: 'ca.pem',
      timeoutMs: 20_000,
      ...(options.rules ? { rules: options.rules } : {}),
    });
  }
  const config: GatewayConfig = {
    participants,
    callers: [
      { name: 'admin', tokenSha256: sha256Hex(TOKENS.admin), participants: ['*'], operations: ['*'] },
      {
        name: 'limited',
        tokenSha256: sha256Hex(TOKENS.limited),
        participants: ['F100'],
        operations: ['query:*'],
      },
    ],
    journal: { file: 'journal.sqlite' },
    ...options.config,
  };
  const configFile = path.join(dir, 'gateway.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  return {
    sim,
    received,
    dir,
    configFile,
    config,
    env: { [PASSPHRASE_ENV]: passphrase },
    async cleanup() {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface JsonAnswer {
  readonly status: number;
  readonly type: string;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** POSTs a call to the gateway. */
export async function post(
  base: string,
  participant: string,
  operation: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKENS.admin}` },
): Promise<JsonAnswer> {
  const response = await fetch(`${base}/v1/${participant}/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** A valid offer for the simulator's seeded resource, unique by its hour. */
export function offer(
  hour: number,
  date = addJstDays(toJstDate(new Date()), 1),
): { attributes: Record<string, unknown>; data: Record<string, unknown>[] } {
  const h = String(hour).padStart(2, '0');
  const end = String(hour + 1).padStart(2, '0');
  return {
    attributes: { Date: date, MarketType: 'DAM' },
    data: [
      {
        ResourceName: 'SIMRES01',
        StartTime: `${date}T${h}:00:00`,
        EndTime: `${date}T${end}:00:00`,
        Direction: '1',
        OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 10 }],
      },
    ],
  };
}
