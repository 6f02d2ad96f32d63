/**
 * The journal's view of each HTTP attempt. The participant's MmsClient is
 * shared by every call, so its hooks find the call they belong to through
 * an AsyncLocalStorage set around the call. `beforeSend` records "sent"
 * (with the signed payload's SHA-256) and is awaited, so the journal holds
 * the call before a byte leaves for the MMS: a gateway killed afterwards
 * leaves it as "outcome unknown", never missing. If the journal cannot
 * record, the hook throws and the transport sends nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransportHooks } from '../transport/audit.js';
import { sha256Hex } from './auth.js';
import type { JournalStore } from './journal/index.js';
import type { GatewayMetrics } from './metrics.js';

export interface CallContext {
  readonly callId: string;
  readonly operation: string;
  attempts: number;
  lastAnswer?: Uint8Array;
}

export const currentCall = new AsyncLocalStorage<CallContext>();

/** The payload part of an MTOM or SOAP request body is signed; the whole body's digest identifies the bytes sent. */
export function journalHooks(
  journal: JournalStore,
  metrics: GatewayMetrics,
  recordRaw: boolean,
): TransportHooks {
  return {
    async beforeSend({ request }) {
      const call = currentCall.getStore();
      if (!call) return;
      call.attempts = request.attempt;
      metrics.attempts.add({ operation: request.operation });
      if (request.attempt > 1) metrics.retries.add({ operation: request.operation });
      await journal.markSent(call.callId, {
        payloadSha256: sha256Hex(request.body),
        attempts: request.attempt,
        ...(recordRaw ? { rawRequest: request.body } : {}),
      });
    },
    afterReceive({ response }) {
      const call = currentCall.getStore();
      if (call && recordRaw) call.lastAnswer = response.body;
    },
  };
}
