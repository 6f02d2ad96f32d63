/** A transport result as `Transport.send` returns it, for tests of response interpretation. */
import type { SendResult } from '../../src/transport/transport.js';

export function sendResult(
  payload: string | Uint8Array,
  response: Partial<SendResult['response']> = {},
): SendResult {
  return {
    response: {
      success: true,
      warnings: false,
      responseBinary: false,
      responseCompressed: false,
      responseDataType: 'XML',
      ...response,
    },
    payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
    attachments: [],
    transactionId: undefined,
    status: 200,
    url: 'https://127.0.0.1/axis2/services/MiWebService',
    attempts: 1,
  };
}
