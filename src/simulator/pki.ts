/**
 * The simulator's own small PKI: a CA, a server certificate for 127.0.0.1 and
 * localhost, and one PKCS#12 file per participant user, with the subject
 * `C=JP, O=<participant>, CN=<user>` that MMS certificates carry (the client
 * compares O and CN with its configured identity).
 *
 * Keys come from node:crypto (fast, native); certificates and PKCS#12 files
 * are made with node-forge, which the package already depends on for
 * reading PKCS#12. Given a directory, everything is written there and
 * reused on the next start, so users can keep pointing their tools at the
 * same files.
 */
import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { Certificate } from '../security/certificate.js';
import type { ClientType } from '../transport/endpoints.js';
import { SimulatorError } from './errors.js';

/** One participant of the simulated market. */
export interface ParticipantConfig {
  /** Participant name, e.g. `F100` (one upper-case letter and three digits, not 000). */
  readonly name: string;
  /** What the participant is: the audience rules of the catalog apply to this type. */
  readonly clientType: ClientType;
  /** User names; one PKCS#12 file is issued per user. Default `['FAKEUSER']`. */
  readonly users?: readonly string[];
  /** Company short name the simulator fills into responses (full-width). Default `シミュレータ`. */
  readonly companyShortName?: string;
}

/** A client certificate the simulator issued. */
export interface IssuedCredential {
  readonly participant: string;
  readonly user: string;
  readonly clientType: ClientType;
  /** Where the PKCS#12 file is (always set when the simulator has a directory). */
  readonly p12Path?: string;
  /** The PKCS#12 file's bytes. */
  readonly p12: Uint8Array;
  /** The PKCS#12 passphrase (never logged). */
  readonly passphrase: string;
}

/** The key material of a running simulator. */
export interface SimulatorPki {
  readonly caPem: string;
  readonly caPath: string;
  readonly serverKeyPem: string;
  readonly serverCertPem: string;
  readonly credentials: readonly IssuedCredential[];
}

const DAY = 86_400_000;
const FILES = {
  caCert: 'ca.crt.pem',
  caKey: 'ca.key.pem',
  serverCert: 'server.crt.pem',
  serverKey: 'server.key.pem',
} as const;

interface Authority {
  readonly certPem: string;
  readonly keyPem: string;
  readonly cert: forge.pki.Certificate;
  readonly key: forge.pki.rsa.PrivateKey;
}

/** File name of a user's PKCS#12 file in the simulator directory. */
export function p12FileName(participant: string, user: string): string {
  return `${participant}_${user}.p12`;
}

function rsaKeyPem(): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)),
    );
  });
}

function makeCertificate(
  keyPem: string,
  subject: forge.pki.CertificateField[],
  issuer: Authority | undefined,
  validDays: number,
  extensions: object[],
): string {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial (leading 01) of 128 bits, as RFC 5280 wants.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - DAY);
  cert.validity.notAfter = new Date(now + validDays * DAY);
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(issuer ? issuer.key : key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function authorityOf(certPem: string, keyPem: string): Authority {
  return {
    certPem,
    keyPem,
    cert: forge.pki.certificateFromPem(certPem),
    key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey,
  };
}

async function newAuthority(): Promise<Authority> {
  const keyPem = await rsaKeyPem();
  const subject = [
    { name: 'countryName', value: 'JP' },
    { name: 'organizationName', value: 'mms-client simulator' },
    { name: 'commonName', value: 'mms-client simulator CA' },
  ];
  const certPem = makeCertificate(keyPem, subject, undefined, 3650, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  return authorityOf(certPem, keyPem);
}

async function newServerCertificate(ca: Authority): Promise<{ certPem: string; keyPem: string }> {
  const keyPem = await rsaKeyPem();
  const certPem = makeCertificate(keyPem, [{ name: 'commonName', value: 'localhost' }], ca, 825, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  return { certPem, keyPem };
}

async function newClientPkcs12(
  ca: Authority,
  participant: string,
  user: string,
  passphrase: string,
): Promise<Uint8Array> {
  const keyPem = await rsaKeyPem();
  const certPem = makeCertificate(
    keyPem,
    [
      { name: 'countryName', value: 'JP' },
      { name: 'organizationName', value: participant },
      { name: 'commonName', value: user },
    ],
    ca,
    825,
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  );
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPem),
    [forge.pki.certificateFromPem(certPem), ca.cert],
    passphrase,
    { algorithm: 'aes256', friendlyName: `${participant} ${user}`, generateLocalKeyId: true },
  );
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SimulatorError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Whether a PEM certificate was issued by `ca` and is valid for at least another day. */
function usable(certPem: string, ca: Authority): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return (
      cert.checkIssued(new X509Certificate(ca.certPem)) && new Date(cert.validTo).getTime() > Date.now() + DAY
    );
  } catch {
    return false;
  }
}

/**
 * A client file found in the directory is reused only if it opens with the
 * passphrase, chains to the CA and names the right participant and user;
 * otherwise a stale file from an earlier configuration would be handed out.
 */
async function reusableClient(
  bytes: Uint8Array,
  passphrase: string,
  ca: Authority,
  participant: string,
  user: string,
  file: string,
): Promise<boolean> {
  let cert: Certificate;
  try {
    cert = await Certificate.fromBytes(bytes, passphrase);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'CERT_WRONG_PASSPHRASE') {
      throw new SimulatorError(
        `${file} does not open with the configured passphrase; start with the passphrase it was made with, or delete it to have it issued again`,
      );
    }
    return false;
  }
  return (
    cert.x509.checkIssued(new X509Certificate(ca.certPem)) &&
    cert.subject.includes(`O=${participant}`) &&
    cert.subject.includes(`CN=${user}`)
  );
}

/**
 * Creates, or loads from `dir`, the CA, the server certificate and a
 * PKCS#12 file for every user of every participant. Files that exist are
 * reused when still usable; missing or stale ones are (re)issued.
 */
export async function preparePki(options: {
  readonly dir: string;
  readonly participants: readonly ParticipantConfig[];
  readonly passphrase: string;
}): Promise<SimulatorPki> {
  const { dir, participants, passphrase } = options;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = (name: string): string => path.join(dir, name);
  const writeSecret = (name: string, data: string | Uint8Array): Promise<void> =>
    writeFile(at(name), data, { mode: 0o600 });

  const [caCert, caKey] = await Promise.all([readIfExists(at(FILES.caCert)), readIfExists(at(FILES.caKey))]);
  let ca: Authority;
  if (caCert && caKey) {
    try {
      ca = authorityOf(caCert.toString('utf8'), caKey.toString('utf8'));
    } catch (err) {
      throw new SimulatorError(`the CA files in ${dir} cannot be read: ${(err as Error).message}`, {
        cause: err,
      });
    }
  } else {
    ca = await newAuthority();
    await writeSecret(FILES.caKey, ca.keyPem);
    await writeFile(at(FILES.caCert), ca.certPem);
  }

  const [serverCert, serverKey] = await Promise.all([
    readIfExists(at(FILES.serverCert)),
    readIfExists(at(FILES.serverKey)),
  ]);
  let server: { certPem: string; keyPem: string };
  if (serverCert && serverKey && usable(serverCert.toString('utf8'), ca)) {
    server = { certPem: serverCert.toString('utf8'), keyPem: serverKey.toString('utf8') };
  } else {
    server = await newServerCertificate(ca);
    await writeSecret(FILES.serverKey, server.keyPem);
    await writeFile(at(FILES.serverCert), server.certPem);
  }

  // Settle all, then report the first failure in configuration order, so the
  // message does not depend on which file happened to be read first.
  const settled = await Promise.allSettled(
    participants.flatMap((p) =>
      (p.users ?? ['FAKEUSER']).map(async (user): Promise<IssuedCredential> => {
        const name = p12FileName(p.name, user);
        const existing = await readIfExists(at(name));
        let p12: Uint8Array;
        if (existing && (await reusableClient(existing, passphrase, ca, p.name, user, at(name)))) {
          p12 = new Uint8Array(existing);
        } else {
          p12 = await newClientPkcs12(ca, p.name, user, passphrase);
          await writeSecret(name, p12);
        }
        return { participant: p.name, user, clientType: p.clientType, p12Path: at(name), p12, passphrase };
      }),
    ),
  );
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const credentials = settled.map((r) => (r as PromiseFulfilledResult<IssuedCredential>).value);
  return {
    caPem: ca.certPem,
    caPath: at(FILES.caCert),
    serverKeyPem: server.keyPem,
    serverCertPem: server.certPem,
    credentials,
  };
}
