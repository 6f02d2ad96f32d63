/**
 * Rules of a resource registration (RegistrationSubmit_Resource), from the
 * notes of the reference client's ResourceData, StartupEvent, ShutdownEvent,
 * StartupPattern and ShutdownPattern models (../shared/reference/fields.json).
 * Codes are the schema's: ContractType `4` is ONLY_POWER_SUPPLY_1,
 * ResourceType `01` THERMAL, and so on (generated/registration/types.ts).
 */
import { registration } from '../../generated/index.js';
import { fixedWhen, onlyWhen, pick, requiredWhen, uniqueWithin, type Condition } from './builders.js';
import type { Rule, RuleFinding } from './rule.js';
import { items, type Item } from './values.js';

const {
  AreaType,
  ContractTypeType,
  RemResvUtilizationType,
  ResourceTypeType,
  Sec2Ter1Ter2CommandOperationMethodType,
  StartupEventNameType,
  StopEventNameType,
} = registration;

const OPERATIONS = ['RegistrationSubmit_Resource'] as const;
const source = (field: string, model = 'ResourceData'): string => `fields.json ${model}.${field}`;
/** The id of the rule about one field: `RatedCapacity` → `resource.rated-capacity`. */
export const fieldRuleId = (name: string): string =>
  `resource.${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;

const VPP: readonly string[] = [
  ResourceTypeType.VPP_GEN,
  ResourceTypeType.VPP_GEN_AND_DEM,
  ResourceTypeType.VPP_DEM,
];
const notOnlyPowerSupply1 = (item: Item): boolean =>
  item['ContractType'] !== ContractTypeType.ONLY_POWER_SUPPLY_1;

const NOT_ONLY_PS1: Condition = {
  words: 'ContractType is not ONLY_POWER_SUPPLY_1 (4)',
  holds: notOnlyPowerSupply1,
};
const NOT_ONLY_PS1_NOR_VPP: Condition = {
  words: 'ContractType is not ONLY_POWER_SUPPLY_1 (4) and ResourceType is not a VPP (05, 06, 07)',
  holds: (item) => notOnlyPowerSupply1(item) && !VPP.includes(String(item['ResourceType'])),
};

/** Not ONLY_POWER_SUPPLY_1, and one of these resource types. */
function ofTypes(...types: (keyof typeof ResourceTypeType)[]): Condition {
  const codes = types.map((t) => ResourceTypeType[t]);
  return {
    words: `ContractType is not ONLY_POWER_SUPPLY_1 (4) and ResourceType is ${types.map((t, i) => `${t} (${codes[i]})`).join(' or ')}`,
    holds: (item) => notOnlyPowerSupply1(item) && (codes as string[]).includes(String(item['ResourceType'])),
  };
}

const PRODUCTS = ['Pri', 'Sec1', 'Sec2', 'Ter1', 'Ter2'] as const;
const NO_SURPLUS_CONTRACTS = [
  ContractTypeType.MARKET,
  ContractTypeType.POWER_SUPPLY_2,
  ContractTypeType.ONLY_POWER_SUPPLY_1,
] as readonly string[];

const surplusRules: Rule[] = PRODUCTS.flatMap((p) => [
  fixedWhen({
    id: `resource.${p.toLowerCase()}-surplus-not-available`,
    operations: OPERATIONS,
    field: `${p}RemResvUtilization`,
    value: RemResvUtilizationType.NOT_AVAILABLE,
    valueName: 'NOT_AVAILABLE',
    when: {
      words: 'ContractType is MARKET (1), POWER_SUPPLY_2 (3) or ONLY_POWER_SUPPLY_1 (4)',
      holds: (item) => NO_SURPLUS_CONTRACTS.includes(String(item['ContractType'])),
    },
    source: source(`${p}RemResvUtilization`),
  }),
  onlyWhen({
    id: `resource.${p.toLowerCase()}-surplus-quantity`,
    operations: OPERATIONS,
    field: `${p}RemResvMaximumSupplyQuantity`,
    when: {
      words: `${p}RemResvUtilization is available (1, 2 or 3)`,
      holds: (item) =>
        item[`${p}RemResvUtilization`] !== undefined &&
        item[`${p}RemResvUtilization`] !== RemResvUtilizationType.NOT_AVAILABLE,
    },
    source: source(`${p}RemResvMaximumSupplyQuantity`),
  }),
]);

/** The patterns of one kind, with their path and events. */
function patterns(item: Item, kind: 'Startup' | 'Stop'): { path: string; events: Item[] }[] {
  const path = `${kind}Pattern.${kind}PatternInfo`;
  return items(pick(item[`${kind}Pattern`], `${kind}PatternInfo`)).map((p, i) => ({
    path: `${path}[${i}].${kind}PatternEvent`,
    events: items(p[`${kind}PatternEvent`]),
  }));
}

/** Each pattern of a kind holds every event of `required` and at least one of `oneOf`. */
function eventsRule(spec: {
  id: string;
  kind: 'Startup' | 'Stop';
  summary: string;
  source: string;
  missing: (names: Set<string>) => string | undefined;
}): Rule {
  return {
    id: spec.id,
    operations: OPERATIONS,
    severity: 'error',
    summary: spec.summary,
    source: spec.source,
    check({ item }) {
      return patterns(item, spec.kind).flatMap(({ path, events }): RuleFinding[] => {
        const lacking = spec.missing(new Set(events.map((e) => String(e['EventName']))));
        return lacking === undefined ? [] : [{ path, message: `the pattern lacks ${lacking}` }];
      });
    },
  };
}

const STARTUP_MANDATORY = [
  'STARTUP_OPERATION',
  'BOILER_IGNITION',
  'TURBINE_STARTUP',
  'CONNECTION',
  'POWER_SUPPLY_OPERATION',
] as const;
const named = (list: readonly string[], codes: Record<string, string>): string =>
  list.map((n) => `${n} (${codes[n]})`).join(', ');

const patternRules: Rule[] = [
  eventsRule({
    id: 'resource.startup-mandatory-events',
    kind: 'Startup',
    summary: `Every startup pattern has the events ${named(STARTUP_MANDATORY, StartupEventNameType)}.`,
    source: source('EventName', 'StartupEvent'),
    missing: (names) => {
      const lacking = STARTUP_MANDATORY.filter((n) => !names.has(StartupEventNameType[n]));
      return lacking.length === 0 ? undefined : named(lacking, StartupEventNameType);
    },
  }),
  eventsRule({
    id: 'resource.stop-disconnection',
    kind: 'Stop',
    summary: `Every stop pattern has the event DISCONNECTION (${StopEventNameType.DISCONNECTION}).`,
    source: source('EventName', 'ShutdownEvent'),
    missing: (names) =>
      names.has(StopEventNameType.DISCONNECTION)
        ? undefined
        : `DISCONNECTION (${StopEventNameType.DISCONNECTION})`,
  }),
  ...(['Startup', 'Stop'] as const).flatMap((kind) => {
    const model = kind === 'Startup' ? 'Startup' : 'Shutdown';
    return [
      uniqueWithin({
        id: `resource.${kind.toLowerCase()}-event-unique`,
        operations: OPERATIONS,
        summary: `Within a ${kind.toLowerCase()} pattern, each EventName appears once.`,
        source: source('EventName', `${model}Event`),
        key: 'EventName',
        lists: (item) => patterns(item, kind).map(({ path, events }) => ({ path, entries: events })),
      }),
      uniqueWithin({
        id: `resource.${kind.toLowerCase()}-pattern-name-unique`,
        operations: OPERATIONS,
        summary: `The ${kind.toLowerCase()} patterns of a resource have different PatternNames.`,
        source: source('PatternName', `${model}Pattern`),
        key: 'PatternName',
        lists: (item) => [
          {
            path: `${kind}Pattern.${kind}PatternInfo`,
            entries: items(pick(item[`${kind}Pattern`], `${kind}PatternInfo`)),
          },
        ],
      }),
    ];
  }),
];

const SIMPLE_COMMAND: Condition = {
  words: `Sec2Ter1Ter2CommandOperationMethod is SIMPLE_COMMAND (${Sec2Ter1Ter2CommandOperationMethodType.SIMPLE_COMMAND})`,
  holds: (item) =>
    item['Sec2Ter1Ter2CommandOperationMethod'] === Sec2Ter1Ter2CommandOperationMethodType.SIMPLE_COMMAND,
};

/** The rated values a resource has outside ONLY_POWER_SUPPLY_1 and VPP, and only there. */
export const RATED_FIELDS = [
  'RatedCapacity',
  'RatedVoltage',
  'ContinuousOperationVoltage',
  'RatedPowerFactor',
  'Frequency',
  'InPlantRate',
  'RatedOutput',
  'AuthorizedMaximumOutput',
] as const;

/** What a pumped-storage or battery resource states about charging and discharging. */
export const STORAGE_FIELDS = [
  'PumpCharging',
  'VariableSpeedOperation',
  'DischargingOutput',
  'DischargingTime',
  'ChargingOutput',
  'ChargingTime',
  'FullPowerGenerationTime',
] as const;

/** Fields set exactly when the condition holds ("mandatory; otherwise it cannot be set"). */
const ONLY_WHEN: readonly [string, Condition][] = [
  ['VenId', SIMPLE_COMMAND],
  ['MarketContext', SIMPLE_COMMAND],
  ...RATED_FIELDS.map((f): [string, Condition] => [f, NOT_ONLY_PS1_NOR_VPP]),
];

/**
 * Fields required when the condition holds; for the other cases the source
 * says "optional" or "should not be set", which is not checked.
 */
const REQUIRED_WHEN: readonly [string, Condition][] = [
  [
    'ContractExistence',
    { words: `Area is OKINAWA (${AreaType.OKINAWA})`, holds: (item) => item['Area'] === AreaType.OKINAWA },
  ],
  ...['Address', 'PayeePhonePart1', 'PayeePhonePart2', 'PayeePhonePart3'].map((f): [string, Condition] => [
    f,
    NOT_ONLY_PS1,
  ]),
  ...['ThermalType', 'Dss', 'OperationTime', 'NumberOfStartups', 'AfcMinimumOutput'].map(
    (f): [string, Condition] => [f, ofTypes('THERMAL')],
  ),
  ['BatteryCapacity', ofTypes('BATTERY')],
  ...STORAGE_FIELDS.map((f): [string, Condition] => [f, ofTypes('PUMP', 'BATTERY')]),
];

const fieldRules: Rule[] = [
  ...ONLY_WHEN.map(([field, when]) =>
    onlyWhen({ id: fieldRuleId(field), operations: OPERATIONS, field, when, source: source(field) }),
  ),
  ...REQUIRED_WHEN.map(([field, when]) =>
    requiredWhen({
      id: fieldRuleId(field),
      operations: OPERATIONS,
      field,
      when,
      source: source(field),
    }),
  ),
];

export const RESOURCE_RULES: readonly Rule[] = [...surplusRules, ...patternRules, ...fieldRules];
