/**
 * Hand-kept overlay: operations whose XML answer is a document of another
 * schema module. The report downloads answer with an `OutboundData` document
 * (mi-outbnd-reports.xsd): MMS-PROTOCOL.md §3 ("Report downloads answer with
 * `OutboundData`"), and the reference client (mms-client 1.12.3) decodes its
 * report downloads with that schema. They may also answer with a file
 * (overlays/file-results.ts) or with a `MarketReport` that carries no report.
 */
import type { ModuleName } from '../schemas.js';

export interface ResultDocument {
  readonly module: ModuleName;
  /** Root element of the document. */
  readonly root: string;
  readonly source: string;
}

const OUTBOUND: ResultDocument = {
  module: 'outbound',
  root: 'OutboundData',
  source: 'MMS-PROTOCOL.md §3; reference client',
};

/** Operation id → the document its results come in. */
export const RESULT_DOCUMENTS: Readonly<Record<string, ResultDocument>> = {
  ReportDownloadRequest: OUTBOUND,
  ReportDownloadRequestTrnID: OUTBOUND,
};
