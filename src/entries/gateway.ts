/**
 * `mms-client/gateway`: the MMS as a JSON/HTTP service (what `mms serve`
 * runs): Fastify routes per operation, OpenAPI 3.1 from the catalog, a
 * journal in SQLite or PostgreSQL, idempotent submissions, caller
 * authentication, Prometheus metrics. Its own entry, so that the client
 * never loads Fastify or a database driver.
 */
export { startGateway, type Gateway, type GatewayOptions } from '../gateway/server.js';
export {
  loadConfig,
  checkConfig,
  GatewayConfigError,
  type GatewayConfig,
  type ParticipantEntry,
  type CallerEntry,
  type CertificateSource,
} from '../gateway/config.js';
export { openApiDocument } from '../gateway/openapi.js';
export { openJournal, type JournalLocation } from '../gateway/journal/index.js';
export type {
  JournalStore,
  JournalEntry,
  CallOutcome,
  ListFilter,
  NewEntry,
  SentUpdate,
  FinishUpdate,
  KeyBinding,
} from '../gateway/journal/types.js';
export { GatewayProblem, PROBLEM_STATUSES, type Problem, type Outcome } from '../gateway/problem.js';
export { sha256Hex as hashToken } from '../gateway/auth.js';
export type { SqliteDriverChoice } from '../gateway/journal/sqlite-driver.js';
export type { BodyViolation } from '../gateway/request-validator.js';
