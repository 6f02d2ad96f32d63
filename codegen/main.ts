/**
 * `npm run codegen [-- --release 2025-12] [--out generated] [--schema-dir DIR]`:
 * read a release's WSDL and XSD files and write generated/.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { emitRelease } from './emit/index.js';
import { buildRelease } from './model/build.js';
import { readManifest, repoRoot } from './schemas.js';

export function generate(release: string, options: { dir?: string } = {}): Map<string, string> {
  const { models } = buildRelease(release, options);
  return emitRelease(release, models);
}

/** Replace the contents of `outDir` with the generated files. */
export function writeGenerated(files: Map<string, string>, outDir: string): void {
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    rmSync(path.join(outDir, entry.name), { recursive: true, force: true });
  }
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    writeFileSync(path.join(outDir, file), content);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: { release: { type: 'string' }, out: { type: 'string' }, 'schema-dir': { type: 'string' } },
  });
  const root = repoRoot();
  const release = values.release ?? readManifest(root).current;
  const outDir = path.resolve(root, values.out ?? 'generated');
  mkdirSync(outDir, { recursive: true });
  const files = generate(release, values['schema-dir'] ? { dir: values['schema-dir'] } : {});
  writeGenerated(files, outDir);
  console.log(
    `generated ${files.size} files from release ${release} into ${path.relative(root, outDir) || '.'}`,
  );
}

if (process.argv[1] && /codegen[\\/]main\.ts$/.test(process.argv[1])) {
  try {
    main();
  } catch (err) {
    console.error(`codegen failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
