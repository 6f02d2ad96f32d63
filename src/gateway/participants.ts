/**
 * The participants the gateway holds credentials for: each PKCS#12 file
 * opened once at start (passphrase from an environment variable or a file,
 * never the command line or the configuration), one MmsClient per
 * participant, and its concurrency cap toward the MMS.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MmsClient, type MmsClientOptions } from '../client/client.js';
import type { Logger } from '../logger.js';
import { Certificate } from '../security/certificate.js';
import type { TransportHooks } from '../transport/audit.js';
import { GatewayConfigError, type CertificateSource, type ParticipantEntry } from './config.js';
import { ConcurrencyLimiter } from './limiter.js';

export interface HeldParticipant {
  readonly entry: ParticipantEntry;
  readonly client: MmsClient;
  readonly limiter: ConcurrencyLimiter;
}

async function passphraseOf(
  source: CertificateSource,
  baseDir: string,
  env: NodeJS.ProcessEnv,
  who: string,
): Promise<string> {
  if (source.passphraseEnv !== undefined) {
    const value = env[source.passphraseEnv];
    if (value === undefined)
      throw new GatewayConfigError(
        `${who}: the environment variable ${source.passphraseEnv} (the passphrase) is not set`,
      );
    return value;
  }
  if (source.passphraseFile !== undefined) {
    const file = path.resolve(baseDir, source.passphraseFile);
    try {
      return (await readFile(file, 'utf8')).split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw new GatewayConfigError(
        `${who}: cannot read the passphrase file ${file}: ${(err as NodeJS.ErrnoException).code}`,
      );
    }
  }
  return '';
}

/** Opens every participant's certificate and creates its client. */
export async function holdParticipants(
  entries: readonly ParticipantEntry[],
  baseDir: string,
  options: { env: NodeJS.ProcessEnv; hooks: readonly TransportHooks[]; logger: Logger },
): Promise<Map<string, HeldParticipant>> {
  const held = new Map<string, HeldParticipant>();
  for (const entry of entries) {
    const who = `participant ${entry.name}`;
    const passphrase = await passphraseOf(entry.certificate, baseDir, options.env, who);
    const certificate = await Certificate.fromFile(path.resolve(baseDir, entry.certificate.file), passphrase);
    const ca = entry.caFile ? await readFile(path.resolve(baseDir, entry.caFile), 'utf8') : undefined;
    const clientOptions: MmsClientOptions = {
      participant: entry.name,
      user: entry.user,
      clientType: entry.clientType,
      certificate,
      domain: entry.domain,
      hooks: options.hooks,
      logger: options.logger,
      ...(entry.environment ? { environment: entry.environment } : {}),
      ...(entry.urls ? { urls: entry.urls } : {}),
      ...(ca !== undefined ? { ca } : {}),
      ...(entry.timeoutMs !== undefined ? { timeoutMs: entry.timeoutMs } : {}),
      ...(entry.rules !== undefined ? { rules: entry.rules } : {}),
    };
    held.set(entry.name, {
      entry,
      client: new MmsClient(clientOptions),
      limiter: new ConcurrencyLimiter(entry.maxConcurrent ?? 4),
    });
  }
  return held;
}
