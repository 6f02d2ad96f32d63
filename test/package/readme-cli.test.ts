/**
 * The README's command-line snippet shows the call after install (`npx mms`)
 * and in a clone (`npm run -s mms --`), and the clone form runs here: the
 * same command with `--help` in place of its options. (The installed form
 * runs in scripts/smoke-package.mjs, against the packed tarball.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const snippet = /## Command line\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
/** The words of each call (after the pipe), without the environment assignment. */
const calls = snippet
  .split('\n')
  .filter((line) => line.includes('MMS_CERT_PASSPHRASE='))
  .map((line) => line.trim().split(/\s+/).slice(1));

test('the README shows the call both after install and in a clone', () => {
  expect(calls.map((words) => words.slice(0, 4).join(' '))).toEqual([
    'npx mms query-offers --cert',
    'npm run -s mms',
  ]);
  // The same operation and options in both forms.
  expect(calls[1]!.slice(5)).toEqual(calls[0]!.slice(2));
});

test('the clone form of the README call runs', () => {
  const clone = calls[1]!;
  const operation = clone[5]!;
  const run = spawnSync(clone[0]!, [...clone.slice(1, 6), '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  expect(run.stdout).toContain(operation);
  expect(run.stdout).toContain('MarketQuery_OfferQuery');
}, 60_000);
