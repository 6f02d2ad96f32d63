/**
 * Who may call what. The MMS enforces its own rules; the ones known from the
 * reference client (mms-client for Python, 1.12.3, its per-operation
 * `allowed_clients`; summarised in MMS-PROTOCOL.md §6) are checked here
 * before any network I/O, so a call that cannot succeed is never sent.
 * Operations not listed allow every client type.
 */
import type { OperationId } from '../../generated/index.js';

export type ClientType = 'bsp' | 'mo' | 'tso';

export const CLIENT_TYPES: readonly ClientType[] = ['bsp', 'mo', 'tso'];

const BSP: readonly ClientType[] = ['bsp'];
const BSP_TSO: readonly ClientType[] = ['bsp', 'tso'];

/** Hand-kept overlay: operation → the client types the reference client allows. */
export const KNOWN_AUDIENCES: Readonly<Partial<Record<OperationId, readonly ClientType[]>>> = {
  MarketSubmit_OfferData: BSP,
  MarketCancel_OfferCancel: BSP,
  MarketSubmit_BupSubmit: BSP,
  RegistrationSubmit_Resource: BSP,
  Omi_MarketSubmit_RemainingReserveData: BSP,
  MarketQuery_SettlementResultsFileListQuery: BSP_TSO,
  RegistrationQuery_Resource: BSP_TSO,
  Omi_MarketQuery_RemainingReserveDataQuery: BSP_TSO,
};

export function audienceOf(operation: OperationId): readonly ClientType[] {
  return KNOWN_AUDIENCES[operation] ?? CLIENT_TYPES;
}
