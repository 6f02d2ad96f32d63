/**
 * The two sides of a comparison, from whatever the caller has: a release
 * named in schemas/manifest.json (read and verified like codegen does), a
 * directory of schema files (not verified: it is usually a release nobody
 * has reviewed yet, which is the point of diffing it), file contents in
 * memory, generated descriptors, or finished models.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleDescriptor } from '../../src/xml/descriptors.js';
import type { SchemaModel } from '../model/model.js';
import { runPasses } from '../passes/index.js';
import { readSchemaFile } from '../read/xsd.js';
import {
  loadRelease,
  MODULE_FILES,
  MODULE_NAMES,
  readManifest,
  sha256,
  type ModuleName,
} from '../schemas.js';
import { SchemaDiffError } from './errors.js';
import { modelFromDescriptors } from './from-descriptors.js';
import type { ReleaseFile } from './types.js';

export type ReleaseInput =
  /** A release name from schemas/manifest.json, or a directory path (write `./name` to force a directory). */
  | string
  /** A manifest release, read from `dir` (default: MMS_SCHEMA_DIR or ../shared/mms-schemas) and verified unless `verify: false`. */
  | { readonly release: string; readonly dir?: string; readonly verify?: boolean; readonly label?: string }
  /** A directory holding the seven schema files. */
  | { readonly dir: string; readonly label?: string }
  /** Schema file contents by file name (`mi-market.xsd`, …); any subset of the seven modules. */
  | { readonly files: Readonly<Record<string, string>>; readonly label?: string }
  /** Generated descriptors by module (what generated/<module>/descriptors.ts exports). */
  | {
      readonly descriptors: Readonly<Partial<Record<ModuleName, ModuleDescriptor>>>;
      readonly digests?: Readonly<Partial<Record<ModuleName, string>>>;
      readonly label?: string;
    }
  /** Models built by codegen/model/build.ts. */
  | { readonly models: ReadonlyMap<ModuleName, SchemaModel>; readonly label?: string };

export interface LoadedRelease {
  readonly label: string;
  readonly models: ReadonlyMap<ModuleName, SchemaModel>;
  readonly files: readonly ReleaseFile[];
}

const FILE_MODULES = new Map<string, ModuleName>(MODULE_NAMES.map((m) => [MODULE_FILES[m], m]));

/**
 * Every pass except the overlays: the overlays stop generation when a
 * release lacks an element they name, but a diff must read such a release
 * (usage.ts reads the query-result overlay tolerantly instead).
 */
function buildModel(module: ModuleName, file: string, bytes: Buffer): SchemaModel {
  return runPasses(readSchemaFile(module, file, sha256(bytes), bytes.toString('utf8')), {
    skip: ['overlays'],
  });
}

function wrap<T>(label: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof SchemaDiffError) throw err;
    throw new SchemaDiffError(`${label}: ${(err as Error).message}`, { cause: err });
  }
}

function filesOf(models: ReadonlyMap<ModuleName, SchemaModel>): ReleaseFile[] {
  return MODULE_NAMES.flatMap((module) => {
    const model = models.get(module);
    if (!model) return [];
    return [{ module, file: model.file, ...(model.sha256 ? { sha256: model.sha256 } : {}) }];
  });
}

function loaded(label: string, models: ReadonlyMap<ModuleName, SchemaModel>): LoadedRelease {
  return { label, models, files: filesOf(models) };
}

function fromTexts(label: string, texts: ReadonlyMap<string, Buffer>): LoadedRelease {
  const models = new Map<ModuleName, SchemaModel>();
  for (const module of MODULE_NAMES) {
    const file = MODULE_FILES[module];
    const bytes = texts.get(file);
    if (bytes === undefined) continue;
    models.set(
      module,
      wrap(label, () => buildModel(module, file, bytes)),
    );
  }
  return loaded(label, models);
}

function fromDirectory(dir: string, label: string): LoadedRelease {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new SchemaDiffError(`${label}: ${dir} is not a directory`);
  const texts = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const file of Object.values(MODULE_FILES)) {
    const full = path.join(dir, file);
    if (existsSync(full)) texts.set(file, readFileSync(full));
    else missing.push(file);
  }
  if (missing.length > 0)
    throw new SchemaDiffError(
      `${label}: ${dir} lacks ${missing.join(', ')} (a release has all seven schema files)`,
    );
  return fromTexts(label, texts);
}

function knownReleases(): string[] {
  try {
    return Object.keys(readManifest().releases);
  } catch {
    return []; // outside the repository: only directories can be named
  }
}

function fromString(spec: string): LoadedRelease {
  const looksLikePath = /[\\/]/.test(spec) || spec.startsWith('.');
  const releases = looksLikePath ? [] : knownReleases();
  if (releases.includes(spec)) return fromRelease(spec, undefined, true, spec);
  if (existsSync(spec)) return fromDirectory(spec, spec);
  throw new SchemaDiffError(
    `"${spec}" is neither a release in schemas/manifest.json (known: ${knownReleases().join(', ') || 'none'}) nor a directory`,
  );
}

function fromRelease(
  release: string,
  dir: string | undefined,
  verify: boolean,
  label: string,
): LoadedRelease {
  const files = wrap(label, () => loadRelease(release, { ...(dir !== undefined ? { dir } : {}), verify }));
  // The verified text itself, not a second read that could see other bytes.
  return fromTexts(label, new Map(files.map((f) => [f.file, Buffer.from(f.text, 'utf8')])));
}

export function loadInput(input: ReleaseInput): LoadedRelease {
  if (typeof input === 'string') return fromString(input);
  if ('release' in input)
    return fromRelease(input.release, input.dir, input.verify ?? true, input.label ?? input.release);
  if ('dir' in input) return fromDirectory(input.dir, input.label ?? input.dir);
  if ('files' in input) {
    const label = input.label ?? 'in-memory schema files';
    const unknown = Object.keys(input.files).filter((f) => !FILE_MODULES.has(f));
    if (unknown.length > 0)
      throw new SchemaDiffError(
        `${label}: not an MMS schema file: ${unknown.join(', ')} (expected ${[...FILE_MODULES.keys()].join(', ')})`,
      );
    return fromTexts(
      label,
      new Map(Object.entries(input.files).map(([file, text]) => [file, Buffer.from(text, 'utf8')])),
    );
  }
  if ('descriptors' in input) {
    const label = input.label ?? 'generated descriptors';
    const models = new Map<ModuleName, SchemaModel>();
    for (const module of MODULE_NAMES) {
      const descriptors = input.descriptors[module];
      if (descriptors)
        models.set(
          module,
          wrap(label, () => modelFromDescriptors(descriptors, input.digests?.[module] ?? '')),
        );
    }
    return loaded(label, models);
  }
  return loaded(input.label ?? 'models', input.models);
}
