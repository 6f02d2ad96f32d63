// Copied next to an installed mms-client by smoke-package.mjs and run with
// plain Node: loads every entry through the CommonJS side of the exports map
// and prints their names as JSON. Fails if the root loads the simulator.
const path = require('node:path');

const root = require('mms-client');
const simulatorFiles = Object.keys(require.cache).filter((f) =>
  f.includes(`${path.sep}simulator${path.sep}`),
);
if (simulatorFiles.length > 0) throw new Error(`require('mms-client') loaded ${simulatorFiles.join(', ')}`);
if (
  !Object.keys(require.cache).some((f) => f.endsWith(path.join('dist', 'cjs', 'src', 'client', 'client.js')))
)
  throw new Error('require.cache does not show the client: the check above proves nothing');

const entries = {
  'mms-client': root,
  'mms-client/simulator': require('mms-client/simulator'),
  'mms-client/transport': require('mms-client/transport'),
  'mms-client/schema-diff': require('mms-client/schema-diff'),
};
const names = Object.fromEntries(Object.entries(entries).map(([k, m]) => [k, Object.keys(m).sort()]));
process.stdout.write(`${JSON.stringify(names)}\n`);
