/**
 * The semantic part of `npm run codegen:check`. When the schema files no
 * longer match schemas/manifest.json, or generated/ no longer matches the
 * schema files, say what changed in the API, not only which files differ.
 *
 * The comparison is between the committed generated/ descriptors and the
 * schema files: the manifest holds only digests, and a user who received
 * new schema files may not have the old ones, but always has the generated
 * code the client was built from (from-descriptors.ts explains why that is
 * enough).
 */
import { diffReleases } from './index.js';
import { formatText } from './format-text.js';
import { loadGeneratedDescriptors } from './generated.js';
import type { ReleaseInput } from './input.js';

export async function describeSemanticDrift(generatedDir: string, current: ReleaseInput): Promise<string> {
  const generated = await loadGeneratedDescriptors(generatedDir);
  const notes = generated.problems.map((p) => `  (not compared: ${p})`);
  if (generated.modules.length === 0) return ['semantic comparison unavailable:', ...notes].join('\n');
  try {
    const report = diffReleases(generated.input, current, { modules: generated.modules });
    const body =
      report.summary.total === 0
        ? 'Semantic comparison: the generated descriptors and the schema files describe the same API.'
        : formatText(report).trimEnd();
    return [body, ...notes].join('\n');
  } catch (err) {
    return [`semantic comparison unavailable: ${(err as Error).message}`, ...notes].join('\n');
  }
}
