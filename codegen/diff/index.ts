/**
 * Semantic diff of two MMS schema releases: what a new release adds,
 * removes and changes in the API a client calls, each change classified for
 * requests and for responses. Build-time tooling: src/ never imports it.
 *
 *   const report = diffReleases('2025-02', '2025-12');
 *   if (report.breaking) console.log(formatText(report));
 *
 * How changes are found: compare.ts (types, elements, operations) and
 * service.ts (WSDL binding facts); how they are classified: classify.ts
 * and usage.ts; how values are compared: value-space.ts.
 */
import { MODULE_FILES, MODULE_NAMES, type ModuleName } from '../schemas.js';
import { compareModule } from './compare.js';
import { SchemaDiffError } from './errors.js';
import { loadInput, type ReleaseInput } from './input.js';
import { assembleReport } from './report.js';
import { compareServices } from './service.js';
import type { SchemaDiffReport } from './types.js';

export interface DiffOptions {
  /** Compare only these modules (default: every module present in both inputs). */
  readonly modules?: readonly ModuleName[];
}

/**
 * Compare two releases module by module. Each input is a release name, a
 * directory of schema files, in-memory file contents, generated descriptors
 * or built models (see {@link ReleaseInput}).
 *
 * @throws {@link SchemaDiffError} when an input cannot be read or a module is in one input only.
 */
export function diffReleases(
  oldInput: ReleaseInput,
  newInput: ReleaseInput,
  options: DiffOptions = {},
): SchemaDiffReport {
  const old = loadInput(oldInput);
  const neu = loadInput(newInput);
  const wanted = options.modules ?? MODULE_NAMES;
  const modules = MODULE_NAMES.filter((m) => wanted.includes(m) && (old.models.has(m) || neu.models.has(m)));
  const changes = modules.flatMap((module) => {
    const a = old.models.get(module);
    const b = neu.models.get(module);
    if (!a || !b) {
      const [has, lacks] = a ? [old, neu] : [neu, old];
      throw new SchemaDiffError(
        `module ${module} (${MODULE_FILES[module]}) is in ${has.label} but not in ${lacks.label}`,
      );
    }
    return [...compareModule(module, a, b), ...compareServices(module, a.service, b.service)];
  });
  return assembleReport(old, neu, modules, changes);
}

export { SchemaDiffError } from './errors.js';
export type { ReleaseInput } from './input.js';
export { formatText } from './format-text.js';
export { formatMarkdown, type MarkdownOptions } from './format-markdown.js';
export { formatJson } from './format-json.js';
export { loadGeneratedDescriptors } from './generated.js';
export type {
  ChangeKind,
  Direction,
  Impact,
  ModuleSummary,
  OperationChange,
  ReleaseFile,
  ReleaseSide,
  SchemaChange,
  SchemaDiffReport,
  Severity,
  SeverityCounts,
} from './types.js';
