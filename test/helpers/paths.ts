/** Where tests find the repository, the vendor schemas and the shared fixtures. */
import path from 'node:path';
import { schemaDir } from '../../codegen/schemas.js';

/** jest runs from the repository root. */
export const REPO_ROOT = process.cwd();
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const SAMPLES = path.join(FIXTURES, 'samples');

/** A release's schema folder, resolved exactly as codegen resolves it (MMS_SCHEMA_DIR, else ../shared). */
export function releaseDir(release: string): string {
  return schemaDir(release, REPO_ROOT);
}
