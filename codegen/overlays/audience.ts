/**
 * Hand-kept overlay: who may call what. Known rules come from the reference
 * client (mms-client for Python 1.12.3, the `allowed_clients` of each call),
 * as summarised in MMS-PROTOCOL.md §6. Operations not listed allow every
 * client type; the MMS enforces its own rules either way.
 */
export type ClientTypeName = 'bsp' | 'mo' | 'tso';

export const ALL_CLIENT_TYPES: readonly ClientTypeName[] = ['bsp', 'mo', 'tso'];

/** Operation id → allowed client types. */
export const KNOWN_AUDIENCES: Readonly<Record<string, readonly ClientTypeName[]>> = {
  MarketSubmit_OfferData: ['bsp'],
  MarketCancel_OfferCancel: ['bsp'],
  MarketSubmit_BupSubmit: ['bsp'],
  RegistrationSubmit_Resource: ['bsp'],
  Omi_MarketSubmit_RemainingReserveData: ['bsp'],
  MarketQuery_SettlementResultsFileListQuery: ['bsp', 'tso'],
  RegistrationQuery_Resource: ['bsp', 'tso'],
  Omi_MarketQuery_RemainingReserveDataQuery: ['bsp', 'tso'],
};
