/**
 * The words every layer shares: who calls (client types), which service
 * (interface) and which `requestType`. Defined once here; the request types
 * come from the generated service catalog (the WSDLs' `RequestType`
 * enumerations), the other two are this project's names for what
 * MMS-PROTOCOL.md §1 describes.
 */
// Not through generated/index.js: the door (src/generated-support.ts) reaches
// this module, so that would close a type cycle generated → door → generated;
// services.ts imports nothing.
// eslint-disable-next-line no-restricted-imports
import type { services } from '../generated/services.js';

/** Who is calling: Balancing Service Provider, Market Operator, Transmission System Operator. */
export type ClientType = 'bsp' | 'mo' | 'tso';

/** Every client type, for checking input and for operations open to all. */
export const CLIENT_TYPES: readonly ClientType[] = Object.freeze(['bsp', 'mo', 'tso'] as const);

/** The two MMS web services (MMS-PROTOCOL.md §1). */
export type Interface = 'MI' | 'OMI';

/** Every interface, in the order the catalog lists them. */
export const INTERFACES: readonly Interface[] = Object.freeze(['MI', 'OMI'] as const);

/** A `requestType` some service accepts (`mp.info`, `mp.market`, …, `mp.omi`), from the WSDLs. */
export type RequestType = (typeof services)[Interface]['requestTypes'][number];

/**
 * `submit` changes state on the server (submissions, cancels, approvals,
 * report creation); `query` only reads. A submission is not retried once it
 * may have reached the server (MMS-PROTOCOL.md §9).
 */
export type OperationKind = 'submit' | 'query';

/** Whether `value` is one of {@link CLIENT_TYPES}. */
export function isClientType(value: unknown): value is ClientType {
  return (CLIENT_TYPES as readonly unknown[]).includes(value);
}
