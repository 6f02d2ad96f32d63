/**
 * Where each reference-client sample belongs (fixtures/README.md): full
 * documents by root element and schema, fragments (one data element) by
 * element, and the sample known to break its schema.
 */
import { modules } from '../../generated/index.js';
import type { ModuleDescriptor } from '../../src/xml/descriptors.js';

/** Full documents: the module of each root element. */
export const DOCUMENT_MODULES: Readonly<Record<string, ModuleDescriptor>> = {
  MarketData: modules.market,
  RegistrationData: modules.registration,
  MarketReport: modules.report,
};

/** The two `MarketData` samples that follow omi.xsd, not mi-market.xsd. */
export const OMI_SAMPLES: ReadonlySet<string> = new Set([
  'put_surplus_capacity_request.xml',
  'query_surplus_capacity_request.xml',
]);

/** The module of a full-document sample. */
export function documentModule(file: string, root: string): ModuleDescriptor | undefined {
  return OMI_SAMPLES.has(file) ? modules.omi : DOCUMENT_MODULES[root];
}

/** Fragments: the element's module, the type it has where a request uses it, and the operation that sends it. */
export const FRAGMENTS: Readonly<
  Record<string, { readonly module: ModuleDescriptor; readonly type: string; readonly operation?: string }>
> = {
  BSP_ResourceList: { module: modules.outbound, type: 'BSP_ResourceListType' },
  BupSubmit: { module: modules.market, type: 'BupSubmitType', operation: 'MarketSubmit_BupSubmit' },
  ReportCreateRequest: {
    module: modules.report,
    type: 'ReportCreateRequestType',
    operation: 'ReportCreateRequest',
  },
  ReportDownloadRequest: {
    module: modules.report,
    type: 'ReportDownloadRequestType',
    operation: 'ReportDownloadRequest',
  },
  ReportListRequest: {
    module: modules.report,
    type: 'ReportListRequestType',
    operation: 'ReportListRequest',
  },
  ReserveRequirement: { module: modules.market, type: 'ReserveRequirementSubmitType' },
  Resource: { module: modules.registration, type: 'ResourceSubmitType' },
  RemainingReserveData: {
    module: modules.omi,
    type: 'RemainingReserveDataSubmitType',
    operation: 'Omi_MarketSubmit_RemainingReserveData',
  },
};

/** Samples that break the 2025-12 schema (the resource address pattern). */
export const INVALID_SAMPLES: ReadonlySet<string> = new Set(['put_resource_request.xml']);
