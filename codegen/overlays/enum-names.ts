/**
 * Overlay: readable names for the codes of the schema's enumerations, from
 * the reference client (mms-client for Python 1.12.3). The names and codes
 * are read at generation time from ../shared/reference/enum-names.json
 * (its `enums`: each enumeration's members, name → code, and the model
 * fields that bind it to an XML attribute); only names and codes carry
 * over, none of the reference's prose.
 *
 * What is hand-kept here is the one fact the JSON lacks: which schema complex
 * type each reference model stands for. Evidence: the model's XML field names
 * (../shared/reference/fields.json) against the complex type's attributes;
 * every entry below holds all the fields of its model that the schema has.
 * passes/code-names.ts turns this into names on simple types (the rule is in
 * docs/decisions.md, "Named codes").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleName } from '../schemas.js';

export interface ReferenceEnumeration {
  readonly members: readonly { readonly name: string; readonly value: string }[];
  readonly usedBy: readonly { readonly model: string; readonly xml: string; readonly kind: string }[];
}

export interface ReferenceEnumerations {
  /** The file as the generated headers name it, and its SHA-256. */
  readonly file: string;
  readonly sha256: string;
  readonly enums: Readonly<Record<string, ReferenceEnumeration>>;
}

/** A complex type of a schema module: `module.TypeName`. */
type QualifiedType = `${ModuleName}.${string}`;

/** Every complex type of every module: the reference's base response model is mixed into all of them. */
export const ANY_TYPE = '*';

/** Reference model → the schema complex types it reads or writes. */
export const MODEL_TYPES: Readonly<Record<string, readonly QualifiedType[] | typeof ANY_TYPE>> = {
  // base.py: the Success/Validation attributes of every response element.
  ResponseCommon: ANY_TYPE,
  // award.py
  Award: ['market.AwardResultsDataType'],
  AwardQuery: ['market.AwardResultsQueryType'],
  AwardResult: ['market.AwardResultsType'],
  // bup.py
  Pattern: ['market.PatternDataType'],
  BalancingUnitPriceSubmit: ['market.BupSubmitType'],
  // market.py and omi.py: the envelopes
  MarketSubmit: ['market.MarketSubmitType', 'omi.MarketSubmitType'],
  MarketCancel: ['market.MarketCancelType'],
  // offer.py
  OfferData: ['market.OfferDataSubmitType'],
  OfferQuery: ['market.OfferQueryType'],
  OfferCancel: ['market.OfferCancelType'],
  // reserve_requirement.py
  Requirement: ['market.RequirementType'],
  ReserveRequirement: ['market.ReserveRequirementSubmitType'],
  ReserveRequirementQuery: ['market.ReserveRequirementQueryType'],
  // registration.py and resource.py
  RegistrationQuery: ['registration.RegistrationQueryType'],
  ResourceData: ['registration.ResourceSubmitType'],
  ResourceQuery: ['registration.ResourceQueryType'],
  StartupEvent: ['registration.StartupPatternEventType'],
  ShutdownEvent: ['registration.StopPatternEventType'],
  // report.py: ReportMetadata and ReportData are bases of the report requests and list items.
  ReportBase: ['report.MarketReportType'],
  ReportMetadata: [
    'report.ReportCreateRequestType',
    'report.ReportListRequestType',
    'report.ReportDownloadRequestType',
    'report.ReportItemType',
  ],
  ReportData: ['report.ReportDownloadRequestType', 'report.ReportItemType'],
  Parameter: ['report.ParamType'],
  OutboundData: ['outbound.OutboundDataType'],
  BSPResourceListItem: ['outbound.BSP_ResourceListType'],
  // surplus_capcity.py: SurplusCapacityData is the base of SurplusCapacitySubmit.
  SurplusCapacitySubmit: ['omi.RemainingReserveDataSubmitType'],
  SurplusCapacityData: ['omi.RemainingReserveDataSubmitType'],
};

/** The reference file, beside the schemas: ../shared/reference/enum-names.json. */
function referenceFile(root: string): string {
  return path.resolve(root, '..', 'shared', 'reference', 'enum-names.json');
}

export function readReferenceEnumerations(root: string): ReferenceEnumerations {
  const file = referenceFile(root);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new Error(`the reference enumerations are missing: ${file} (the named codes are read from it)`);
  }
  const { enums } = JSON.parse(bytes.toString('utf8')) as { enums: ReferenceEnumerations['enums'] };
  return {
    file: 'reference/enum-names.json',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    enums,
  };
}

/**
 * What some names mean, in our words, for the member doc comments (a name
 * without an entry is documented by its code and name alone).
 */
export const MEANINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Direction: { SELL: 'selling balancing capacity' },
  AreaCode: {
    HOKKAIDO: 'the Hokkaido area',
    TOHOKU: 'the Tohoku area',
    TOKYO: 'the Tokyo area',
    CHUBU: 'the Chubu area',
    HOKURIKU: 'the Hokuriku area',
    KANSAI: 'the Kansai area',
    CHUGOKU: 'the Chugoku area',
    SHIKOKU: 'the Shikoku area',
    KYUSHU: 'the Kyushu area',
    OKINAWA: 'the Okinawa area',
  },
  ResourceType: {
    THERMAL: 'thermal generator',
    HYDRO: 'hydro generator',
    PUMP: 'pumped-storage hydro',
    BATTERY: 'battery storage',
    VPP_GEN: 'aggregated generation (VPP)',
    VPP_GEN_AND_DEM: 'aggregated generation and demand (VPP)',
    VPP_DEM: 'aggregated demand (VPP)',
  },
  RemainingReserveAvailability: {
    NOT_AVAILABLE: 'the remaining reserve cannot be used',
    AVAILABLE_FOR_UP_ONLY: 'usable upwards only',
    AVAILABLE_FOR_DOWN_ONLY: 'usable downwards only',
    AVAILABLE_FOR_UP_AND_DOWN: 'usable both ways',
  },
  BooleanFlag: { YES: 'yes, available', NO: 'no, not available' },
  CommandMonitorMethod: {
    DEDICATED_LINE: 'commanded and monitored over a dedicated line',
    SIMPLE_COMMAND: 'commanded by the simple command system',
    OFFLINE: 'commanded offline',
  },
  BaseLineSettingMethod: {
    PREDICTION_BASE: 'the baseline is a prediction',
    MEASUREMENT_BASE: 'the baseline is measured',
  },
  SignalType: {
    ACTUAL_OUTPUT_ORDER: 'commands give the output to reach',
    DIFFERENTIAL_OUTPUT_ORDER: 'commands give the change of output',
  },
  ThermalType: { GT: 'gas turbine', GTCC: 'gas turbine combined cycle', OTHER: 'another kind' },
  RejectCategory: {
    FUEL_RESTRICTION: 'limited by fuel',
    RIVER_FLOW_RESTRICTION: 'limited by river flow',
    WORK_RELATED: 'because of work on the plant',
    OTHER: 'another reason',
  },
  OperationalRejectCategory: {
    EQUIPMENT_FAILURE: 'the equipment has failed',
    NOT_SUPPORTED: 'the resource cannot do it',
    OTHER: 'another reason',
  },
  ContractResult: { FULL: 'awarded in full', PARTIAL: 'awarded in part' },
  Status: {
    IN_PROGRESS: 'being prepared, not yet submitted',
    SUBMITTED: 'submitted, awaiting approval',
    APPROVED: 'approved',
    DENIED: 'declined',
  },
};
