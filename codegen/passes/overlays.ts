/**
 * Pass 6: attach the hand-kept overlays to the catalog: the audience of each
 * operation, where its results come back, whether it answers with files, and
 * what the client fills into its data items. An overlay entry that names an
 * operation this release lacks is skipped (overlays span releases); one that
 * names a result element the release lacks stops generation.
 */
import { KNOWN_AUDIENCES } from '../overlays/audience.js';
import { CLIENT_TYPES } from '../../src/vocabulary.js';
import { FILE_RESULTS } from '../overlays/file-results.js';
import { FILLED_IN_DATA } from '../overlays/filled-in-data.js';
import { QUERY_RESULTS } from '../overlays/query-results.js';
import { UNBOUNDED, type SchemaModel } from '../model/model.js';
import { complexContent, elementsOf } from './catalog.js';

export function applyOverlays(model: SchemaModel): void {
  for (const op of model.operations) {
    op.audience = [...(KNOWN_AUDIENCES[op.id] ?? CLIENT_TYPES)];
    if (FILE_RESULTS.has(op.id)) op.files = true;
    const filled = FILLED_IN_DATA[op.id];
    if (filled) op.filledInData = [...filled];
    const mapped = QUERY_RESULTS[op.id];
    if (!mapped) {
      op.result = {
        ...(op.envelope ? { envelope: op.envelope } : {}),
        element: op.element,
        type: op.dataType,
        many: op.many,
      };
      continue;
    }
    const envelope = model.operations.find((o) => o.envelope === mapped.envelope);
    const element = envelope?.envelopeType
      ? elementsOf(complexContent(model, envelope.envelopeType)).find((e) => e.name === mapped.element)
      : undefined;
    if (!element) {
      throw new Error(
        `${model.file}: overlay says ${op.id} answers in ${mapped.envelope}.${mapped.element}, which this schema lacks`,
      );
    }
    op.result = {
      envelope: mapped.envelope,
      element: mapped.element,
      type: element.type,
      many: element.max === UNBOUNDED || element.max > 1,
      source: mapped.source,
    };
  }
}
