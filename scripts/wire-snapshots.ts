/**
 * `npm run wire:snapshots`: rewrite test/wire/snapshots/ from the current
 * code (one `<operation>.http` file per operation). `--check` only compares
 * and lists what differs. Review the diff of the rewritten files: each byte
 * that changed is a byte the MMS would now receive differently.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSnapshots, SNAPSHOT_DIR } from '../test/wire/wire.js';

const check = process.argv.includes('--check');
const snapshots = await renderSnapshots();
mkdirSync(SNAPSHOT_DIR, { recursive: true });
const existing = new Set(readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith('.http')));
const changed: string[] = [];
for (const [file, bytes] of snapshots) {
  const target = path.join(SNAPSHOT_DIR, file);
  existing.delete(file);
  let before: Buffer | undefined;
  try {
    before = readFileSync(target);
  } catch {
    before = undefined;
  }
  if (before?.equals(bytes)) continue;
  changed.push(file);
  if (!check) writeFileSync(target, bytes);
}
for (const stale of existing) {
  changed.push(`${stale} (no such operation)`);
  if (!check) rmSync(path.join(SNAPSHOT_DIR, stale));
}
const verb = check ? 'differ' : 'rewritten';
console.log(
  changed.length === 0
    ? `${snapshots.size} wire snapshots up to date`
    : `${changed.length} of ${snapshots.size} wire snapshots ${verb}:\n  ${changed.join('\n  ')}`,
);
if (check && changed.length > 0) process.exit(1);
