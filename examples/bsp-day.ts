import { readFileSync } from 'node:fs';
import {
  addJstDays,
  Certificate,
  MmsClient,
  MmsValidationError,
  registration,
  toJstDate,
  type DataInput,
} from 'mms-client';

// A BSP's day: register a resource, offer it for tomorrow in three blocks, read the offers
// back, withdraw one, and download a report. The connection comes from the environment:
// the local simulator (`mms simulate`) or the MMS test hosts.
const certificate = await Certificate.fromFile(
  process.env.MMS_CERT_FILE!,
  process.env.MMS_CERT_PASSPHRASE ?? '',
);
const client = new MmsClient({
  participant: process.env.MMS_PARTICIPANT ?? 'F100',
  user: process.env.MMS_USER ?? 'FAKEUSER',
  clientType: 'bsp',
  certificate,
  domain: 'example.co.jp',
  environment: 'test',
  ...(process.env.MMS_URL_MI ? { urls: { MI: process.env.MMS_URL_MI } } : {}),
  ...(process.env.MMS_CA_FILE ? { ca: readFileSync(process.env.MMS_CA_FILE) } : {}),
});

const { AreaType, ContractTypeType, ResourceTypeType, RemResvUtilizationType } = registration;
const { SignalTypeType, AvailabilityType, StartupEventNameType, StopEventNameType } = registration;
const today = toJstDate(new Date());
const tomorrow = addJstDays(today, 1);

try {
  // 1. A battery in the Tokyo area, traded on the market only. ParticipantName is filled in.
  const battery: DataInput<'RegistrationSubmit_Resource'> = {
    ResourceName: 'BATT01',
    Area: AreaType.TOKYO,
    ContractType: ContractTypeType.MARKET,
    ResourceType: ResourceTypeType.BATTERY,
    StartDate: today,
    SystemCode: 'FSYS1',
    ResourceShortName: '蓄電池一号',
    ResourceLongName: '蓄電池一号機',
    PriRemResvUtilization: RemResvUtilizationType.NOT_AVAILABLE,
    Sec1RemResvUtilization: RemResvUtilizationType.NOT_AVAILABLE,
    Sec2RemResvUtilization: RemResvUtilizationType.NOT_AVAILABLE,
    Ter1RemResvUtilization: RemResvUtilizationType.NOT_AVAILABLE,
    Ter2RemResvUtilization: RemResvUtilizationType.NOT_AVAILABLE,
    SignalType: SignalTypeType.ACTUAL_OUTPUT_ORDER,
    VoltageAdjustment: AvailabilityType.NO,
    // What the MMS asks of every resource outside ONLY_POWER_SUPPLY_1, and of a non-VPP battery.
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
    PumpCharging: AvailabilityType.YES,
    VariableSpeedOperation: AvailabilityType.NO,
    DischargingOutput: 5000,
    DischargingTime: 5,
    ChargingOutput: 5000,
    ChargingTime: 5,
    FullPowerGenerationTime: 4,
    OutputBand: {
      OutputBandInfo: [
        {
          Output: 5000,
          GfWidth: 0,
          AfcWidth: 0,
          AfcVariationSpeed: 0,
          OtmVariationSpeed: 500,
          AfcOtmVariationSpeed: 0,
        },
      ],
    },
    SwitchOutput: { SwitchOutputInfo: [{ Output: 1000, SwitchTime: 5 }] },
    OutputRangeBelowAfc: {
      OutputRangeBelowAfcInfo: [{ Output: 500, OperationTime: 1.5, OutputVariationSpeed: 100 }],
    },
    StartupPattern: {
      StartupPatternInfo: [
        {
          PatternName: '通常起動',
          StartupPatternEvent: [
            { EventName: StartupEventNameType.STARTUP_OPERATION, ChangeTime: '-00:30', Output: 0 },
            { EventName: StartupEventNameType.BOILER_IGNITION, ChangeTime: '-00:20', Output: 0 },
            { EventName: StartupEventNameType.TURBINE_STARTUP, ChangeTime: '-00:10', Output: 0 },
            { EventName: StartupEventNameType.CONNECTION, ChangeTime: '00:00', Output: 0 },
            { EventName: StartupEventNameType.OUTPUT_SETPOINT1, ChangeTime: '00:10', Output: 2500 },
            { EventName: StartupEventNameType.POWER_SUPPLY_OPERATION, ChangeTime: '00:20', Output: 5000 },
          ],
        },
      ],
    },
    StopPattern: {
      StopPatternInfo: [
        {
          PatternName: '通常停止',
          StopPatternEvent: [
            { EventName: StopEventNameType.OUTPUT_SETPOINT1, ChangeTime: '-00:10', Output: 2500 },
            { EventName: StopEventNameType.DISCONNECTION, ChangeTime: '00:00', Output: 0 },
          ],
        },
      ],
    },
  };
  const registered = await client.putResource({}, battery);
  console.log(`registered ${battery.ResourceName} in transaction ${registered.statistics?.TransactionId}`);

  // 2. Three 3-hour blocks tomorrow on the day-ahead market, one price each (JPY/kW/segment).
  const market = { Date: tomorrow, MarketType: 'DAM', NumOfDays: 1 } as const;
  const block = (start: string, end: string, price: number): DataInput<'MarketSubmit_OfferData'> => ({
    ResourceName: battery.ResourceName,
    StartTime: `${tomorrow}T${start}`,
    EndTime: `${tomorrow}T${end}`,
    Direction: '1',
    OfferStack: [
      { StackNumber: 1, MinimumQuantityInKw: 1000, PrimaryOfferQuantityInKw: 3000, OfferUnitPrice: price },
    ],
  });
  const offers = [
    block('06:00:00', '09:00:00', 8.5),
    block('09:00:00', '12:00:00', 9),
    block('18:00:00', '21:00:00', 12.25),
  ];
  const put = await client.putOffers(market, offers);
  console.log(
    `offered ${put.data.length} blocks: ${put.data.map((o) => o.OfferStack[0]?.OfferId).join(', ')}`,
  );

  // 3. What the MMS holds for tomorrow.
  const held = await client.queryOffers(market, { MarketType: 'DAM' });
  for (const o of held.data)
    console.log(`  ${o.StartTime} to ${o.EndTime}: ${o.OfferStack[0]?.OfferUnitPrice} JPY`);

  // 4. Withdraw the evening block.
  const evening = offers[2]!;
  await client.cancelOffer(market, {
    ResourceName: evening.ResourceName,
    StartTime: evening.StartTime,
    EndTime: evening.EndTime,
    MarketType: 'DAM',
  });
  const left = await client.queryOffers(market, { MarketType: 'DAM' });
  console.log(`cancelled the evening block; ${left.data.length} offers left`);

  // 5. A report of the BSP's resources, asked for, then downloaded by its transaction id.
  const asked = await client.createReport(
    {},
    {
      ReportName: 'BSP_ResourceList',
      ReportType: 'REGISTRATION',
      ReportSubType: 'RESOURCE',
      Periodicity: 'ON_DEMAND',
      Date: today,
    },
  );
  const report = await client.downloadReport(asked.statistics!.TransactionId!);
  const rows = report.data?.BSP_ResourceList?.length ?? 0;
  console.log(`report ${asked.statistics!.TransactionId}: ${rows} resources`);
} catch (error) {
  if (!(error instanceof MmsValidationError)) throw error;
  for (const e of error.errors) console.error(`rejected at ${e.path}: [${e.code ?? ''}] ${e.text}`);
  process.exitCode = 1;
} finally {
  client.close();
}
