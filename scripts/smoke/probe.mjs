// Copied next to an installed mms-client by smoke-package.mjs and run with
// plain Node: loads every entry through the ESM side of the exports map,
// starts the packaged simulator and makes one call with the packaged client,
// then prints the entries' names as JSON.
import { fileURLToPath } from 'node:url';
import { Certificate, MmsClient, operations, toJstDate } from 'mms-client';
import * as root from 'mms-client';
import * as simulator from 'mms-client/simulator';
import * as transport from 'mms-client/transport';
import * as schemaDiff from 'mms-client/schema-diff';

for (const [entry, name] of [
  [root, 'MmsClient'],
  [root, 'Certificate'],
  [root, 'FileAuditor'],
  [root, 'MmsValidationError'],
  [root, 'toJstDateTime'],
  [simulator, 'startSimulator'],
  [transport, 'Transport'],
  [schemaDiff, 'diffReleases'],
]) {
  if (typeof entry[name] !== 'function') throw new Error(`${name} is not exported`);
}
if (Object.keys(operations).length !== 71)
  throw new Error(`${Object.keys(operations).length} operations, not 71`);
if (!Array.isArray(schemaDiff.diffReleases({ files: {} }, { files: {} }).changes))
  throw new Error('diffReleases did not return a report');

// The compiled generated code can be a side of a schema comparison.
const generated = await schemaDiff.loadGeneratedDescriptors(
  fileURLToPath(new URL('node_modules/mms-client/dist/esm/generated', import.meta.url)),
);
if (generated.problems.length > 0 || generated.modules.length !== 7)
  throw new Error(`loadGeneratedDescriptors: ${generated.problems.join('; ')}`);

const sim = await simulator.startSimulator();
try {
  const bsp = sim.credential({ clientType: 'bsp' });
  const client = new MmsClient({
    participant: bsp.participant,
    user: bsp.user,
    clientType: 'bsp',
    certificate: await Certificate.fromBytes(bsp.p12, bsp.passphrase),
    domain: 'smoke.example.jp',
    urls: sim.urls,
    ca: sim.caPem,
  });
  try {
    const date = toJstDate(new Date());
    const result = await client.queryOffers(
      { Date: date, MarketType: 'DAM', NumOfDays: 1 },
      { MarketType: 'DAM' },
    );
    if (!Array.isArray(result.data)) throw new Error('queryOffers returned no list');
  } finally {
    client.close();
  }
} finally {
  await sim.stop();
}

const entries = {
  'mms-client': root,
  'mms-client/simulator': simulator,
  'mms-client/transport': transport,
  'mms-client/schema-diff': schemaDiff,
};
const names = Object.fromEntries(Object.entries(entries).map(([k, m]) => [k, Object.keys(m).sort()]));
process.stdout.write(`${JSON.stringify(names)}\n`);
