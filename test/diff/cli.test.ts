/** `npm run schemas:diff` as a real subprocess: output formats and exit codes 0, 1 and 2. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseDir } from '../helpers/paths.js';
import { runScript, type Run } from '../helpers/subprocess.js';

function schemasDiff(...args: string[]): Promise<Run> {
  return runScript('scripts/schema-diff.ts', args);
}

/** Every object's keys are in sorted order, at every level. */
function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.join('\u0000') === [...keys].sort().join('\u0000') && Object.values(value).every(keysSorted);
}

describe('schemas:diff', () => {
  let noisy: string;
  beforeAll(() => {
    // Release 2025-12 with only noise added: LF line endings, a comment and changed documentation.
    noisy = mkdtempSync(path.join(os.tmpdir(), 'mms-diff-noise-'));
    cpSync(releaseDir('2025-12'), noisy, { recursive: true });
    for (const file of readdirSync(noisy)) {
      const full = path.join(noisy, file);
      chmodSync(full, 0o644);
      const text = readFileSync(full, 'utf8')
        .replace(/\r\n/g, '\n')
        .replace('<xs:annotation>', '<!-- reviewed --><xs:annotation>');
      writeFileSync(full, text.replace(/<xs:documentation([^>]*)>/, '<xs:documentation$1>Edited. '));
    }
  });
  afterAll(() => rmSync(noisy, { recursive: true, force: true }));

  test('text: grouped by module, exit 1 when something breaks', async () => {
    const run = await schemasDiff('2024-03', '2025-02');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^MMS schema diff: 2024-03 → 2025-02\nBreaking: 27 breaking, 0 possibly breaking/,
    );
    expect(run.stdout).toContain('soap-mi (mi-web-service-jbms.wsdl): no changes\n');
    expect(run.stdout).toContain('soap-omi (omi-web-service.wsdl): no changes\n');
    expect(run.stdout).toMatch(
      /breaking +req: compatible +resp: breaking +MarketSubmitType\/OfflineFrameSubmit: occurrence 0\.\.1 → 0\.\.unbounded/,
    );
    expect(run.stdout).toContain('    added    Omi_MarketSubmit_RefundData');
  });

  test('exit 0 when nothing breaks: noise is ignored, and a directory is read unverified', async () => {
    const run = await schemasDiff('2025-12', noisy);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No semantic changes.');
    expect(run.status).toBe(0);
  });

  test('JSON: sorted keys, sorted changes, the same bytes every time', async () => {
    const [a, b] = await Promise.all([
      schemasDiff('2025-02', '2025-12', '--format', 'json'),
      schemasDiff('2025-02', '2025-12', '--format', 'json'),
    ]);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as {
      breaking: boolean;
      changes: { module: string; path: string; kind: string; description: string }[];
    };
    expect(report.breaking).toBe(true);
    expect(keysSorted(report)).toBe(true);
    const order = ['market', 'omi', 'registration', 'report', 'outbound', 'soap-mi', 'soap-omi'];
    const key = (c: (typeof report.changes)[number]): string =>
      [order.indexOf(c.module), c.path, c.kind, c.description].join('\u0000');
    const keys = report.changes.map(key);
    expect(keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(report.changes).toContainEqual(
      expect.objectContaining({
        module: 'outbound',
        path: 'OutboundDataType/ContractResultAfterGC',
        kind: 'element-removed',
        request: 'none',
        response: 'breaking',
      }),
    );
  });

  test('Markdown: a heading per module and tables', async () => {
    const run = await schemasDiff(
      '2025-02',
      '2025-12',
      '--format',
      'markdown',
      '--heading-level',
      '2',
      '--module',
      'omi',
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^## Schema changes: 2025-02 → 2025-12\n/);
    expect(run.stdout).toContain('\n### omi (`omi.xsd`)\n');
    expect(run.stdout).toContain('| Where | Change | Severity | Requests | Responses | Operations |');
    expect(run.stdout).toContain(
      '| `OffMarketContractSubmitType@LinkedArea` | attribute made optional | breaking | compatible | **breaking** |',
    );
    expect(run.stdout).not.toContain('market (');
  });

  test('exit 2 on errors, with a message', async () => {
    const [unknown, usage, format] = await Promise.all([
      schemasDiff('2025-12', 'no-such-release'),
      schemasDiff('2025-12'),
      schemasDiff('2025-02', '2025-12', '--format', 'xml'),
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"no-such-release" is neither a release in schemas/manifest.json');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('expected two releases, got 1');
    expect(usage.stderr).toContain('usage: npm run schemas:diff');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format "xml"');
    expect(unknown.stdout + usage.stdout + format.stdout).toBe('');
  });
});
