/**
 * `npm run codegen:check`: regenerate in memory and compare with the committed
 * generated/ folder. Fails (exit 1) listing every file that differs, is
 * missing or is extra, so a stale generated/ never lands.
 *   --dir <path>   compare against another folder (tests use a corrupted copy)
 * Either failure also says what changed in the API: schema files that no
 * longer match the manifest (exit 2), or a stale generated/ (exit 1), are
 * compared semantically with the committed descriptors (codegen/diff/check.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '../codegen/main.js';
import { describeSemanticDrift } from '../codegen/diff/check.js';
import { readManifest, repoRoot, schemaDir, SchemaFileError } from '../codegen/schemas.js';

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

export function compareGenerated(dir: string, expected: Map<string, string>): string[] {
  const differences: string[] = [];
  const actual = new Set(listFiles(dir));
  for (const [file, content] of expected) {
    if (!actual.has(file)) differences.push(`missing  generated/${file}`);
    else if (readFileSync(path.join(dir, file), 'utf8') !== content)
      differences.push(`differs  generated/${file}`);
  }
  for (const file of actual) if (!expected.has(file)) differences.push(`extra    generated/${file}`);
  return differences.sort();
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, release: { type: 'string' } } });
  const root = repoRoot();
  const release = values.release ?? readManifest(root).current;
  const dir = path.resolve(values.dir ?? path.join(root, 'generated'));
  let expected: Map<string, string>;
  try {
    expected = generate(release);
  } catch (err) {
    console.error(`codegen:check: cannot generate from release ${release}: ${(err as Error).message}`);
    if (err instanceof SchemaFileError && err.message.includes('SHA-256 mismatch')) {
      const files = schemaDir(release, root);
      console.error(
        `\nWhat the schema files in ${files} change, compared with the committed generated code:\n` +
          (await describeSemanticDrift(dir, { dir: files, label: files })),
      );
    }
    return 2;
  }
  const differences = compareGenerated(dir, expected);
  if (differences.length === 0) {
    console.log(`codegen:check: generated/ is in sync with release ${release} (${expected.size} files)`);
    return 0;
  }
  console.error(
    `codegen:check: generated/ is stale; run \`npm run codegen\` and commit the result:\n  ${differences.join('\n  ')}`,
  );
  console.error(`\n${await describeSemanticDrift(dir, { release })}`);
  return 1;
}

// Run only as a script, so compareGenerated can be imported.
if (process.argv[1] && /scripts[\\/]check-generated\.ts$/.test(process.argv[1])) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
