/**
 * Checks of the Transport options, before anything is built: a wrong type
 * or a value out of range is `INVALID_OPTION` naming the option.
 */
import { MmsClientError } from '../errors.js';
import { checkBoolean, checkInteger, checkTimeout, MAX_RESPONSE_BYTES_LIMIT } from '../options.js';
import { checkCertificate } from '../security/certificate.js';
import { CLIENT_TYPES, isClientType } from '../vocabulary.js';
import { isContentIdDomain } from './mtom.js';
import type { TransportOptions } from './transport.js';

/** Refuses options of the wrong type or out of range before anything is built. */
export function checkTransportOptions(options: TransportOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new MmsClientError('INVALID_OPTION', 'Transport options must be an object.');
  checkCertificate(options.certificate);
  if (!isClientType(options.clientType))
    throw new MmsClientError(
      'INVALID_OPTION',
      `clientType must be one of ${CLIENT_TYPES.join(', ')}, got ${String(options.clientType)}.`,
    );
  if (options.environment !== 'production' && options.environment !== 'test')
    throw new MmsClientError(
      'INVALID_OPTION',
      `environment must be production or test, got ${String(options.environment)}.`,
    );
  if (!isContentIdDomain(options.contentIdDomain)) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `contentIdDomain ${JSON.stringify(options.contentIdDomain)} must be a domain name (letters, digits, dots, dashes).`,
    );
  }
  if (options.attemptTimeoutMs !== undefined) checkTimeout('attemptTimeoutMs', options.attemptTimeoutMs);
  if (options.callTimeoutMs !== undefined) checkTimeout('timeoutMs', options.callTimeoutMs);
  if (options.maxResponseBytes !== undefined)
    checkInteger('maxResponseBytes', options.maxResponseBytes, 1, MAX_RESPONSE_BYTES_LIMIT);
  if (options.maxDownloadBytes !== undefined)
    checkInteger('maxDownloadBytes', options.maxDownloadBytes, 1, Number.MAX_SAFE_INTEGER);
  if (options.keepAlive !== undefined) checkBoolean('keepAlive', options.keepAlive);
  if (options.proxy !== undefined && options.keepAlive === true)
    throw new MmsClientError(
      'INVALID_OPTION',
      'keepAlive cannot be combined with proxy: every request through the proxy opens a fresh tunnel (the MMS needs fresh connections, MMS-PROTOCOL.md §9).',
    );
  if (options.allowInsecureHttp !== undefined) checkBoolean('allowInsecureHttp', options.allowInsecureHttp);
  if (options.mimeLimits?.maxParts !== undefined)
    checkInteger('mimeLimits.maxParts', options.mimeLimits.maxParts, 2, 10_000);
  if (options.mimeLimits?.maxHeaderBytes !== undefined)
    checkInteger('mimeLimits.maxHeaderBytes', options.mimeLimits.maxHeaderBytes, 256, 1024 * 1024);
  if (options.frameSource !== undefined) {
    if (typeof options.frameSource !== 'object' || options.frameSource === null)
      throw new MmsClientError('INVALID_OPTION', 'frameSource must be an object.');
    for (const name of ['now', 'contentId', 'boundary'] as const) {
      const fn = (options.frameSource as Record<string, unknown>)[name];
      if (fn !== undefined && typeof fn !== 'function')
        throw new MmsClientError('INVALID_OPTION', `frameSource.${name} must be a function.`);
    }
  }
  const hooks =
    options.hooks === undefined ? [] : Array.isArray(options.hooks) ? options.hooks : [options.hooks];
  hooks.forEach((hook: unknown, i) => {
    if (typeof hook !== 'object' || hook === null)
      throw new MmsClientError(
        'INVALID_OPTION',
        `hooks[${i}] must be an object with beforeSend, afterReceive or attemptFailed.`,
      );
    for (const name of ['beforeSend', 'afterReceive', 'attemptFailed'] as const) {
      const fn = (hook as Record<string, unknown>)[name];
      if (fn !== undefined && typeof fn !== 'function')
        throw new MmsClientError('INVALID_OPTION', `hooks[${i}].${name} must be a function.`);
    }
  });
}
