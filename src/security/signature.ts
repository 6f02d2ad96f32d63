/**
 * The MMS signature: RSA PKCS#1 v1.5 over the SHA-256 digest of the exact
 * bytes sent, written in base64 (MMS-PROTOCOL.md §3).
 */
import { createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** Signs `data` with an RSA private key; returns base64. */
export function signBytes(privateKey: KeyObject, data: Uint8Array): string {
  return sign('sha256', data, { key: privateKey, padding: 1 /* RSA_PKCS1_PADDING */ }).toString('base64');
}

/** Verifies a base64 signature over `data` with a public key. */
export function verifyBytes(publicKey: KeyObject, data: Uint8Array, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  return verify('sha256', data, { key: publicKey, padding: 1 }, signature);
}

/**
 * Verifies an MMS signature with a public key given as a `KeyObject`, a PEM
 * public key or a PEM certificate (for example the participant's certificate
 * held by a server or a test).
 */
export function verifySignature(
  data: Uint8Array,
  signatureBase64: string,
  key: KeyObject | string | X509Certificate,
): boolean {
  let publicKey: KeyObject;
  if (key instanceof X509Certificate) publicKey = key.publicKey;
  else if (typeof key === 'string')
    publicKey = key.includes('BEGIN CERTIFICATE') ? new X509Certificate(key).publicKey : createPublicKey(key);
  else publicKey = key;
  return verifyBytes(publicKey, data, signatureBase64);
}
