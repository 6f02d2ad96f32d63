/** docs/rules.md is generated from the catalog and never drifts: every rule is on it, with its source. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/rules/index.js';
import { STATEFUL_RULES } from '../../src/rules/stateful.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runScript } from '../helpers/subprocess.js';

test('scripts/rules-doc.ts --check passes: docs/rules.md is what the catalog generates', async () => {
  const run = await runScript('scripts/rules-doc.ts', ['--check']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

test('every rule has a row with its id, severity, operations, summary and source', () => {
  const page = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
  for (const rule of [...RULES, ...STATEFUL_RULES]) {
    const row = page.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${rule.severity} |`);
    expect(row).toContain(rule.summary.replace(/\|/g, '\\|'));
    expect(row).toContain(rule.source);
    for (const op of rule.operations) expect(row).toContain(`\`${op}\``);
  }
});
