/**
 * The simulator's key material: created in a temporary directory (removed on
 * stop) or in a given one (kept and reused), client certificates with the
 * MMS subject form, and clear errors for bad configurations.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Certificate } from '../../src/security/certificate.js';
import { SimulatorError, startSimulator } from '../../src/simulator/index.js';

const participants = [{ name: 'F300', clientType: 'bsp' as const, users: ['USER1', 'USER2'] }];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mms-sim-pki-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('issues one PKCS#12 file per user, subject C=JP, O=<participant>, CN=<user>, chained to the CA', async () => {
  const sim = await startSimulator({ dir, participants, passphrase: 'secret-1' });
  try {
    expect(sim.credentials.map((c) => [c.participant, c.user, c.clientType])).toEqual([
      ['F300', 'USER1', 'bsp'],
      ['F300', 'USER2', 'bsp'],
    ]);
    const credential = sim.credential({ user: 'USER2' });
    expect(credential.p12Path).toBe(path.join(dir, 'F300_USER2.p12'));
    expect(new Uint8Array(await readFile(credential.p12Path!))).toEqual(credential.p12);
    const cert = await Certificate.fromBytes(credential.p12, 'secret-1');
    expect(cert.subject).toBe('C=JP, O=F300, CN=USER2');
    expect(cert.x509.checkIssued(new X509Certificate(sim.caPem))).toBe(true);
    const server = new X509Certificate(await readFile(path.join(dir, 'server.crt.pem')));
    expect(server.checkIssued(new X509Certificate(sim.caPem))).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(sim.caPath).toBe(path.join(dir, 'ca.crt.pem'));
  } finally {
    await sim.stop();
  }
  // A directory the user gave is kept.
  expect(existsSync(path.join(dir, 'ca.key.pem'))).toBe(true);
});

test('reuses the files of a directory on the next start, and issues what is missing', async () => {
  const first = await startSimulator({ dir, participants, passphrase: 'secret-2' });
  await first.stop();
  const second = await startSimulator({
    dir,
    participants: [...participants, { name: 'T300', clientType: 'tso', users: ['OPS'] }],
    passphrase: 'secret-2',
  });
  try {
    expect(second.caPem).toBe(first.caPem);
    expect(second.credential({ user: 'USER1' }).p12).toEqual(first.credential({ user: 'USER1' }).p12);
    expect(existsSync(path.join(dir, 'T300_OPS.p12'))).toBe(true);
  } finally {
    await second.stop();
  }
});

test('says which file does not open when restarted with another passphrase, without printing either', async () => {
  const first = await startSimulator({ dir, participants, passphrase: 'first-passphrase' });
  await first.stop();
  const err = await startSimulator({ dir, participants, passphrase: 'second-passphrase' }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SimulatorError);
  expect((err as Error).message).toMatch(/F300_USER1\.p12 does not open with the configured passphrase/);
  expect((err as Error).message).not.toMatch(/first-passphrase|second-passphrase/);
});

test('a temporary directory is removed on stop, and stop can be called twice', async () => {
  const sim = await startSimulator({ participants });
  expect(existsSync(sim.dir)).toBe(true);
  await sim.stop();
  await sim.stop();
  expect(existsSync(sim.dir)).toBe(false);
});

test('refuses bad participant configurations', async () => {
  await expect(startSimulator({ participants: [{ name: 'F000', clientType: 'bsp' }] })).rejects.toThrow(
    /participant F000.*participant/,
  );
  await expect(
    startSimulator({ participants: [{ name: 'F100', clientType: 'bsp', users: ['lower'] }] }),
  ).rejects.toThrow(SimulatorError);
  await expect(
    startSimulator({ participants: [{ name: 'F100', clientType: 'xyz' as never }] }),
  ).rejects.toThrow(/clientType must be bsp, mo or tso/);
  await expect(
    startSimulator({ participants: [{ name: 'F100', clientType: 'bsp', companyShortName: 'ASCII' }] }),
  ).rejects.toThrow(/companyShortName/);
});

test('a port in use is a SimulatorError', async () => {
  const sim = await startSimulator({ participants });
  try {
    await expect(startSimulator({ participants, port: sim.port })).rejects.toThrow(
      /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/,
    );
  } finally {
    await sim.stop();
  }
});
