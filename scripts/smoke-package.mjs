// After `npm run build`: pack the package as `npm publish` would, install the
// tarball into an empty project, and use it there as a user would: every entry
// point through the exports map as ESM and as CommonJS (scripts/smoke/), one
// call to the packaged simulator, the `mms` command, and the shipped files
// (LICENSE, no source map without its sources). `node scripts/smoke-package.mjs
// [tarball]` checks a given tarball instead of packing one.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const fail = (message) => {
  throw new Error(`smoke-package: ${message}`);
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-smoke-'));
try {
  let tarball = process.argv[2] && path.resolve(process.argv[2]);
  if (!tarball) {
    // dist/ is already built; --ignore-scripts skips prepack's second build.
    const [packed] = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], '.'),
    );
    tarball = path.join(dir, packed.filename);
  }

  const files = run('tar', ['-tzf', tarball], '.').trim().split('\n');
  for (const needed of [
    'package/LICENSE',
    'package/dist/esm/src/index.js',
    'package/dist/cjs/src/index.d.ts',
  ])
    if (!files.includes(needed)) fail(`${needed} is not in the tarball`);
  const stray = files.filter(
    (f) => !/^package\/(dist\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(f),
  );
  if (stray.length > 0) fail(`unexpected files in the tarball: ${stray.join(', ')}`);

  const project = path.join(dir, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true }) + '\n');
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
    project,
  );

  // A shipped source map must carry the sources it points at (src/ is not shipped).
  const installed = path.join(project, 'node_modules', 'mms-client');
  const maps = readdirSync(installed, { recursive: true }).filter((f) => f.endsWith('.map'));
  for (const map of maps) {
    const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(installed, map), 'utf8'));
    if (
      !Array.isArray(sourcesContent) ||
      sourcesContent.length !== sources.length ||
      sourcesContent.includes(null)
    )
      fail(`${map} has no sourcesContent for ${sources.join(', ')}`);
  }

  for (const probe of ['probe.mjs', 'probe.cjs'])
    copyFileSync(path.join('scripts', 'smoke', probe), path.join(project, probe));
  const esm = JSON.parse(run(process.execPath, ['probe.mjs'], project));
  const cjs = JSON.parse(run(process.execPath, ['probe.cjs'], project));
  for (const entry of Object.keys(esm)) {
    const [a, b] = [esm[entry].join(','), (cjs[entry] ?? []).join(',')];
    if (a !== b) fail(`ESM and CJS exports of ${entry} differ:\n${a}\n${b}`);
  }

  const help = run('npx', ['--no', '--', 'mms', 'query-offers', '--help'], project);
  if (!help.includes('MarketQuery_OfferQuery')) fail('`npx mms query-offers --help` printed no help');

  const counts = Object.entries(esm)
    .map(([entry, names]) => `${entry} ${names.length}`)
    .join(', ');
  console.log(
    `package OK: ${files.length} files, ${maps.length === 0 ? 'no source maps' : `${maps.length} source maps with sources`}; ESM = CJS (${counts}); simulator call; npx mms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
