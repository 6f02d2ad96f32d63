/**
 * Locating the vendor schema files and checking them against
 * schemas/manifest.json. The files are never part of the repository: they
 * come from MMS_SCHEMA_DIR, or from ../shared/mms-schemas/<release>.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Interface } from '../src/vocabulary.js';

export interface Manifest {
  readonly current: string;
  readonly releases: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The schema modules of a release: generated folder name → file. */
export const MODULE_FILES = {
  market: 'mi-market.xsd',
  omi: 'omi.xsd',
  registration: 'mpr.xsd',
  report: 'mi-report.xsd',
  outbound: 'mi-outbnd-reports.xsd',
  'soap-mi': 'mi-web-service-jbms.wsdl',
  'soap-omi': 'omi-web-service.wsdl',
} as const;

export type ModuleName = keyof typeof MODULE_FILES;
export const MODULE_NAMES = Object.keys(MODULE_FILES) as ModuleName[];

export class SchemaFileError extends Error {
  override readonly name = 'SchemaFileError';
}

/** Repository root: the folder holding package.json and schemas/manifest.json. */
export function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, 'schemas', 'manifest.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new SchemaFileError('cannot find schemas/manifest.json above ' + process.cwd());
    dir = parent;
  }
  return dir;
}

export function readManifest(root = repoRoot()): Manifest {
  return JSON.parse(readFileSync(path.join(root, 'schemas', 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * The directory holding one release's files. MMS_SCHEMA_DIR names either the
 * release folder itself (it holds the .xsd files) or a folder of releases.
 */
export function schemaDir(release: string, root = repoRoot()): string {
  const env = process.env['MMS_SCHEMA_DIR'];
  if (env) {
    const asRelease = path.join(env, release);
    return existsSync(asRelease) ? asRelease : env;
  }
  return path.resolve(root, '..', 'shared', 'mms-schemas', release);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface SchemaFile {
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  readonly text: string;
}

/**
 * Read every file of a release and verify its digest against the manifest.
 * Any missing file or mismatch stops with a message naming the file and both
 * digests, so a user never generates from schemas nobody reviewed.
 */
export function loadRelease(release: string, options: { dir?: string; verify?: boolean } = {}): SchemaFile[] {
  const root = repoRoot();
  const manifest = readManifest(root);
  const expected = manifest.releases[release];
  const dir = options.dir ?? schemaDir(release, root);
  const verify = options.verify ?? true;
  if (!expected && verify) {
    throw new SchemaFileError(
      `release ${release} is not in schemas/manifest.json (known: ${Object.keys(manifest.releases).join(', ')})`,
    );
  }
  const problems: string[] = [];
  const files: SchemaFile[] = [];
  for (const file of Object.values(MODULE_FILES)) {
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      problems.push(
        `${file}: missing (looked in ${dir}; set MMS_SCHEMA_DIR to the folder of the MMS schema files)`,
      );
      continue;
    }
    const bytes = readFileSync(full);
    const digest = sha256(bytes);
    const want = expected?.[file];
    if (verify && want !== digest) {
      problems.push(`${file}: SHA-256 mismatch, expected ${want ?? '(not in manifest)'}, actual ${digest}`);
    }
    files.push({ file, path: full, sha256: digest, text: bytes.toString('utf8') });
  }
  if (problems.length > 0) {
    throw new SchemaFileError(
      `schema files of release ${release} do not match schemas/manifest.json:\n  ${problems.join('\n  ')}`,
    );
  }
  return files;
}

/** The WSDL modules and the service each describes. */
export const SERVICE_MODULES = { 'soap-mi': 'MI', 'soap-omi': 'OMI' } as const satisfies Partial<
  Record<ModuleName, Interface>
>;
export type ServiceModule = keyof typeof SERVICE_MODULES;

export function isServiceModule(module: ModuleName): module is ServiceModule {
  return module in SERVICE_MODULES;
}
