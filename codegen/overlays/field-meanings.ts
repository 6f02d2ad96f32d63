/**
 * Overlay: what MMS fields mean, for the generated doc comments and the CLI help.
 * Facts (meaning, unit, rules) from the reference Python client's models
 * (../shared/reference/fields.json, public domain); the wording is ours.
 * Keyed by XML name; `in` overrides the meaning for a schema complexType where the
 * reference says something specific to it. `from` cites the reference model and
 * XML name the fact came from (checked by a test).
 */
export interface FieldMeaning {
  /** What the field means, in our words. */
  readonly meaning: string;
  /** Unit of the value, when it has one: 'kW', 'kW/min', 'MW', 'JPY/kW/segment', 'JPY/kWh', 'minutes', ... */
  readonly unit?: string;
  /** The reference fact it rests on: `Model.XmlName` as in fields.json. */
  readonly from: string;
}
export interface FieldMeaningEntry extends FieldMeaning {
  /** Overrides by schema complexType name (e.g. 'AwardResultsQueryType'). */
  readonly in?: Readonly<Record<string, FieldMeaning>>;
}
export const FIELD_MEANINGS: Readonly<Record<string, FieldMeaningEntry>> = {
  AccessClass: { meaning: 'Access class of the report data to return.', from: 'ReportData.AccessClass' },
  Action: {
    meaning: 'Action the request asks for.',
    from: 'RegistrationQuery.Action',
    in: {
      RegistrationQueryType: {
        meaning:
          'Which matching records come back: NORMAL returns all of them, LATEST only the most recent one.',
        from: 'RegistrationQuery.Action',
      },
    },
  },
  Address: {
    meaning: 'Address of the resource.',
    from: 'ResourceData.Address',
    in: {
      ResourceSubmitType: {
        meaning:
          'Address of the resource; optional when ContractType is ONLY_POWER_SUPPLY_1 (4), required otherwise.',
        from: 'ResourceData.Address',
      },
    },
  },
  AfcMinimumOutput: {
    meaning:
      'Lowest output at which the unit still works under EDC/LFC control. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.AfcMinimumOutput',
  },
  AfcOtmVariationSpeed: {
    meaning: 'Combined EDC + LFC rate of output change in this band.',
    from: 'OutputBand.AfcOtmVariationSpeed',
  },
  AfcVariationSpeed: {
    meaning: 'Rate at which LFC can change the output in this band.',
    unit: 'kW/min',
    from: 'OutputBand.AfcVariationSpeed',
  },
  AfcWidth: {
    meaning: 'Output range LFC can adjust within in this band.',
    unit: 'kW',
    from: 'OutputBand.AfcWidth',
  },
  AmountOfWaterUsed: {
    meaning:
      'Water flow the unit uses. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'm³/s',
    from: 'ResourceData.AmountOfWaterUsed',
  },
  ApplicationType: {
    meaning: 'Application the report is requested for.',
    from: 'ReportBase.ApplicationType',
  },
  Area: {
    meaning: 'Area (grid region) the data applies to.',
    from: 'ReserveRequirement.Area',
    in: {
      AwardResultsDataType: { meaning: 'Area of the awarded resource.', from: 'Award.Area' },
      AwardResultsQueryType: {
        meaning: 'Area to read results for; all areas when left out.',
        from: 'AwardQuery.Area',
      },
      BSP_ResourceListType: {
        meaning: 'Area where the resource is located and where its energy is traded.',
        from: 'BSPResourceListItem.Area',
      },
      BupSubmitType: {
        meaning: 'Area of the BUP; the MMS fills it in on responses only.',
        from: 'BalancingUnitPriceSubmit.Area',
      },
      OfferQueryType: {
        meaning: 'Area of the offers to read; TSOs and MOs must set it.',
        from: 'OfferQuery.Area',
      },
      RemainingReserveDataSubmitType: {
        meaning: 'Area of the resource the surplus capacity is for.',
        from: 'SurplusCapacityData.Area',
      },
      ReserveRequirementQueryType: {
        meaning: 'Area to read reserve requirements for.',
        from: 'ReserveRequirementQuery.Area',
      },
      ResourceListType: {
        meaning: 'Area where the resource is located and where its energy is traded.',
        from: 'BSPResourceListItem.Area',
      },
      ResourceSubmitType: {
        meaning: 'Area where the resource is located and where its energy is traded.',
        from: 'ResourceData.Area',
      },
    },
  },
  AuthorizedMaximumOutput: {
    meaning:
      'Highest output the unit is permitted to supply in normal operation. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    unit: 'kW',
    from: 'ResourceData.AuthorizedMaximumOutput',
  },
  AwardResultsData: {
    meaning: 'Individual awards for this block and direction.',
    from: 'AwardResult.AwardResultsData',
  },
  BSPName: { meaning: 'BSP the report is created for.', from: 'NewReportRequest.BSPName' },
  Band: {
    meaning: 'Number of the band; unique within its set and gives the order of the bands.',
    from: 'BalancingUnitPriceBand.Band',
  },
  BandBup: { meaning: 'Price bands of this BUP.', from: 'BalancingUnitPrice.BandBup' },
  BaselineLoadFileNameNeg: {
    meaning: 'Name of the file with the negative baseline load data.',
    from: 'Award.BaselineLoadFileNameNeg',
  },
  BaselineLoadFileNamePos: {
    meaning: 'Name of the file with the positive baseline load data.',
    from: 'Award.BaselineLoadFileNamePos',
  },
  BaselineSettingMethod: {
    meaning:
      'How the baseline of the resource is set. Only for VPP resources (ResourceType 05 to 07) whose ContractType is not ONLY_POWER_SUPPLY_1 (4) and that offer at least one of Pri, Sec1, Sec2 or Ter1: required there, not allowed anywhere else.',
    from: 'ResourceData.BaselineSettingMethod',
  },
  BaselineSettingsMethod: {
    meaning:
      'How the baseline of the resource is set; only VPP resources (ResourceType 05 to 07) outside ContractType ONLY_POWER_SUPPLY_1 (4) that offer Pri, Sec1, Sec2 or Ter1 have one.',
    from: 'BSPResourceListItem.BaselineSettingsMethod',
  },
  BatteryCapacity: {
    meaning:
      'Energy the battery can store and give back. Required for BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'kWh',
    from: 'ResourceData.BatteryCapacity',
  },
  BgCode: {
    meaning: 'Code of the balancing group; required for non-VPP resources, optional for VPPs.',
    from: 'ResourceData.BgCode',
  },
  BinaryFile: { meaning: 'Whether the report file is binary.', from: 'ReportItem.BinaryFile' },
  BlackStart: {
    meaning:
      'Whether the unit can start without any external power (black start). Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    from: 'ResourceData.BlackStart',
  },
  BlackStartRejectFlag: {
    meaning: 'Category of the reason when black start capability is rejected.',
    from: 'SurplusCapacitySubmit.BlackStartRejectFlag',
  },
  BlackStartRejectReason: {
    meaning: 'Specific reason when black start capability is rejected.',
    from: 'SurplusCapacitySubmit.BlackStartRejectReason',
  },
  BspParticipantName: {
    meaning: 'Participant name of the BSP the data belongs to.',
    from: 'Award.BspParticipantName',
    in: {
      AwardResultsDataType: { meaning: 'BSP the award belongs to.', from: 'Award.BspParticipantName' },
      AwardResultsQueryType: {
        meaning: 'BSP whose offers to read results for.',
        from: 'AwardQuery.BspParticipantName',
      },
      BupSubmitType: {
        meaning: 'BSP submitting the BUP; the MMS fills it in on responses only.',
        from: 'BalancingUnitPriceSubmit.BspParticipantName',
      },
      OfferDataSubmitType: { meaning: 'BSP submitting the offer.', from: 'OfferData.BspParticipantName' },
    },
  },
  Bup: { meaning: 'Balancing unit price bands of this pattern.', from: 'Pattern.Bup' },
  CaseNo: {
    meaning:
      'Case number of the startup cost band; unique within the startup cost and gives the order of the bands.',
    from: 'StartupCostBand.CaseNo',
  },
  ChangeTime: {
    meaning: 'Time the event takes, as HH:MM; may be negative.',
    from: 'StartupEvent.ChangeTime',
    in: {
      StartupPatternEventType: {
        meaning: 'Time the event takes, as HH:MM or -HH:MM, between -99:59 and 99:59.',
        from: 'StartupEvent.ChangeTime',
      },
      StopPatternEventType: {
        meaning: 'Time the event takes, as -HH:MM, between -99:59 and 00:00.',
        from: 'ShutdownEvent.ChangeTime',
      },
    },
  },
  ChargingOutput: {
    meaning:
      'Power drawn while charging or pumping. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'kW',
    from: 'ResourceData.ChargingOutput',
  },
  ChargingTime: {
    meaning:
      'Time from a charge command until the unit runs in parallel with the grid. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.ChargingTime',
  },
  Code: { meaning: 'Text of the message, despite the name.', from: 'Message.Code' },
  CoefficientTR2: {
    meaning:
      'Adjustment coefficient α for tertiary control power 2. A resource without one counts as 1 in processing, but the report then leaves it empty.',
    from: 'BSPResourceListItem.CoefficientTR2',
  },
  CommandOperationMethodPriSec1: {
    meaning:
      'How the resource is commanded and monitored for primary and secondary 1 control. Must be DEDICATED_LINE (1) when Sec1 is offered; this or CommandOperationMethodSec2Ter1Ter2 must be present.',
    from: 'Award.CommandOperationMethodPriSec1',
  },
  CommandOperationMethodSec2Ter1Ter2: {
    meaning: 'How the resource is commanded and monitored for secondary 2 and tertiary 1 and 2 control.',
    from: 'Award.CommandOperationMethodSec2Ter1Ter2',
  },
  Comments: { meaning: 'Free-text comments.', from: 'ResourceData.Comments' },
  CompanyShortName: {
    meaning: 'Short name of the company the data belongs to.',
    from: 'BSPResourceListItem.CompanyShortName',
    in: {
      AwardResultsDataType: { meaning: 'Short name of the counterparty.', from: 'Award.CompanyShortName' },
      BupSubmitType: {
        meaning: 'Short name of the company submitting the BUP; the MMS fills it in on responses only.',
        from: 'BalancingUnitPriceSubmit.CompanyShortName',
      },
      OfferDataSubmitType: { meaning: 'Short name of the counterparty.', from: 'OfferData.CompanyShortName' },
      RemainingReserveDataSubmitType: {
        meaning: 'Short name of the company that submits the surplus capacity.',
        from: 'SurplusCapacityData.CompanyShortName',
      },
      SettlementFileType: {
        meaning: 'Company the file belongs to; only set when you act as a TSO.',
        from: 'SettlementFile.CompanyShortName',
      },
    },
  },
  CompoundPriSec1ReserveQuantityInKw: {
    meaning: 'Minimum compound reserve of primary and secondary 1 control power.',
    unit: 'kW',
    from: 'Requirement.CompoundPriSec1ReserveQuantityInKw',
  },
  CompoundPriSec2ReserveQuantityInKw: {
    meaning: 'Minimum compound reserve of primary and secondary 2 control power.',
    unit: 'kW',
    from: 'Requirement.CompoundPriSec2ReserveQuantityInKw',
  },
  CompoundPriTer1ReserveQuantityInKw: {
    meaning: 'Minimum compound reserve of primary and tertiary 1 control power.',
    unit: 'kW',
    from: 'Requirement.CompoundPriTer1ReserveQuantityInKw',
  },
  CompoundValidQuantityInKw: {
    meaning: 'Compound quantity counted as fulfilled.',
    unit: 'kW',
    from: 'Award.CompoundValidQuantityInKw',
  },
  ContinuousOperationFrequencyLower: {
    meaning: 'Lowest grid frequency at which the unit can keep running without harm.',
    from: 'ResourceData.ContinuousOperationFrequencyLower',
  },
  ContinuousOperationFrequencyUpper: {
    meaning:
      'Highest grid frequency at which the unit can keep running without harm. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    from: 'ResourceData.ContinuousOperationFrequencyUpper',
  },
  ContinuousOperationOutput: {
    meaning:
      'Output the unit can hold without interruption. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'kW',
    from: 'ResourceData.ContinuousOperationOutput',
  },
  ContinuousOperationTime: {
    meaning:
      'How long the unit can run without a break. Required for PUMP (03) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'hours',
    from: 'ResourceData.ContinuousOperationTime',
  },
  ContinuousOperationTimeLimited: {
    meaning:
      'How long the unit can keep running under limiting conditions such as environment, maintenance or regulation. Optional, but not allowed when ContractType is ONLY_POWER_SUPPLY_1 (4).',
    unit: 'hours',
    from: 'ResourceData.ContinuousOperationTimeLimited',
  },
  ContinuousOperationVoltage: {
    meaning:
      'Voltage the unit can run at continuously within its design limits, relative to RatedVoltage. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    unit: '% of RatedVoltage',
    from: 'ResourceData.ContinuousOperationVoltage',
  },
  ContractExistence: {
    meaning:
      'Whether a POWER_SUPPLY_1 contract exists for the resource; required in the Okinawa area (10), not allowed in any other.',
    from: 'ResourceData.ContractExistence',
  },
  ContractId: { meaning: 'Identifier of the contract.', from: 'Award.ContractId' },
  ContractPrice: { meaning: 'Price of the contract.', unit: 'JPY/kW/segment', from: 'Award.ContractPrice' },
  ContractSource: { meaning: 'Where the contract originates.', from: 'Award.ContractSource' },
  ContractType: { meaning: 'How the resource takes part in the market.', from: 'ResourceData.ContractType' },
  CorrectedUnitPrice: {
    meaning: 'Unit price after correction.',
    unit: 'JPY/kW/segment',
    from: 'Award.CorrectedUnitPrice',
  },
  DatasetName: { meaning: 'Name of the dataset in this report.', from: 'OutboundData.DatasetName' },
  DatasetType: {
    meaning: 'Kind (periodicity) of the dataset in this report.',
    from: 'OutboundData.DatasetType',
  },
  Date: {
    meaning: 'Transaction date, YYYY-MM-DD.',
    from: 'BaseMarketRequest.Date',
    in: {
      OutboundDataType: { meaning: 'Date the dataset covers.', from: 'OutboundData.Date' },
      ReportCreateRequestType: { meaning: 'Date the report data is for.', from: 'ReportMetadata.Date' },
      ReportDownloadRequestType: { meaning: 'Date the report data is for.', from: 'ReportMetadata.Date' },
      ReportItemType: { meaning: 'Date the report data is for.', from: 'ReportMetadata.Date' },
      ReportListRequestType: { meaning: 'Date the report data is for.', from: 'ReportMetadata.Date' },
    },
  },
  DateTimeIndicator: {
    meaning: 'Time zone the dataset is given in.',
    from: 'OutboundData.DateTimeIndicator',
  },
  DateType: {
    meaning: 'Kind of data queried.',
    from: 'RegistrationQuery.DateType',
    in: {
      OutboundDataType: { meaning: 'Kind of date the dataset is given for.', from: 'OutboundData.DateType' },
    },
  },
  DeclaredMaximumUnitPrice: {
    meaning: 'Highest bid price declared for POWER_SUPPLY_1 power.',
    unit: 'JPY/kWh',
    from: 'ResourceData.DeclaredMaximumUnitPrice',
  },
  Description: { meaning: 'Title or description of the report.', from: 'ReportItem.Description' },
  Direction: {
    meaning: 'Direction of the trade or requirement.',
    from: 'Requirement.Direction',
    in: {
      AwardResultsType: { meaning: 'Direction of the awarded trades.', from: 'AwardResult.Direction' },
      OfferDataSubmitType: { meaning: 'Direction of the offer: buy or sell.', from: 'OfferData.Direction' },
    },
  },
  DischargingOutput: {
    meaning:
      'Output while generating or discharging. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'kW',
    from: 'ResourceData.DischargingOutput',
  },
  DischargingTime: {
    meaning:
      'Time from a generate or discharge command until the unit runs in parallel with the grid. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.DischargingTime',
  },
  DrPatternName: {
    meaning: 'Name of the DR list pattern the award belongs to.',
    from: 'Award.DrPatternName',
  },
  DrPatternNumber: {
    meaning: 'Number of the DR pattern the data is for.',
    from: 'SurplusCapacitySubmit.DrPatternNumber',
    in: {
      OfferDataSubmitType: {
        meaning:
          'Number of the DR pattern the offer uses. Required for VPP resources; must be a valid pattern on the submission date and may appear only once per resource and start time.',
        from: 'OfferData.DrPatternNumber',
      },
    },
  },
  Dss: {
    meaning:
      'Whether the unit has DSS capability. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.Dss',
  },
  EndDate: {
    meaning: 'Last date of the period the data is valid for.',
    from: 'ResourceData.EndDate',
    in: {
      BSP_ResourceListType: {
        meaning: 'Last date the resource may trade.',
        from: 'BSPResourceListItem.EndDate',
      },
      ResourceListType: { meaning: 'Last date the resource may trade.', from: 'BSPResourceListItem.EndDate' },
      ResourceSubmitType: { meaning: 'Last date the resource may trade.', from: 'ResourceData.EndDate' },
    },
  },
  EndTime: {
    meaning: 'End of the period, JST.',
    from: 'AwardResult.EndTime',
    in: {
      AwardResultsQueryType: {
        meaning:
          'End of the last block to read; must fall on a block end. Any block end from the transaction date through NumOfDays days may be given, so that several blocks come back.',
        from: 'AwardQuery.EndTime',
      },
      AwardResultsType: { meaning: 'End of the block the awards are for.', from: 'AwardResult.EndTime' },
      BupQueryType: {
        meaning: 'End of the validity period of the BUP.',
        from: 'BalancingUnitPriceQuery.EndTime',
      },
      BupSubmitType: {
        meaning: 'End of the validity period of the BUP.',
        from: 'BalancingUnitPriceSubmit.EndTime',
      },
      OfferCancelType: {
        meaning:
          'End of the last block to cancel; any block end from the trading day through NumOfDays days may be given, so several blocks are cancelled at once.',
        from: 'OfferCancel.EndTime',
      },
      OfferDataSubmitType: { meaning: 'End of the last block of the offer.', from: 'OfferData.EndTime' },
      RemainingReserveDataQueryType: {
        meaning: 'Last block the surplus capacity applies to.',
        from: 'SurplusCapacityQuery.EndTime',
      },
      RemainingReserveDataSubmitType: {
        meaning: 'Last block the surplus capacity applies to.',
        from: 'SurplusCapacitySubmit.EndTime',
      },
      RequirementType: { meaning: 'Last block of the requirement.', from: 'Requirement.EndTime' },
    },
  },
  EquipmentPointPlanFileName: {
    meaning: 'Name of the file with the equipment point plan data.',
    from: 'Award.EquipmentPointPlanFileName',
  },
  Error: { meaning: 'Error messages of the response.', from: 'Messages.Error' },
  EventName: {
    meaning: 'Event of the pattern.',
    from: 'StartupEvent.EventName',
    in: {
      StartupPatternEventType: {
        meaning:
          'Startup event, unique within its pattern. STARTUP_OPERATION, BOILER_IGNITION, TURBINE_STARTUP, CONNECTION and POWER_SUPPLY_OPERATION are required, plus at least one output set point (1 to 20).',
        from: 'StartupEvent.EventName',
      },
      StopPatternEventType: {
        meaning:
          'Stop event, unique within its pattern. DISCONNECTION is required, plus at least one output change point (1 to 20).',
        from: 'ShutdownEvent.EventName',
      },
    },
  },
  ExpiryDate: { meaning: 'Date on which the report is deleted.', from: 'ReportItem.ExpiryDate' },
  FcbOperation: {
    meaning:
      'Whether the unit supports FCB operation. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.FcbOperation',
  },
  File: { meaning: 'Files found by the query.', from: 'SettlementResults.File' },
  FileName: {
    meaning: 'Name of the file.',
    from: 'ReportData.FileName',
    in: {
      ReportDownloadRequestType: {
        meaning: 'Name of the report file to download.',
        from: 'ReportData.FileName',
      },
      ReportItemType: { meaning: 'Name of the report file to download.', from: 'ReportData.FileName' },
    },
  },
  FileSize: {
    meaning: 'Size of the file.',
    unit: 'bytes',
    from: 'ReportItem.FileSize',
    in: {
      SettlementFileType: {
        meaning: 'Size of the file, once it has been uploaded.',
        unit: 'bytes',
        from: 'SettlementFile.FileSize',
      },
    },
  },
  FileType: { meaning: 'Type of the report file.', from: 'ReportData.FileType' },
  Frequency: {
    meaning:
      'Nominal frequency the unit runs at. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    from: 'ResourceData.Frequency',
  },
  FromCap: {
    meaning: 'Capacity from which the band applies.',
    from: 'AbcBand.FromCap',
    in: {
      BandBupDataType: {
        meaning:
          'Capacity from which the band applies; at least 0 when the resource is THERMAL (01) or HYDRO (02), otherwise any value.',
        from: 'BalancingUnitPriceBand.FromCap',
      },
    },
  },
  FullPowerGenerationTime: {
    meaning:
      'How long the unit (a battery, say) can generate or discharge at full output without limits. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'hours',
    from: 'ResourceData.FullPowerGenerationTime',
  },
  GfVariationRate: {
    meaning:
      'Rate at which the governor function (GF) changes the output when the grid frequency moves. Required for THERMAL (01), HYDRO (02) and PUMP (03) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.GfVariationRate',
  },
  GfWidth: {
    meaning: 'Output range the governor function (GF) covers in this band.',
    unit: 'kW',
    from: 'OutputBand.GfWidth',
  },
  GfWidthOutOfRatedOutput: {
    meaning: 'Range by which the unit can adjust its output above RatedOutput.',
    unit: 'kW',
    from: 'ResourceData.GfWidthOutOfRatedOutput',
  },
  InPlantRate: {
    meaning:
      'In-plant rate (internal efficiency) of the unit. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    from: 'ResourceData.InPlantRate',
  },
  InflowAmount: {
    meaning:
      'Water flow into the reservoir. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'm³/s',
    from: 'ResourceData.InflowAmount',
  },
  Information: { meaning: 'Information messages of the response.', from: 'Messages.Information' },
  Invalid: { meaning: 'Count of items that failed validation.', from: 'ProcessingStatistics.Invalid' },
  JbmsId: { meaning: 'Identifier JBMS gave the contract.', from: 'Award.JbmsId' },
  LinkedArea: {
    meaning: 'Associated area.',
    from: 'Award.LinkedArea',
    in: {
      AwardResultsDataType: { meaning: 'Associated area; left out for BSP users.', from: 'Award.LinkedArea' },
      AwardResultsQueryType: {
        meaning: 'Associated area to read results for; a BSP may not set it.',
        from: 'AwardQuery.LinkedArea',
      },
    },
  },
  MarketContext: {
    meaning:
      'Market context of the resource; required when Sec2Ter1Ter2CommandOperationMethod is SIMPLE_COMMAND (2), not allowed otherwise.',
    from: 'ResourceData.MarketContext',
  },
  MarketType: {
    meaning: 'Market the data belongs to.',
    from: 'MarketCancel.MarketType',
    in: {
      AwardResultsQueryType: { meaning: 'Market to read results for.', from: 'AwardQuery.MarketType' },
      OfferCancelType: { meaning: 'Market the offer was submitted to.', from: 'OfferCancel.MarketType' },
      OfferQueryType: { meaning: 'Market the offers were submitted to.', from: 'OfferQuery.MarketType' },
      ReserveRequirementQueryType: {
        meaning: 'Market to read reserve requirements for.',
        from: 'ReserveRequirementQuery.MarketType',
      },
    },
  },
  MinimumOutput: {
    meaning:
      'Lowest output of the unit. Not allowed when ContractType is ONLY_POWER_SUPPLY_1 (4); otherwise required, and 0 for VPP resources.',
    unit: 'kW',
    from: 'ResourceData.MinimumOutput',
  },
  MinimumQuantityInKw: {
    meaning:
      'Smallest quantity for which the offer may be awarded: 5000 kW or more when the resource is commanded or monitored over a dedicated line, 1000 kW or more with simple (online) commands.',
    unit: 'kW',
    from: 'OfferStack.MinimumQuantityInKw',
  },
  ModelName: { meaning: 'Model designation of the unit.', from: 'ResourceData.ModelName' },
  Name: {
    meaning: 'Name of the item, e.g. a file as recorded in the MMS.',
    from: 'SettlementFile.Name',
    in: {
      ParamType: {
        meaning:
          'Search item of the parameter: START_TIME and END_TIME (both required), RESOURCE_NAME (required for ReportSubType ADJUSTMENT_PRICES), MARKET_TYPE or AREA.',
        from: 'Parameter.Name',
      },
    },
  },
  NumOfDays: {
    meaning: 'Number of days covered, counted from the transaction date; 1 for the day-ahead market (DAM).',
    from: 'MarketQuery.NumOfDays',
    in: {
      MarketCancelType: {
        meaning: 'Number of days ahead to cancel; 1 for the day-ahead market (DAM).',
        from: 'MarketCancel.NumOfDays',
      },
      MarketQueryType: {
        meaning: 'Number of days ahead to query; 1 for the day-ahead market (DAM).',
        from: 'MarketQuery.NumOfDays',
      },
    },
  },
  NumberOfStartups: {
    meaning:
      'Most startups allowed within a period. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.NumberOfStartups',
  },
  OfferAwardedLevel: {
    meaning: 'Whether the offer was awarded in full or in part.',
    from: 'Award.OfferAwardedLevel',
  },
  OfferId: { meaning: 'Identifier of the offer this stack belongs to.', from: 'OfferStack.OfferId' },
  OfferPrice: { meaning: 'Unit price that was offered.', unit: 'JPY/kW/segment', from: 'Award.OfferPrice' },
  OfferStack: { meaning: 'Price-quantity pairs that make up the offer.', from: 'OfferData.OfferStack' },
  OfferUnitPrice: {
    meaning: 'Unit price asked for the power.',
    unit: 'JPY/kW/segment',
    from: 'OfferStack.OfferUnitPrice',
  },
  OperationTime: {
    meaning: 'Time the unit runs without interruption.',
    unit: 'hours',
    from: 'ResourceData.OperationTime',
    in: {
      OutputRangeBelowAfcInfoType: {
        meaning: 'Time the unit must stay in operation at a steady load in this range.',
        unit: 'hours',
        from: 'AfcMinimumOutput.OperationTime',
      },
      ResourceSubmitType: {
        meaning:
          'How long the unit can generate without interruption. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
        unit: 'hours',
        from: 'ResourceData.OperationTime',
      },
    },
  },
  OperatorCode: { meaning: 'Code of the TSO or MO.', from: 'Award.OperatorCode' },
  OtmVariationSpeed: {
    meaning: 'Rate at which EDC can change the output in this band.',
    unit: 'kW/min',
    from: 'OutputBand.OtmVariationSpeed',
  },
  Output: {
    meaning: 'Output level.',
    unit: 'kW',
    from: 'OutputBand.Output',
    in: {
      OutputBandInfoType: { meaning: 'Output of the band.', unit: 'kW', from: 'OutputBand.Output' },
      OutputRangeBelowAfcInfoType: {
        meaning: 'Minimum output of the range.',
        unit: 'kW',
        from: 'AfcMinimumOutput.Output',
      },
      StartupPatternEventType: { meaning: 'Output at this event.', unit: 'kW', from: 'StartupEvent.Output' },
      StopPatternEventType: { meaning: 'Output at this event.', unit: 'kW', from: 'ShutdownEvent.Output' },
      SwitchOutputInfoType: {
        meaning: 'Output at which the switch happens.',
        unit: 'kW',
        from: 'SwitchOutput.Output',
      },
    },
  },
  OutputVariationSpeed: {
    meaning: 'Rate at which the output can rise or fall in this minimum-output range.',
    unit: 'kW/min',
    from: 'AfcMinimumOutput.OutputVariationSpeed',
  },
  OverPowerOperation: {
    meaning:
      'Whether the unit can run above its normal output (overpower). Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.OverPowerOperation',
  },
  OverPowerOperationMaximumOutput: {
    meaning:
      'Highest output in overpower operation. Required for THERMAL (01) resources with OverPowerOperation YES (1) whose ContractType is not ONLY_POWER_SUPPLY_1 (4); not allowed for any others.',
    unit: 'kW',
    from: 'ResourceData.OverPowerOperationMaximumOutput',
  },
  OverPowerRejectFlag: {
    meaning: 'Category of the reason when overpower capacity is rejected.',
    from: 'SurplusCapacitySubmit.OverPowerRejectFlag',
  },
  OverPowerRejectReason: {
    meaning: 'Specific reason when overpower capacity is rejected.',
    from: 'SurplusCapacitySubmit.OverPowerRejectReason',
  },
  OverPowerRemainingReserveUp: {
    meaning:
      'Extra upward surplus capacity available in overpower operation, e.g. when demand runs unusually high.',
    from: 'SurplusCapacitySubmit.OverPowerRemainingReserveUp',
  },
  OverrideOption: {
    meaning: "Whether to overwrite the unit's existing data; a failed overwrite comes back as VIOLATION.",
    from: 'ResourceData.OverrideOption',
  },
  Param: { meaning: 'Parameters (search conditions) of the report.', from: 'NewReportRequest.Param' },
  ParticipantName: {
    meaning: 'MMS code of the business entity the data is for.',
    from: 'ResourceData.ParticipantName',
    in: {
      MarketCancelType: {
        meaning:
          "MMS code of the requesting user's company; recorded and checked against the client certificate.",
        from: 'BaseMarketRequest.ParticipantName',
      },
      MarketQueryType: {
        meaning:
          "MMS code of the requesting user's company; recorded and checked against the client certificate.",
        from: 'BaseMarketRequest.ParticipantName',
      },
      MarketReportType: {
        meaning:
          "MMS code of the requesting user's company; recorded and checked against the client certificate.",
        from: 'ReportBase.ParticipantName',
      },
      MarketSubmitType: {
        meaning:
          "MMS code of the requesting user's company; recorded and checked against the client certificate.",
        from: 'MarketSubmit.ParticipantName',
      },
      RemainingReserveDataSubmitType: {
        meaning: 'BSP submitting the surplus capacity.',
        from: 'SurplusCapacityData.ParticipantName',
      },
      SettlementFileType: {
        meaning: 'Participant the file belongs to; only set when you act as a TSO.',
        from: 'SettlementFile.ParticipantName',
      },
    },
  },
  PatternData: { meaning: 'Patterns of this BUP.', from: 'BalancingUnitPriceSubmit.PatternData' },
  PatternName: {
    meaning: 'Name of the pattern.',
    from: 'StartupPattern.PatternName',
    in: {
      StartupPatternInfoType: {
        meaning: 'Name of the startup pattern, unique per resource.',
        from: 'StartupPattern.PatternName',
      },
      StopPatternInfoType: {
        meaning: 'Name of the stop pattern, unique per resource.',
        from: 'ShutdownPattern.PatternName',
      },
    },
  },
  PatternNo: {
    meaning: "Number giving this pattern's place among the patterns of the BUP.",
    from: 'Pattern.PatternNo',
  },
  PatternRemark: { meaning: 'Free-text remark on the pattern.', from: 'Pattern.PatternRemark' },
  PatternStatus: { meaning: 'Status of the pattern.', from: 'Pattern.PatternStatus' },
  PayeePhonePart1: {
    meaning: "First part of the payee's phone number.",
    from: 'ResourceData.PayeePhonePart1',
    in: {
      ResourceSubmitType: {
        meaning:
          "First part of the payee's phone number; optional when ContractType is ONLY_POWER_SUPPLY_1 (4), required otherwise.",
        from: 'ResourceData.PayeePhonePart1',
      },
    },
  },
  PayeePhonePart2: {
    meaning: "Second part of the payee's phone number.",
    from: 'ResourceData.PayeePhonePart2',
    in: {
      ResourceSubmitType: {
        meaning:
          "Second part of the payee's phone number; optional when ContractType is ONLY_POWER_SUPPLY_1 (4), required otherwise.",
        from: 'ResourceData.PayeePhonePart2',
      },
    },
  },
  PayeePhonePart3: {
    meaning: "Third part of the payee's phone number.",
    from: 'ResourceData.PayeePhonePart3',
    in: {
      ResourceSubmitType: {
        meaning:
          "Third part of the payee's phone number; optional when ContractType is ONLY_POWER_SUPPLY_1 (4), required otherwise.",
        from: 'ResourceData.PayeePhonePart3',
      },
    },
  },
  PeakModeOperation: {
    meaning:
      'Whether the unit can run in peak mode, at full capacity during peak demand. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.PeakModeOperation',
  },
  PeakModeOperationMaximumOutput: {
    meaning:
      'Highest output in peak mode. Required for THERMAL (01) resources with PeakModeOperation YES (1) whose ContractType is not ONLY_POWER_SUPPLY_1 (4); not allowed for any others.',
    unit: 'kW',
    from: 'ResourceData.PeakModeOperationMaximumOutput',
  },
  PeakModeRejectFlag: {
    meaning: 'Category of the reason when peak mode capacity is rejected.',
    from: 'SurplusCapacitySubmit.PeakModeRejectFlag',
  },
  PeakModeRejectReason: {
    meaning: 'Specific reason when peak mode capacity is rejected.',
    from: 'SurplusCapacitySubmit.PeakModeRejectReason',
  },
  PeakModeRemainingReserveUp: {
    meaning: 'Upward surplus capacity available only during peak demand.',
    from: 'SurplusCapacitySubmit.PeakModeRemainingReserveUp',
  },
  PerfEvalCoeff: { meaning: 'Performance evaluation coefficient α.', from: 'Award.PerfEvalCoeff' },
  Periodicity: {
    meaning: 'Periodicity of the report data; always ON_DEMAND.',
    from: 'ReportMetadata.Periodicity',
  },
  PhaseModifyingOperation: {
    meaning:
      'Whether the unit supports phase-modifying operation. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.PhaseModifyingOperation',
  },
  PreviousParticipantName: {
    meaning: 'Participant the unit belonged to before; only present when Transfer is true.',
    from: 'ResourceData.PreviousParticipantName',
  },
  PreviousResourceName: {
    meaning: 'Earlier code of the unit; only present when Transfer is true.',
    from: 'ResourceData.PreviousResourceName',
  },
  Pri: {
    meaning: 'Whether the resource offers primary control power; true lets it trade that product.',
    from: 'ResourceData.Pri',
  },
  PriContinuousTime: {
    meaning:
      'How long the unit can keep up primary control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Pri is true.',
    from: 'ResourceData.PriContinuousTime',
  },
  PriMaximumSupplyQuantity: {
    meaning:
      'Most primary control power the resource can supply; 0 when Pri is false. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP, and not allowed then. At most RatedOutput + GfWidthOutOfRatedOutput - MinimumOutput; for HYDRO or BATTERY, the larger of that and (pumping/charging - output) - MinimumOutput.',
    from: 'ResourceData.PriMaximumSupplyQuantity',
  },
  PriRemResvMaximumSupplyQuantity: {
    meaning:
      'Primary surplus capacity offered for use. Required when PriRemResvUtilization allows up, down or both (1 to 3); not allowed when it is NOT_AVAILABLE (0).',
    unit: 'kW',
    from: 'ResourceData.PriRemResvMaximumSupplyQuantity',
  },
  PriRemResvUtilization: {
    meaning:
      'How the primary surplus capacity may be used; NOT_AVAILABLE (0) is the only choice for ContractType MARKET (1), POWER_SUPPLY_2 (3) and ONLY_POWER_SUPPLY_1 (4).',
    from: 'ResourceData.PriRemResvUtilization',
  },
  PriResponseTime: {
    meaning:
      'Time the unit needs to respond with primary control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Pri is true.',
    from: 'ResourceData.PriResponseTime',
  },
  PriSec1CommandOperationMethod: {
    meaning:
      'How the resource is commanded and monitored for primary and secondary 1 control. Must be DEDICATED_LINE (1) when Sec1 is true; this or Sec2Ter1Ter2CommandOperationMethod must be present.',
    from: 'ResourceData.PriSec1CommandOperationMethod',
  },
  PrimaryAwardQuantityInKw: {
    meaning: 'Primary quantity awarded.',
    unit: 'kW',
    from: 'Award.PrimaryAwardQuantityInKw',
  },
  PrimaryContractQuantityInKw: {
    meaning: 'Primary quantity contracted.',
    unit: 'kW',
    from: 'Award.PrimaryContractQuantityInKw',
  },
  PrimaryInvalidQuantityInKw: {
    meaning: 'Primary contracted quantity that does not count (invalid).',
    unit: 'kW',
    from: 'Award.PrimaryInvalidQuantityInKw',
  },
  PrimaryOfferQuantityInKw: {
    meaning: 'Primary quantity offered.',
    unit: 'kW',
    from: 'Award.PrimaryOfferQuantityInKw',
    in: {
      AwardResultsDataType: {
        meaning:
          "Primary quantity offered; BSP users do not get it for awards from the TSO's power source exchange.",
        unit: 'kW',
        from: 'Award.PrimaryOfferQuantityInKw',
      },
      OfferStackType: {
        meaning:
          "Primary quantity bid, at least MinimumQuantityInKw. Summed over the offers for one resource and start time, it must stay below the resource's registered maximum supply for the product (for a VPP, the one registered for the DR pattern).",
        unit: 'kW',
        from: 'OfferStack.PrimaryOfferQuantityInKw',
      },
    },
  },
  PrimaryReserveQuantityInKw: {
    meaning: 'Primary reserve required.',
    unit: 'kW',
    from: 'Requirement.PrimaryReserveQuantityInKw',
  },
  PrimaryValidQuantityInKw: {
    meaning: 'Primary contracted quantity that counts (effective).',
    unit: 'kW',
    from: 'Award.PrimaryValidQuantityInKw',
  },
  ProcessingStatistics: {
    meaning: 'Statistics on how the request was processed; only in responses.',
    from: 'BaseResponse.ProcessingStatistics',
  },
  ProcessingTimeMs: {
    meaning: 'Time the MMS took to process the request.',
    unit: 'ms',
    from: 'ProcessingStatistics.ProcessingTimeMs',
  },
  PublishTime: { meaning: 'When the report was published.', from: 'OutboundData.PublishTime' },
  PumpCharging: {
    meaning:
      'Whether the resource can pump up or charge. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.PumpCharging',
  },
  PumpedSupply: {
    meaning:
      'Supply capability of the hydro or pumped-storage plant. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'kW',
    from: 'ResourceData.PumpedSupply',
  },
  ROW: { meaning: 'Row number of the report line.', from: 'ReportLineBase.ROW' },
  RampDownUnitPrice: {
    meaning: 'Unit price for the ramp-down cost.',
    unit: 'JPY/kW/segment',
    from: 'OfferStack.RampDownUnitPrice',
  },
  RatedCapacity: {
    meaning:
      'Rated capacity: what the unit can sustain for long periods within its design limits. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    unit: 'kVA',
    from: 'ResourceData.RatedCapacity',
  },
  RatedOutput: {
    meaning:
      'Rated output of the unit. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    unit: 'kW',
    from: 'ResourceData.RatedOutput',
  },
  RatedPowerFactor: {
    meaning:
      'Rated power factor, real over apparent power. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    from: 'ResourceData.RatedPowerFactor',
  },
  RatedVoltage: {
    meaning:
      'Nominal voltage the unit is designed for. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP (ResourceType 05 to 07); not allowed in those cases.',
    unit: 'kV',
    from: 'ResourceData.RatedVoltage',
  },
  Received: { meaning: 'Count of items received with the request.', from: 'ProcessingStatistics.Received' },
  RecordStatus: {
    meaning: 'Status of the record.',
    from: 'ResourceData.RecordStatus',
    in: {
      ResourceQueryType: { meaning: 'Status of the resources to read.', from: 'ResourceQuery.RecordStatus' },
      ResourceSubmitType: {
        meaning: 'Status of the resource submission; set by the MMS.',
        from: 'ResourceData.RecordStatus',
      },
    },
  },
  RemainingReserveDown: {
    meaning: 'Downward surplus capacity available on demand; standalone generators do not submit it.',
    from: 'SurplusCapacitySubmit.RemainingReserveDown',
  },
  RemainingReserveDownRejectFlag: {
    meaning: 'Category of the reason when the downward surplus capacity is rejected.',
    from: 'SurplusCapacitySubmit.RemainingReserveDownRejectFlag',
  },
  RemainingReserveDownRejectReason: {
    meaning: 'Specific reason when downward dispatch is rejected.',
    from: 'SurplusCapacitySubmit.RemainingReserveDownRejectReason',
  },
  RemainingReserveUp: {
    meaning: 'Upward surplus capacity available on demand; standalone generators do not submit it.',
    from: 'SurplusCapacitySubmit.RemainingReserveUp',
  },
  RemainingReserveUpRejectFlag: {
    meaning: 'Category of the reason when the upward surplus capacity is rejected.',
    from: 'SurplusCapacitySubmit.RemainingReserveUpRejectFlag',
  },
  RemainingReserveUpRejectReason: {
    meaning: 'Specific reason when upward dispatch is rejected.',
    from: 'SurplusCapacitySubmit.RemainingReserveUpRejectReason',
  },
  Remark: { meaning: 'Free-text remark on the band.', from: 'StartupCostBand.Remark' },
  ReportItem: { meaning: 'Reports that match the query.', from: 'ListReportResponse.ReportItem' },
  ReportName: { meaning: 'Name of the report.', from: 'ReportMetadata.ReportName' },
  ReportSubType: { meaning: 'Subtype of the report.', from: 'ReportMetadata.ReportSubType' },
  ReportType: { meaning: 'Type of the report.', from: 'ReportMetadata.ReportType' },
  Requirement: { meaning: 'Reserve requirements of the area.', from: 'ReserveRequirement.Requirement' },
  ReservoirCapacity: {
    meaning:
      'Capacity of the reservoir. Required for PUMP (03) and HYDRO (02) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    unit: 'dam³',
    from: 'ResourceData.ReservoirCapacity',
  },
  ResourceLongName: { meaning: 'Full name of the resource.', from: 'ResourceData.ResourceLongName' },
  ResourceName: {
    meaning: 'Code that identifies the resource.',
    from: 'ResourceData.ResourceName',
    in: {
      AwardResultsQueryType: {
        meaning: 'Resource to read results for; all resources when left out.',
        from: 'AwardQuery.ResourceName',
      },
      BSP_ResourceListType: {
        meaning: 'Full name of the resource.',
        from: 'BSPResourceListItem.ResourceName',
      },
      BupQueryType: { meaning: 'Resource the BUP is for.', from: 'BalancingUnitPriceQuery.ResourceName' },
      BupSubmitType: { meaning: 'Resource the BUP is for.', from: 'BalancingUnitPriceSubmit.ResourceName' },
      OfferQueryType: {
        meaning: 'Resource to read offers for; all offers of the area when left out.',
        from: 'OfferQuery.ResourceName',
      },
      RemainingReserveDataQueryType: {
        meaning: 'Resource whose surplus capacity is read.',
        from: 'SurplusCapacityQuery.ResourceName',
      },
      RemainingReserveDataSubmitType: {
        meaning: 'Resource the surplus capacity is submitted for.',
        from: 'SurplusCapacitySubmit.ResourceName',
      },
      ResourceListType: { meaning: 'Full name of the resource.', from: 'BSPResourceListItem.ResourceName' },
    },
  },
  ResourceShortName: {
    meaning: 'Short name of the resource.',
    from: 'ResourceData.ResourceShortName',
    in: {
      BupSubmitType: {
        meaning: 'Short name of the resource; the MMS fills it in on responses only.',
        from: 'BalancingUnitPriceSubmit.ResourceShortName',
      },
    },
  },
  ResourceType: {
    meaning: 'Kind of resource, by how it produces electricity.',
    from: 'ResourceData.ResourceType',
  },
  Sec1: {
    meaning: 'Whether the resource offers secondary control power 1; true lets it trade that product.',
    from: 'ResourceData.Sec1',
  },
  Sec1ContinuousTime: {
    meaning:
      'How long the unit can keep up secondary 1 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Sec1 is true.',
    from: 'ResourceData.Sec1ContinuousTime',
  },
  Sec1MaximumSupplyQuantity: {
    meaning:
      'Most secondary 1 control power the resource can supply; 0 when Sec1 is false. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP, and not allowed then. At most RatedOutput - MinimumOutput; for HYDRO or BATTERY, the larger of that and (pumping/charging - output) - MinimumOutput.',
    from: 'ResourceData.Sec1MaximumSupplyQuantity',
  },
  Sec1RemResvMaximumSupplyQuantity: {
    meaning:
      'Secondary 1 surplus capacity offered for use. Required when Sec1RemResvUtilization allows up, down or both (1 to 3); not allowed when it is NOT_AVAILABLE (0).',
    unit: 'kW',
    from: 'ResourceData.Sec1RemResvMaximumSupplyQuantity',
  },
  Sec1RemResvUtilization: {
    meaning:
      'How the secondary 1 surplus capacity may be used; NOT_AVAILABLE (0) is the only choice for ContractType MARKET (1), POWER_SUPPLY_2 (3) and ONLY_POWER_SUPPLY_1 (4).',
    from: 'ResourceData.Sec1RemResvUtilization',
  },
  Sec1ResponseTime: {
    meaning:
      'Time the unit needs to respond with secondary 1 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Sec1 is true.',
    from: 'ResourceData.Sec1ResponseTime',
  },
  Sec2: {
    meaning: 'Whether the resource offers secondary control power 2; true lets it trade that product.',
    from: 'ResourceData.Sec2',
  },
  Sec2ContinuousTime: {
    meaning:
      'How long the unit can keep up secondary 2 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Sec2 is true.',
    from: 'ResourceData.Sec2ContinuousTime',
  },
  Sec2DownTime: {
    meaning:
      'Secondary 2 down time, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Sec2 is true.',
    from: 'ResourceData.Sec2DownTime',
  },
  Sec2MaximumSupplyQuantity: {
    meaning:
      'Most secondary 2 control power the resource can supply, at most RatedOutput; 0 when Sec2 is false. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP, and not allowed then.',
    from: 'ResourceData.Sec2MaximumSupplyQuantity',
  },
  Sec2RemResvMaximumSupplyQuantity: {
    meaning:
      'Secondary 2 surplus capacity offered for use. Required when Sec2RemResvUtilization allows up, down or both (1 to 3); not allowed when it is NOT_AVAILABLE (0).',
    unit: 'kW',
    from: 'ResourceData.Sec2RemResvMaximumSupplyQuantity',
  },
  Sec2RemResvUtilization: {
    meaning:
      'How the secondary 2 surplus capacity may be used; NOT_AVAILABLE (0) is the only choice for ContractType MARKET (1), POWER_SUPPLY_2 (3) and ONLY_POWER_SUPPLY_1 (4).',
    from: 'ResourceData.Sec2RemResvUtilization',
  },
  Sec2ResponseTime: {
    meaning:
      'Time the unit needs to respond with secondary 2 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Sec2 is true.',
    from: 'ResourceData.Sec2ResponseTime',
  },
  Sec2Ter1Ter2CommandOperationMethod: {
    meaning: 'How the resource is commanded and monitored for secondary 2 and tertiary 1 and 2 control.',
    from: 'ResourceData.Sec2Ter1Ter2CommandOperationMethod',
  },
  Secondary1AwardQuantityInKw: {
    meaning: 'Secondary 1 quantity awarded.',
    unit: 'kW',
    from: 'Award.Secondary1AwardQuantityInKw',
  },
  Secondary1ContractQuantityInKw: {
    meaning: 'Secondary 1 quantity contracted.',
    unit: 'kW',
    from: 'Award.Secondary1ContractQuantityInKw',
  },
  Secondary1InvalidQuantityInKw: {
    meaning: 'Secondary 1 contracted quantity that does not count (invalid).',
    unit: 'kW',
    from: 'Award.Secondary1InvalidQuantityInKw',
  },
  Secondary1OfferQuantityInKw: {
    meaning: 'Secondary 1 quantity offered.',
    unit: 'kW',
    from: 'OfferStack.Secondary1OfferQuantityInKw',
    in: {
      AwardResultsDataType: {
        meaning:
          "Secondary 1 quantity offered; BSP users do not get it for awards from the TSO's power source exchange.",
        unit: 'kW',
        from: 'Award.Secondary1OfferQuantityInKw',
      },
    },
  },
  Secondary1ReserveQuantityInKw: {
    meaning: 'Secondary 1 reserve required.',
    unit: 'kW',
    from: 'Requirement.Secondary1ReserveQuantityInKw',
  },
  Secondary1ValidQuantityInKw: {
    meaning: 'Secondary 1 contracted quantity that counts (effective).',
    unit: 'kW',
    from: 'Award.Secondary1ValidQuantityInKw',
  },
  Secondary2AwardQuantityInKw: {
    meaning: 'Secondary 2 quantity awarded.',
    unit: 'kW',
    from: 'Award.Secondary2AwardQuantityInKw',
  },
  Secondary2ContractQuantityInKw: {
    meaning: 'Secondary 2 quantity contracted.',
    unit: 'kW',
    from: 'Award.Secondary2ContractQuantityInKw',
  },
  Secondary2InvalidQuantityInKw: {
    meaning: 'Secondary 2 contracted quantity that does not count (invalid).',
    unit: 'kW',
    from: 'Award.Secondary2InvalidQuantityInKw',
  },
  Secondary2OfferQuantityInKw: {
    meaning: 'Secondary 2 quantity offered.',
    unit: 'kW',
    from: 'OfferStack.Secondary2OfferQuantityInKw',
    in: {
      AwardResultsDataType: {
        meaning:
          "Secondary 2 quantity offered; BSP users do not get it for awards from the TSO's power source exchange.",
        unit: 'kW',
        from: 'Award.Secondary2OfferQuantityInKw',
      },
    },
  },
  Secondary2ReserveQuantityInKw: {
    meaning: 'Secondary 2 reserve required.',
    unit: 'kW',
    from: 'Requirement.Secondary2ReserveQuantityInKw',
  },
  Secondary2ValidQuantityInKw: {
    meaning: 'Secondary 2 contracted quantity that counts (effective).',
    unit: 'kW',
    from: 'Award.Secondary2ValidQuantityInKw',
  },
  SignalType: { meaning: 'Kind of control signal the resource takes.', from: 'ResourceData.SignalType' },
  StackNumber: {
    meaning:
      'Number of this price-quantity pair within the offer; 1 for a single bid. Resource, DR pattern, start time and stack number together must be unique in a submission.',
    from: 'OfferStack.StackNumber',
  },
  StandingFlag: {
    meaning: 'Whether this is the standing (default) data.',
    from: 'Defaults.StandingFlag',
    in: {
      BupQueryType: {
        meaning: 'Whether the BUP is the default one.',
        from: 'BalancingUnitPriceQuery.StandingFlag',
      },
    },
  },
  StartDate: {
    meaning: 'First date of the period the data is valid for.',
    from: 'ResourceData.StartDate',
    in: {
      BSP_ResourceListType: {
        meaning: 'First date the resource may trade.',
        from: 'BSPResourceListItem.StartDate',
      },
      ResourceListType: {
        meaning: 'First date the resource may trade.',
        from: 'BSPResourceListItem.StartDate',
      },
      ResourceSubmitType: { meaning: 'First date the resource may trade.', from: 'ResourceData.StartDate' },
    },
  },
  StartTime: {
    meaning: 'Start of the period, JST.',
    from: 'AwardResult.StartTime',
    in: {
      AwardResultsQueryType: {
        meaning: 'Start of the first block to read; must fall on a block start.',
        from: 'AwardQuery.StartTime',
      },
      AwardResultsType: { meaning: 'Start of the block the awards are for.', from: 'AwardResult.StartTime' },
      BupQueryType: {
        meaning: 'Start of the validity period of the BUP.',
        from: 'BalancingUnitPriceQuery.StartTime',
      },
      BupSubmitType: {
        meaning: 'Start of the validity period of the BUP.',
        from: 'BalancingUnitPriceSubmit.StartTime',
      },
      OfferCancelType: { meaning: 'Start of the first block to cancel.', from: 'OfferCancel.StartTime' },
      OfferDataSubmitType: { meaning: 'Start of the first block of the offer.', from: 'OfferData.StartTime' },
      RemainingReserveDataQueryType: {
        meaning: 'First block the surplus capacity applies to.',
        from: 'SurplusCapacityQuery.StartTime',
      },
      RemainingReserveDataSubmitType: {
        meaning: 'First block the surplus capacity applies to.',
        from: 'SurplusCapacitySubmit.StartTime',
      },
      RequirementType: { meaning: 'First block of the requirement.', from: 'Requirement.StartTime' },
    },
  },
  StartUpUnitPrice: {
    meaning: 'Unit price for the startup cost.',
    unit: 'JPY/kW/segment',
    from: 'OfferStack.StartUpUnitPrice',
  },
  StartupPatternEvent: {
    meaning: 'Events of the startup pattern.',
    from: 'StartupPattern.StartupPatternEvent',
  },
  StopPatternEvent: { meaning: 'Events of the stop pattern.', from: 'ShutdownPattern.StopPatternEvent' },
  StopTime: {
    meaning: 'Stop time at which this startup cost case applies; 0 or more.',
    from: 'StartupCostBand.StopTime',
  },
  SttlDate: {
    meaning: 'Date of settlement; absent while settlement is still ahead.',
    from: 'SettlementFile.SttlDate',
  },
  SubRequirementType: {
    meaning: 'Commodity combination category; only set for non-BSP users.',
    from: 'Award.SubRequirementType',
  },
  SubmissionTime: {
    meaning: 'When it was submitted.',
    from: 'OfferData.SubmissionTime',
    in: {
      AwardResultsDataType: {
        meaning:
          "When the offer was submitted; BSP users do not get it for awards from the TSO's power source exchange.",
        from: 'Award.SubmissionTime',
      },
      OfferDataSubmitType: { meaning: 'When the offer was submitted.', from: 'OfferData.SubmissionTime' },
      SettlementFileType: { meaning: 'When the file was submitted.', from: 'SettlementFile.SubmissionTime' },
    },
  },
  Success: {
    meaning: 'Whether the request succeeded; always in responses, never in requests.',
    from: 'ResponseCommon.Success',
  },
  Successful: { meaning: 'Count of items processed successfully.', from: 'ProcessingStatistics.Successful' },
  SwitchTime: {
    meaning: 'Time needed to switch into the EDC/LFC operable output band.',
    from: 'SwitchOutput.SwitchTime',
  },
  SystemCode: {
    meaning: 'Grid code of the resource.',
    from: 'ResourceData.SystemCode',
    in: {
      BupSubmitType: {
        meaning: 'Grid code of the resource; the MMS fills it in on responses only.',
        from: 'BalancingUnitPriceSubmit.SystemCode',
      },
    },
  },
  SystemSecurityPumpRejectFlag: {
    meaning: 'Category of the reason when pumping is restricted or refused for system security.',
    from: 'SurplusCapacitySubmit.SystemSecurityPumpRejectFlag',
  },
  SystemSecurityPumpRejectReason: {
    meaning: 'Specific reason when pumping is restricted or refused for system security.',
    from: 'SurplusCapacitySubmit.SystemSecurityPumpRejectReason',
  },
  Ter1: {
    meaning: 'Whether the resource offers tertiary control power 1; true lets it trade that product.',
    from: 'ResourceData.Ter1',
  },
  Ter1ContinuousTime: {
    meaning:
      'How long the unit can keep up tertiary 1 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Ter1 is true.',
    from: 'ResourceData.Ter1ContinuousTime',
  },
  Ter1MaximumSupplyQuantity: {
    meaning:
      'Most tertiary 1 control power the resource can supply; 0 when Ter1 is false. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP, and not allowed then. At most RatedOutput; for HYDRO or BATTERY, at most RatedOutput + (pumping/charging - output).',
    from: 'ResourceData.Ter1MaximumSupplyQuantity',
  },
  Ter1RemResvMaximumSupplyQuantity: {
    meaning:
      'Tertiary 1 surplus capacity offered for use. Required when Ter1RemResvUtilization allows up, down or both (1 to 3); not allowed when it is NOT_AVAILABLE (0).',
    unit: 'kW',
    from: 'ResourceData.Ter1RemResvMaximumSupplyQuantity',
  },
  Ter1RemResvUtilization: {
    meaning:
      'How the tertiary 1 surplus capacity may be used; NOT_AVAILABLE (0) is the only choice for ContractType MARKET (1), POWER_SUPPLY_2 (3) and ONLY_POWER_SUPPLY_1 (4).',
    from: 'ResourceData.Ter1RemResvUtilization',
  },
  Ter1ResponseTime: {
    meaning:
      'Time the unit needs to respond with tertiary 1 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Ter1 is true.',
    from: 'ResourceData.Ter1ResponseTime',
  },
  Ter2: {
    meaning: 'Whether the resource offers tertiary control power 2; true lets it trade that product.',
    from: 'ResourceData.Ter2',
  },
  Ter2ContinuousTime: {
    meaning:
      'How long the unit can keep up tertiary 2 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Ter2 is true.',
    from: 'ResourceData.Ter2ContinuousTime',
  },
  Ter2MaximumSupplyQuantity: {
    meaning:
      'Most tertiary 2 control power the resource can supply; 0 when Ter2 is false. Required unless ContractType is ONLY_POWER_SUPPLY_1 (4) or the resource is a VPP, and not allowed then. At most RatedOutput; for HYDRO or BATTERY, at most RatedOutput + (pumping/charging - output).',
    from: 'ResourceData.Ter2MaximumSupplyQuantity',
  },
  Ter2RemResvMaximumSupplyQuantity: {
    meaning:
      'Tertiary 2 surplus capacity offered for use. Required when Ter2RemResvUtilization allows up, down or both (1 to 3); not allowed when it is NOT_AVAILABLE (0).',
    unit: 'kW',
    from: 'ResourceData.Ter2RemResvMaximumSupplyQuantity',
  },
  Ter2RemResvUtilization: {
    meaning:
      'How the tertiary 2 surplus capacity may be used; NOT_AVAILABLE (0) is the only choice for ContractType MARKET (1), POWER_SUPPLY_2 (3) and ONLY_POWER_SUPPLY_1 (4).',
    from: 'ResourceData.Ter2RemResvUtilization',
  },
  Ter2ResponseTime: {
    meaning:
      'Time the unit needs to respond with tertiary 2 control, as HH:MM:SS. Not used with ContractType ONLY_POWER_SUPPLY_1 (4); required when Ter2 is true.',
    from: 'ResourceData.Ter2ResponseTime',
  },
  Tertiary1AwardQuantityInKw: {
    meaning: 'Tertiary 1 quantity awarded.',
    unit: 'kW',
    from: 'Award.Tertiary1AwardQuantityInKw',
  },
  Tertiary1ContractQuantityInKw: {
    meaning: 'Tertiary 1 quantity contracted.',
    unit: 'kW',
    from: 'Award.Tertiary1ContractQuantityInKw',
  },
  Tertiary1InvalidQuantityInKw: {
    meaning: 'Tertiary 1 contracted quantity that does not count (invalid).',
    unit: 'kW',
    from: 'Award.Tertiary1InvalidQuantityInKw',
  },
  Tertiary1OfferQuantityInKw: {
    meaning: 'Tertiary 1 quantity offered.',
    unit: 'kW',
    from: 'OfferStack.Tertiary1OfferQuantityInKw',
    in: {
      AwardResultsDataType: {
        meaning:
          "Tertiary 1 quantity offered; BSP users do not get it for awards from the TSO's power source exchange.",
        unit: 'kW',
        from: 'Award.Tertiary1OfferQuantityInKw',
      },
    },
  },
  Tertiary1ReserveQuantityInKw: {
    meaning: 'Tertiary 1 reserve required.',
    unit: 'kW',
    from: 'Requirement.Tertiary1ReserveQuantityInKw',
  },
  Tertiary1ValidQuantityInKw: {
    meaning: 'Tertiary 1 contracted quantity that counts (effective).',
    unit: 'kW',
    from: 'Award.Tertiary1ValidQuantityInKw',
  },
  Tertiary2AwardQuantityInKw: {
    meaning: 'Tertiary 2 quantity awarded.',
    unit: 'kW',
    from: 'Award.Tertiary2AwardQuantityInKw',
  },
  Tertiary2ContractQuantityInKw: {
    meaning: 'Tertiary 2 quantity contracted.',
    unit: 'kW',
    from: 'Award.Tertiary2ContractQuantityInKw',
  },
  Tertiary2OfferQuantityInKw: {
    meaning: 'Tertiary 2 quantity offered.',
    unit: 'kW',
    from: 'OfferStack.Tertiary2OfferQuantityInKw',
    in: {
      AwardResultsDataType: {
        meaning:
          "Tertiary 2 quantity offered; BSP users do not get it for awards from the TSO's power source exchange.",
        unit: 'kW',
        from: 'Award.Tertiary2OfferQuantityInKw',
      },
    },
  },
  Tertiary2ReserveQuantityInKw: {
    meaning: 'Tertiary 2 reserve required.',
    unit: 'kW',
    from: 'Requirement.Tertiary2ReserveQuantityInKw',
  },
  ThermalType: {
    meaning:
      'Kind of thermal generation. Required for THERMAL (01) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.ThermalType',
  },
  TimeStamp: {
    meaning:
      "When the MMS received the request, as text such as 'Mon Dec 01 13:25:27 JST 2025' (weekday, month, day, time, zone, year).",
    from: 'ProcessingStatistics.TimeStamp',
  },
  TransactionId: {
    meaning: 'Transaction ID of the request.',
    from: 'ProcessingStatistics.TransactionId',
    in: {
      ReportItemType: { meaning: 'ID of the report this item stands for.', from: 'ReportItem.TransactionId' },
    },
  },
  Transfer: {
    meaning: 'Whether the unit is being transferred to another participant.',
    from: 'ResourceData.Transfer',
  },
  Unsuccessful: {
    meaning: 'Count of items whose processing failed.',
    from: 'ProcessingStatistics.Unsuccessful',
  },
  UserName: {
    meaning: 'Name of the user.',
    from: 'BaseMarketRequest.UserName',
    in: {
      MarketCancelType: {
        meaning: 'User making the request; recorded and checked against the client certificate.',
        from: 'BaseMarketRequest.UserName',
      },
      MarketQueryType: {
        meaning: 'User making the request; recorded and checked against the client certificate.',
        from: 'BaseMarketRequest.UserName',
      },
      MarketSubmitType: {
        meaning: 'User making the request; recorded and checked against the client certificate.',
        from: 'MarketSubmit.UserName',
      },
    },
  },
  V1: { meaning: 'V1 unit price of the band.', from: 'BalancingUnitPriceBand.V1' },
  V2: {
    meaning:
      "V2 unit price of the band; only applies when the resource's ContractType is not ONLY_POWER_SUPPLY_1 (4).",
    from: 'BalancingUnitPriceBand.V2',
  },
  V3: { meaning: 'V3 unit price of the startup cost band.', from: 'StartupCostBand.V3' },
  V4: {
    meaning:
      "V4 unit price of the pattern; only applies when the resource's ContractType is not ONLY_POWER_SUPPLY_1 (4).",
    from: 'BalancingUnitPrice.V4',
  },
  Valid: { meaning: 'Count of items that passed validation.', from: 'ProcessingStatistics.Valid' },
  Validation: {
    meaning: 'Outcome of validating the element; set in responses (NOT_DONE by default), not in requests.',
    from: 'ResponseCommon.Validation',
  },
  ValidationStatus: {
    meaning:
      'Outcome of validating the report element; set in responses (NOT_DONE by default), not in requests.',
    from: 'ResponseCommon.ValidationStatus',
  },
  Value: {
    meaning:
      'Value of the parameter: YYYY-MM-DDTHH:MI:SS for START_TIME and END_TIME, the resource code for RESOURCE_NAME, the market for MARKET_TYPE, the area for AREA.',
    from: 'Parameter.Value',
  },
  VariableSpeedOperation: {
    meaning:
      'Whether the unit can vary its charging or operating speed. Required for PUMP (03) and BATTERY (04) resources unless ContractType is ONLY_POWER_SUPPLY_1 (4); leave it out for other resource types.',
    from: 'ResourceData.VariableSpeedOperation',
  },
  VenId: {
    meaning:
      'VEN ID of the resource; required when Sec2Ter1Ter2CommandOperationMethod is SIMPLE_COMMAND (2), not allowed otherwise.',
    from: 'ResourceData.VenId',
  },
  VoltageAdjustment: {
    meaning: 'Whether the unit can regulate voltage.',
    from: 'ResourceData.VoltageAdjustment',
  },
  VoltageAdjustmentRejectFlag: {
    meaning: 'Category of the reason when voltage adjustment is rejected.',
    from: 'SurplusCapacitySubmit.VoltageAdjustmentRejectFlag',
  },
  VoltageAdjustmentRejectReason: {
    meaning: 'Specific reason when voltage adjustment is rejected.',
    from: 'SurplusCapacitySubmit.VoltageAdjustmentRejectReason',
  },
  Warning: { meaning: 'Warning messages of the response.', from: 'Messages.Warning' },
  XmlTimeStamp: {
    meaning: 'When the MMS received the request, as YYYY-MM-DD HH:MM:SSZ.',
    from: 'ProcessingStatistics.XmlTimeStamp',
  },
  a: { meaning: 'Term a of the ABC band.', from: 'AbcBand.a' },
  b: { meaning: 'Term b of the ABC band.', from: 'AbcBand.b' },
  c: { meaning: 'Term c of the ABC band.', from: 'AbcBand.c' },
};
