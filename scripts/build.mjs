// Builds the package twice from one source: ESM (dist/esm) and CommonJS
// (dist/cjs), each with its own package.json "type" marker so Node reads the
// .js files correctly, and declarations beside each.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const tsc = (args) => execFileSync('node_modules/.bin/tsc', args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
tsc(['-p', 'tsconfig.build.json', '--outDir', 'dist/esm']);
tsc([
  '-p',
  'tsconfig.build.json',
  '--outDir',
  'dist/cjs',
  '--module',
  'commonjs',
  '--moduleResolution',
  'node10',
]);
for (const [dir, type] of [
  ['dist/esm', 'module'],
  ['dist/cjs', 'commonjs'],
]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type }) + '\n');
}
console.log('built dist/esm and dist/cjs');
