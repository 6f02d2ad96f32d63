/**
 * `mms-client/transport`: the layer under `MmsClient` for callers who build
 * their own payloads (sign, SOAP envelope + MTOM, HTTPS with a client
 * certificate, fail-over and retries), with its endpoint table and retry
 * defaults, and signature verification for recorded requests.
 */
export {
  Transport,
  MMS_HOSTS,
  DEFAULT_RETRY_POLICY,
  type TransportOptions,
  type SendOptions,
  type SendResult,
  type OutgoingAttachment,
  type ResponseFields,
  type ClientType,
  type Environment,
  type EndpointOverrides,
  type RetryPolicy,
} from '../transport/index.js';
export { verifySignature } from '../security/signature.js';
