/**
 * The method names of the reference client (mms-client for Python), as the
 * same calls: users moving from it find putOffer, queryAwards and the rest.
 * Each is the generic request of one catalog operation; the `…s` forms take
 * lists, the singular forms one item and return the one item sent back.
 */
import type { market, omi, registration, report } from '../../generated/index.js';
import type { MmsResult } from './result.js';
import type { CallOptions, CallResult, EnvelopeInput, Input } from './types.js';

type One<K extends keyof typeof REFERENCE_NAMES> = (typeof REFERENCE_NAMES)[K];

/** Reference method → [operation, shape]: `one` wraps the item in a list and unwraps the answer. */
export const REFERENCE_NAMES = {
  putOffer: ['MarketSubmit_OfferData', 'one'],
  putOffers: ['MarketSubmit_OfferData', 'list'],
  queryOffers: ['MarketQuery_OfferQuery', 'list'],
  cancelOffer: ['MarketCancel_OfferCancel', 'one'],
  queryAwards: ['MarketQuery_AwardResultsQuery', 'list'],
  queryReserveRequirements: ['MarketQuery_ReserveRequirementQuery', 'list'],
  getSettlementResults: ['MarketQuery_SettlementResultsFileListQuery', 'list'],
  putBup: ['MarketSubmit_BupSubmit', 'one'],
  putBups: ['MarketSubmit_BupSubmit', 'list'],
  queryBups: ['MarketQuery_BupQuery', 'list'],
  putResource: ['RegistrationSubmit_Resource', 'one'],
  queryResources: ['RegistrationQuery_Resource', 'list'],
  createReport: ['ReportCreateRequest', 'list'],
  listReports: ['ReportListRequest', 'list'],
  putSurplusCapacity: ['Omi_MarketSubmit_RemainingReserveData', 'one'],
  putSurplusCapacities: ['Omi_MarketSubmit_RemainingReserveData', 'list'],
  querySurplusCapacity: ['Omi_MarketQuery_RemainingReserveDataQuery', 'list'],
} as const;

export type ReferenceName = keyof typeof REFERENCE_NAMES;
export type ReferenceOperation<K extends ReferenceName> = One<K>[0];

/** The reference client's calls, typed. */
export interface ReferenceMethods {
  /** Submit one offer (`MarketSubmit_OfferData`); BSP only. */
  putOffer(
    attributes: EnvelopeInput<'MarketSubmit_OfferData'>,
    offer: Input<market.OfferDataSubmitType>,
    options?: CallOptions,
  ): Promise<MmsResult<market.OfferDataSubmitType | undefined>>;
  /** Submit offers (`MarketSubmit_OfferData`); BSP only. */
  putOffers(
    attributes: EnvelopeInput<'MarketSubmit_OfferData'>,
    offers: readonly Input<market.OfferDataSubmitType>[],
    options?: CallOptions,
  ): Promise<CallResult<'MarketSubmit_OfferData'>>;
  /** Query offers (`MarketQuery_OfferQuery`); the MMS answers with the offers. */
  queryOffers(
    attributes: EnvelopeInput<'MarketQuery_OfferQuery'>,
    query: Input<market.OfferQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'MarketQuery_OfferQuery'>>;
  /** Cancel an offer (`MarketCancel_OfferCancel`); BSP only. */
  cancelOffer(
    attributes: EnvelopeInput<'MarketCancel_OfferCancel'>,
    cancel: Input<market.OfferCancelType>,
    options?: CallOptions,
  ): Promise<MmsResult<market.OfferCancelType | undefined>>;
  /** Query awards (`MarketQuery_AwardResultsQuery`); results in `data.AwardResultsQueryResponse`. */
  queryAwards(
    attributes: EnvelopeInput<'MarketQuery_AwardResultsQuery'>,
    query: Input<market.AwardResultsQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'MarketQuery_AwardResultsQuery'>>;
  /** Query reserve requirements (`MarketQuery_ReserveRequirementQuery`). */
  queryReserveRequirements(
    attributes: EnvelopeInput<'MarketQuery_ReserveRequirementQuery'>,
    query: Input<market.ReserveRequirementQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'MarketQuery_ReserveRequirementQuery'>>;
  /** List settlement result files (`MarketQuery_SettlementResultsFileListQuery`); BSP or TSO. */
  getSettlementResults(
    attributes: EnvelopeInput<'MarketQuery_SettlementResultsFileListQuery'>,
    query: Input<market.SettlementResultsFileListQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'MarketQuery_SettlementResultsFileListQuery'>>;
  /** Submit one BUP (`MarketSubmit_BupSubmit`); BSP only. */
  putBup(
    attributes: EnvelopeInput<'MarketSubmit_BupSubmit'>,
    bup: Input<market.BupSubmitType>,
    options?: CallOptions,
  ): Promise<MmsResult<market.BupSubmitType | undefined>>;
  /** Submit BUPs (`MarketSubmit_BupSubmit`); BSP only. */
  putBups(
    attributes: EnvelopeInput<'MarketSubmit_BupSubmit'>,
    bups: readonly Input<market.BupSubmitType>[],
    options?: CallOptions,
  ): Promise<CallResult<'MarketSubmit_BupSubmit'>>;
  /** Query BUPs (`MarketQuery_BupQuery`). */
  queryBups(
    attributes: EnvelopeInput<'MarketQuery_BupQuery'>,
    query: Input<market.BupQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'MarketQuery_BupQuery'>>;
  /** Register one resource (`RegistrationSubmit_Resource`); BSP only. */
  putResource(
    attributes: EnvelopeInput<'RegistrationSubmit_Resource'>,
    resource: Input<registration.ResourceSubmitType>,
    options?: CallOptions,
  ): Promise<MmsResult<registration.ResourceSubmitType | undefined>>;
  /** Query resources (`RegistrationQuery_Resource`); BSP or TSO. */
  queryResources(
    attributes: EnvelopeInput<'RegistrationQuery_Resource'>,
    query: Input<registration.ResourceQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'RegistrationQuery_Resource'>>;
  /** Ask for a report (`ReportCreateRequest`); `statistics.TransactionId` names it for {@link downloadReport}. */
  createReport(
    attributes: EnvelopeInput<'ReportCreateRequest'>,
    request: Input<report.ReportCreateRequestType>,
    options?: CallOptions,
  ): Promise<CallResult<'ReportCreateRequest'>>;
  /** List reports (`ReportListRequest`). */
  listReports(
    attributes: EnvelopeInput<'ReportListRequest'>,
    request: Input<report.ReportListRequestType>,
    options?: CallOptions,
  ): Promise<CallResult<'ReportListRequest'>>;
  /**
   * Download a report by the transaction id of its create request
   * (`ReportDownloadRequestTrnID`): `data` holds an `OutboundData` document,
   * or `file` the report file.
   */
  downloadReport(
    transactionId: string,
    options?: CallOptions,
  ): Promise<CallResult<'ReportDownloadRequestTrnID'>>;
  /** Submit one surplus capacity (`Omi_MarketSubmit_RemainingReserveData`, OMI); BSP only. */
  putSurplusCapacity(
    attributes: EnvelopeInput<'Omi_MarketSubmit_RemainingReserveData'>,
    capacity: Input<omi.RemainingReserveDataSubmitType>,
    options?: CallOptions,
  ): Promise<MmsResult<omi.RemainingReserveDataSubmitType | undefined>>;
  /** Submit surplus capacities (`Omi_MarketSubmit_RemainingReserveData`, OMI); BSP only. */
  putSurplusCapacities(
    attributes: EnvelopeInput<'Omi_MarketSubmit_RemainingReserveData'>,
    capacities: readonly Input<omi.RemainingReserveDataSubmitType>[],
    options?: CallOptions,
  ): Promise<CallResult<'Omi_MarketSubmit_RemainingReserveData'>>;
  /** Query surplus capacity (`Omi_MarketQuery_RemainingReserveDataQuery`, OMI); BSP or TSO. */
  querySurplusCapacity(
    attributes: EnvelopeInput<'Omi_MarketQuery_RemainingReserveDataQuery'>,
    query: Input<omi.RemainingReserveDataQueryType>,
    options?: CallOptions,
  ): Promise<CallResult<'Omi_MarketQuery_RemainingReserveDataQuery'>>;
}
