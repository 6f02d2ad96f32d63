/**
 * Generated text through Prettier, with the repository's own configuration,
 * so generated/ passes `prettier --check` and its diffs read like code. The
 * emitters keep writing plain strings; layout is decided here only.
 *
 * Prettier 3 formats asynchronously and loads itself with dynamic imports
 * (which jest's CommonJS mode cannot run), so one child Node process formats
 * every file: generation stays a synchronous function that works the same
 * under tsx, jest and plain Node.
 */
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../schemas.js';

const FORMAT_ALL = `
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const files = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const dir = path.join(process.cwd(), 'generated');
// Resolved for a path inside generated/, as \`prettier --check\` would, so overrides apply the same way.
const config = (await resolveConfig(path.join(dir, 'index.ts'))) ?? {};
const out = [];
for (const [file, text] of files) out.push([file, await format(text, { ...config, filepath: path.join(dir, file) })]);
process.stdout.write(JSON.stringify(out));
`;

export function formatGenerated(files: ReadonlyMap<string, string>): Map<string, string> {
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', FORMAT_ALL], {
    cwd: repoRoot(),
    input: JSON.stringify([...files]),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Map(JSON.parse(output) as [string, string][]);
}
