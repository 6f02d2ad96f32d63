/**
 * `mms-client/transport`: the layer under `MmsClient` for callers who build
 * their own payloads (sign, SOAP envelope + MTOM, HTTPS with a client
 * certificate, fail-over and retries), with its endpoint table and retry
 * defaults, and signature verification for recorded requests. Each answer
 * is judged by the interpreter passed in `SendOptions.interpret`:
 * `judgeEnvelope` reads the envelope (faults, statuses, `TXT`) without an
 * operation's schema.
 */
export {
  Transport,
  MMS_HOSTS,
  DEFAULT_RETRY_POLICY,
  frameRequest,
  type TransportOptions,
  type SendOptions,
  type SendResult,
  type Delivery,
  type FixedFrameSource,
  type FrameSource,
  type FramedRequest,
  type RequestFrame,
  type AnswerInterpreter,
  type AnsweredFailure,
  type AttemptFailure,
  CallDeadline,
  type ReceivedAnswer,
  type EnvelopeAnswer,
  type Verdict,
  type OutgoingAttachment,
  type ResponseFields,
  type ClientType,
  type Environment,
  type EndpointOverrides,
  type RetryPolicy,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  spooledContentOf,
  type SpooledBody,
  type SpooledContent,
} from '../transport/index.js';
export { verifySignature } from '../security/signature.js';
export { services } from '../../generated/index.js';
export type { Interface, OperationKind, RequestType } from '../vocabulary.js';
export { judgeEnvelope } from '../client/response.js';
