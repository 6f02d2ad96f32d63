/**
 * Exit codes of `mms`: each kind of failure has its own, so scripts can
 * tell a mistake in the command from a rejected request, a server error or
 * a network problem without parsing messages.
 */
import { AudienceError, MmsInputError, MmsValidationError } from '../client/errors.js';
import { CertificateError, MmsClientError, MmsServerError, MmsTransportError } from '../errors.js';

export const EXIT = {
  /** The call succeeded. */
  ok: 0,
  /** Anything else (an internal error, the simulator could not start). */
  failure: 1,
  /** The command line or the input file is wrong. */
  usage: 2,
  /** The request breaks the schema or the operation is not open to the client type; nothing was sent. */
  input: 3,
  /** The MMS processed the request and rejected it (Validation FAILED, error messages). */
  rejected: 4,
  /** The MMS answered with an error: a SOAP fault or a plain-text (TXT) message. */
  server: 5,
  /** No usable answer: connection, TLS handshake, timeout, HTTP status, undecodable response. */
  transport: 6,
  /** The certificate file cannot be read or opened (wrong passphrase, expired, not PKCS#12). */
  certificate: 7,
} as const;

/** The command line is wrong; the message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The exit code for an error thrown by a command. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof MmsInputError || err instanceof AudienceError) return EXIT.input;
  if (err instanceof MmsValidationError) return EXIT.rejected;
  if (err instanceof MmsServerError) return EXIT.server;
  if (err instanceof MmsTransportError) return EXIT.transport;
  if (err instanceof CertificateError) return EXIT.certificate;
  if (err instanceof MmsClientError) {
    switch (err.code) {
      case 'INVALID_REQUEST':
        return EXIT.input;
      case 'INVALID_OPTION':
        return EXIT.usage;
      case 'HOOK_FAILED':
      case 'INTERNAL_ERROR':
        return EXIT.failure;
      default:
        // DECODE_ERROR, UNSUPPORTED_RESPONSE, LIMIT_EXCEEDED, RESPONSE_MISMATCH: no usable answer.
        return EXIT.transport;
    }
  }
  return EXIT.failure;
}

/** The exit-code table for `mms --help`. */
export const EXIT_HELP = `Exit codes:
  0  success
  1  any other failure (internal error, audit directory not writable, the simulator could not start)
  2  usage: unknown command or option, unreadable or malformed input file
  3  request refused before sending: it breaks the schema, or the operation is not open to the client type
  4  the MMS rejected the request (Validation FAILED; its error messages are printed)
  5  the MMS answered with an error (SOAP fault, or a plain-text TXT message)
  6  transport: connection, TLS handshake, timeout, HTTP status, or a response that cannot be decoded
     or used (over a limit, or the answer names another participant, user or date)
  7  certificate: file unreadable, wrong passphrase, not PKCS#12, expired`;
