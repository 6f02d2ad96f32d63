/**
 * The method names of the reference client (mms-client for Python), as the
 * same calls: users moving from it find putOffer, queryAwards and the rest.
 * The table and the typed interface are generated from a cited overlay
 * (codegen/overlays/reference-names.ts); this module keeps their public path.
 */
export { REFERENCE_NAMES, type ReferenceMethods, type ReferenceName } from '../../generated/methods.js';
