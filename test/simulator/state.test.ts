/**
 * The simulator remembers: what is submitted comes back from queries with
 * the fields the server fills in, cancels remove it, reports can be created,
 * listed and downloaded by transaction id or by file name.
 */
import { MmsClient } from '../../src/client/client.js';
import { MmsValidationError } from '../../src/client/errors.js';
import { fileBytes } from '../../src/client/result.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { DataInput } from '../../src/client/types.js';
import { PayloadRecorder, invalidPayloads, simulatorClient, tomorrowJst } from './helpers.js';

let sim: Simulator;
let bsp: MmsClient;
let tso: MmsClient;
let mo: MmsClient;
const recorder = new PayloadRecorder();
const date = tomorrowJst();
const envelope = { Date: date, MarketType: 'DAM' as const };
const offer: DataInput<'MarketSubmit_OfferData'> = {
  ResourceName: 'SIMRES01',
  StartTime: `${date}T09:00:00`,
  EndTime: `${date}T12:00:00`,
  Direction: '1',
  OfferStack: [
    { StackNumber: 1, MinimumQuantityInKw: 1000, PrimaryOfferQuantityInKw: 2000, OfferUnitPrice: 9.99 },
    { StackNumber: 2, MinimumQuantityInKw: 1000, PrimaryOfferQuantityInKw: 1000, OfferUnitPrice: 15 },
  ],
};

beforeAll(async () => {
  sim = await startSimulator();
  bsp = await simulatorClient(sim, sim.credential({ clientType: 'bsp' }), { hooks: recorder });
  tso = await simulatorClient(sim, sim.credential({ clientType: 'tso' }), { hooks: recorder });
  mo = await simulatorClient(sim, sim.credential({ clientType: 'mo' }), { hooks: recorder });
});

afterAll(async () => {
  for (const c of [bsp, tso, mo]) c?.close();
  await sim?.stop();
});

test('an offer submitted comes back from a query with the fields the server fills in', async () => {
  const put = await bsp.putOffer(envelope, offer);
  expect(put.data).toMatchObject({ ...offer, Validation: 'PASSED', Success: true });
  expect(put.statistics).toMatchObject({ Received: 1, Valid: 1, Invalid: 0, Successful: 1, Unsuccessful: 0 });
  expect(put.messages).toEqual([expect.objectContaining({ level: 'information', code: 'SIM-I0001' })]);

  const queried = await bsp.queryOffers(envelope, { MarketType: 'DAM' });
  expect(queried.data).toHaveLength(1);
  const [found] = queried.data;
  // What was submitted, plus what the MMS fills in.
  expect(found).toMatchObject({
    ResourceName: 'SIMRES01',
    StartTime: offer.StartTime,
    EndTime: offer.EndTime,
    Direction: '1',
    BspParticipantName: 'F100',
    CompanyShortName: 'シミュレータ',
    // From the registered resource SIMRES01.
    Area: '03',
    SystemCode: 'SIM01',
    ResourceShortName: '模擬電源',
    Validation: 'PASSED',
    Success: true,
  });
  expect(found?.SubmissionTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(found?.OfferStack.map((s) => [s.StackNumber, s.OfferUnitPrice, s.PrimaryOfferQuantityInKw])).toEqual(
    [
      [1, 9.99, 2000],
      [2, 15, 1000],
    ],
  );
  expect(found?.OfferStack.every((s) => /^SIM-[A-Z0-9]{8}-\d+$/.test(s.OfferId ?? ''))).toBe(true);
  expect(found?.OfferStack[0]?.OfferId).toBe(put.data?.OfferStack[0]?.OfferId);
});

test('queries filter by the query attributes and the trade date', async () => {
  expect((await bsp.queryOffers(envelope, { MarketType: 'DAM', ResourceName: 'OTHER' })).data).toEqual([]);
  expect((await bsp.queryOffers(envelope, { MarketType: 'DCM' })).data).toEqual([]);
  expect((await bsp.queryOffers({ ...envelope, Date: '2020-01-01' }, { MarketType: 'DAM' })).data).toEqual(
    [],
  );
  const empty = await bsp.queryOffers(envelope, { MarketType: 'DAM', ResourceName: 'OTHER' });
  expect(empty.messages).toEqual([expect.objectContaining({ code: 'SIM-I0002' })]);
});

test('resubmitting an offer for the same resource and period replaces it', async () => {
  await bsp.putOffer(envelope, {
    ...offer,
    OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 1 }],
  });
  const queried = await bsp.queryOffers(envelope, { MarketType: 'DAM' });
  expect(queried.data).toHaveLength(1);
  expect(queried.data[0]?.OfferStack).toHaveLength(1);
  await bsp.putOffer(envelope, offer);
});

test('awards are made from the offers, in full at their own price', async () => {
  const awards = await bsp.queryAwards(
    { Date: date },
    { MarketType: 'DAM', StartTime: `${date}T00:00:00`, EndTime: `${date}T23:59:59` },
  );
  const results = awards.data?.AwardResultsQueryResponse?.AwardResults ?? [];
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ StartTime: offer.StartTime, EndTime: offer.EndTime, Direction: '1' });
  expect(
    results[0]?.AwardResultsData.map((a) => [a.ResourceName, a.ContractPrice, a.PrimaryAwardQuantityInKw]),
  ).toEqual([
    ['SIMRES01', 9.99, 2000],
    ['SIMRES01', 15, 1000],
  ]);
  // A period without offers has no awards.
  const none = await bsp.queryAwards(
    { Date: date },
    { MarketType: 'DAM', StartTime: `${date}T18:00:00`, EndTime: `${date}T21:00:00` },
  );
  expect(none.data?.AwardResultsQueryResponse).toBeUndefined();
});

test("a TSO sees every participant's offers", async () => {
  // A TSO names the area (rule offer-query.area-for-tso-mo); SIMRES01 is in Tokyo.
  const seen = await tso.queryOffers(envelope, { MarketType: 'DAM', Area: '03' });
  expect(seen.data.map((o) => o.BspParticipantName)).toEqual(['F100']);
});

test('a cancel removes the offer: the next query returns nothing', async () => {
  const cancel = await bsp.cancelOffer(envelope, {
    ResourceName: 'SIMRES01',
    StartTime: offer.StartTime,
    EndTime: offer.EndTime,
    MarketType: 'DAM',
  });
  expect(cancel.data).toMatchObject({ ResourceName: 'SIMRES01', Validation: 'PASSED', Success: true });
  expect((await bsp.queryOffers(envelope, { MarketType: 'DAM' })).data).toEqual([]);
  // Cancelling again finds nothing: a warning, not an error.
  const again = await bsp.cancelOffer(envelope, {
    ResourceName: 'SIMRES01',
    StartTime: offer.StartTime,
    EndTime: offer.EndTime,
    MarketType: 'DAM',
  });
  expect(again.messages).toEqual([expect.objectContaining({ level: 'warning', code: 'SIM-W4001' })]);
});

test('BUPs round-trip', async () => {
  const bup: DataInput<'MarketSubmit_BupSubmit'> = {
    ResourceName: 'SIMRES01',
    StartTime: `${date}T00:00:00`,
    EndTime: `${date}T03:00:00`,
    PatternData: [{ PatternNo: 1, PatternStatus: '1' }],
  };
  const put = await bsp.putBup(envelope, bup);
  expect(put.data).toMatchObject({ ...bup, BspParticipantName: 'F100', Area: '03', Validation: 'PASSED' });
  const queried = await bsp.queryBups({ Date: date }, { ResourceName: 'SIMRES01' });
  expect(queried.data.map((b) => [b.ResourceName, b.StartTime, b.PatternData[0]?.PatternNo])).toEqual([
    ['SIMRES01', bup.StartTime, 1],
  ]);
});

test('resources: the seeded one and a newly registered one come back; a TSO sees them too', async () => {
  // An answer is not a request: the members only answers carry are taken off first.
  const { TransactionId: _answered, ...seeded } = MmsClient.asInput(
    'RegistrationSubmit_Resource',
    (await bsp.queryResources({}, {})).data[0]!,
  );
  const resource: DataInput<'RegistrationSubmit_Resource'> = {
    ...seeded,
    ResourceName: 'SIMRES02',
    ResourceLongName: '模擬電源二号機',
  };
  const put = await bsp.putResource({}, resource);
  expect(put.data?.TransactionId).toBe(put.statistics?.TransactionId);
  const mine = await bsp.queryResources({}, {});
  expect(mine.data.map((r) => r.ResourceName).sort()).toEqual(['SIMRES01', 'SIMRES02']);
  const one = await tso.queryResources({}, { ResourceName: 'SIMRES02' });
  expect(one.data.map((r) => [r.ParticipantName, r.ResourceName])).toEqual([['F100', 'SIMRES02']]);
});

test('surplus capacity (OMI) round-trips', async () => {
  const capacity: DataInput<'Omi_MarketSubmit_RemainingReserveData'> = {
    ResourceName: 'SIMRES01',
    StartTime: `${date}T06:00:00`,
    EndTime: `${date}T09:00:00`,
    RemainingReserveUp: 1500,
  };
  const put = await bsp.putSurplusCapacity({ Date: date }, capacity);
  expect(put.data).toMatchObject({ ...capacity, ParticipantName: 'F100', Validation: 'PASSED' });
  const queried = await bsp.querySurplusCapacity(
    { Date: date },
    { StartTime: `${date}T00:00:00`, EndTime: `${date}T23:59:59` },
  );
  expect(queried.data.map((c) => [c.ResourceName, c.RemainingReserveUp])).toEqual([['SIMRES01', 1500]]);
});

test('reports: create gives a transaction id, list shows the report, download returns it by id and by file name', async () => {
  const request = {
    ReportName: 'BSP_ResourceList',
    ReportType: 'REGISTRATION' as const,
    ReportSubType: 'RESOURCE' as const,
    Periodicity: 'ON_DEMAND' as const,
    Date: date,
  };
  const created = await bsp.createReport({}, request);
  const transactionId = created.statistics?.TransactionId;
  expect(transactionId).toMatch(/^[A-Z0-9]{8}$/);
  expect(created.data).toMatchObject({ ...request, ValidationStatus: 'PASSED' });

  const listed = await bsp.listReports(
    {},
    { ReportType: 'REGISTRATION', ReportSubType: 'RESOURCE', Periodicity: 'ON_DEMAND', Date: date },
  );
  const items = listed.data?.ReportListResponse?.ReportItem ?? [];
  expect(items).toEqual([
    expect.objectContaining({
      TransactionId: transactionId,
      AccessClass: 'BSP',
      FileType: 'XML',
      ReportName: 'BSP_ResourceList',
    }),
  ]);

  const byId = await bsp.downloadReport(transactionId!);
  expect(byId.data).toMatchObject({
    DatasetName: 'BSP_ResourceList',
    DatasetType: 'ON_DEMAND',
    DateTimeIndicator: 'JST',
  });
  expect(byId.data?.BSP_ResourceList?.map((r) => r.ResourceName).sort()).toEqual(['SIMRES01', 'SIMRES02']);

  const item = items[0]!;
  const csv = await bsp.reportDownloadRequest(
    {},
    {
      ReportType: item.ReportType,
      ReportSubType: item.ReportSubType,
      Periodicity: item.Periodicity,
      ReportName: item.ReportName,
      Date: item.Date,
      AccessClass: item.AccessClass,
      FileName: item.FileName,
      FileType: 'CSV',
    },
  );
  expect(csv.file?.filename).toBe(item.FileName.replace(/\.xml$/, '.csv'));
  const text = Buffer.from(fileBytes(csv.file!)).toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/ResourceName/);
  expect(text).toMatch(/SIMRES02/);

  // Another participant cannot download it, and unknown ids are refused.
  await expect(mo.downloadReport(transactionId!)).rejects.toBeInstanceOf(MmsValidationError);
  const missing = await bsp.downloadReport('NOSUCH00').catch((err: unknown) => err as MmsValidationError);
  expect(missing).toBeInstanceOf(MmsValidationError);
  // The server's error stands on the report root; the client's reading of the
  // request's failed status points at the request.
  const rejected = missing as MmsValidationError;
  expect(rejected.errors.length).toBeGreaterThan(0);
  expect(rejected.reasons.map((r) => r.path)).toContain('MarketReport.ReportDownloadRequestTrnID');
});

test('every response payload is valid against the real XSD (libxml2)', async () => {
  expect(await invalidPayloads(recorder.payloads)).toEqual([]);
});
