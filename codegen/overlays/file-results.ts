/**
 * Hand-kept overlay: the operations whose answer may be a file rather than
 * XML data (`responseBinary`, or a `responseDataType` such as CSV, HTML or
 * PDF). Any other operation answered with a file is an error: an HTML page
 * where query results were expected is a proxy or an outage, not data.
 *
 * Sources: the reference client (mms-client 1.12.3) returns files for its
 * report downloads; the settlement and baseline file downloads are named so
 * (`…FileDownloadQuery`) in mi-market.xsd and omi.xsd.
 */
export const FILE_RESULTS: ReadonlySet<string> = new Set([
  'ReportDownloadRequest',
  'ReportDownloadRequestTrnID',
  'MarketQuery_SettlementResultsFileDownloadQuery',
  'Omi_MarketQuery_BaselineLoadFileDownloadQuery',
]);
