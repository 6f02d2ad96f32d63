/**
 * Checks of what a caller passes to MmsClient, before anything is built:
 * an argument of the wrong type or an option out of range is a typed
 * `MmsClientError` (`INVALID_OPTION` for options, `INVALID_REQUEST` for the
 * request itself) naming it, never a TypeError from deep inside a call.
 */
import { MmsClientError } from '../errors.js';
import { checkBoolean, checkChoice, checkInteger, checkTimeout } from '../options.js';
import { checkCertificate } from '../security/certificate.js';
import { CLIENT_TYPES, isClientType } from '../vocabulary.js';
import { MAX_DEPTH_LIMIT } from '../xml/parser.js';
import { describe } from '../xml/scalar.js';
import type { MmsClientOptions } from './client.js';
import type { CallOptions } from './types.js';
import { unknownRules } from '../rules/index.js';

/** `rules`: 'off', or a record of rule id → boolean naming only rules the catalog has. */
function checkRuleSwitches(rules: unknown): void {
  if (rules === undefined || rules === 'off') return;
  if (!isPlainObject(rules))
    throw new MmsClientError('INVALID_OPTION', "rules must be 'off' or an object of rule id → boolean.");
  for (const [id, on] of Object.entries(rules)) checkBoolean(`rules.${id}`, on);
  const unknown = unknownRules(rules as Readonly<Record<string, boolean>>);
  if (unknown.length > 0)
    throw new MmsClientError(
      'INVALID_OPTION',
      `rules names no rule ${unknown.join(', ')} (see docs/rules.md)`,
    );
}

/** Limits of the response reader; each stops decoding with `LIMIT_EXCEEDED` when passed. */
export interface ResponseLimits {
  /** Deepest element nesting. Default 64. */
  readonly maxDepth?: number;
  /** Most elements in one payload. Default 2,000,000. */
  readonly maxElements?: number;
  /** Most attributes on one element. Default 256. */
  readonly maxAttributes?: number;
  /** Most schema problems reported in one answer. Default 1,000. */
  readonly maxProblems?: number;
  /** Most MIME parts in one answer. Default 64. */
  readonly maxParts?: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses options of the wrong type or out of range: a typed error instead of a TypeError later. */
export function checkClientOptions(options: MmsClientOptions): void {
  if (!isPlainObject(options))
    throw new MmsClientError('INVALID_OPTION', 'MmsClient options must be an object.');
  checkCertificate(options.certificate);
  if (!isClientType(options.clientType)) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `clientType must be one of ${CLIENT_TYPES.join(', ')}, got ${String(options.clientType)}`,
    );
  }
  if (options.validate !== undefined) checkChoice('validate', options.validate, ['strict', 'off']);
  if (options.identityCheck !== undefined)
    checkChoice('identityCheck', options.identityCheck, ['warn', 'error']);
  if (options.responseMismatch !== undefined)
    checkChoice('responseMismatch', options.responseMismatch, ['error', 'problem']);
  if (options.adminRole !== undefined) checkBoolean('adminRole', options.adminRole);
  checkRuleSwitches(options.rules);
  if (options.retry !== undefined && !isPlainObject(options.retry))
    throw new MmsClientError('INVALID_OPTION', 'retry must be an object of retry settings.');
  if (options.retrySubmissions !== undefined) checkBoolean('retrySubmissions', options.retrySubmissions);
  const conveniences: unknown = options.conveniences;
  if (conveniences !== undefined) {
    if (!isPlainObject(conveniences))
      throw new MmsClientError('INVALID_OPTION', 'conveniences must be an object of switches.');
    const known = ['participantInResources', 'registrationDateType', 'bspReportWithoutName'];
    for (const [key, value] of Object.entries(conveniences)) {
      if (!known.includes(key))
        throw new MmsClientError('INVALID_OPTION', `conveniences.${key} is not one of ${known.join(', ')}.`);
      if (value !== undefined) checkBoolean(`conveniences.${key}`, value);
    }
  }
  const limits: unknown = options.limits;
  if (limits !== undefined) {
    if (!isPlainObject(limits)) throw new MmsClientError('INVALID_OPTION', 'limits must be an object.');
    const bounds: Record<keyof ResponseLimits, [number, number]> = {
      maxDepth: [8, MAX_DEPTH_LIMIT],
      maxElements: [1, 100_000_000],
      maxAttributes: [1, 100_000],
      maxProblems: [1, 10_000_000],
      maxParts: [2, 10_000],
    };
    for (const [key, value] of Object.entries(limits)) {
      const range = bounds[key as keyof ResponseLimits];
      if (range === undefined) throw new MmsClientError('INVALID_OPTION', `limits.${key} is not a limit.`);
      if (value !== undefined) checkInteger(`limits.${key}`, value, range[0], range[1]);
    }
  }
}

/** Refuses call arguments of the wrong shape before anything is built. */
export function checkCallArguments(op: string, attributes: unknown, options: unknown): void {
  if (attributes !== undefined && !isPlainObject(attributes)) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `${op}: the envelope attributes must be an object (or undefined), got ${describe(attributes)}; nothing was sent`,
    );
  }
  if (options === undefined) return;
  if (!isPlainObject(options))
    throw new MmsClientError(
      'INVALID_OPTION',
      `${op}: call options must be an object, got ${describe(options)}`,
    );
  const o = options as CallOptions;
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    throw new MmsClientError('INVALID_OPTION', `${op}: signal must be an AbortSignal`);
  if (o.timeoutMs !== undefined) checkTimeout('timeoutMs', o.timeoutMs);
  if (o.validate !== undefined) checkChoice('validate', o.validate, ['strict', 'off']);
  if (o.retrySubmission !== undefined) checkBoolean('retrySubmission', o.retrySubmission);
  const attachments: unknown = o.attachments;
  if (attachments !== undefined) {
    if (!Array.isArray(attachments))
      throw new MmsClientError(
        'INVALID_REQUEST',
        `${op}: attachments must be a list of { name, data }, got ${describe(attachments)}; nothing was sent`,
      );
    attachments.forEach((a: unknown, i) => {
      if (!isPlainObject(a))
        throw new MmsClientError(
          'INVALID_REQUEST',
          `${op}: attachments[${i}] must be an object { name, data }, got ${describe(a)}; nothing was sent`,
        );
    });
  }
}
