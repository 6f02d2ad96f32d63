/** Where tests find the repository, the vendor schemas and the shared fixtures. */
import path from 'node:path';

/** jest runs from the repository root. */
export const REPO_ROOT = process.cwd();
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const SAMPLES = path.join(FIXTURES, 'samples');

export function releaseDir(release: string): string {
  const env = process.env['MMS_SCHEMA_DIR'];
  if (env) return path.basename(env) === release ? env : path.join(env, release);
  return path.join(SHARED, 'mms-schemas', release);
}
