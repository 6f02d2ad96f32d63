/**
 * A request as it would leave the process, short of encoding and signing:
 * the operation looked up, open to the caller, the conveniences applied, the
 * identity attributes filled in, and, in strict validation, checked against
 * the schema and the business rules. The client sends what this returns;
 * `mms check` prints it without a certificate or a network.
 */
import { operations } from '../../generated/index.js';
import { MmsClientError } from '../errors.js';
import { checkRules, type RuleSwitches, type RuleViolation } from '../rules/index.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import { checkCallArguments } from './arguments.js';
import { applyConveniences, type Caller, type Conveniences } from './conveniences.js';
import { AudienceError, MmsInputError } from './errors.js';
import { buildDocument, validateDocument } from './payload.js';

/** Who sends, as the envelope names them. */
export interface RequestCaller extends Caller {
  readonly user: string;
}

export interface PrepareSettings {
  readonly strict: boolean;
  readonly conveniences?: Conveniences | undefined;
  readonly rules?: RuleSwitches | undefined;
}

export interface PreparedRequest {
  readonly envelope: Record<string, unknown>;
  readonly document: Record<string, unknown>;
  /** The warning rules the request breaks (strict validation only). */
  readonly ruleWarnings: RuleViolation[];
}

/**
 * The operation of a call, when the call may go ahead: known, open to the
 * caller, with well-formed arguments and some data; else `AudienceError` or
 * `MmsClientError('INVALID_REQUEST')`.
 */
export function operationOfCall(
  operation: string,
  caller: RequestCaller,
  attributes: unknown,
  data: unknown,
  callOptions: unknown,
): OperationDescriptor {
  const op = (operations as Record<string, OperationDescriptor>)[operation];
  if (!op) throw new MmsClientError('INVALID_REQUEST', `unknown operation ${operation}`);
  if (!op.audience.includes(caller.clientType))
    throw new AudienceError(op.id, caller.clientType, op.audience);
  checkCallArguments(op.id, attributes, callOptions);
  if (data === undefined || data === null || (Array.isArray(data) && data.length === 0)) {
    throw new MmsClientError('INVALID_REQUEST', `${op.id}: no data given; nothing was sent`);
  }
  return op;
}

/**
 * The request document, and in strict validation checked; throws
 * `MmsInputError` (the schema, or an error rule) when it may not be sent.
 */
export function prepareRequest(
  op: OperationDescriptor,
  caller: RequestCaller,
  attributes: unknown,
  data: unknown,
  settings: PrepareSettings,
): PreparedRequest {
  const filled = applyConveniences(
    op,
    caller,
    envelopeAttributes(op, caller, (attributes ?? {}) as Record<string, unknown>),
    data,
    settings.conveniences,
  );
  const document = buildDocument(op, filled.envelope, filled.data);
  if (!settings.strict) return { envelope: filled.envelope, document, ruleWarnings: [] };
  const violations = validateDocument(op, document);
  if (violations.length > 0) throw new MmsInputError(op.id, violations);
  const broken = checkRules(op, caller.clientType, document, settings.rules);
  const errors = broken.filter((v) => v.severity === 'error');
  if (errors.length > 0) throw new MmsInputError(op.id, errors);
  return { envelope: filled.envelope, document, ruleWarnings: broken };
}

function envelopeAttributes(
  op: OperationDescriptor,
  caller: RequestCaller,
  given: Record<string, unknown>,
): Record<string, unknown> {
  // Only where the envelope (or, for reports, the root) declares them: the catalog's `identity`.
  const declared = new Set(op.identity);
  const identity: Record<string, string> = {};
  if (declared.has('ParticipantName')) identity['ParticipantName'] = caller.participant;
  if (declared.has('UserName')) identity['UserName'] = caller.user;
  // ApplicationType allows one value (MARKET_REPORT, mi-report.xsd ApplicationTypeType).
  if (declared.has('ApplicationType') && given['ApplicationType'] === undefined)
    identity['ApplicationType'] = 'MARKET_REPORT';
  for (const [key, value] of Object.entries(identity)) {
    if (given[key] !== undefined && given[key] !== value) {
      throw new MmsClientError(
        'INVALID_REQUEST',
        `${op.id}: ${key} ${String(given[key])} differs from the client's ${value}`,
      );
    }
  }
  return { ...given, ...identity };
}
