/** The passes, in the only order that works: each relies on the ones before. */
import type { SchemaModel } from '../model/model.js';
import { buildCatalog } from './catalog.js';
import { classifyOperations } from './kind.js';
import { flatten } from './flatten.js';
import { applyOverlays } from './overlays.js';
import { foldRestrictions } from './fold-restrictions.js';
import { chooseRepresentations } from './representation.js';
import { resolveReferences } from './resolve-references.js';
import { buildService } from './service.js';

export const PASSES: readonly { readonly name: string; readonly run: (model: SchemaModel) => void }[] = [
  { name: 'resolve-references', run: resolveReferences },
  { name: 'flatten', run: flatten },
  { name: 'fold-restrictions', run: foldRestrictions },
  { name: 'representation', run: chooseRepresentations },
  { name: 'catalog', run: buildCatalog },
  { name: 'kind', run: classifyOperations },
  { name: 'service', run: buildService },
  { name: 'overlays', run: applyOverlays },
];

/** Run the passes in order; `skip` leaves some out (the schema diff reads releases the overlays do not fit). */
export function runPasses(model: SchemaModel, options: { skip?: readonly string[] } = {}): SchemaModel {
  for (const pass of PASSES) if (!options.skip?.includes(pass.name)) pass.run(model);
  return model;
}
