/**
 * A throw-away PKI for tests, made at test time in a temp dir: a CA, a server
 * certificate for 127.0.0.1/localhost, client certificates, and PKCS#12 files
 * built both with node-forge and with the `openssl` CLI (the cross-check).
 *
 * Keys come from node:crypto (fast, native); certificates are signed with
 * node-forge, which lets tests choose any validity window (expired and
 * not-yet-valid certificates). EC material, which forge cannot certify, comes
 * from the openssl CLI.
 *
 * @example
 * ```ts
 * const pki = await createTestPki();
 * const p12 = pki.pkcs12(pki.client, 'secret');              // forge, AES-256
 * const legacy = await pki.opensslPkcs12(pki.client, 'pw', { legacy: true }); // RC2-40
 * await pki.cleanup();
 * ```
 */
import { execFile } from 'node:child_process';
import { generateKeyPair, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

const execFileAsync = promisify(execFile);

/** A key and its certificate, in PEM. */
export interface TestIdentity {
  readonly name: string;
  readonly keyPem: string;
  readonly certPem: string;
}

/** Options of {@link TestPki.issue}. */
export interface IssueOptions {
  readonly commonName: string;
  readonly organization?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** 'client' (default) or 'server' (with SAN 127.0.0.1 and localhost). */
  readonly usage?: 'client' | 'server';
  /** Self-signed instead of signed by the test CA. */
  readonly selfSigned?: boolean;
}

/** The test PKI. */
export interface TestPki {
  /** Temp dir holding the files; removed by {@link cleanup}. */
  readonly dir: string;
  readonly ca: TestIdentity;
  /** Server certificate for 127.0.0.1 and localhost, signed by the CA. */
  readonly server: TestIdentity;
  /** Client certificate `CN=mms-test-client, O=F100`, signed by the CA. */
  readonly client: TestIdentity;
  /** Issues another certificate (new RSA key) from the CA. */
  issue(options: IssueOptions): Promise<TestIdentity>;
  /** PKCS#12 made by node-forge (`aes256` or `3des`), with the CA in the chain. */
  pkcs12(identity: TestIdentity, passphrase: string, algorithm?: 'aes256' | '3des'): Buffer;
  /** PKCS#12 made by `openssl pkcs12 -export`; `legacy` gives RC2-40 certificates and a 3DES key. */
  opensslPkcs12(
    identity: TestIdentity,
    passphrase: string,
    options?: { legacy?: boolean; noKeys?: boolean },
  ): Promise<Buffer>;
  /** An EC (P-256) self-signed certificate and key as PKCS#12, via the openssl CLI. */
  ecPkcs12(passphrase: string): Promise<Buffer>;
  /** Writes bytes into the PKI dir and returns the path. */
  writeFile(name: string, bytes: Uint8Array | string): Promise<string>;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;

async function rsaKeyPem(): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (err, _pub, priv) => (err ? reject(err) : resolve(priv)),
    );
  });
}

function makeCert(
  keyPem: string,
  subject: forge.pki.CertificateField[],
  issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | undefined,
  options: { notBefore: Date; notAfter: Date; extensions: object[] },
): string {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(options.extensions);
  cert.sign(issuer ? issuer.key : key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Creates a CA, a server and a client identity in a fresh temp dir. */
export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-pki-'));
  const now = Date.now();
  const caKeyPem = await rsaKeyPem();
  const caSubject = [
    { name: 'commonName', value: 'mms-client test CA' },
    { name: 'organizationName', value: 'mms-client tests' },
  ];
  const caCertPem = makeCert(caKeyPem, caSubject, undefined, {
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 30 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const ca: TestIdentity = { name: 'ca', keyPem: caKeyPem, certPem: caCertPem };
  const caForge = {
    cert: forge.pki.certificateFromPem(caCertPem),
    key: forge.pki.privateKeyFromPem(caKeyPem) as forge.pki.rsa.PrivateKey,
  };

  const issue = async (o: IssueOptions): Promise<TestIdentity> => {
    const keyPem = await rsaKeyPem();
    const server = o.usage === 'server';
    const subject = [
      ...(o.organization !== undefined ? [{ name: 'organizationName', value: o.organization }] : []),
      { name: 'commonName', value: o.commonName },
    ];
    const certPem = makeCert(keyPem, subject, o.selfSigned ? undefined : caForge, {
      notBefore: o.notBefore ?? new Date(now - DAY),
      notAfter: o.notAfter ?? new Date(now + 30 * DAY),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: server, clientAuth: !server },
        ...(server
          ? [
              {
                name: 'subjectAltName',
                altNames: [
                  { type: 7, ip: '127.0.0.1' },
                  { type: 2, value: 'localhost' },
                ],
              },
            ]
          : []),
      ],
    });
    return { name: o.commonName, keyPem, certPem };
  };

  const [server, client] = await Promise.all([
    issue({ commonName: 'localhost', usage: 'server' }),
    issue({ commonName: 'mms-test-client', organization: 'F100' }),
  ]);

  const writeFileIn = async (name: string, bytes: Uint8Array | string): Promise<string> => {
    const p = path.join(dir, name);
    await writeFile(p, bytes);
    return p;
  };

  let counter = 0;
  const openssl = async (args: string[]): Promise<void> => {
    await execFileAsync('openssl', args, { timeout: 20_000 });
  };

  return {
    dir,
    ca,
    server,
    client,
    issue,
    pkcs12(identity, passphrase, algorithm = 'aes256') {
      const key = forge.pki.privateKeyFromPem(identity.keyPem);
      const chain = [forge.pki.certificateFromPem(identity.certPem), caForge.cert];
      const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, passphrase, {
        algorithm,
        friendlyName: identity.name,
        generateLocalKeyId: true,
      });
      return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    },
    async opensslPkcs12(identity, passphrase, options = {}) {
      const n = counter++;
      const keyPath = await writeFileIn(`k${n}.pem`, identity.keyPem);
      const certPath = await writeFileIn(`c${n}.pem`, identity.certPem);
      const caPath = await writeFileIn(`ca${n}.pem`, ca.certPem);
      const out = path.join(dir, `o${n}.p12`);
      const args = ['pkcs12', '-export', '-in', certPath, '-certfile', caPath, '-out', out];
      args.push('-passout', `pass:${passphrase}`);
      if (options.noKeys) args.push('-nokeys');
      else args.push('-inkey', keyPath);
      if (options.legacy) args.push('-legacy');
      await openssl(args);
      return readFile(out);
    },
    async ecPkcs12(passphrase) {
      const n = counter++;
      const keyPath = path.join(dir, `ec${n}.key`);
      const certPath = path.join(dir, `ec${n}.crt`);
      const out = path.join(dir, `ec${n}.p12`);
      await openssl([
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=ec-client',
      ]);
      await openssl([
        'pkcs12',
        '-export',
        '-inkey',
        keyPath,
        '-in',
        certPath,
        '-out',
        out,
        '-passout',
        `pass:${passphrase}`,
      ]);
      return readFile(out);
    },
    writeFile: writeFileIn,
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
