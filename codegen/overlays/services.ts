/**
 * Hand-kept overlay: service facts where the WSDL is silent or wrong about
 * the real server. MMS-PROTOCOL.md (facts about the production MMS) is the
 * authority over the WSDL; an entry here must cite where its value is known
 * from. Today it is empty: for releases 2024-03 to 2025-12 both WSDLs state
 * every fact (SOAPAction, path, types namespace, request types, attachment
 * limits 40 and 20), and each agrees with MMS-PROTOCOL.md §1 and §2 (see
 * docs/decisions.md, "Catalog owns the service facts").
 */
import type { Interface } from '../../src/vocabulary.js';

export interface ServiceOverlay {
  /** `maxOccurs` of `RequestAttInfo/attachmentData` when the WSDL leaves it unbounded, omits it, or disagrees with the server. */
  readonly maxAttachments?: number;
  /** Where the value is known from (a section of MMS-PROTOCOL.md, the reference client). */
  readonly source: string;
}

export const SERVICE_OVERLAYS: Readonly<Partial<Record<Interface, ServiceOverlay>>> = {};
