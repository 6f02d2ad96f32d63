/**
 * For every rule of the catalog, a request that breaks only that rule and
 * the same request with the rule satisfied, against the simulator's seeded
 * state (resource SIMRES01 of each BSP). test/rules/rules.e2e.test.ts sends
 * each through the client (refused, or warned) and, with the client's checks
 * off, to the simulator (rejected, or warned).
 */
import type { ClientType } from '../../src/vocabulary.js';
import { fieldRuleId, RATED_FIELDS, STORAGE_FIELDS } from '../../src/rules/resources.js';
import { tomorrowJst } from '../simulator/helpers.js';

export interface RuleRequest {
  readonly attributes: Record<string, unknown>;
  readonly data: unknown;
}

export interface RuleExample {
  readonly operation: string;
  readonly clientType: ClientType;
  readonly pass: RuleRequest;
  readonly fail: RuleRequest;
  /** The path of the violation the failing request gets. */
  readonly path: string;
}

const day = tomorrowJst();
const market = { Date: day, MarketType: 'DAM', NumOfDays: 1 };
const stack = {
  StackNumber: 1,
  MinimumQuantityInKw: 1000,
  PrimaryOfferQuantityInKw: 2000,
  OfferUnitPrice: 10,
};
const offer = {
  ResourceName: 'SIMRES01',
  StartTime: `${day}T09:00:00`,
  EndTime: `${day}T12:00:00`,
  Direction: '1',
  OfferStack: [stack],
};

// Resource registrations: a battery traded on the market (the BSP walk-through's, with every
// field the rules ask of a battery) and a thermal unit; each failing request changes one thing.
export const battery = {
  ResourceName: 'RULEBAT1',
  Area: '03',
  ContractType: '1',
  ResourceType: '04',
  StartDate: day,
  SystemCode: 'FSYS1',
  ResourceShortName: '規則蓄電池',
  ResourceLongName: '規則蓄電池一号機',
  PriRemResvUtilization: '0',
  Sec1RemResvUtilization: '0',
  Sec2RemResvUtilization: '0',
  Ter1RemResvUtilization: '0',
  Ter2RemResvUtilization: '0',
  SignalType: '1',
  VoltageAdjustment: '0',
  Address: '東京都千代田区丸の内一丁目',
  PayeePhonePart1: '03',
  PayeePhonePart2: '1234',
  PayeePhonePart3: '5678',
  RatedCapacity: 5000,
  RatedVoltage: 6.6,
  ContinuousOperationVoltage: 95,
  RatedPowerFactor: 90,
  Frequency: 50,
  InPlantRate: '3.0',
  RatedOutput: 5000,
  AuthorizedMaximumOutput: 5000,
  BatteryCapacity: 20000,
  PumpCharging: '1',
  VariableSpeedOperation: '0',
  DischargingOutput: 5000,
  DischargingTime: 5,
  ChargingOutput: 5000,
  ChargingTime: 5,
  FullPowerGenerationTime: 4,
  StartupPattern: {
    StartupPatternInfo: [
      {
        PatternName: '通常起動',
        StartupPatternEvent: [
          { EventName: '1', ChangeTime: '-00:30', Output: 0 },
          { EventName: '2', ChangeTime: '-00:20', Output: 0 },
          { EventName: '3', ChangeTime: '-00:10', Output: 0 },
          { EventName: '4', ChangeTime: '00:00', Output: 0 },
          { EventName: '5', ChangeTime: '00:10', Output: 2500 },
          { EventName: '25', ChangeTime: '00:20', Output: 5000 },
        ],
      },
    ],
  },
  StopPattern: {
    StopPatternInfo: [
      {
        PatternName: '通常停止',
        StopPatternEvent: [
          { EventName: '1', ChangeTime: '-00:10', Output: 2500 },
          { EventName: '21', ChangeTime: '00:00', Output: 0 },
        ],
      },
    ],
  },
};
export const BATTERY_ONLY = ['BatteryCapacity', ...STORAGE_FIELDS] as const;
export const thermal = {
  ...without(battery, ...BATTERY_ONLY),
  ResourceName: 'RULETHM1',
  ResourceType: '01',
  ThermalType: '1',
  Dss: '0',
  OperationTime: 8,
  NumberOfStartups: 2,
  AfcMinimumOutput: 1000,
};

export function without<T extends object>(value: T, ...names: string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !names.includes(k))) as T;
}

type Resource = Readonly<Record<string, unknown>>;
const resource = (pass: Resource, fail: Resource, field: string): RuleExample => ({
  operation: 'RegistrationSubmit_Resource',
  clientType: 'bsp',
  pass: { attributes: {}, data: pass },
  fail: { attributes: {}, data: fail },
  path: `RegistrationSubmit.Resource[0].${field}`,
});
/** A field the rules require of `base`, left out. */
const leftOut = (base: Resource, field: string): RuleExample => resource(base, without(base, field), field);

type Events = { EventName: string; ChangeTime: string; Output: number }[];
const startupEvents = battery.StartupPattern.StartupPatternInfo[0]!.StartupPatternEvent;
const stopEvents = battery.StopPattern.StopPatternInfo[0]!.StopPatternEvent;
const withStartup = (events: Events, name = '通常起動'): Resource => ({
  ...battery,
  StartupPattern: { StartupPatternInfo: [{ PatternName: name, StartupPatternEvent: events }] },
});
const withStop = (events: Events, name = '通常停止'): Resource => ({
  ...battery,
  StopPattern: { StopPatternInfo: [{ PatternName: name, StopPatternEvent: events }] },
});
/** The events with one renamed (the schema wants a minimum count, so none is left out). */
const renamed = (events: Events, from: string, to: string): Events =>
  events.map((e) => (e.EventName === from ? { ...e, EventName: to } : e));
const startupPath = 'StartupPattern.StartupPatternInfo[0].StartupPatternEvent';
const stopPath = 'StopPattern.StopPatternInfo[0].StopPatternEvent';

const RESOURCE_EXAMPLES: Record<string, RuleExample> = {
  ...Object.fromEntries(
    ['Pri', 'Sec1', 'Sec2', 'Ter1', 'Ter2'].flatMap((p) => [
      [
        `resource.${p.toLowerCase()}-surplus-not-available`,
        resource(
          battery,
          { ...battery, [`${p}RemResvUtilization`]: '3', [`${p}RemResvMaximumSupplyQuantity`]: 1000 },
          `${p}RemResvUtilization`,
        ),
      ],
      [
        `resource.${p.toLowerCase()}-surplus-quantity`,
        resource(
          battery,
          { ...battery, [`${p}RemResvMaximumSupplyQuantity`]: 1000 },
          `${p}RemResvMaximumSupplyQuantity`,
        ),
      ],
    ]),
  ),
  'resource.startup-mandatory-events': resource(
    battery,
    withStartup(renamed(startupEvents, '2', '6')),
    startupPath,
  ),
  'resource.startup-event-unique': resource(
    withStartup([...startupEvents, { EventName: '6', ChangeTime: '00:15', Output: 3000 }]),
    withStartup([...startupEvents, { EventName: '5', ChangeTime: '00:15', Output: 3000 }]),
    `${startupPath}[6].EventName`,
  ),
  'resource.startup-pattern-name-unique': resource(
    {
      ...battery,
      StartupPattern: {
        StartupPatternInfo: [
          { PatternName: '通常起動', StartupPatternEvent: startupEvents },
          { PatternName: '急速起動', StartupPatternEvent: startupEvents },
        ],
      },
    },
    {
      ...battery,
      StartupPattern: {
        StartupPatternInfo: [
          { PatternName: '通常起動', StartupPatternEvent: startupEvents },
          { PatternName: '通常起動', StartupPatternEvent: startupEvents },
        ],
      },
    },
    'StartupPattern.StartupPatternInfo[1].PatternName',
  ),
  'resource.stop-disconnection': resource(battery, withStop(renamed(stopEvents, '21', '2')), stopPath),
  'resource.stop-event-unique': resource(
    withStop([...stopEvents, { EventName: '2', ChangeTime: '-00:05', Output: 1000 }]),
    withStop([...stopEvents, { EventName: '1', ChangeTime: '-00:05', Output: 1000 }]),
    `${stopPath}[2].EventName`,
  ),
  'resource.stop-pattern-name-unique': resource(
    {
      ...battery,
      StopPattern: {
        StopPatternInfo: [
          { PatternName: '通常停止', StopPatternEvent: stopEvents },
          { PatternName: '緊急停止', StopPatternEvent: stopEvents },
        ],
      },
    },
    {
      ...battery,
      StopPattern: {
        StopPatternInfo: [
          { PatternName: '通常停止', StopPatternEvent: stopEvents },
          { PatternName: '通常停止', StopPatternEvent: stopEvents },
        ],
      },
    },
    'StopPattern.StopPatternInfo[1].PatternName',
  ),
  'resource.ven-id': resource(
    { ...battery, Sec2Ter1Ter2CommandOperationMethod: '2', VenId: 'VEN-01', MarketContext: 'http://mc' },
    { ...battery, Sec2Ter1Ter2CommandOperationMethod: '2', MarketContext: 'http://mc' },
    'VenId',
  ),
  'resource.market-context': resource(
    { ...battery, Sec2Ter1Ter2CommandOperationMethod: '2', VenId: 'VEN-01', MarketContext: 'http://mc' },
    { ...battery, Sec2Ter1Ter2CommandOperationMethod: '1', MarketContext: 'http://mc' },
    'MarketContext',
  ),
  'resource.contract-existence': resource(
    { ...battery, Area: '10', ContractExistence: '0' },
    { ...battery, Area: '10' },
    'ContractExistence',
  ),
  ...Object.fromEntries(
    [
      ...RATED_FIELDS,
      'Address',
      'PayeePhonePart1',
      'PayeePhonePart2',
      'PayeePhonePart3',
      ...BATTERY_ONLY,
    ].map((f) => [fieldRuleId(f), leftOut(battery, f)]),
  ),
  ...Object.fromEntries(
    ['ThermalType', 'Dss', 'OperationTime', 'NumberOfStartups', 'AfcMinimumOutput'].map((f) => [
      fieldRuleId(f),
      leftOut(thermal, f),
    ]),
  ),
};

// Balancing unit prices for the seeded resource: one pattern with a band of each kind.
const bupBand = { Band: 1, FromCap: 0, V1: 10 };
const abcBand = { Band: 1, FromCap: 0, a: 1, b: 2, c: 3 };
const startupBand = { CaseNo: 1, StopTime: 0, V3: 100000 };
const bup = (bands: { Bup?: unknown[]; Abc?: unknown[]; StartupCost?: unknown[] }): unknown => ({
  ResourceName: 'SIMRES01',
  StartTime: `${day}T00:00:00`,
  EndTime: `${day}T03:00:00`,
  PatternData: [
    {
      PatternNo: 1,
      PatternStatus: '1',
      Bup: { BandBup: bands.Bup ?? [bupBand] },
      Abc: { BandAbc: bands.Abc ?? [abcBand] },
      StartupCost: { BandStartup: bands.StartupCost ?? [startupBand] },
    },
  ],
});
const bupExample = (
  kind: 'Bup' | 'Abc' | 'StartupCost',
  list: string,
  band: Record<string, unknown>,
  key: string,
  other: Record<string, unknown>,
): RuleExample => ({
  operation: 'MarketSubmit_BupSubmit',
  clientType: 'bsp',
  pass: { attributes: market, data: bup({ [kind]: [band, { ...band, ...other, [key]: 2 }] }) },
  fail: { attributes: market, data: bup({ [kind]: [band, { ...band, ...other }] }) },
  path: `MarketSubmit.BupSubmit[0].PatternData[0].${kind}.${list}[1].${key}`,
});
const BUP_EXAMPLES: Record<string, RuleExample> = {
  'bup.band-unique': bupExample('Bup', 'BandBup', bupBand, 'Band', { FromCap: 1000 }),
  'bup.abc-band-unique': bupExample('Abc', 'BandAbc', abcBand, 'Band', { FromCap: 1000 }),
  'bup.startup-case-unique': bupExample('StartupCost', 'BandStartup', startupBand, 'CaseNo', { StopTime: 8 }),
};

/** Rule id → its example. */
export const RULE_EXAMPLES: Readonly<Record<string, RuleExample>> = {
  'time.end-after-start': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, StartTime: `${day}T12:00:00`, EndTime: `${day}T09:00:00` },
    },
    path: 'MarketSubmit.OfferData[0].EndTime',
  },
  'time.on-half-hour': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: { attributes: market, data: { ...offer, StartTime: `${day}T09:10:00` } },
    path: 'MarketSubmit.OfferData[0].StartTime',
  },
  'offer.stack-number-unique': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: { ...offer, OfferStack: [stack, { ...stack, StackNumber: 2 }] } },
    fail: { attributes: market, data: { ...offer, OfferStack: [stack, { ...stack }] } },
    path: 'MarketSubmit.OfferData[0].OfferStack[1].StackNumber',
  },
  'offer.quantity-at-least-minimum': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, OfferStack: [{ ...stack, PrimaryOfferQuantityInKw: 999 }] },
    },
    path: 'MarketSubmit.OfferData[0].OfferStack[0].PrimaryOfferQuantityInKw',
  },
  'offer.minimum-quantity-floor': {
    operation: 'MarketSubmit_OfferData',
    clientType: 'bsp',
    pass: { attributes: market, data: offer },
    fail: {
      attributes: market,
      data: { ...offer, OfferStack: [{ ...stack, MinimumQuantityInKw: 500, PrimaryOfferQuantityInKw: 600 }] },
    },
    path: 'MarketSubmit.OfferData[0].OfferStack[0].MinimumQuantityInKw',
  },
  'market.dam-one-day': {
    operation: 'MarketQuery_OfferQuery',
    clientType: 'bsp',
    pass: { attributes: market, data: { MarketType: 'DAM' } },
    fail: { attributes: { ...market, NumOfDays: 2 }, data: { MarketType: 'DAM' } },
    path: 'MarketQuery.NumOfDays',
  },
  'award.no-linked-area-for-bsp': {
    operation: 'MarketQuery_AwardResultsQuery',
    clientType: 'bsp',
    pass: {
      attributes: market,
      data: { MarketType: 'DAM', StartTime: `${day}T00:00:00`, EndTime: `${day}T03:00:00` },
    },
    fail: {
      attributes: market,
      data: { MarketType: 'DAM', StartTime: `${day}T00:00:00`, EndTime: `${day}T03:00:00`, LinkedArea: '03' },
    },
    path: 'MarketQuery.AwardResultsQuery.LinkedArea',
  },
  'offer-query.area-for-tso-mo': {
    operation: 'MarketQuery_OfferQuery',
    clientType: 'tso',
    pass: { attributes: market, data: { MarketType: 'DAM', Area: '03' } },
    fail: { attributes: market, data: { MarketType: 'DAM' } },
    path: 'MarketQuery.OfferQuery.Area',
  },
  'report.on-demand': {
    operation: 'ReportCreateRequest',
    clientType: 'bsp',
    pass: {
      attributes: {},
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'ON_DEMAND',
        Date: day,
      },
    },
    fail: {
      attributes: {},
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'DAILY',
        Date: day,
      },
    },
    path: 'MarketReport.ReportCreateRequest.Periodicity',
  },
  ...BUP_EXAMPLES,
  ...RESOURCE_EXAMPLES,
};
