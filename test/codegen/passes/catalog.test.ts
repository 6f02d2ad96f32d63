/**
 * Pass 5, catalog: the payload root's choice lists the envelopes, and every
 * element of an envelope but `Messages` is an operation; in the report
 * schema the root's alternatives are the requests themselves.
 */
import { buildCatalog } from '../../../codegen/passes/catalog.js';
import { UNBOUNDED } from '../../../codegen/model/model.js';
import type { ModuleName } from '../../../codegen/schemas.js';
import { choice, complex, element, operation, schemaModel, sequence } from './model.js';

const standingData = element('StandingData', 'StandingDataType');
const bupSubmit = element('BupSubmit', 'BupType', { max: 3 });

/** A market-like schema: a submit envelope whose choice nests a sequence, and a query envelope. */
function marketLike(module: ModuleName) {
  return schemaModel({
    module,
    elements: [element('MarketData', 'MarketDataType')],
    types: [
      complex('MarketDataType', {
        content: sequence(
          choice(element('MarketSubmit', 'MarketSubmitType'), element('MarketQuery', 'MarketQueryType')),
        ),
      }),
      complex('MarketSubmitType', {
        content: sequence(
          element('Messages', 'MessagesType'),
          choice(element('OfferData', 'OfferType', { max: UNBOUNDED }), sequence(standingData, bupSubmit)),
        ),
      }),
      complex('MarketQueryType', {
        content: sequence(
          element('Messages', 'MessagesType'),
          element('OfferQuery', 'OfferQueryType'),
          element('Note', 'xs:string'),
        ),
      }),
    ],
  });
}

describe('buildCatalog', () => {
  it('makes each data element of each envelope an operation, skipping Messages', () => {
    const model = marketLike('market');
    buildCatalog(model);
    expect(model.operations).toEqual([
      operation('MarketSubmit', 'OfferData', { dataType: 'OfferType', many: true }),
      // Elements of a sequence nested in the envelope travel together.
      operation('MarketSubmit', 'StandingData', { companions: [bupSubmit] }),
      operation('MarketSubmit', 'BupSubmit', { dataType: 'BupType', many: true, companions: [standingData] }),
      // The envelope's own top-level sequence does not make companions.
      operation('MarketQuery', 'OfferQuery'),
      operation('MarketQuery', 'Note', { dataType: 'xs:string' }),
    ]);
  });

  it('prefixes OMI operation ids, not their names, since OMI reuses MI envelope names', () => {
    const model = marketLike('omi');
    buildCatalog(model);
    expect(model.operations.map((op) => [op.id, op.name])).toContainEqual([
      'Omi_MarketQuery_OfferQuery',
      'MarketQuery_OfferQuery',
    ]);
    expect(model.operations.every((op) => op.id === `Omi_${op.name}`)).toBe(true);
  });

  it('names report requests after their element, with no envelope', () => {
    const model = schemaModel({
      module: 'report',
      elements: [element('MarketReport', 'MarketReportType')],
      types: [complex('MarketReportType', { content: choice(element('ReportCreateRequest', 'CreateType')) })],
    });
    buildCatalog(model);
    expect(model.operations).toEqual([
      {
        id: 'ReportCreateRequest',
        name: 'ReportCreateRequest',
        root: 'MarketReport',
        element: 'ReportCreateRequest',
        dataType: 'CreateType',
        many: false,
      },
    ]);
  });

  it('leaves a module that carries no payloads without operations', () => {
    const model = marketLike('outbound');
    buildCatalog(model);
    expect(model.operations).toEqual([]);
  });

  it('refuses a payload schema without its root element', () => {
    expect(() => buildCatalog(schemaModel({ module: 'market' }))).toThrow(
      't.xsd: payload root element MarketData not found',
    );
  });

  it('refuses a root without a choice of envelopes', () => {
    const model = schemaModel({
      module: 'market',
      elements: [element('MarketData', 'MarketDataType')],
      types: [complex('MarketDataType', { content: sequence(element('MarketSubmit', 'MarketSubmitType')) })],
    });
    expect(() => buildCatalog(model)).toThrow('t.xsd: MarketData has no choice of envelopes');
  });
});
