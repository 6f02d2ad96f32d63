/**
 * `npm run api`: write the API report of every package entry point into
 * api/ (API Extractor, from the built declarations in dist/esm).
 * `npm run api:check` (`--check`): fail, with the difference, when an entry's
 * exported API differs from its committed report, so a removed or changed
 * export fails CI until the report is updated in the same change.
 * Both scripts build first; this file alone reads whatever dist/ holds.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type IConfigFile,
} from '@microsoft/api-extractor';

const ROOT = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

/** Report name → declaration file of the entry, from the package.json `exports` map. */
function entries(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { import: { types: string } }>;
  };
  const result = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    result.set(name, path.join(ROOT, target.import.types));
  }
  return result;
}

function config(name: string, entry: string): ExtractorConfig {
  const configObject: IConfigFile = {
    projectFolder: ROOT,
    mainEntryPointFilePath: entry,
    compiler: { tsconfigFilePath: path.join(ROOT, 'tsconfig.build.json') },
    apiReport: {
      enabled: true,
      reportFileName: `${name}.api.md`,
      reportFolder: path.join(ROOT, 'api'),
      reportTempFolder: path.join(ROOT, '.tmp', 'api'),
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // Findings about the API (a type it uses but does not export, say)
      // are written into the report, where review sees them. The report is
      // about the shape of the API: no release tags in this project, and
      // schema-derived doc comments are not TSDoc.
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        // Listed with the .d.ts line number, so any comment above moved every
        // line of the report; which declarations lack docs is not API shape.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
      },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: undefined,
    packageJsonFullPath: path.join(ROOT, 'package.json'),
  });
}

const all = entries();
const missing = [...all.values()].filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`not built: ${missing.map((f) => path.relative(ROOT, f)).join(', ')} (run npm run build)`);
  process.exit(1);
}
if (!check) mkdirSync(path.join(ROOT, 'api'), { recursive: true });
const configs = [...all].map(([name, entry]) => [name, config(name, entry)] as const);
// One TypeScript program for every entry.
const compilerState = CompilerState.create(configs[0]![1], { additionalEntryPoints: [...all.values()] });
const changed: string[] = [];
for (const [name, extractorConfig] of configs) {
  const result = Extractor.invoke(extractorConfig, {
    localBuild: !check,
    compilerState,
    messageCallback: (message) => {
      // Only problems are worth a line; progress messages are not.
      if (message.logLevel === ExtractorLogLevel.Info || message.logLevel === ExtractorLogLevel.Verbose)
        message.handled = true;
    },
  });
  if (result.errorCount > 0) {
    console.error(`api: ${name}: ${result.errorCount} errors`);
    process.exit(1);
  }
  if (result.apiReportChanged) changed.push(name);
}
if (check && changed.length > 0) {
  console.error(
    `api: the exported API of ${changed.join(', ')} differs from api/*.api.md (the new reports are in .tmp/api/).\n` +
      'If the change is intended, run `npm run api` and commit the reports with it.',
  );
  process.exit(1);
}
console.log(
  check
    ? `api: ${all.size} entry points match their reports`
    : `api: ${changed.length > 0 ? `updated ${changed.join(', ')}` : 'no change'} (${all.size} entry points)`,
);
