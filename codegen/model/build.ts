/** Schema files of a release → one finished model per module. */
import { readSchemaFile } from '../read/xsd.js';
import { runPasses } from '../passes/index.js';
import { linkRelease } from '../passes/release.js';
import { loadRelease, MODULE_FILES, MODULE_NAMES, type ModuleName, type SchemaFile } from '../schemas.js';
import type { SchemaModel } from './model.js';

export function buildModels(files: readonly SchemaFile[]): Map<ModuleName, SchemaModel> {
  const models = new Map<ModuleName, SchemaModel>();
  for (const module of MODULE_NAMES) {
    const file = files.find((f) => f.file === MODULE_FILES[module]);
    if (!file) throw new Error(`schema file ${MODULE_FILES[module]} missing`);
    models.set(module, runPasses(readSchemaFile(module, file.file, file.sha256, file.text)));
  }
  linkRelease(models);
  return models;
}

export function buildRelease(
  release: string,
  options: { dir?: string; verify?: boolean } = {},
): { files: SchemaFile[]; models: Map<ModuleName, SchemaModel> } {
  const files = loadRelease(release, options);
  return { files, models: buildModels(files) };
}
