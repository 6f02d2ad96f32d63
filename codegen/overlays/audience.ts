/**
 * Hand-kept overlay: who may call what. Known rules come from the reference
 * client (mms-client for Python 1.12.3, the `allowed_clients` of each call),
 * as summarised in MMS-PROTOCOL.md §6. Operations not listed allow every
 * client type; the MMS enforces its own rules either way.
 */
import type { ClientType } from '../../src/vocabulary.js';

/** Operation id → allowed client types. */
export const KNOWN_AUDIENCES: Readonly<Record<string, readonly ClientType[]>> = {
  MarketSubmit_OfferData: ['bsp'],
  MarketCancel_OfferCancel: ['bsp'],
  MarketSubmit_BupSubmit: ['bsp'],
  RegistrationSubmit_Resource: ['bsp'],
  Omi_MarketSubmit_RemainingReserveData: ['bsp'],
  MarketQuery_SettlementResultsFileListQuery: ['bsp', 'tso'],
  RegistrationQuery_Resource: ['bsp', 'tso'],
  Omi_MarketQuery_RemainingReserveDataQuery: ['bsp', 'tso'],
};
