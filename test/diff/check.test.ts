/** `npm run codegen:check` says what changed in the API, not only which files differ. */
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseDir } from '../helpers/paths.js';
import { runScript } from '../helpers/subprocess.js';

test('schema files that differ from the manifest are compared with the committed generated code', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-check-'));
  try {
    cpSync(releaseDir('2025-12'), dir, { recursive: true });
    for (const file of readdirSync(dir)) chmodSync(path.join(dir, file), 0o644);
    const mpr = path.join(dir, 'mpr.xsd');
    // Remove a required attribute; relax a facet.
    const text = readFileSync(mpr, 'utf8')
      .replace(/<xs:attribute name="SkipPerformanceCheck" type="xs:boolean"\s+use="required"\/>/, '')
      .replace('<xs:maxInclusive value="500"/>', '<xs:maxInclusive value="999"/>');
    writeFileSync(mpr, text);
    const run = await runScript('scripts/check-generated.ts', [], { MMS_SCHEMA_DIR: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/mpr\.xsd: SHA-256 mismatch, expected c150fbed/);
    expect(run.stderr).toContain(
      `What the schema files in ${dir} change, compared with the committed generated code:`,
    );
    expect(run.stderr).toMatch(
      /breaking +req: breaking +resp: breaking +DrPatternSubmitType@SkipPerformanceCheck: attribute removed \(was required, type xs:boolean\)/,
    );
    expect(run.stderr).toMatch(
      /breaking +req: compatible +resp: breaking +PatternNumberType: maxInclusive 500 → 999/,
    );
    expect(run.stderr).toContain('market (mi-market.xsd): no changes (identical files)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
