/**
 * Imports one module in a process of its own and prints, as one JSON line,
 * the file path of every module the import loaded (recorded by
 * module-record-hooks.ts, registered after tsx so it sees every load).
 *
 * Run with `node --import tsx`; PROBE_MODULE is the module (a path from the
 * repository root, e.g. `src/index.ts`), PROBE_RECORD a scratch file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const target = process.env.PROBE_MODULE;
const record = process.env.PROBE_RECORD;
if (target === undefined || record === undefined)
  throw new Error('PROBE_MODULE and PROBE_RECORD must be set');
writeFileSync(record, '');
register('./module-record-hooks.ts', import.meta.url, { data: { file: record } });
await import(pathToFileURL(path.resolve(target)).href);
const loaded = readFileSync(record, 'utf8')
  .split('\n')
  .filter((url) => url.startsWith('file:'))
  .map((url) => fileURLToPath(url));
process.stdout.write(`${JSON.stringify(loaded)}\n`);
