/**
 * mms-client: a typed client for the MMS, the system behind Japan's
 * electricity balancing market. This file is the whole public API.
 */
export { MmsClient, type MmsClientOptions } from './client/client.js';
export type { ResponseLimits } from './client/arguments.js';
export type {
  AttachmentInput,
  CallOptions,
  CallResult,
  DataInput,
  DataOutput,
  DecimalString,
  EnvelopeInput,
  IdentityAttribute,
  Input,
  OperationId,
  ReportDownloadOperation,
  OperationTypes,
} from './client/types.js';
export type { ReferenceMethods, ReferenceName } from './client/reference-names.js';
export {
  fileBytes,
  type MmsAttachment,
  type MmsFile,
  type MmsMessage,
  type MmsResult,
  type MessageLevel,
  type ProcessingStatistics,
} from './client/result.js';
export { AudienceError, MmsInputError, MmsValidationError } from './client/errors.js';
export {
  toJstDate,
  toJstDateTime,
  fromJstDate,
  fromJstDateTime,
  addJstDays,
  MmsTimeError,
} from './client/time.js';
export {
  MmsError,
  CertificateError,
  MmsTransportError,
  MmsServerError,
  MmsClientError,
  MmsLimitError,
  type CertificateErrorCode,
  type MmsTransportErrorCode,
  type MmsServerErrorCode,
  type MmsClientErrorCode,
  type MmsErrorOptions,
  type MmsTransportErrorDetails,
  type MmsServerErrorDetails,
} from './errors.js';
export { silentLogger, type Logger } from './logger.js';
export {
  Certificate,
  verifySignature,
  type CertificateInfo,
  type CertificateOptions,
  type SecureContextOptions,
} from './security/index.js';
export {
  FileAuditor,
  Transport,
  MMS_HOSTS,
  DEFAULT_RETRY_POLICY,
  type FileAuditorOptions,
  type TransportHooks,
  type BeforeSendEvent,
  type AfterReceiveEvent,
  type AttemptFailedEvent,
  type AuditRequest,
  type AuditResponse,
  type OutgoingAttachment,
  type SendOptions,
  type SendResult,
  type ResponseFields,
  type ClientType,
  type Environment,
  type EndpointOverrides,
  type RetryPolicy,
  type TransportOptions,
} from './transport/index.js';
export type { Violation } from './xml/validate.js';
export type { OperationDescriptor } from './xml/descriptors.js';
export {
  market,
  omi,
  registration,
  report,
  outbound,
  operations,
  SCHEMA_RELEASE,
} from '../generated/index.js';
export {
  startSimulator,
  SimulatorError,
  DEFAULT_PARTICIPANTS,
  type Simulator,
  type SimulatorOptions,
  type ParticipantConfig,
  type IssuedCredential,
  type FaultRule,
  type FaultKind,
  type FaultMatch,
} from './simulator/index.js';
