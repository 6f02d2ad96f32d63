/**
 * Opening PKCS#12 files (RFC 7292) protected the modern way, with Node's
 * own crypto: PBES2 (PBKDF2 + AES-CBC, or 3DES-CBC) for the key and the
 * certificates, an HMAC (SHA-1 or SHA-2) for integrity. That is what
 * OpenSSL 3 writes by default and what MMS certificates come as.
 *
 * Why not node-forge for these too: forge runs PBKDF2, the PKCS#12 key
 * derivation and the RSA key parsing in JavaScript, about 220 ms of CPU for
 * a 4096-bit file on the bench machine, and its 42 modules cost another
 * 50 ms to load; here the same file opens in a few milliseconds, and forge
 * is loaded only for the legacy kinds this reader does not implement
 * (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC, ...), which
 * it reports as {@link UnsupportedPkcs12}. Why not pkijs (on the design
 * card): loading it alone costs 145 ms of CPU, more than it would save.
 * (docs/decisions.md has the measurements.)
 */
import crypto, { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { children, DerError, expectTag, oid, readOne, smallInteger, TAG, type DerElement } from './der.js';

/** The file uses a protection this reader does not implement (a legacy one): another reader may. */
export class UnsupportedPkcs12 extends Error {
  override readonly name = 'UnsupportedPkcs12';
}

/** The passphrase does not open the file (integrity check or decryption failed). */
export class WrongPkcs12Passphrase extends Error {
  override readonly name = 'WrongPkcs12Passphrase';
}

/** Decrypted contents of a PKCS#12 file, as DER. */
export interface Pkcs12Contents {
  /** PKCS#8 PrivateKeyInfo of every key. */
  readonly keys: readonly Buffer[];
  /** Every X.509 certificate. */
  readonly certs: readonly Buffer[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

/** Digest algorithms of the MAC, with their block size for the PKCS#12 key derivation. */
const DIGESTS: Readonly<Record<string, { readonly name: string; readonly block: number }>> = {
  '1.3.14.3.2.26': { name: 'sha1', block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', block: 128 },
};

/** PRFs of PBKDF2. */
const PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

/** Ciphers of PBES2, with their key length. */
const CIPHERS: Readonly<Record<string, { readonly name: string; readonly keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/**
 * The most PBKDF2 or MAC iterations accepted: OpenSSL writes 2048, current
 * guidance says 600,000; a hostile file asking for billions would hold the
 * process for hours.
 */
const MAX_ITERATIONS = 10_000_000;

function iterations(element: DerElement | undefined): number {
  const n = element === undefined ? 1 : smallInteger(element);
  // Not UnsupportedPkcs12: no other reader should spend hours on it either.
  if (n < 1 || n > MAX_ITERATIONS) throw new DerError(`iteration count ${n} out of range`);
  return n;
}

/** The content of `[0] EXPLICIT OCTET STRING` (ContentInfo of type data). */
function explicitOctets(element: DerElement | undefined): Uint8Array {
  return readOne(expectTag(element, TAG.CONTEXT_0).content, TAG.OCTET_STRING).content;
}

/**
 * Opens the file, or throws: {@link UnsupportedPkcs12} for a protection
 * not implemented here, {@link WrongPkcs12Passphrase}, or a `DerError` for
 * data that is not PKCS#12.
 */
export function openPkcs12(bytes: Uint8Array, passphrase: string): Pkcs12Contents {
  const [version, authSafe, macData] = children(readOne(bytes, TAG.SEQUENCE));
  if (smallInteger(version) !== 3) throw new UnsupportedPkcs12('PFX version');
  const [contentType, content] = children(expectTag(authSafe, TAG.SEQUENCE));
  // signedData (public-key integrity) is not used for key files.
  if (oid(contentType) !== OID.data) throw new UnsupportedPkcs12('authSafe content type');
  const safe = explicitOctets(content);
  if (macData !== undefined) checkMac(macData, safe, passphrase);
  const keys: Buffer[] = [];
  const certs: Buffer[] = [];
  for (const info of children(readOne(safe, TAG.SEQUENCE))) {
    const [type, value] = children(expectTag(info, TAG.SEQUENCE));
    const kind = oid(type);
    let safeContents: Uint8Array;
    if (kind === OID.data) safeContents = explicitOctets(value);
    else if (kind === OID.encryptedData) {
      const [, encryptedContentInfo] = children(
        readOne(expectTag(value, TAG.CONTEXT_0).content, TAG.SEQUENCE),
      );
      const [, algorithm, encrypted] = children(expectTag(encryptedContentInfo, TAG.SEQUENCE));
      if (encrypted === undefined) continue;
      // [0] IMPLICIT OCTET STRING: primitive, or constructed of OCTET STRINGs.
      const data =
        encrypted.tag === TAG.CONTEXT_0_PRIMITIVE
          ? encrypted.content
          : Buffer.concat(
              children(expectTag(encrypted, TAG.CONTEXT_0)).map(
                (c) => expectTag(c, TAG.OCTET_STRING).content,
              ),
            );
      safeContents = decrypt(algorithm, data, passphrase);
    } else throw new UnsupportedPkcs12(`content type ${kind}`);
    readBags(safeContents, passphrase, keys, certs);
  }
  return { keys, certs };
}

function readBags(safeContents: Uint8Array, passphrase: string, keys: Buffer[], certs: Buffer[]): void {
  for (const bag of children(readOne(safeContents, TAG.SEQUENCE))) {
    const [bagId, bagValue] = children(expectTag(bag, TAG.SEQUENCE));
    const kind = oid(bagId);
    const value = readOne(expectTag(bagValue, TAG.CONTEXT_0).content);
    if (kind === OID.keyBag) keys.push(Buffer.from(value.raw));
    else if (kind === OID.shroudedKeyBag) {
      const [algorithm, encrypted] = children(expectTag(value, TAG.SEQUENCE));
      keys.push(decrypt(algorithm, expectTag(encrypted, TAG.OCTET_STRING).content, passphrase));
    } else if (kind === OID.certBag) {
      const [certId, certValue] = children(expectTag(value, TAG.SEQUENCE));
      if (oid(certId) === OID.x509Certificate) certs.push(Buffer.from(explicitOctets(certValue)));
    }
    // CRL, secret and nested bags carry nothing a client identity needs.
  }
}

/** PBES2 decryption (RFC 8018): PBKDF2 over the passphrase as UTF-8, as OpenSSL does. */
function decrypt(algorithm: DerElement | undefined, data: Uint8Array, passphrase: string): Buffer {
  const [algorithmId, params] = children(expectTag(algorithm, TAG.SEQUENCE));
  const scheme = oid(algorithmId);
  if (scheme !== OID.pbes2) throw new UnsupportedPkcs12(`encryption ${scheme}`);
  const [kdf, encryption] = children(expectTag(params, TAG.SEQUENCE));
  const [kdfId, kdfParams] = children(expectTag(kdf, TAG.SEQUENCE));
  if (oid(kdfId) !== OID.pbkdf2) throw new UnsupportedPkcs12('key derivation');
  const fields = children(expectTag(kdfParams, TAG.SEQUENCE));
  const salt = expectTag(fields[0], TAG.OCTET_STRING).content;
  const count = iterations(fields[1]);
  let rest = fields.slice(2);
  let keyLength: number | undefined;
  if (rest[0]?.tag === TAG.INTEGER) {
    keyLength = smallInteger(rest[0]);
    rest = rest.slice(1);
  }
  const prfId =
    rest[0] === undefined ? '1.2.840.113549.2.7' : oid(children(expectTag(rest[0], TAG.SEQUENCE))[0]);
  const prf = PRFS[prfId];
  if (prf === undefined) throw new UnsupportedPkcs12(`PRF ${prfId}`);
  const [cipherId, iv] = children(expectTag(encryption, TAG.SEQUENCE));
  const cipher = CIPHERS[oid(cipherId)];
  if (cipher === undefined) throw new UnsupportedPkcs12('cipher');
  if (keyLength !== undefined && keyLength !== cipher.keyLength) throw new UnsupportedPkcs12('key length');
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, count, cipher.keyLength, prf);
  try {
    const decipher = createDecipheriv(cipher.name, key, expectTag(iv, TAG.OCTET_STRING).content);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    // Bad padding: the key, so the passphrase, is wrong.
    throw new WrongPkcs12Passphrase();
  } finally {
    key.fill(0);
  }
}

/** The MAC over the authenticated safe (RFC 7292 §4, key from Appendix B with ID 3). */
function checkMac(macData: DerElement, safe: Uint8Array, passphrase: string): void {
  const [digestInfo, saltElement, countElement] = children(expectTag(macData, TAG.SEQUENCE));
  const [algorithm, digest] = children(expectTag(digestInfo, TAG.SEQUENCE));
  const digestId = oid(children(expectTag(algorithm, TAG.SEQUENCE))[0]);
  const hash = DIGESTS[digestId];
  // PBMAC1 (RFC 9579) and others.
  if (hash === undefined) throw new UnsupportedPkcs12(`MAC ${digestId}`);
  const salt = expectTag(saltElement, TAG.OCTET_STRING).content;
  const count = iterations(countElement);
  const expected = expectTag(digest, TAG.OCTET_STRING).content;
  // The passphrase as a NUL-terminated BMPString; an empty one is written
  // either as the terminator alone or as nothing, depending on the tool.
  const forms = [Buffer.concat([utf16be(passphrase), Buffer.alloc(2)])];
  if (passphrase === '') forms.push(Buffer.alloc(0));
  for (const password of forms) {
    const key = pkcs12Kdf(hash, password, salt, count, 3, createHash(hash.name).digest().length);
    const mac = createHmac(hash.name, key).update(safe).digest();
    key.fill(0);
    if (mac.length === expected.length && timingSafeEqual(mac, expected)) return;
  }
  throw new WrongPkcs12Passphrase();
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

/** One-shot digest: `crypto.hash` where Node has it (20.12+), a Hash object otherwise. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer })
  .hash;
const digest = (algorithm: string, data: Uint8Array): Buffer =>
  oneShot !== undefined ? oneShot(algorithm, data, 'buffer') : createHash(algorithm).update(data).digest();

/** The PKCS#12 key derivation (RFC 7292 Appendix B.2). */
function pkcs12Kdf(
  hash: { readonly name: string; readonly block: number },
  password: Uint8Array,
  salt: Uint8Array,
  count: number,
  id: number,
  length: number,
): Buffer {
  const v = hash.block;
  const fill = (src: Uint8Array): Buffer => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let A: Buffer = createHash(hash.name).update(D).update(I).digest();
    for (let r = 1; r < count; r++) A = digest(hash.name, A);
    out.push(A);
    produced += A.length;
    if (produced >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
