/**
 * The rules only the server can check, against the simulator with its clock
 * pinned: resources must be registered by the participant before offers,
 * BUPs and cancels name them; a resource on a dedicated line offers at least
 * 5,000 kW; trading dates are not in the past; BUP bands follow the
 * registered resource's type and contract. The client's own rules pass every
 * request here, so what refuses them is the simulator.
 */
import type { MmsClient } from '../../src/client/client.js';
import { MmsValidationError } from '../../src/client/errors.js';
import type { MmsResult } from '../../src/client/result.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { simulatorClient } from '../simulator/helpers.js';
import { RATED_FIELDS } from '../../src/rules/resources.js';
import { battery, BATTERY_ONLY, thermal, without } from './examples.js';

// 2030-06-01 12:00 JST.
const NOW = new Date('2030-06-01T03:00:00Z');
const today = '2030-06-01';
const yesterday = '2030-05-31';

let sim: Simulator;
let bsp: MmsClient;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => NOW });
  bsp = await simulatorClient(sim, sim.credential({ clientType: 'bsp' }));
  await bsp.putResource({}, { ...battery, ResourceName: 'STBAT01' } as never);
  await bsp.putResource({}, {
    ...thermal,
    ResourceName: 'STDED01',
    PriSec1CommandOperationMethod: '1',
  } as never);
  const onlyPowerSupply1 = without(battery, ...BATTERY_ONLY, ...RATED_FIELDS);
  await bsp.putResource({}, { ...onlyPowerSupply1, ResourceName: 'STPS101', ContractType: '4' } as never);
});

afterAll(async () => {
  bsp?.close();
  await sim?.stop();
});

const market = (date = today) => ({ Date: date, MarketType: 'DAM', NumOfDays: 1 }) as const;
const offer = (resource: string, minimum = 1000, date = today) => ({
  ResourceName: resource,
  StartTime: `${date}T18:00:00`,
  EndTime: `${date}T21:00:00`,
  Direction: '1' as const,
  OfferStack: [
    { StackNumber: 1, MinimumQuantityInKw: minimum, PrimaryOfferQuantityInKw: 6000, OfferUnitPrice: 10 },
  ],
});
const bup = (resource: string, band: { FromCap: number; V2?: number }) => ({
  ResourceName: resource,
  StartTime: `${today}T18:00:00`,
  EndTime: `${today}T21:00:00`,
  PatternData: [
    { PatternNo: 1, PatternStatus: '1' as const, Bup: { BandBup: [{ Band: 1, V1: 10, ...band }] } },
  ],
});

/** The rejection of a call: the simulator's rule errors (`path: [id] …`) and the items' statuses. */
async function rejection(
  call: Promise<MmsResult<unknown>>,
): Promise<{ texts: string[]; statuses: unknown[] }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MmsValidationError);
  const { errors, data } = error as MmsValidationError;
  const list = Array.isArray(data) ? data : [data];
  return {
    texts: errors.filter((e) => e.text.includes('業務ルール')).map((e) => e.text),
    statuses: list.map((d) => (d as { Validation?: unknown } | undefined)?.Validation),
  };
}

test('an offer, a BUP or a cancel for a resource the BSP has not registered is rejected, the item FAILED', async () => {
  const offered = await rejection(bsp.putOffers(market(), [offer('SIMRES01'), offer('NOSUCH01')]));
  expect(offered.texts).toEqual([
    expect.stringContaining(
      'MarketSubmit.OfferData[1].ResourceName: [resource.registered] resource NOSUCH01',
    ),
  ]);
  expect(offered.statuses).toEqual(['PASSED', 'FAILED']);
  const priced = await rejection(bsp.putBup(market(), bup('NOSUCH01', { FromCap: 0 })));
  expect(priced.texts).toEqual([expect.stringContaining('[resource.registered]')]);
  const cancelled = await rejection(
    bsp.cancelOffer(market(), {
      ResourceName: 'NOSUCH01',
      StartTime: `${today}T18:00:00`,
      EndTime: `${today}T21:00:00`,
      MarketType: 'DAM',
    }),
  );
  expect(cancelled.texts).toEqual([expect.stringContaining('[resource.registered]')]);
  // The same requests for a registered resource go through.
  await expect(bsp.putOffers(market(), [offer('SIMRES01'), offer('STBAT01')])).resolves.toBeDefined();
  await expect(bsp.putBup(market(), bup('STBAT01', { FromCap: 0 }))).resolves.toBeDefined();
});

test('a resource on a dedicated line offers a MinimumQuantityInKw of at least 5,000 kW; simple command 1,000 kW', async () => {
  const refused = await rejection(bsp.putOffers(market(), [offer('STDED01', 1000)]));
  expect(refused.texts).toEqual([
    expect.stringContaining(
      'MarketSubmit.OfferData[0].OfferStack[0].MinimumQuantityInKw: [offer.minimum-quantity-dedicated-line] MinimumQuantityInKw 1000 kW is below 5000 kW',
    ),
  ]);
  await expect(bsp.putOffers(market(), [offer('STDED01', 5000)])).resolves.toBeDefined();
  await expect(bsp.putOffers(market(), [offer('STBAT01', 1000)])).resolves.toBeDefined();
});

test('a submission or cancel for a trading date before today (by the simulator’s pinned clock) is rejected', async () => {
  const refused = await rejection(bsp.putOffers(market(yesterday), [offer('SIMRES01', 1000, yesterday)]));
  expect(refused.texts).toEqual([
    expect.stringContaining(
      `MarketSubmit.Date: [market.date-not-past] Date ${yesterday} is before today (${today})`,
    ),
  ]);
  const cancel = await rejection(
    bsp.cancelOffer(market(yesterday), {
      ResourceName: 'SIMRES01',
      StartTime: `${yesterday}T18:00:00`,
      EndTime: `${yesterday}T21:00:00`,
      MarketType: 'DAM',
    }),
  );
  expect(cancel.texts).toEqual([expect.stringContaining('[market.date-not-past]')]);
  // Today is not in the past, and a query may look back.
  await expect(bsp.putOffers(market(today), [offer('SIMRES01', 1000, today)])).resolves.toBeDefined();
  await expect(bsp.queryOffers(market(yesterday), { MarketType: 'DAM' })).resolves.toBeDefined();
});

test('a BUP band of a thermal resource starts at FromCap 0 or more; a battery’s may start below', async () => {
  const refused = await rejection(bsp.putBup(market(), bup('SIMRES01', { FromCap: -100 })));
  expect(refused.texts).toEqual([
    expect.stringContaining('PatternData[0].Bup.BandBup[0].FromCap: [bup.from-cap-thermal-hydro]'),
  ]);
  await expect(bsp.putBup(market(), bup('SIMRES01', { FromCap: 0 }))).resolves.toBeDefined();
  await expect(bsp.putBup(market(), bup('STBAT01', { FromCap: -100 }))).resolves.toBeDefined();
});

test('V2 of a BUP band is refused for a resource contracted ONLY_POWER_SUPPLY_1', async () => {
  const refused = await rejection(bsp.putBup(market(), bup('STPS101', { FromCap: 0, V2: 12 })));
  expect(refused.texts).toEqual([expect.stringContaining('[bup.v2-not-only-power-supply-1]')]);
  await expect(bsp.putBup(market(), bup('STPS101', { FromCap: 0 }))).resolves.toBeDefined();
  await expect(bsp.putBup(market(), bup('STBAT01', { FromCap: 0, V2: 12 }))).resolves.toBeDefined();
});

test('the simulator refuses a rule switch it does not know (a typo would keep the rule on)', async () => {
  await expect(startSimulator({ rules: { 'resource.registerd': false } })).rejects.toThrow(
    /unknown rule id resource\.registerd/,
  );
});
