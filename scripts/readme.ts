/**
 * `npm run readme`: regenerate the parts of README.md that come from code,
 * between `<!-- BEGIN name -->` and `<!-- END name -->` markers: the
 * operation table (from the generated catalog) and the examples (from
 * examples/submit-offer.ts and examples/bsp-day.ts, which tests run). `--check` fails when
 * README.md is stale, so the README never drifts from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { operations } from '../generated/index.js';
import { REFERENCE_NAMES } from '../generated/index.js';
import type { OperationDescriptor } from '../src/xml/descriptors.js';
import { byKey } from '../codegen/order.js';

const ROOT = process.cwd();
const README = path.join(ROOT, 'README.md');

function operationTable(): string {
  const aliases = new Map<string, string[]>();
  for (const [alias, [operation]] of Object.entries(REFERENCE_NAMES)) {
    aliases.set(operation, [...(aliases.get(operation) ?? []), alias]);
  }
  const rows = (Object.values(operations) as OperationDescriptor[]).sort(byKey((op) => op.id)).map((op) => {
    const methods = [op.method, ...(aliases.get(op.id) ?? [])].map((m) => `\`${m}\``).join(', ');
    const returns = op.result.root
      ? `\`${op.result.root}\`${op.files ? ', or a file' : ''}`
      : `${op.result.many ? 'list of ' : ''}\`${op.result.type}\`${op.result.source ? ` (in \`${op.result.envelope}\`)` : ''}${op.files ? ', or a file' : ''}`;
    const audience = op.audience.length === 3 ? 'any' : op.audience.map((a) => a.toUpperCase()).join(', ');
    return `| \`${op.id}\` | ${methods} | ${op.interface} | \`${op.requestType}\` | ${op.many ? 'list of ' : ''}\`${op.dataType}\` | ${returns} | ${audience} |`;
  });
  return [
    '| operation | methods | interface | request type | takes | returns | audience |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** An example file as a TypeScript block. */
function exampleFile(name: string): () => string {
  return () => '```ts\n' + readFileSync(path.join(ROOT, 'examples', name), 'utf8').trimEnd() + '\n```';
}

const SECTIONS: Record<string, () => string> = {
  operations: operationTable,
  example: exampleFile('submit-offer.ts'),
  walkthrough: exampleFile('bsp-day.ts'),
};

export function renderReadme(text: string): string {
  let out = text;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- BEGIN ${name} -->\\n)[\\s\\S]*?(<!-- END ${name} -->)`);
    if (!pattern.test(out))
      throw new Error(`README.md has no <!-- BEGIN ${name} --> … <!-- END ${name} --> section`);
    out = out.replace(pattern, (_m, begin: string, end: string) => `${begin}${render()}\n${end}`);
  }
  return out;
}

function main(): number {
  const current = readFileSync(README, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next === current) return 0;
    console.error('README.md is stale: run `npm run readme` and commit the result');
    return 1;
  }
  if (next !== current) writeFileSync(README, next);
  return 0;
}

if (process.argv[1] && /scripts[\\/]readme\.ts$/.test(process.argv[1])) process.exitCode = main();
