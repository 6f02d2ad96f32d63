/**
 * Hand-kept overlay: where a query's results come back. Most query elements
 * carry no result children of their own (e.g. mi-market.xsd OfferQueryType);
 * the MMS answers such a query with the submit envelope holding the matching
 * data elements. Operations not listed here, whose query type has its own
 * response children (AwardResultsQueryResponse, ...), find their results
 * inside the query element.
 */
export interface QueryResult {
  /** Envelope of the response that holds the results. */
  readonly envelope: string;
  /** Data element of that envelope. */
  readonly element: string;
  /** Where the mapping is known from. */
  readonly source: 'reference client' | 'sample' | 'naming pattern';
}

const known = (envelope: string, element: string, source: QueryResult['source']): QueryResult => ({
  envelope,
  element,
  source,
});

/** Operation id → where its results are. */
export const QUERY_RESULTS: Readonly<Record<string, QueryResult>> = {
  // Reference client (mms-client 1.12.3): query_offers, query_bups,
  // query_reserve_requirements, query_resources, query_surplus_capacity.
  MarketQuery_OfferQuery: known('MarketSubmit', 'OfferData', 'reference client'),
  MarketQuery_BupQuery: known('MarketSubmit', 'BupSubmit', 'reference client'),
  MarketQuery_ReserveRequirementQuery: known('MarketSubmit', 'ReserveRequirement', 'reference client'),
  RegistrationQuery_Resource: known('RegistrationSubmit', 'Resource', 'reference client'),
  Omi_MarketQuery_RemainingReserveDataQuery: known(
    'MarketSubmit',
    'RemainingReserveData',
    'reference client',
  ),
  // fixtures/samples/get_settlement_results_response.xml
  MarketQuery_SettlementResultsFileListQuery: known('MarketSubmit', 'SettlementResults', 'sample'),
  // The same pattern, inferred from the names: not confirmed by a response.
  MarketQuery_AllowableInterareaAwardQuery: known(
    'MarketSubmit',
    'AllowableInterareaAward',
    'naming pattern',
  ),
  MarketQuery_UpperLimitTielineQuery: known('MarketSubmit', 'UpperLimitTieline', 'naming pattern'),
  MarketQuery_OfflineFrameQuery: known('MarketSubmit', 'OfflineFrameSubmit', 'naming pattern'),
  MarketQuery_FringeQuery: known('MarketSubmit', 'FringeSubmit', 'naming pattern'),
  MarketQuery_BaselineLoadFileListQuery: known('MarketSubmit', 'BaselineLoad', 'naming pattern'),
  Omi_MarketQuery_BaselineLoadFileListQuery: known('MarketSubmit', 'BaselineLoad', 'naming pattern'),
  Omi_MarketQuery_OffMarketContractQuery: known('MarketSubmit', 'OffMarketContract', 'naming pattern'),
  Omi_MarketQuery_RefundDataQuery: known('MarketSubmit', 'RefundData', 'naming pattern'),
  RegistrationQuery_Participant: known('RegistrationSubmit', 'Participant', 'naming pattern'),
  RegistrationQuery_ParticipantValidity: known('RegistrationSubmit', 'ParticipantValidity', 'naming pattern'),
  RegistrationQuery_User: known('RegistrationSubmit', 'User', 'naming pattern'),
  RegistrationQuery_UserSystemAccess: known('RegistrationSubmit', 'UserSystemAccess', 'naming pattern'),
  RegistrationQuery_BankAccount: known('RegistrationSubmit', 'BankAccount', 'naming pattern'),
  RegistrationQuery_ResourceEvaluation: known('RegistrationSubmit', 'ResourceEvaluation', 'naming pattern'),
  RegistrationQuery_ResourceValidity: known('RegistrationSubmit', 'ResourceValidity', 'naming pattern'),
  RegistrationQuery_DrPattern: known('RegistrationSubmit', 'DrPattern', 'naming pattern'),
  RegistrationQuery_ResourceCoefficient: known('RegistrationSubmit', 'ResourceCoefficient', 'naming pattern'),
  RegistrationQuery_ResourceSuspension: known('RegistrationSubmit', 'ResourceSuspension', 'naming pattern'),
  RegistrationQuery_DrPatternSuspension: known('RegistrationSubmit', 'DrPatternSuspension', 'naming pattern'),
};
