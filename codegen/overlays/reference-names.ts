/**
 * Hand-kept overlay: the method names of the reference client (mms-client
 * for Python 1.12.3, e.g. `put_offer`, `query_awards`), in camelCase, as the
 * same calls of this client. Evidence: the reference client's request and
 * response samples (../shared/fixtures/samples, named after its methods:
 * `put_offer_request.xml`, `query_awards_request.xml`, …) and the model class
 * each method takes (`model`, a key of ../shared/reference/fields.json, which
 * a test checks). Emitted into generated/methods.ts as the `ReferenceMethods`
 * interface and the `REFERENCE_NAMES` table the client defines them from.
 *
 * Shapes: `one` sends one item and returns the one item sent back; `list`
 * sends a list and returns the list; `request` sends one request (a query, a
 * report request) and returns its result; `transactionId` takes the
 * transaction id of a created report.
 */
export type ReferenceShape = 'one' | 'list' | 'request' | 'transactionId';

export interface ReferenceName {
  readonly operation: string;
  readonly shape: ReferenceShape;
  /** Name of the data parameter in the declaration. */
  readonly parameter: string;
  /** Doc comment, in our own words. */
  readonly doc: string;
  /** The reference client's model class for the data (../shared/reference/fields.json). */
  readonly model: string;
}

const entry = (
  operation: string,
  shape: ReferenceShape,
  parameter: string,
  model: string,
  doc: string,
): ReferenceName => ({ operation, shape, parameter, model, doc });

/** Reference method → the catalog operation it calls. */
export const REFERENCE_NAMES: Readonly<Record<string, ReferenceName>> = {
  putOffer: entry('MarketSubmit_OfferData', 'one', 'offer', 'OfferData', 'Submit one offer'),
  putOffers: entry('MarketSubmit_OfferData', 'list', 'offers', 'OfferData', 'Submit offers'),
  queryOffers: entry(
    'MarketQuery_OfferQuery',
    'request',
    'query',
    'OfferQuery',
    'Query offers; the MMS answers with the offers',
  ),
  cancelOffer: entry('MarketCancel_OfferCancel', 'one', 'cancel', 'OfferCancel', 'Cancel an offer'),
  queryAwards: entry(
    'MarketQuery_AwardResultsQuery',
    'request',
    'query',
    'AwardQuery',
    'Query awards; results in `data.AwardResultsQueryResponse`',
  ),
  queryReserveRequirements: entry(
    'MarketQuery_ReserveRequirementQuery',
    'request',
    'query',
    'ReserveRequirementQuery',
    'Query reserve requirements',
  ),
  getSettlementResults: entry(
    'MarketQuery_SettlementResultsFileListQuery',
    'request',
    'query',
    'SettlementResults',
    'List settlement result files',
  ),
  putBup: entry('MarketSubmit_BupSubmit', 'one', 'bup', 'BalancingUnitPriceSubmit', 'Submit one BUP'),
  putBups: entry('MarketSubmit_BupSubmit', 'list', 'bups', 'BalancingUnitPriceSubmit', 'Submit BUPs'),
  queryBups: entry('MarketQuery_BupQuery', 'request', 'query', 'BalancingUnitPriceQuery', 'Query BUPs'),
  putResource: entry(
    'RegistrationSubmit_Resource',
    'one',
    'resource',
    'ResourceData',
    'Register one resource',
  ),
  queryResources: entry('RegistrationQuery_Resource', 'request', 'query', 'ResourceQuery', 'Query resources'),
  createReport: entry(
    'ReportCreateRequest',
    'request',
    'request',
    'NewReportRequest',
    'Ask for a report; `statistics.TransactionId` names it for `downloadReport`',
  ),
  listReports: entry('ReportListRequest', 'request', 'request', 'ReportBase', 'List reports'),
  downloadReport: entry(
    'ReportDownloadRequestTrnID',
    'transactionId',
    'transactionId',
    'ReportDownloadRequestTrnID',
    'Download a report by the transaction id of its create request: `data` holds an `OutboundData` document, or `file` the report file',
  ),
  putSurplusCapacity: entry(
    'Omi_MarketSubmit_RemainingReserveData',
    'one',
    'capacity',
    'SurplusCapacitySubmit',
    'Submit one surplus capacity (OMI)',
  ),
  putSurplusCapacities: entry(
    'Omi_MarketSubmit_RemainingReserveData',
    'list',
    'capacities',
    'SurplusCapacitySubmit',
    'Submit surplus capacities (OMI)',
  ),
  querySurplusCapacity: entry(
    'Omi_MarketQuery_RemainingReserveDataQuery',
    'request',
    'query',
    'SurplusCapacityQuery',
    'Query surplus capacity (OMI)',
  ),
};
