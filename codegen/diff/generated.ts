/**
 * The committed generated/ code as a side of a comparison. Each module's
 * descriptors.ts is imported on its own, so one broken or missing generated
 * file costs only that module. The release and the input digests come from
 * the header every generated file starts with (emit/header.ts).
 *
 * Loading is asynchronous (a dynamic import): `descriptors.js` of compiled
 * output (dist/esm/generated) under plain Node, or `descriptors.ts` under tsx.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleDescriptor } from '../../src/xml/descriptors.js';
import { MODULE_NAMES, type ModuleName } from '../schemas.js';
import type { ReleaseInput } from './input.js';

export interface GeneratedDescriptors {
  readonly input: ReleaseInput;
  /** The schema release named in the generated headers, when they agree. */
  readonly release: string | undefined;
  readonly modules: readonly ModuleName[];
  /** Modules that could not be loaded, with the reason. */
  readonly problems: readonly string[];
}

function isModuleDescriptor(value: unknown): value is ModuleDescriptor {
  const d = value as Partial<ModuleDescriptor> | undefined;
  return typeof d === 'object' && d !== null && typeof d.types === 'object' && typeof d.elements === 'object';
}

export async function loadGeneratedDescriptors(dir: string): Promise<GeneratedDescriptors> {
  const descriptors: Partial<Record<ModuleName, ModuleDescriptor>> = {};
  const digests: Partial<Record<ModuleName, string>> = {};
  const releases = new Set<string>();
  const problems: string[] = [];
  for (const module of MODULE_NAMES) {
    const file = descriptorsFile(dir, module);
    if (file === undefined) {
      problems.push(`${module}: ${path.resolve(dir, module)}/descriptors.{js,ts} is missing`);
      continue;
    }
    try {
      const text = readFileSync(file, 'utf8');
      const loaded = (await import(pathToFileURL(file).href)) as { descriptors?: unknown };
      if (!isModuleDescriptor(loaded.descriptors)) throw new Error('it exports no descriptors');
      descriptors[module] = loaded.descriptors;
      // Descriptors carry their release and digest; older generated code only says so in its header.
      const release = loaded.descriptors.release ?? /from MMS schema release (\S+)\.$/m.exec(text)?.[1];
      if (release) releases.add(release);
      const digest = loaded.descriptors.sha256 || /^\/\/ Input: \S+ sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
      if (digest) digests[module] = digest;
    } catch (err) {
      problems.push(`${module}: cannot load ${file}: ${(err as Error).message}`);
    }
  }
  const release = releases.size === 1 ? [...releases][0] : undefined;
  const relative = path.relative(process.cwd(), dir);
  const where = relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
  return {
    input: {
      descriptors,
      digests,
      label: `${where}/ (generated${release ? `, release ${release}` : ''})`,
    },
    release,
    modules: MODULE_NAMES.filter((m) => descriptors[m] !== undefined),
    problems,
  };
}

function descriptorsFile(dir: string, module: string): string | undefined {
  return ['descriptors.js', 'descriptors.ts']
    .map((f) => path.resolve(dir, module, f))
    .find((f) => existsSync(f));
}

/** A directory of generated code rather than of schema files. */
export function isGeneratedDir(dir: string): boolean {
  return descriptorsFile(dir, 'market') !== undefined;
}
