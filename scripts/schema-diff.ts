/**
 * `npm run schemas:diff -- <old> <new> [--format text|markdown|json]`:
 * what a schema release changes in the MMS API, classified for requests and
 * for responses (codegen/diff/).
 *
 *   <old>, <new>   a release in schemas/manifest.json (2024-03, 2025-02, 2025-12),
 *                  a directory holding the seven schema files (not verified), or
 *                  a directory of generated code (e.g. `generated`, the committed one)
 *   --format       text (default), markdown, json
 *   --heading-level N   Markdown title level (modules one below; default 1)
 *   --module NAME  compare only this module (repeatable)
 *
 * Exit code: 0 when nothing breaks, 1 when a change is breaking or possibly
 * breaking in either direction (a pattern change the tool cannot prove safe
 * counts: a gate should stop on what nobody checked), 2 on error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  diffReleases,
  formatJson,
  formatMarkdown,
  formatText,
  loadGeneratedDescriptors,
  type ReleaseInput,
} from '../codegen/diff/index.js';
import { isGeneratedDir } from '../codegen/diff/generated.js';
import { MODULE_NAMES, type ModuleName } from '../codegen/schemas.js';

const USAGE = `usage: npm run schemas:diff -- <old> <new> [--format text|markdown|json] [--heading-level N] [--module NAME]...
  <old>, <new>: a release name from schemas/manifest.json, a directory of schema files,
                or a directory of generated code (e.g. generated)
exit code: 0 nothing breaks, 1 something breaks or possibly breaks, 2 error`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function resolveInput(spec: string): Promise<ReleaseInput> {
  if (!isGeneratedDir(spec)) return spec;
  const generated = await loadGeneratedDescriptors(path.resolve(spec));
  if (generated.problems.length > 0)
    throw new UsageError(`cannot read the generated code in ${spec}:\n  ${generated.problems.join('\n  ')}`);
  return generated.input;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'heading-level': { type: 'string' },
      module: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`expected two releases, got ${positionals.length}`);
  const format = values.format;
  if (format !== 'text' && format !== 'markdown' && format !== 'json')
    throw new UsageError(`unknown format "${format}" (text, markdown or json)`);
  const modules = values.module ?? [];
  const unknown = modules.filter((m) => !(MODULE_NAMES as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new UsageError(`unknown module ${unknown.join(', ')} (modules: ${MODULE_NAMES.join(', ')})`);
  const headingLevel = values['heading-level'] === undefined ? 1 : Number(values['heading-level']);
  if (!Number.isInteger(headingLevel) || headingLevel < 1 || headingLevel > 5)
    throw new UsageError(`--heading-level must be 1 to 5`);

  const [oldSpec, newSpec] = positionals as [string, string];
  const report = diffReleases(
    await resolveInput(oldSpec),
    await resolveInput(newSpec),
    modules.length > 0 ? { modules: modules as ModuleName[] } : {},
  );
  process.stdout.write(
    format === 'json'
      ? formatJson(report)
      : format === 'markdown'
        ? formatMarkdown(report, { headingLevel })
        : formatText(report),
  );
  return report.breaking ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`schemas:diff: ${message}`);
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      console.error(USAGE);
    process.exitCode = 2;
  },
);
