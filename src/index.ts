/**
 * mms-client: a typed client for the MMS, the system behind Japan's
 * electricity balancing market. The root entry: the client, the
 * certificate, errors, results, JST helpers, the auditor and its hook types,
 * and the schema namespaces. At most 50 names (a test counts them); the local
 * simulator is `mms-client/simulator`, the transport under the client
 * `mms-client/transport`.
 */
export { MmsClient, type MmsClientOptions } from './client/client.js';
export type { CallOptions, CallResult, DataInput, EnvelopeInput, OperationId } from './client/types.js';
export {
  fileBytes,
  type MmsAttachment,
  type MmsFile,
  type MmsMessage,
  type MmsResult,
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
} from './errors.js';
export { Logger } from './logger.js';
export { Certificate, type CertificateInfo, type CertificateOptions } from './security/index.js';
export {
  FileAuditor,
  type FileAuditorOptions,
  type TransportHooks,
  type BeforeSendEvent,
  type AfterReceiveEvent,
  type AttemptFailedEvent,
  type ClientType,
} from './transport/index.js';
export {
  market,
  omi,
  registration,
  report,
  outbound,
  operations,
  SCHEMA_RELEASE,
} from '../generated/index.js';
