/**
 * The participant's PKCS#12 file: the certificate chain that authenticates the
 * TLS connection and the RSA key that signs every payload.
 *
 * node-forge opens the file because it is the one library that decrypts all
 * three protections in use (PBES2/AES, 3DES and RC2-40; Node's TLS refuses
 * RC2-40 and pkijs refuses both legacy ones; see docs/decisions.md). Everything
 * after decryption is done with node:crypto: the key becomes a `KeyObject`
 * once, so signing never re-parses a PEM, and the certificates become
 * `X509Certificate`s for the public fields.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext, type SecureVersion } from 'node:tls';
import { inspect } from 'node:util';
import type forge from 'node-forge';
import { DerError } from './der.js';
import { openPkcs12, UnsupportedPkcs12, WrongPkcs12Passphrase, type Pkcs12Contents } from './pkcs12.js';
import { CertificateError, MmsClientError } from '../errors.js';
import { describe } from '../xml/scalar.js';
import { signBytes, verifyBytes } from './signature.js';

/** Options for opening a PKCS#12 file. */
export interface CertificateOptions {
  /**
   * The instant at which the certificate must be valid. Defaults to now.
   * Tests use it to check the validity window without waiting for it.
   */
  readonly now?: Date;
  /**
   * Open a certificate outside its validity window instead of throwing.
   * Meant for inspection tools; the MMS refuses such a certificate anyway.
   */
  readonly allowInvalidDates?: boolean;
}

/** Options for {@link Certificate.createSecureContext}. */
export interface SecureContextOptions {
  /** CA certificates (PEM) that the server certificate must chain to, instead of Node's bundled roots. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Lowest TLS version accepted. Defaults to TLS 1.2; anything lower is refused. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** The public description of a certificate, as `toJSON` returns it. */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly fingerprint256: string;
  readonly keyBits: number | undefined;
}

/**
 * A participant certificate with its private key, opened from a PKCS#12 file.
 *
 * The passphrase is used once and not kept; the key lives in a private field
 * and never shows in `JSON.stringify`, `util.inspect`, logs or error messages.
 *
 * @example
 * ```ts
 * const cert = await Certificate.fromFile('bsp.p12', process.env.MMS_P12_PASSPHRASE ?? '');
 * const signature = cert.sign(payloadBytes); // base64, RSA PKCS#1 v1.5 / SHA-256
 * ```
 */
export class Certificate {
  readonly #privateKey: KeyObject;
  readonly #leaf: X509Certificate;
  readonly #chain: readonly X509Certificate[];

  /** Subject distinguished name, attributes in certificate order (for example `C=JP, O=F100, CN=FAKEUSER`). */
  readonly subject: string;
  /** Issuer distinguished name, same format as {@link subject}. */
  readonly issuer: string;
  /** Serial number, upper-case hexadecimal. */
  readonly serialNumber: string;
  /** Start of the validity window. */
  readonly notBefore: Date;
  /** End of the validity window. */
  readonly notAfter: Date;
  /** SHA-256 fingerprint, colon-separated hex, as Node prints it. */
  readonly fingerprint256: string;

  private constructor(privateKey: KeyObject, chain: readonly X509Certificate[]) {
    const leaf = chain[0];
    if (leaf === undefined) throw new Error('unreachable: empty chain');
    this.#privateKey = privateKey;
    this.#leaf = leaf;
    this.#chain = chain;
    this.subject = formatDn(leaf.subject);
    this.issuer = formatDn(leaf.issuer);
    this.serialNumber = leaf.serialNumber.toUpperCase();
    this.notBefore = new Date(leaf.validFrom);
    this.notAfter = new Date(leaf.validTo);
    this.fingerprint256 = leaf.fingerprint256;
  }

  /**
   * Opens a PKCS#12 (`.p12`/`.pfx`) file.
   *
   * @param path - file path
   * @param passphrase - the file's passphrase (`''` for none)
   * @throws {@link CertificateError} when the file cannot be read or used
   */
  static async fromFile(
    path: string,
    passphrase: string,
    options: CertificateOptions = {},
  ): Promise<Certificate> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new CertificateError(
        'CERT_FILE_UNREADABLE',
        `Cannot read the certificate file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}. Check the path and permissions.`,
        { cause: err },
      );
    }
    return Certificate.fromBytes(bytes, passphrase, options);
  }

  /**
   * Opens PKCS#12 data held in memory.
   *
   * @throws {@link CertificateError} for a wrong passphrase (`CERT_WRONG_PASSPHRASE`), data that is
   * not PKCS#12 (`CERT_NOT_PKCS12`), no private key (`CERT_NO_PRIVATE_KEY`), a non-RSA key
   * (`CERT_KEY_NOT_RSA`), or a certificate outside its validity window (`CERT_EXPIRED`,
   * `CERT_NOT_YET_VALID`).
   */
  static async fromBytes(
    bytes: Uint8Array,
    passphrase: string,
    options: CertificateOptions = {},
  ): Promise<Certificate> {
    // Parsing is synchronous; the async signature leaves room for a worker or
    // a KMS-backed implementation without an API change.
    const { keys, certs } = await openAnyPkcs12(bytes, passphrase);
    if (keys.length === 0) {
      throw new CertificateError(
        'CERT_NO_PRIVATE_KEY',
        'The PKCS#12 file holds no private key. Export it again including the private key.',
      );
    }
    if (certs.length === 0) {
      throw new CertificateError(
        'CERT_NO_CERTIFICATE',
        'The PKCS#12 file holds no certificate. Export it again including the certificate.',
      );
    }
    const privateKey = pickRsaKey(keys);
    const chain = buildChain(privateKey, certs);
    const cert = new Certificate(privateKey, chain);
    if (options.allowInvalidDates !== true) cert.#checkDates(options.now ?? new Date());
    return cert;
  }

  /** The leaf certificate in PEM. */
  get certificatePem(): string {
    return this.#leaf.toString();
  }

  /** The certificate chain in PEM, leaf first, as TLS sends it. */
  get chainPem(): string {
    return this.#chain.map((c) => c.toString()).join('');
  }

  /** The leaf certificate as a Node `X509Certificate`. */
  get x509(): X509Certificate {
    return this.#leaf;
  }

  /** The public key of the certificate. */
  get publicKey(): KeyObject {
    return this.#leaf.publicKey;
  }

  /** RSA modulus length in bits. */
  get keyBits(): number | undefined {
    return this.#leaf.publicKey.asymmetricKeyDetails?.modulusLength;
  }

  /** Whether `at` lies inside the validity window. */
  isValidAt(at: Date): boolean {
    return at.getTime() >= this.notBefore.getTime() && at.getTime() <= this.notAfter.getTime();
  }

  /**
   * Signs bytes as the MMS expects (`requestSignature`, attachment `signature`):
   * RSA PKCS#1 v1.5 over the SHA-256 digest.
   *
   * @returns the signature in base64 (one line)
   */
  sign(data: Uint8Array): string {
    return signBytes(this.#privateKey, data);
  }

  /** Verifies a base64 signature made by {@link sign} against this certificate's public key. */
  verify(data: Uint8Array, signatureBase64: string): boolean {
    return verifyBytes(this.#leaf.publicKey, data, signatureBase64);
  }

  /**
   * A TLS context holding this certificate chain and key, for a client
   * connection. The key is handed to OpenSSL here and nowhere else.
   */
  createSecureContext(options: SecureContextOptions = {}): SecureContext {
    const ca =
      options.ca === undefined ? undefined : Array.isArray(options.ca) ? [...options.ca] : options.ca;
    return createSecureContext({
      cert: this.chainPem,
      key: this.#privateKey.export({ format: 'pem', type: 'pkcs8' }),
      minVersion: (options.minVersion ?? 'TLSv1.2') satisfies SecureVersion,
      ...(ca !== undefined ? { ca: ca as string | Buffer | Array<string | Buffer> } : {}),
    });
  }

  /** Public information only. */
  toJSON(): CertificateInfo {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serialNumber: this.serialNumber,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      fingerprint256: this.fingerprint256,
      keyBits: this.keyBits,
    };
  }

  /** Public information only, so a stray `console.log(cert)` leaks nothing. */
  [inspect.custom](): string {
    return `Certificate ${inspect(this.toJSON())}`;
  }

  /** Public information only. */
  toString(): string {
    return `Certificate(${this.subject}, serial ${this.serialNumber}, valid ${this.notBefore.toISOString()} to ${this.notAfter.toISOString()})`;
  }

  #checkDates(now: Date): void {
    if (now.getTime() > this.notAfter.getTime()) {
      throw new CertificateError(
        'CERT_EXPIRED',
        `The certificate ${this.subject} expired on ${this.notAfter.toISOString()}. Obtain a renewed certificate.`,
      );
    }
    if (now.getTime() < this.notBefore.getTime()) {
      throw new CertificateError(
        'CERT_NOT_YET_VALID',
        `The certificate ${this.subject} is not valid before ${this.notBefore.toISOString()}. Check the system clock or wait.`,
      );
    }
  }
}

/**
 * The file's keys and certificates: with Node's crypto (pkcs12.ts) for the
 * PBES2 files of today, with node-forge, loaded only then, for the legacy
 * protections it alone reads (3DES and RC2 PKCS#12 PBE).
 */
async function openAnyPkcs12(bytes: Uint8Array, passphrase: string): Promise<Pkcs12Contents> {
  try {
    return openPkcs12(bytes, passphrase);
  } catch (err) {
    if (err instanceof WrongPkcs12Passphrase) {
      if (/[^ -~]/.test(passphrase)) return passphraseNotAscii();
      return wrongPassphrase();
    }
    if (err instanceof DerError) throw notPkcs12(err);
    if (!(err instanceof UnsupportedPkcs12)) throw err;
  }
  const forge = (await import('node-forge')).default;
  return openWithForge(forge, bytes, passphrase);
}

type Forge = typeof forge;

function openWithForge(forge: Forge, bytes: Uint8Array, passphrase: string): Pkcs12Contents {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  } catch (err) {
    throw notPkcs12(err);
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
  } catch (err) {
    // forge reports a failed MAC check or decryption in its message; anything
    // else means the structure is not a PKCS#12 PFX we can read. The message
    // is rewritten so nothing derived from the passphrase can slip through.
    const message = err instanceof Error ? err.message : '';
    if (/password|decrypt/i.test(message)) {
      // node-forge derives keys from one byte per character where OpenSSL uses
      // UTF-8, so a non-ASCII passphrase fails even when it is right.
      if (/[^ -~]/.test(passphrase)) return passphraseNotAscii();
      return wrongPassphrase();
    }
    throw notPkcs12(new Error(message));
  }
  const keys: Buffer[] = [];
  const certs: Buffer[] = [];
  const keyBagTypes = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag].filter(
    (t): t is string => t !== undefined,
  );
  for (const bagType of keyBagTypes) {
    for (const bag of p12.getBags({ bagType })[bagType] ?? []) {
      // An unknown key type (EC, Ed25519) leaves `key` null and the
      // PrivateKeyInfo in `asn1`; node:crypto reads either.
      const info = bag.key
        ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))
        : (bag.asn1 as forge.asn1.Asn1 | undefined);
      if (info) keys.push(Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'));
    }
  }
  const certBag = forge.pki.oids.certBag;
  if (certBag !== undefined) {
    for (const bag of p12.getBags({ bagType: certBag })[certBag] ?? []) {
      const asn = bag.cert
        ? forge.pki.certificateToAsn1(bag.cert)
        : (bag.asn1 as forge.asn1.Asn1 | undefined);
      if (asn) certs.push(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
    }
  }
  return { keys, certs };
}

function wrongPassphrase(): never {
  throw new CertificateError(
    'CERT_WRONG_PASSPHRASE',
    'The PKCS#12 passphrase is wrong (integrity check or decryption failed). Check the passphrase.',
  );
}

function passphraseNotAscii(): never {
  throw new CertificateError(
    'CERT_PASSPHRASE_NOT_ASCII',
    'The PKCS#12 file does not open with this passphrase, which has non-ASCII characters. Such passphrases ' +
      'are encoded differently by the tools that make PKCS#12 files and are not supported here: check the ' +
      'passphrase, or re-export the file with an ASCII passphrase (openssl pkcs12 -export).',
  );
}

function notPkcs12(cause: unknown): CertificateError {
  return new CertificateError(
    'CERT_NOT_PKCS12',
    'The data is not a readable PKCS#12 file. Pass the .p12/.pfx file exported with the private key.',
    { cause },
  );
}

function pickRsaKey(keys: readonly Buffer[]): KeyObject {
  let firstType: string | undefined;
  for (const der of keys) {
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType === 'rsa') return key;
    firstType ??= key.asymmetricKeyType;
  }
  throw new CertificateError(
    'CERT_KEY_NOT_RSA',
    `The private key is ${firstType ?? 'of an unknown type'}, not RSA; the MMS signs with RSA (PKCS#1 v1.5, SHA-256). Use the RSA certificate issued for the MMS.`,
  );
}

/** Leaf (the certificate of the private key) first, then its issuers as far as the file has them. */
function buildChain(privateKey: KeyObject, ders: readonly Buffer[]): X509Certificate[] {
  const certs = ders.map((der) => new X509Certificate(der));
  const spki = (k: KeyObject): Buffer => k.export({ type: 'spki', format: 'der' });
  const ownSpki = spki(createPublicKey(privateKey));
  const leaf = certs.find((c) => spki(c.publicKey).equals(ownSpki));
  if (leaf === undefined) {
    throw new CertificateError(
      'CERT_KEY_MISMATCH',
      'No certificate in the PKCS#12 file matches its private key. Export the key together with its own certificate.',
    );
  }
  const chain = [leaf];
  let current = leaf;
  while (chain.length < certs.length) {
    const issuer = certs.find((c) => !chain.includes(c) && current.checkIssued(c));
    if (issuer === undefined || current.checkIssued(current)) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/** Node writes one attribute per line (`C=JP\nO=F100\nCN=X`); we join them like OpenSSL's one-line form. */
function formatDn(dn: string): string {
  return dn.split('\n').join(', ');
}

/** Whether `value` can serve as a {@link Certificate}: an instance, or an object with its members. */
function isCertificateLike(value: unknown): value is Certificate {
  if (value instanceof Certificate) return true;
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c['subject'] === 'string' &&
    c['notBefore'] instanceof Date &&
    c['notAfter'] instanceof Date &&
    typeof c['sign'] === 'function' &&
    typeof c['isValidAt'] === 'function' &&
    typeof c['createSecureContext'] === 'function'
  );
}

/**
 * `value` as a {@link Certificate}, or an `INVALID_OPTION` error: checked
 * where a certificate is passed in, so `certificate: {}` is a clear error and
 * not a TypeError at the first call. An object with the members of a
 * Certificate (a wrapper around a hardware key, say) is accepted.
 */
export function checkCertificate(value: unknown): Certificate {
  if (isCertificateLike(value)) return value;
  throw new MmsClientError(
    'INVALID_OPTION',
    `certificate must be a Certificate (from Certificate.fromFile or Certificate.fromBytes), got ${describe(value)}.`,
  );
}
