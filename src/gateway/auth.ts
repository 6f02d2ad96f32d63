/**
 * Who is calling: a bearer token (compared by its SHA-256 digest, in
 * constant time) or a TLS client certificate (by its SHA-256 fingerprint),
 * and what that caller may do. Tokens are never kept, logged or journaled;
 * only the caller's name is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { CallerEntry } from './config.js';
import { GatewayProblem } from './problem.js';

/** An authenticated caller. */
export interface Caller {
  readonly name: string;
  readonly participants: readonly string[];
  readonly operations: readonly string[];
}

/** The caller every request is attributed to under `--no-auth`. */
export const ANONYMOUS: Caller = { name: 'anonymous', participants: ['*'], operations: ['*'] };

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const fingerprint = (text: string): string => text.replace(/:/g, '').toLowerCase();

function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export class Authenticator {
  readonly #callers: readonly CallerEntry[];

  constructor(callers: readonly CallerEntry[]) {
    this.#callers = callers;
  }

  /**
   * The caller of a request, from its `Authorization` header or its client
   * certificate. @throws {@link GatewayProblem} 401 when neither identifies one.
   */
  authenticate(authorization: string | undefined, socket: unknown): Caller {
    if (authorization !== undefined) {
      const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(authorization.trim());
      if (!match)
        throw new GatewayProblem(401, 'UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
      const digest = sha256Hex(match[1]!);
      // Every entry is compared, so the time taken says nothing about which one matched.
      let found: CallerEntry | undefined;
      for (const caller of this.#callers)
        if (caller.tokenSha256 && sameDigest(caller.tokenSha256, digest)) found ??= caller;
      if (!found) throw new GatewayProblem(401, 'UNAUTHENTICATED', 'the bearer token is not valid');
      return found;
    }
    const tls = socket as Partial<TLSSocket>;
    if (tls.encrypted && tls.authorized && typeof tls.getPeerCertificate === 'function') {
      const peer = tls.getPeerCertificate();
      const print = peer?.fingerprint256 ? fingerprint(peer.fingerprint256) : undefined;
      const found = print
        ? this.#callers.find(
            (c) => c.certificateSha256 && sameDigest(fingerprint(c.certificateSha256), print),
          )
        : undefined;
      if (found) return found;
      throw new GatewayProblem(
        401,
        'UNAUTHENTICATED',
        'the client certificate belongs to no configured caller',
      );
    }
    throw new GatewayProblem(
      401,
      'UNAUTHENTICATED',
      'authentication required: a bearer token or a client certificate',
    );
  }
}

/** @throws {@link GatewayProblem} 403 when the caller may not use the participant or the operation. */
export function authorize(caller: Caller, participant: string, op: OperationDescriptor): void {
  if (!caller.participants.includes('*') && !caller.participants.includes(participant))
    throw new GatewayProblem(
      403,
      'FORBIDDEN',
      `caller ${caller.name} may not act for participant ${participant}`,
    );
  const allowed = caller.operations.some((o) => o === '*' || o === op.id || o === `${op.kind}:*`);
  if (!allowed) throw new GatewayProblem(403, 'FORBIDDEN', `caller ${caller.name} may not call ${op.id}`);
}

/** Whether a host name or address is the loopback interface (where `--no-auth` is allowed). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
