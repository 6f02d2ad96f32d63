// The fast layer (`npm run test:unit`): the whole suite minus the files that
// start an HTTPS server, the simulator or a subprocess, run a fuzz campaign,
// or cross-check against libxml2 in large batches. Measured on a 2-core
// machine these took 398 of the suite's 410 s (docs/decisions.md, "Test
// layers"). A new test file is in the fast layer unless it is named here.
import base from './jest.config.cjs';

/** @type {import('jest').Config} */
export default {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    // HTTPS servers, subprocesses and hostile inputs, by naming convention.
    '\\.e2e\\.test\\.ts$',
    // The simulator (an HTTPS server) and the fuzz campaign.
    '/test/simulator/',
    '/test/fuzz/',
    // libxml2 as an oracle over large batches, and `xmllint --c14n` subprocesses.
    '/test/conformance/',
    '/test/xml/facets\\.test\\.ts$',
    '/test/xml/pattern\\.test\\.ts$',
    // A bare MMS over HTTPS.
    '/test/client/client\\.test\\.ts$',
    '/test/client/samples-signing\\.test\\.ts$',
    // Subprocesses: the CLI, codegen, the schema diff, openssl, a second Node for time zones.
    '/test/cli/cli\\.test\\.ts$',
    '/test/client/readme\\.test\\.ts$',
    '/test/client/time\\.test\\.ts$',
    '/test/codegen/determinism\\.test\\.ts$',
    '/test/diff/check\\.test\\.ts$',
    '/test/diff/cli\\.test\\.ts$',
    '/test/security/certificate\\.test\\.ts$',
    // The packed entries in fresh Node processes, and the README's CLI line.
    '/test/package/',
    // The TypeScript compiler over whole programs against the root entry (about 10 s a file).
    '/test/types/',
  ],
};
