/**
 * The answer to every operation of the catalog, for a request that passed
 * every check. Five kinds, decided from the catalog entry:
 *
 * - the other submits (the catalog's `kind`: `MarketSubmit`,
 *   `RegistrationSubmit`, `RegistrationApproval`) store their items and echo
 *   them with the fields the server fills in;
 * - queries answered in the submit envelope (`result.envelope` differs from
 *   the request's) return the stored items that match the query;
 * - `MarketQuery_AwardResultsQuery` turns matching offers into awards;
 * - `MarketCancel_OfferCancel` removes matching offers;
 * - reports are created, listed and downloaded by transaction id or file name.
 *
 * Every other query is echoed, passed, with no data. Messages use the
 * simulator's own codes (`SIM-…`), which are illustrative: the real MMS has
 * its own code table.
 */
import { toJstDate } from '../../client/time.js';
import type { Rec } from '../values.js';
import { awards } from './awards.js';
import { cancelOffers } from './cancel.js';
import { echoQuery, storedQuery } from './queries.js';
import {
  DEFAULT_AREA,
  DEFAULT_RESOURCE_SHORT_NAME,
  DEFAULT_SYSTEM_CODE,
  type Call,
  type Reply,
} from './reply.js';
import { createReport, downloadByName, downloadByTransaction, listReports } from './reports.js';
import { submit } from './submit.js';

export {
  CODES,
  attributesOf,
  companyOf,
  documentReply,
  holderAttributes,
  type Call,
  type KnownCaller,
  type Reply,
} from './reply.js';

/** The answer to a checked request. */
export function answer(call: Call): Reply {
  const { op } = call;
  switch (op.id) {
    case 'MarketQuery_AwardResultsQuery':
      return awards(call);
    case 'MarketCancel_OfferCancel':
      return cancelOffers(call);
    case 'ReportCreateRequest':
      return createReport(call);
    case 'ReportListRequest':
      return listReports(call);
    case 'ReportDownloadRequestTrnID':
      return downloadByTransaction(call);
    case 'ReportDownloadRequest':
      return downloadByName(call);
  }
  // Cancels and report creation are submits too, answered by their own cases above.
  if (op.kind === 'submit') return submit(call);
  if (op.result.envelope !== undefined && op.result.envelope !== op.envelope) return storedQuery(call);
  return echoQuery(call);
}

/**
 * A resource every BSP starts with, so resource queries and the resource
 * report show something: a thermal unit on the market, with what the
 * business rules ask of one (src/rules/resources.ts).
 */
export function seedResource(participant: string, now: Date): Rec {
  return {
    ParticipantName: participant,
    ResourceName: 'SIMRES01',
    Area: DEFAULT_AREA,
    ContractType: '1',
    ResourceType: '01',
    StartDate: `${toJstDate(now).slice(0, 4)}-04-01`,
    SystemCode: DEFAULT_SYSTEM_CODE,
    ResourceShortName: DEFAULT_RESOURCE_SHORT_NAME,
    ResourceLongName: '模擬電源一号機',
    Pri: true,
    Sec1: true,
    Sec2: true,
    Ter1: true,
    Ter2: true,
    PriRemResvUtilization: '0',
    Sec1RemResvUtilization: '0',
    Sec2RemResvUtilization: '0',
    Ter1RemResvUtilization: '0',
    Ter2RemResvUtilization: '0',
    SignalType: '1',
    VoltageAdjustment: '0',
    Address: '東京都千代田区内幸町一丁目',
    PayeePhonePart1: '03',
    PayeePhonePart2: '0000',
    PayeePhonePart3: '0001',
    RatedCapacity: 100000,
    RatedVoltage: 275,
    ContinuousOperationVoltage: 95,
    RatedPowerFactor: 90,
    Frequency: 50,
    InPlantRate: '4.0',
    RatedOutput: 90000,
    AuthorizedMaximumOutput: 90000,
    ThermalType: '1',
    Dss: '0',
    OperationTime: 12,
    NumberOfStartups: 2,
    AfcMinimumOutput: 30000,
  };
}
