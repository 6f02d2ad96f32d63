/**
 * `mms simulate`: run the local MMS simulator until Ctrl-C (SIGINT) or
 * SIGTERM, printing its URLs, CA and client certificate files and an
 * example call. Requests are logged to standard error.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { FaultInjector } from '../simulator/faults.js';
import { isClientType } from '../vocabulary.js';
import {
  startSimulator,
  type FaultRule,
  type ParticipantConfig,
  type Simulator,
} from '../simulator/index.js';
import type { CliIo } from './call.js';
import { EXIT, UsageError } from './exit-codes.js';
import { PASSPHRASE_ENV } from './passphrase.js';
import { parseCommandArgs } from './arguments.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  dir: { type: 'string' },
  participant: { type: 'string', multiple: true },
  'plain-soap': { type: 'boolean' },
  'no-seed': { type: 'boolean' },
  faults: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export const SIMULATE_HELP = `mms simulate: a local MMS on 127.0.0.1 with mutual TLS, for development and tests.

Usage:
  mms simulate [--port N] [--dir DIR] [--participant NAME:TYPE:USER[,USER...]]... [--plain-soap]
               [--faults FILE] [--quiet]

Options:
  --port N            TCP port (default 8443; 0 picks a free one)
  --dir DIR           keep the CA, server certificate and client PKCS#12 files in DIR and reuse
                      them on the next start (default: a temporary directory, removed on exit)
  --participant SPEC  a participant, e.g. F100:bsp:FAKEUSER or T100:tso:USER1,USER2 (repeatable;
                      default F100:bsp:FAKEUSER, M100:mo:MOUSER, T100:tso:TSOUSER)
  --plain-soap        answer plain SOAP with inline base64 instead of MTOM
  --no-seed           do not register the resource SIMRES01 for every BSP
  --faults FILE       inject faults: a JSON list of rules, e.g.
                      [{"kind":"status","status":503,"times":1},{"kind":"delay","ms":2000,"operation":"MarketQuery_OfferQuery"}]
                      kinds: status, delay, drop, malformed, truncate, mtom-fault, txt
  --quiet, -q         do not log requests

The client PKCS#12 files are protected with the passphrase in ${PASSPHRASE_ENV}
(empty when unset): the same variable the operation commands read.
State (offers, resources, reports, ...) is kept in memory and lost on exit.
Stop with Ctrl-C.
`;

function participantOf(spec: string): ParticipantConfig {
  const [name, type, users] = spec.split(':');
  if (!name || !isClientType(type))
    throw new UsageError(`--participant ${spec}: expected NAME:TYPE[:USER,...] with TYPE bsp, mo or tso`);
  const list = users ? users.split(',').filter(Boolean) : ['FAKEUSER'];
  return { name, clientType: type, users: list };
}

async function faultsFrom(file: string): Promise<FaultRule[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--faults ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(value)) throw new UsageError(`--faults ${file}: expected a JSON list of fault rules`);
  try {
    new FaultInjector(value as FaultRule[]);
  } catch (err) {
    throw new UsageError(`--faults ${file}: ${(err as Error).message}`);
  }
  return value as FaultRule[];
}

function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string) =>
    void io.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return { debug: () => undefined, info: line('info'), warn: line('warn'), error: line('error') };
}

/** Runs the simulator until a signal; resolves with the exit code. */
export async function runSimulate(
  args: readonly string[],
  io: CliIo,
  signals: NodeJS.Process = process,
): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, false, 'mms simulate --help');
  if (values.help) {
    io.stdout.write(SIMULATE_HELP);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port ?? ''}`);
  const participants = values.participant?.map(participantOf);
  const faults = values.faults === undefined ? undefined : await faultsFrom(values.faults);
  const sim: Simulator = await startSimulator({
    port,
    passphrase: io.env[PASSPHRASE_ENV] ?? '',
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
    ...(participants !== undefined ? { participants } : {}),
    ...(values['plain-soap'] ? { mtom: false } : {}),
    ...(values['no-seed'] ? { seed: false } : {}),
    ...(faults !== undefined ? { faults } : {}),
    ...(values.quiet ? {} : { logger: stderrLogger(io) }),
  });
  const base = new URL(sim.urls.MI).origin;
  const bsp = sim.credentials.find((c) => c.clientType === 'bsp') ?? sim.credentials[0];
  const lines = [
    `MMS simulator listening on ${base} (mutual TLS${values['plain-soap'] ? ', plain SOAP' : ', MTOM'})`,
    `  MI   ${sim.urls.MI}`,
    `  OMI  ${sim.urls.OMI}`,
    `  CA   ${sim.caPath}`,
    `client certificates (PKCS#12, passphrase from ${PASSPHRASE_ENV}, empty if unset):`,
    ...sim.credentials.map(
      (c) =>
        `  ${c.clientType.toUpperCase().padEnd(4)}${c.participant} ${c.user.padEnd(12)} ${c.p12Path ?? ''}`,
    ),
    '',
    'try:',
    `  echo '{"attributes":{"Date":"2024-04-12"},"data":{"MarketType":"DAM"}}' | \\`,
    `    mms query-offers --url ${base} --ca ${sim.caPath} --cert ${bsp?.p12Path ?? 'FILE.p12'} --client-type ${bsp?.clientType ?? 'bsp'}`,
    '',
    `state is in memory; ${values.dir === undefined ? 'key material is removed on exit; ' : ''}stop with Ctrl-C`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await sim.stop();
  io.stderr.write('mms: simulator stopped\n');
  return EXIT.ok;
}
