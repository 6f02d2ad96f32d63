/**
 * The README's BSP walk-through (examples/bsp-day.ts) runs as written, as a
 * subprocess, against the local simulator over mutual TLS: it registers a
 * resource, offers three blocks for tomorrow, reads them back, withdraws
 * one and downloads a report, and the simulator holds what it says.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runScript } from '../helpers/subprocess.js';

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mms-walkthrough-'));
});

afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('examples/bsp-day.ts runs against the simulator and every step lands', async () => {
  const bsp = sim.credential({ clientType: 'bsp' });
  await writeFile(path.join(dir, 'bsp.p12'), bsp.p12);
  await writeFile(path.join(dir, 'ca.pem'), sim.caPem);
  const run = await runScript('examples/bsp-day.ts', [], {
    MMS_CERT_FILE: path.join(dir, 'bsp.p12'),
    MMS_CERT_PASSPHRASE: bsp.passphrase,
    MMS_PARTICIPANT: bsp.participant,
    MMS_USER: bsp.user,
    MMS_URL_MI: sim.urls.MI,
    MMS_CA_FILE: path.join(dir, 'ca.pem'),
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^registered BATT01 in transaction \S+$/);
  expect(lines[1]).toMatch(/^offered 3 blocks: \S+, \S+, \S+$/);
  expect(lines.filter((l) => /^ {2}\d{4}-\d\d-\d\dT.* JPY$/.test(l))).toHaveLength(3);
  expect(run.stdout).toMatch(/^cancelled the evening block; 2 offers left$/m);
  // The seeded resource and the one registered here.
  expect(lines.at(-1)).toMatch(/^report \S+: 2 resources$/);
}, 120_000);
