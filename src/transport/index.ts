/** The MMS transport: SOAP envelope, MTOM, HTTPS with a client certificate, endpoints, retries, audit hooks. */
export {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  Transport,
} from './transport.js';
export { SPOOL_THRESHOLD, spooledContentOf } from './spool.js';
export type { SpooledBody, SpooledContent, SpoolOptions } from './spool.js';
export type { Delivery, FixedFrameSource, SendOptions, SendResult, TransportOptions } from './transport.js';
export { frameRequest } from './framing.js';
export type { FramedRequest, FrameSource, OutgoingAttachment, RequestFrame } from './framing.js';
export type {
  AnswerInterpreter,
  AnsweredFailure,
  AttemptFailure,
  EnvelopeAnswer,
  ReceivedAnswer,
  ResponseFields,
  Verdict,
} from './answer.js';
export { CallDeadline, stoppedBy } from './deadline.js';
export { FileAuditor } from './audit.js';
export type {
  AfterReceiveEvent,
  AttemptFailedEvent,
  AuditRequest,
  AuditResponse,
  BeforeSendEvent,
  FileAuditorOptions,
  TransportHooks,
} from './audit.js';
export { MMS_HOSTS, resolveEndpoints } from './endpoints.js';
export { CLIENT_TYPES } from '../vocabulary.js';
export type { ClientType, EndpointOptions, EndpointOverrides, Environment, HostSet } from './endpoints.js';
export type { Interface, RequestType } from '../vocabulary.js';
export { DEFAULT_RETRY_POLICY, backoffDelay } from './retry.js';
export type { RetryPolicy } from './retry.js';
export {
  RESPONSE_DATA_TYPES,
  buildFaultEnvelope,
  buildRequestEnvelope,
  buildResponseEnvelope,
  parseRequestEnvelope,
  parseResponseEnvelope,
} from './soap.js';
export type {
  BinaryContent,
  ParsedRequest,
  RequestAttInfo,
  RequestAttachment,
  ResponseAttInfo,
  ResponseAttachment,
  ResponseDataType,
  SoapFault,
  SoapResponse,
} from './soap.js';
export { decodeMessage, encodeMtom, isContentIdDomain, newContentId, parseContentType } from './mtom.js';
export type { BinaryPart, ContentType, DecodedMessage, EncodedMtom, MimeLimits, MimePart } from './mtom.js';
export { MmsClientError, MmsError, MmsLimitError, MmsServerError, MmsTransportError } from '../errors.js';
export type { MmsClientErrorCode, MmsServerErrorCode, MmsTransportErrorCode } from '../errors.js';
export type { Logger } from '../logger.js';
