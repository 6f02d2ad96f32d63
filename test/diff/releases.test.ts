/**
 * The real releases in ../shared/mms-schemas: expected findings, each checked
 * by reading the schema files (see the notes above each list). Every change
 * is listed as `path kind request/response`.
 */
import { diffReleases, type SchemaDiffReport } from '../../codegen/diff/index.js';
import { modules } from '../../generated/index.js';

/**
 * 2024-03 → 2025-02, verified against the files (`diff` after removing CRs):
 * - mi-market.xsd rev 016/017: OfflineFrameData StartDate/EndDate (date) →
 *   StartTime/EndTime (dateTime) and Area moved up to OfflineFrameSubmit;
 *   OfflineFrameQuery loses its optional StartDate/EndDate; RampDownUnitPrice
 *   and StartUpUnitPrice added to five types (optional in Destination and
 *   OfferStack, required in AwardResultsData, SwitchQueryResults,
 *   TsoRequestQueryResults); OfflineFrameSubmit maxOccurs 1 → unbounded.
 * - omi.xsd: Start/EndTimeCodeType from 8 listed codes to any of 01..48;
 *   refund operations and their types added; ramp-down/start-up prices.
 * - mpr.xsd: CommodityType 4000 and BaselineSettingMethodType 3 added; four
 *   optional frequency attributes on ResourceSubmit.
 * - mi-outbnd-reports.xsd: BaseLineLoadFileNamePos renamed
 *   BaselineLoadFileNamePos (case) in six report types; prices added as
 *   required attributes in nine; fractionDigits 2 on PriceValue7.2Type.
 */
const PHASE_4: Record<string, string[]> = {
  market: [
    'AwardResultsDataType@RampDownUnitPrice attribute-added breaking/compatible',
    'AwardResultsDataType@StartUpUnitPrice attribute-added breaking/compatible',
    'DestinationType@RampDownUnitPrice attribute-added compatible/compatible',
    'DestinationType@StartUpUnitPrice attribute-added compatible/compatible',
    'MarketSubmitType/OfflineFrameSubmit occurrence-changed compatible/breaking',
    'OfferStackType@RampDownUnitPrice attribute-added compatible/compatible',
    'OfferStackType@StartUpUnitPrice attribute-added compatible/compatible',
    'OfflineFrameDataType@Area attribute-removed breaking/breaking',
    'OfflineFrameDataType@EndDate attribute-removed breaking/breaking',
    'OfflineFrameDataType@EndTime attribute-added breaking/compatible',
    'OfflineFrameDataType@StartDate attribute-removed breaking/breaking',
    'OfflineFrameDataType@StartTime attribute-added breaking/compatible',
    'OfflineFrameQueryType@EndDate attribute-removed breaking/breaking',
    'OfflineFrameQueryType@StartDate attribute-removed breaking/breaking',
    'OfflineFrameSubmitType@Area attribute-added breaking/compatible',
    'SwitchQueryResultsType@RampDownUnitPrice attribute-added breaking/compatible',
    'SwitchQueryResultsType@StartUpUnitPrice attribute-added breaking/compatible',
    'TsoRequestQueryResultsType@RampDownUnitPrice attribute-added breaking/compatible',
    'TsoRequestQueryResultsType@StartUpUnitPrice attribute-added breaking/compatible',
  ],
  omi: [
    'CommodityCategoryType type-added none/none',
    'ContractIdType type-added none/none',
    'EndTimeCodeType enumeration-changed compatible/breaking',
    'JbmsIdRefundType type-added none/none',
    'OffMarketContractSubmitType@RampDownUnitPrice attribute-added compatible/compatible',
    'OffMarketContractSubmitType@StartUpUnitPrice attribute-added compatible/compatible',
    'ProcurementTypeType type-added none/none',
    'RampDownRefundTypeType type-added none/none',
    'RefundDataQueryType type-added none/none',
    'RefundDataType type-added none/none',
    'RefundTargetContractResultQueryType type-added none/none',
    'StartTimeCodeType enumeration-changed compatible/breaking',
    'StartUpRefundTypeType type-added none/none',
    'operation:Omi_MarketQuery_RefundDataQuery operation-added compatible/compatible',
    'operation:Omi_MarketQuery_RefundTargetContractResultQuery operation-added compatible/compatible',
    'operation:Omi_MarketSubmit_RefundData operation-added compatible/compatible',
  ],
  registration: [
    'BaselineSettingMethodType enumeration-value-added compatible/breaking',
    'CommodityType enumeration-value-added compatible/breaking',
    'DeadBandType type-added none/none',
    'DelayTimeType type-added none/none',
    'FrequencyMeasurementErrorType type-added none/none',
    'FrequencyMeasurementIntervalType type-added none/none',
    'ResourceSubmitType@DeadBand attribute-added compatible/compatible',
    'ResourceSubmitType@DelayTime attribute-added compatible/compatible',
    'ResourceSubmitType@FrequencyMeasurementError attribute-added compatible/compatible',
    'ResourceSubmitType@FrequencyMeasurementInterval attribute-added compatible/compatible',
  ],
  outbound: [
    'BSP_ContractResultAfterGCType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'BSP_ContractResultAfterGCType@BaselineLoadFileNamePos attribute-added none/compatible',
    'BSP_ContractResultAfterGCType@RampDownUnitPrice attribute-added none/compatible',
    'BSP_ContractResultAfterGCType@StartUpUnitPrice attribute-added none/compatible',
    'BSP_ContractResultType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'BSP_ContractResultType@BaselineLoadFileNamePos attribute-added none/compatible',
    'BSP_ContractResultType@RampDownUnitPrice attribute-added none/compatible',
    'BSP_ContractResultType@StartUpUnitPrice attribute-added none/compatible',
    'BSP_MeasureBaseContractResultType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'BSP_MeasureBaseContractResultType@BaselineLoadFileNamePos attribute-added none/compatible',
    'BSP_MeasureBaseContractResultType@RampDownUnitPrice attribute-added none/compatible',
    'BSP_MeasureBaseContractResultType@StartUpUnitPrice attribute-added none/compatible',
    'BSP_OffersType@RampDownUnitPrice attribute-added none/compatible',
    'BSP_OffersType@StartUpUnitPrice attribute-added none/compatible',
    'BaselineSettingsMethodType enumeration-value-added none/breaking',
    'ContractResultAfterGCType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'ContractResultAfterGCType@BaselineLoadFileNamePos attribute-added none/compatible',
    'ContractResultAfterGCType@RampDownUnitPrice attribute-added none/compatible',
    'ContractResultAfterGCType@StartUpUnitPrice attribute-added none/compatible',
    'ContractResultType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'ContractResultType@BaselineLoadFileNamePos attribute-added none/compatible',
    'ContractResultType@Creator attribute-added none/compatible',
    'ContractResultType@RampDownUnitPrice attribute-added none/compatible',
    'ContractResultType@StartUpUnitPrice attribute-added none/compatible',
    'CreatorType type-added none/none',
    'MeasureBaseContractResultType@BaseLineLoadFileNamePos attribute-removed none/breaking',
    'MeasureBaseContractResultType@BaselineLoadFileNamePos attribute-added none/compatible',
    'MeasureBaseContractResultType@RampDownUnitPrice attribute-added none/compatible',
    'MeasureBaseContractResultType@StartUpUnitPrice attribute-added none/compatible',
    'OffersType@RampDownUnitPrice attribute-added none/compatible',
    'OffersType@StartUpUnitPrice attribute-added none/compatible',
    'PriceValue7.2Type facet-changed none/compatible',
    'PriceValue7.2Type representation-changed none/breaking',
    'ResourceSttlType@DeadBand attribute-added none/compatible',
    'ResourceSttlType@DelayTime attribute-added none/compatible',
    'ResourceSttlType@FrequencyMeasurementError attribute-added none/compatible',
    'ResourceSttlType@FrequencyMeasurementInterval attribute-added none/compatible',
    'ResourceSttlType@GfVariationRate attribute-added none/compatible',
    'SwitchRequestType@RampDownUnitPrice attribute-added none/compatible',
    'SwitchRequestType@StartUpUnitPrice attribute-added none/compatible',
    'TimeSecInterval1.1Type type-added none/none',
    'TimeSecInterval1.2Type type-added none/none',
    'hZPosValue1.3Type0Min type-added none/none',
    'hZPosValue1.4Type0Min type-added none/none',
  ],
};

/**
 * 2025-02 → 2025-12 (the 2026 changes), verified against the files:
 * - mi-market.xsd rev 018: AfterGC, AwardType, ModifiedTime and some
 *   MarketType attributes removed; the TSO acknowledgement and tie-line
 *   change data removed from SwitchSubmit (Source becomes required);
 *   BaselineLoadFile StartTime/NegawattPosiwattFlag → StartDate/FileTypeFlag;
 *   FringeData dates → times, InterconEquipment moved up to FringeSubmit,
 *   FringeSubmit repeatable; WAM → DCM, CommodityCategory 5000; DR pattern
 *   numbers up to 500.
 * - omi.xsd: InterconEquipment codes 07, 08, 12 → 24, 25; baseline type 0131
 *   → 0532; WAM → DCM; OffMarketContract LinkedArea optional.
 * - mpr.xsd: DR customer list file names take a 3-digit pattern number and
 *   .zip; OverrideOption removed three times; SkipPerformanceCheck added.
 * - mi-outbnd-reports.xsd: the after-GC contract result reports removed.
 */
const RELEASE_2026: Record<string, string[]> = {
  market: [
    'AcknowledgeTsoRequestType type-removed none/none',
    'AfterGCType type-removed none/none',
    'AllocatedTielineCapacityQueryType@AwardType attribute-removed breaking/breaking',
    'AllocatedTielineCapacityQueryType@MarketType attribute-removed breaking/breaking',
    'AllocatedTielineCapacityType@AwardType attribute-removed breaking/breaking',
    'AllocatedTielineCapacityType@ModifiedTime attribute-removed breaking/breaking',
    'AwardResultsDataType@AfterGC attribute-removed breaking/breaking',
    'AwardResultsDataType@EquipmentPointPlanFileName attribute-added compatible/compatible',
    'AwardResultsQueryType@AfterGC attribute-removed breaking/breaking',
    'AwardResultsQueryType@BspParticipantName attribute-added compatible/compatible',
    'AwardTypeType type-removed none/none',
    'BaselineLoadFileType@FileTypeFlag attribute-added breaking/compatible',
    'BaselineLoadFileType@NegawattPosiwattFlag attribute-removed breaking/breaking',
    'BaselineLoadFileType@StartDate attribute-added breaking/compatible',
    'BaselineLoadFileType@StartTime attribute-removed breaking/breaking',
    'CommodityCategoryType enumeration-value-added compatible/breaking',
    'DrPatternNumberType facet-changed compatible/breaking',
    'FTFlag type-added none/none',
    'FringeDataType@EndDate attribute-removed breaking/breaking',
    'FringeDataType@EndTime attribute-added breaking/compatible',
    'FringeDataType@InterconEquipment attribute-removed breaking/breaking',
    'FringeDataType@StartDate attribute-removed breaking/breaking',
    'FringeDataType@StartTime attribute-added breaking/compatible',
    'FringeQueryType@EndDate attribute-removed breaking/breaking',
    'FringeQueryType@StartDate attribute-removed breaking/breaking',
    'FringeSubmitType@InterconEquipment attribute-added breaking/compatible',
    'MarketSubmitType/FringeSubmit occurrence-changed compatible/breaking',
    'MarketTypeType enumeration-value-added compatible/breaking',
    'MarketTypeType enumeration-value-removed breaking/compatible',
    'NPFlag type-removed none/none',
    'SwitchQueryResultsType@AfterGC attribute-removed breaking/breaking',
    'SwitchQueryType@AfterGC attribute-removed breaking/breaking',
    'SwitchSubmitType/AcknowledgeTsoRequest element-removed breaking/breaking',
    'SwitchSubmitType/Source occurrence-changed breaking/compatible',
    'SwitchSubmitType/TielineDatalist element-removed breaking/breaking',
    'TielineChangeDataType type-removed none/none',
    'TielineChangeType type-removed none/none',
    'TielineDatalistType type-removed none/none',
    'TielineQueryType@MarketType attribute-removed breaking/breaking',
  ],
  omi: [
    'BaselineLoadFileType@StartDate attribute-added compatible/compatible',
    'BaselineLoadFileType@StartTime attribute-removed breaking/breaking',
    'BaselineTypeType enumeration-value-added compatible/breaking',
    'BaselineTypeType enumeration-value-removed breaking/compatible',
    'DrPatternNumberType facet-changed compatible/breaking',
    'InterconEquipmentType enumeration-value-added compatible/breaking',
    'InterconEquipmentType enumeration-value-added compatible/breaking',
    'InterconEquipmentType enumeration-value-removed breaking/compatible',
    'InterconEquipmentType enumeration-value-removed breaking/compatible',
    'InterconEquipmentType enumeration-value-removed breaking/compatible',
    'MarketTypeType enumeration-value-added compatible/breaking',
    'MarketTypeType enumeration-value-removed breaking/compatible',
    'OffMarketContractSubmitType@LinkedArea requiredness-changed compatible/breaking',
  ],
  registration: [
    'DrCustomerListFileNameType facet-changed compatible/breaking',
    'DrCustomerListFileNameType facet-changed breaking/compatible',
    'DrCustomerListFileNameType pattern-changed possibly-breaking/possibly-breaking',
    'DrPatternApprovalType@OverrideOption attribute-removed breaking/breaking',
    'DrPatternQueryType@SkipPerformanceCheck attribute-added compatible/compatible',
    'DrPatternSubmitType@OverrideOption attribute-removed breaking/breaking',
    'DrPatternSubmitType@SkipPerformanceCheck attribute-added breaking/compatible',
    'DrPatternSubmitType@StandardPatternNumber attribute-added compatible/compatible',
    'PatternNumberType facet-changed compatible/breaking',
    'ResourceApprovalType@OverrideOption attribute-removed breaking/breaking',
  ],
  outbound: [
    'BSP_ContractResultAfterGCType type-removed none/none',
    'BSP_ContractResultType@EquipmentPointPlanFileName attribute-added none/compatible',
    'BSP_MeasureBaseContractResultType@EquipmentPointPlanFileName attribute-added none/compatible',
    'ContractResultAfterGCType type-removed none/none',
    'ContractResultType@EquipmentPointPlanFileName attribute-added none/compatible',
    'DRPatternNumberType facet-changed none/breaking',
    'DatasetNameType enumeration-value-removed none/compatible',
    'DatasetNameType enumeration-value-removed none/compatible',
    'FileNameType facet-changed none/breaking',
    'FileNameType facet-changed none/compatible',
    'MarketTypeType enumeration-value-added none/breaking',
    'MarketTypeType enumeration-value-removed none/compatible',
    'MeasureBaseContractResultType@EquipmentPointPlanFileName attribute-added none/compatible',
    'OutboundDataType/BSP_ContractResultAfterGC element-removed none/breaking',
    'OutboundDataType/ContractResultAfterGC element-removed none/breaking',
    'ResourceSttlType@SkipPerformanceCheck attribute-added none/compatible',
    'ResourceSttlType@StandardPatternNumber attribute-added none/compatible',
  ],
};

const brief = (report: SchemaDiffReport, module: string): string[] =>
  report.changes
    .filter((c) => c.module === module)
    .map((c) => `${c.path} ${c.kind} ${c.request}/${c.response}`);

describe('2024-03 → 2025-02', () => {
  const report = diffReleases('2024-03', '2025-02');

  test('neither WSDL changes: they differ only in line endings; nor does mi-report.xsd', () => {
    for (const module of ['soap-mi', 'soap-omi', 'report'])
      expect(report.modules.find((m) => m.module === module)).toMatchObject({
        changes: 0,
        identicalBytes: false,
      });
  });

  test.each(Object.keys(PHASE_4))('%s: the expected changes, classified', (module) => {
    expect(brief(report, module)).toEqual(PHASE_4[module]);
  });

  test('the market and outbound-report changes are described in words', () => {
    const descriptions = report.changes.map((c) => `${c.path}: ${c.description}`);
    expect(descriptions).toContain(
      'MarketSubmitType/OfflineFrameSubmit: occurrence 0..1 → 0..unbounded (made repeatable: T becomes T[])',
    );
    expect(descriptions).toContain(
      'ContractResultType@BaseLineLoadFileNamePos: attribute removed (was optional, type BaselineLoadFileNameType); probably renamed to BaselineLoadFileNamePos (the names differ only in case)',
    );
    expect(descriptions).toContain(
      'StartTimeCodeType: enumeration ("01", "07", "13", "19", "25", "31", "37", "43") replaced by string, length 2, pattern "([0][1-9]|[1-3][0-9]|[4][0-8])"; every listed value stays valid',
    );
  });

  test('operations: OMI refunds are new; offline frames changed for requests and responses', () => {
    const ops = (status: string): string[] =>
      report.operations.filter((o) => o.status === status).map((o) => o.id);
    expect(ops('added')).toEqual([
      'Omi_MarketQuery_RefundDataQuery',
      'Omi_MarketQuery_RefundTargetContractResultQuery',
      'Omi_MarketSubmit_RefundData',
    ]);
    expect(ops('removed')).toEqual([]);
    expect(report.operations.find((o) => o.id === 'MarketSubmit_OfflineFrameSubmit')).toMatchObject({
      status: 'changed',
      request: 'breaking',
      response: 'breaking',
    });
    expect(report.summary).toEqual({
      breaking: 27,
      'possibly-breaking': 0,
      compatible: 44,
      info: 18,
      total: 89,
    });
  });
});

describe('2025-02 → 2025-12', () => {
  const report = diffReleases('2025-02', '2025-12');

  test('the WSDLs and mi-report.xsd are byte-identical', () => {
    for (const module of ['soap-mi', 'soap-omi', 'report'])
      expect(report.modules.find((m) => m.module === module)).toMatchObject({
        changes: 0,
        identicalBytes: true,
      });
  });

  test.each(Object.keys(RELEASE_2026))('%s: the expected changes, classified', (module) => {
    expect(brief(report, module)).toEqual(RELEASE_2026[module]);
  });

  test('the file-name pattern change is reported honestly as not proven either way', () => {
    const pattern = report.changes.find((c) => c.kind === 'pattern-changed')!;
    expect(pattern).toMatchObject({ path: 'DrCustomerListFileNameType', severity: 'possibly-breaking' });
    expect(pattern.description).toContain('(containment not proven)');
  });

  test('removed outbound reports break readers only', () => {
    expect(report.changes.find((c) => c.path === 'OutboundDataType/ContractResultAfterGC')).toMatchObject({
      request: 'none',
      response: 'breaking',
      usedIn: ['response'],
      description: 'element removed (was 0..unbounded, type ContractResultAfterGCType)',
    });
  });

  test('no operation appears or disappears; the summary', () => {
    expect(report.operations.filter((o) => o.status !== 'changed')).toEqual([]);
    expect(report.summary).toEqual({
      breaking: 53,
      'possibly-breaking': 1,
      compatible: 15,
      info: 10,
      total: 79,
    });
    expect(report.breaking).toBe(true);
  });
});

test('the committed generated descriptors describe exactly release 2025-12', () => {
  const report = diffReleases({ descriptors: modules, label: 'generated' }, '2025-12');
  expect(report.changes).toEqual([]);
  expect(report.modules).toHaveLength(7);
});
