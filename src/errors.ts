/**
 * The error classes of mms-client. Every error has a stable `code` so callers
 * can branch without parsing messages; messages name what failed and what to
 * do about it. `cause` carries the underlying error where there is one.
 */

/** Options shared by all error constructors. */
export interface MmsErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** Base class of every error thrown by mms-client. */
export class MmsError extends Error {
  /** A stable, machine-readable code (for example `CERT_WRONG_PASSPHRASE`). */
  readonly code: string;

  constructor(code: string, message: string, options?: MmsErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/** Codes of {@link CertificateError}. */
export type CertificateErrorCode =
  | 'CERT_FILE_UNREADABLE'
  | 'CERT_NOT_PKCS12'
  | 'CERT_WRONG_PASSPHRASE'
  | 'CERT_PASSPHRASE_NOT_ASCII'
  | 'CERT_NO_PRIVATE_KEY'
  | 'CERT_NO_CERTIFICATE'
  | 'CERT_KEY_MISMATCH'
  | 'CERT_KEY_NOT_RSA'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID';

/**
 * The participant's PKCS#12 file cannot be used. The message never contains
 * the passphrase or key material.
 */
export class CertificateError extends MmsError {
  declare readonly code: CertificateErrorCode;

  constructor(code: CertificateErrorCode, message: string, options?: MmsErrorOptions) {
    super(code, message, options);
  }
}

/** Codes of {@link MmsTransportError}. */
export type MmsTransportErrorCode =
  /** No usable connection (refused, DNS, TLS handshake, reset). */
  | 'CONNECTION_FAILED'
  /** The per-attempt or per-call deadline passed. */
  | 'TIMEOUT'
  /** The caller's AbortSignal fired. */
  | 'ABORTED'
  /** The server answered with an HTTP status that is not a usable response. */
  | 'HTTP_STATUS'
  /** The response body was larger than the configured maximum. */
  | 'RESPONSE_TOO_LARGE';

/** Details of {@link MmsTransportError}. */
export interface MmsTransportErrorDetails extends MmsErrorOptions {
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The first bytes of the response body as text, for diagnosis. */
  readonly bodyExcerpt?: string;
  /** The URL of the last attempt. */
  readonly url?: string;
  /** How many attempts were made (0 when the call was cancelled before the first). */
  readonly attempts?: number;
  /**
   * Whether the request may have reached the server (so a submission may
   * have been processed). False only when that is known not to be the case.
   */
  readonly requestSent?: boolean;
}

/** The request could not be delivered or the HTTP exchange failed. */
export class MmsTransportError extends MmsError {
  declare readonly code: MmsTransportErrorCode;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly url: string | undefined;
  readonly attempts: number;
  readonly requestSent: boolean;

  constructor(code: MmsTransportErrorCode, message: string, details: MmsTransportErrorDetails = {}) {
    super(code, message, details);
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.url = details.url;
    this.attempts = details.attempts ?? 1;
    this.requestSent = details.requestSent ?? true;
  }

  /** A copy of this error with the attempt count of the whole call. */
  withAttempts(attempts: number): MmsTransportError {
    const copy = new MmsTransportError(this.code, this.message, {
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.bodyExcerpt !== undefined ? { bodyExcerpt: this.bodyExcerpt } : {}),
      ...(this.url !== undefined ? { url: this.url } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
      requestSent: this.requestSent,
      attempts,
    });
    return copy;
  }
}

/** Codes of {@link MmsServerError}. */
export type MmsServerErrorCode =
  /** The server answered with a SOAP fault. */
  | 'SOAP_FAULT'
  /** The server answered `responseDataType` TXT: a plain-text error message. */
  | 'SERVER_TEXT';

/** Details of {@link MmsServerError}. */
export interface MmsServerErrorDetails extends MmsErrorOptions {
  readonly faultCode?: string;
  readonly faultString?: string;
  readonly faultDetail?: string;
  readonly serverText?: string;
  readonly status?: number;
  readonly url?: string;
}

/** The MMS answered, and the answer is an error. */
export class MmsServerError extends MmsError {
  declare readonly code: MmsServerErrorCode;
  /** SOAP fault code as written (for example `soapenv:Server`). */
  readonly faultCode: string | undefined;
  /** SOAP fault text. */
  readonly faultString: string | undefined;
  /** Text content of the fault `detail`, if any. */
  readonly faultDetail: string | undefined;
  /** The server's plain-text message (`responseDataType` TXT). */
  readonly serverText: string | undefined;
  /** HTTP status of the response. */
  readonly status: number | undefined;
  readonly url: string | undefined;

  constructor(code: MmsServerErrorCode, message: string, details: MmsServerErrorDetails = {}) {
    super(code, message, details);
    this.faultCode = details.faultCode;
    this.faultString = details.faultString;
    this.faultDetail = details.faultDetail;
    this.serverText = details.serverText;
    this.status = details.status;
    this.url = details.url;
  }
}

/** Codes of {@link MmsClientError}. */
export type MmsClientErrorCode =
  /** The response could not be decoded (MIME, XML, SOAP structure). */
  | 'DECODE_ERROR'
  /** The response is well formed but uses a feature we cannot handle. */
  | 'UNSUPPORTED_RESPONSE'
  /** The request is invalid and was not sent. */
  | 'INVALID_REQUEST'
  /** A client or call option has the wrong type or is out of range; nothing was sent. */
  | 'INVALID_OPTION'
  /** A transport hook (for example a FileAuditor) threw or rejected. */
  | 'HOOK_FAILED'
  /** Input passed one of the decoder's limits (size, depth, counts); decoding stopped there. */
  | 'LIMIT_EXCEEDED'
  /** The answer names another participant, user, date or envelope than the request. */
  | 'RESPONSE_MISMATCH'
  /** A defect in mms-client: an unexpected exception, kept as `cause`. Please report it. */
  | 'INTERNAL_ERROR';

/** A request we refuse to send, or a response we cannot use. */
export class MmsClientError extends MmsError {
  declare readonly code: MmsClientErrorCode;

  constructor(code: MmsClientErrorCode, message: string, options?: MmsErrorOptions) {
    super(code, message, options);
  }
}

/**
 * Decoding stopped because the input passed a limit: a document nested
 * too deep, too many elements, attributes, MIME parts or problems, a text
 * or part too large. Decoders stop at the first limit they pass, so hostile
 * input costs bounded time and memory.
 */
export class MmsLimitError extends MmsClientError {
  declare readonly code: 'LIMIT_EXCEEDED';
  /** The limit's option name, for example `maxDepth` or `maxParts`. */
  readonly limit: string;
  /** The limit's value. */
  readonly max: number;

  constructor(limit: string, max: number, message: string) {
    super('LIMIT_EXCEEDED', message);
    this.limit = limit;
    this.max = max;
  }
}

/**
 * `err` as an MmsError: itself when it is one, else an `INTERNAL_ERROR`
 * that keeps it as `cause`. The last line of defence at the public entry
 * points, so callers only ever see typed errors; the fuzz tests count these
 * as defects.
 */
export function asMmsError(err: unknown, context: string): MmsError {
  if (err instanceof MmsError) return err;
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new MmsClientError(
    'INTERNAL_ERROR',
    `${context}: unexpected failure inside mms-client (${what.slice(0, 300)}). This is a defect; please report it.`,
    { cause: err },
  );
}
