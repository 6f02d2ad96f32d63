// After `npm run build`: load the package by its own name through the
// exports map, as ESM and as CommonJS, and check both see the same API.
import { createRequire } from 'node:module';

const esm = await import('mms-client');
const cjs = createRequire(import.meta.url)('mms-client');
const names = (m) => Object.keys(m).sort().join(',');
if (names(esm) !== names(cjs)) throw new Error(`ESM and CJS exports differ:\n${names(esm)}\n${names(cjs)}`);
for (const name of ['MmsClient', 'Certificate', 'FileAuditor', 'MmsValidationError', 'toJstDateTime']) {
  if (typeof esm[name] !== 'function') throw new Error(`${name} is not exported`);
}
if (typeof esm.MmsClient.prototype.putOffer !== 'function') throw new Error('MmsClient.putOffer missing');
console.log(
  `package exports OK: ${Object.keys(esm).length} names, ${Object.keys(esm.operations).length} operations`,
);

// The schema-diff library, for tools: compare two in-memory schema sets.
const diff = await import('mms-client/schema-diff');
const empty = diff.diffReleases({ files: {} }, { files: {} });
if (!Array.isArray(empty.changes))
  throw new Error('mms-client/schema-diff: diffReleases did not return a report');
console.log('schema-diff export OK');

// The compiled generated code can be a side of a comparison under plain Node.
const generated = await diff.loadGeneratedDescriptors('dist/esm/generated');
if (generated.problems.length > 0 || generated.modules.length !== 7) {
  throw new Error(`loadGeneratedDescriptors(dist/esm/generated): ${generated.problems.join('; ')}`);
}
console.log(`generated descriptors load from dist: release ${generated.release}`);
