/**
 * Framing one request: payload bytes in, the exact HTTP headers and MTOM
 * body out (sign the payload and each attachment, write `RequestAttInfo`,
 * pack the parts). A pure function of its inputs: the clock and the source
 * of Content-IDs and boundaries are injectable, so the same input gives the
 * same bytes (the wire snapshots rely on it).
 */
import { CertificateError, MmsClientError } from '../errors.js';
import type { Certificate } from '../security/certificate.js';
import { encodeMtom, newContentId, type BinaryPart } from './mtom.js';
import type { Interface, RequestType } from '../vocabulary.js';
import { services } from '../../generated/index.js';
import { buildRequestEnvelope, type RequestAttachment } from './soap.js';

/** One attachment to send: its bytes are signed and sent as their own MTOM part. */
export interface OutgoingAttachment {
  readonly name: string;
  readonly data: Uint8Array;
}

/** What one request carries. */
export interface RequestFrame {
  readonly interface: Interface;
  readonly requestType: RequestType;
  /** The exact payload bytes (canonical XML); these are signed and sent. */
  readonly payload: Uint8Array;
  readonly attachments?: readonly OutgoingAttachment[];
  /** A market operator acting as administrator. Default false. */
  readonly adminRole?: boolean;
  /** Ask the server to echo the request in the response. Default true (the WSDL default). */
  readonly sendRequestDataOnSuccess?: boolean;
  /** Operation name, for error messages. */
  readonly operation: string;
}

/** Where the randomness and time of a frame come from. */
export interface FrameSource {
  /** Signs the payload and attachments; its validity is checked against `now`. */
  readonly certificate: Certificate;
  /** Domain of the MTOM Content-IDs (`...@DOMAIN`). */
  readonly contentIdDomain: string;
  readonly userAgent: string;
  /**
   * The clock of the certificate's validity check. Default: the system
   * clock; fix it only for tests and snapshots (a fixed clock also accepts an
   * expired certificate, which the server then refuses in the handshake).
   */
  readonly now?: () => Date;
  /** Content-ID of a part (`root`, `payload`, `attachment1`, ...). Default: random. */
  readonly contentId?: (partName: string, domain: string) => string;
  /** MIME boundary. Default: random, re-drawn if it occurs in the data. */
  readonly boundary?: () => string;
}

/** The bytes of one request. */
export interface FramedRequest {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Frames one request.
 *
 * @throws {@link MmsClientError} `INVALID_REQUEST` for an empty payload or a request the WSDL refuses
 * @throws {@link CertificateError} the certificate is outside its validity window (nothing is sent)
 */
export function frameRequest(frame: RequestFrame, source: FrameSource): FramedRequest {
  if (frame.payload.byteLength === 0) {
    throw new MmsClientError('INVALID_REQUEST', `${frame.operation}: the payload is empty.`);
  }
  const cert = source.certificate;
  // A long-running process can outlive its certificate; say so instead of
  // letting the TLS handshake fail obscurely.
  const now = (source.now ?? (() => new Date()))();
  if (!cert.isValidAt(now)) {
    throw new CertificateError(
      now > cert.notAfter ? 'CERT_EXPIRED' : 'CERT_NOT_YET_VALID',
      `${frame.operation}: the certificate ${cert.subject} is valid only from ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}; nothing was sent.`,
    );
  }
  const domain = source.contentIdDomain;
  const contentId = source.contentId ? checkedContentIds(source.contentId) : newContentId;
  const payloadId = contentId('payload', domain);
  const parts: BinaryPart[] = [{ contentId: payloadId, body: frame.payload }];
  const attachmentData: RequestAttachment[] = (frame.attachments ?? []).map((att, i) => {
    const id = contentId(`attachment${i + 1}`, domain);
    parts.push({ contentId: id, body: att.data });
    return { binaryData: { contentId: id }, signature: cert.sign(att.data), name: att.name };
  });
  const envelope = buildRequestEnvelope(frame.interface, {
    requestType: frame.requestType,
    adminRole: frame.adminRole ?? false,
    requestDataCompressed: false,
    requestDataType: 'XML',
    sendRequestDataOnSuccess: frame.sendRequestDataOnSuccess ?? true,
    sendResponseDataCompressed: false,
    requestSignature: cert.sign(frame.payload),
    requestData: { contentId: payloadId },
    attachmentData,
  });
  const rootId = contentId('root', domain);
  const boundary = source.boundary ? checkedBoundary(source.boundary(), envelope, parts) : undefined;
  const mtom = encodeMtom(envelope, rootId, parts, boundary === undefined ? {} : { boundary });
  return {
    headers: {
      'Content-Type': mtom.contentType,
      SOAPAction: `"${services[frame.interface].soapAction}"`,
      Accept: 'multipart/related, text/xml',
      'User-Agent': source.userAgent,
      'MIME-Version': '1.0',
    },
    body: mtom.body,
  };
}

/** RFC 2046 boundary characters, at most 70, not ending in a space (none allowed here). */
const BOUNDARY = /^[0-9A-Za-z'()+_,./:=?-]{1,70}$/;
/** A Content-ID without brackets: printable ASCII, no `<`, `>` or space. */
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,200}$/;

/**
 * A caller's fixed boundary, refused when it is not one or occurs in the
 * data: the random one is re-drawn then, a fixed one cannot be, and a
 * collision would cut the message silently.
 */
function checkedBoundary(boundary: unknown, envelope: string, parts: readonly BinaryPart[]): string {
  if (typeof boundary !== 'string' || !BOUNDARY.test(boundary))
    throw new MmsClientError(
      'INVALID_OPTION',
      `frameSource.boundary returned ${JSON.stringify(boundary)}, which is not a MIME boundary (1 to 70 of A-Z a-z 0-9 '()+_,./:=?-).`,
    );
  if ([Buffer.from(envelope), ...parts.map((p) => Buffer.from(p.body))].some((b) => b.includes(boundary)))
    throw new MmsClientError(
      'INVALID_REQUEST',
      `frameSource.boundary ${boundary} occurs in the data it would delimit; nothing was sent.`,
    );
  return boundary;
}

/** A caller's Content-ID source whose ids are checked and must differ from each other. */
function checkedContentIds(
  source: (partName: string, domain: string) => string,
): (partName: string, domain: string) => string {
  const seen = new Set<string>();
  return (partName, domain) => {
    const id: unknown = source(partName, domain);
    if (typeof id !== 'string' || !CONTENT_ID.test(id) || seen.has(id))
      throw new MmsClientError(
        'INVALID_OPTION',
        `frameSource.contentId returned ${JSON.stringify(id)} for ${partName}: a Content-ID is 1 to 200 printable ASCII characters without <, > or space, and differs from the others of the message.`,
      );
    seen.add(id);
    return id;
  };
}
