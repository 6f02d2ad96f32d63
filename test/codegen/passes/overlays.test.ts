/**
 * Pass 6, overlays: each catalog operation gets its audience, whether it may
 * answer with a file, and where its results are, from the hand-kept overlay
 * tables (codegen/overlays/). The tests read the tables for the expected
 * values: they are about the pass joining them, not about the tables' content.
 */
import { applyOverlays } from '../../../codegen/passes/overlays.js';
import { KNOWN_AUDIENCES } from '../../../codegen/overlays/audience.js';
import { CLIENT_TYPES as ALL_CLIENT_TYPES } from '../../../src/vocabulary.js';
import { QUERY_RESULTS } from '../../../codegen/overlays/query-results.js';
import { UNBOUNDED, type OperationModel } from '../../../codegen/model/model.js';
import { choice, complex, element, operation, schemaModel, sequence } from './model.js';

const reportDownload: OperationModel = {
  id: 'ReportDownloadRequest',
  name: 'ReportDownloadRequest',
  root: 'MarketReport',
  element: 'ReportDownloadRequest',
  dataType: 'ReportDownloadRequestType',
  many: false,
};

/** A market schema whose submit envelope holds the elements the query overlay points at. */
function market(
  submitElements = [
    element('OfferData', 'OfferType', { max: UNBOUNDED }),
    element('BupSubmit', 'BupType', { max: 3 }),
  ],
) {
  const model = schemaModel({
    module: 'market',
    types: [
      complex('MarketSubmitType', {
        content: sequence(element('Messages', 'MessagesType'), choice(...submitElements)),
      }),
    ],
  });
  model.operations = [
    operation('MarketSubmit', 'OfferData', { many: true }),
    operation('MarketQuery', 'OfferQuery'),
    operation('MarketQuery', 'BupQuery'),
    operation('MarketQuery', 'AwardResultsQuery'),
    reportDownload,
  ];
  return model;
}

const byId = (operations: OperationModel[], id: string): OperationModel => {
  const op = operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
};

describe('applyOverlays', () => {
  it('gives a listed operation its known audience and any other every client type, as copies', () => {
    const model = market();
    applyOverlays(model);
    const offer = byId(model.operations, 'MarketSubmit_OfferData');
    expect(offer.audience).toEqual(KNOWN_AUDIENCES['MarketSubmit_OfferData']);
    expect(offer.audience).not.toEqual(ALL_CLIENT_TYPES);
    expect(offer.audience).not.toBe(KNOWN_AUDIENCES['MarketSubmit_OfferData']);
    const awards = byId(model.operations, 'MarketQuery_AwardResultsQuery');
    expect(awards.audience).toEqual(ALL_CLIENT_TYPES);
    expect(awards.audience).not.toBe(ALL_CLIENT_TYPES);
  });

  it('marks only the file-answering operations as files', () => {
    const model = market();
    applyOverlays(model);
    expect(model.operations.filter((op) => op.files).map((op) => op.id)).toEqual(['ReportDownloadRequest']);
  });

  it('finds the results of an operation not in the query overlay in its own data element', () => {
    const model = market();
    applyOverlays(model);
    expect(byId(model.operations, 'MarketQuery_AwardResultsQuery').result).toEqual({
      envelope: 'MarketQuery',
      element: 'AwardResultsQuery',
      type: 'AwardResultsQueryType',
      many: false,
    });
    expect(byId(model.operations, 'MarketSubmit_OfferData').result).toMatchObject({ many: true });
    // A report request has no envelope, and its result has no envelope key (strict: not even undefined).
    expect(byId(model.operations, 'ReportDownloadRequest').result).toStrictEqual({
      element: 'ReportDownloadRequest',
      type: 'ReportDownloadRequestType',
      many: false,
    });
  });

  it.each([
    ['MarketQuery_OfferQuery', 'OfferType'],
    ['MarketQuery_BupQuery', 'BupType'],
  ])('finds the results of %s where the query overlay says, typed by that envelope element', (id, type) => {
    const model = market();
    applyOverlays(model);
    const mapped = QUERY_RESULTS[id];
    expect(byId(model.operations, id).result).toEqual({
      envelope: mapped?.envelope,
      element: mapped?.element,
      type,
      many: true,
      source: mapped?.source,
    });
  });

  it('counts a result element of maxOccurs 1 as one result', () => {
    const model = market([element('OfferData', 'OfferType'), element('BupSubmit', 'BupType')]);
    applyOverlays(model);
    expect(byId(model.operations, 'MarketQuery_OfferQuery').result?.many).toBe(false);
  });

  it('skips overlay entries for operations this release lacks', () => {
    const model = market();
    model.operations = [operation('MarketQuery', 'AwardResultsQuery')];
    expect(() => applyOverlays(model)).not.toThrow();
  });

  it('stops when the overlay points at a result element the release lacks', () => {
    const model = market([element('OfferData', 'OfferType')]);
    expect(() => applyOverlays(model)).toThrow(
      't.xsd: overlay says MarketQuery_BupQuery answers in MarketSubmit.BupSubmit, which this schema lacks',
    );
  });
});
