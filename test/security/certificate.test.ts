import { execFile } from 'node:child_process';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { inspect, promisify } from 'node:util';
import { Certificate, CertificateError, verifySignature } from '../../src/security/index.js';
import { createTestPki, type TestPki } from '../helpers/pki.js';

const fixtures = path.resolve(__dirname, '../../../shared/fixtures');
const fixture = (name: string): string => path.join(fixtures, name);

const GOLDEN =
  'wY7zAeuvn/gea4Otx0OtBN205B4L8XuMCaSFeWZW7mr1lAeWSo9SVOCMy7TMnGYOYpNIWwJ9RI8H0C6asYammU6VvB4GCuDvMPj+XzQm1pOPqTFp' +
  'AnorCzfrZPLgvc9AwrN2hgy06clGSeD3ArBKcO1be3rV87WEEaAuG4hjcn9XDxcsRL3Fw5fSbq3q9WRl+z0Vc2d7wRyIZ8AJ9GxbA97OCKQ9ioXy' +
  'kHquP829RqTibDNhZglHyQSkRh9v8eoXvsYxO/h0brif1hMjmknh8uSO4hMUBJ0lma0Ni6nWyeytq7tmJelzWaOQYqXcqAxbMRsSAgOStd1L9/ln' +
  'a3OIJgpkAfdEKOpLEHrRsSKzkwP1sWjKZVExX0de/GtBqIspQlI0bXz8zZ9FPStGwfElTPJtizN8SuLbvIoP91X0x6/FnQLXBULn7vemtzdu2S4M' +
  'f05Wt5ixOrGGPEx9OlnkJprSQdjzgrsZ6/mr+5DjxIewlF0lSZk1x4tAR7PiSDY+7zXUOBI+dDRVG9t4/xpxjK4JgqNJy2nQhsZYto2tYp2sAQub' +
  '0we7qpPdu8Y+qz0ZyjtCXiOCEinjv35H7A1RLdg6Rp8XGScE1l6tvLbRZd6eNFFoLjdgjcB7YtaS4PoTsckGDfAMRZTtRAeE9Zmvd0xrW9Ag9+yK' +
  'utMTN0DYpGU=';

const PW_FIXTURES = ['pkcs12-pbes2-aes256.p12', 'pkcs12-3des.p12', 'pkcs12-legacy-rc2-40.p12'] as const;

async function expectCertError(promise: Promise<unknown>, code: string): Promise<CertificateError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CertificateError);
  expect((err as CertificateError).code).toBe(code);
  return err as CertificateError;
}

describe('Certificate: the shared PKCS#12 fixtures', () => {
  it('fake.p12 (empty passphrase) signs FAKE_DATA to the golden vector, byte for byte', async () => {
    const cert = await Certificate.fromFile(fixture('fake.p12'), '');
    const sig = cert.sign(Buffer.from('FAKE_DATA', 'ascii'));
    expect(sig).toBe(GOLDEN);
    expect(Buffer.from(sig, 'base64').equals(Buffer.from(GOLDEN, 'base64'))).toBe(true);
    expect(cert.verify(Buffer.from('FAKE_DATA'), sig)).toBe(true);
    expect(cert.verify(Buffer.from('FAKE_DATB'), sig)).toBe(false);
    expect(cert.subject).toContain('CN=Fake');
    expect(cert.subject).toContain('O=ElectroRoute Japan');
    expect(cert.keyBits).toBe(4096);
    expect(cert.notAfter.getUTCFullYear()).toBe(2122);
  });

  it.each(PW_FIXTURES)('%s opens with passphrase pw and exposes the certificate', async (name) => {
    const cert = await Certificate.fromFile(fixture(name), 'pw');
    expect(cert.subject).toBe('C=JP, O=F100, CN=FAKEUSER');
    expect(cert.issuer).toBe('C=JP, O=F100, CN=FAKEUSER');
    expect(cert.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(cert.notBefore.getTime()).toBeLessThan(cert.notAfter.getTime());
    expect(cert.keyBits).toBe(2048);
    expect(cert.chainPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const data = Buffer.from('<MarketData/>');
    expect(verifySignature(data, cert.sign(data), cert.certificatePem)).toBe(true);
  });

  it('all three protections of the same key give the same certificate and signature', async () => {
    const certs = await Promise.all(PW_FIXTURES.map((n) => Certificate.fromFile(fixture(n), 'pw')));
    const data = Buffer.from('same key');
    const sigs = new Set(certs.map((c) => c.sign(data)));
    expect(sigs.size).toBe(1);
    expect(new Set(certs.map((c) => c.fingerprint256)).size).toBe(1);
  });

  it.each(PW_FIXTURES)('%s with a wrong passphrase gives CERT_WRONG_PASSPHRASE', async (name) => {
    const err = await expectCertError(Certificate.fromFile(fixture(name), 'wrong'), 'CERT_WRONG_PASSPHRASE');
    expect(err.message).toMatch(/passphrase/);
  });

  it('a non-ASCII passphrase that does not open the file gets its own code and advice', async () => {
    const err = await expectCertError(
      Certificate.fromFile(fixture('pkcs12-pbes2-aes256.p12'), 'パスワード'),
      'CERT_PASSPHRASE_NOT_ASCII',
    );
    expect(err.message).toMatch(/re-export the file with an ASCII passphrase/);
    expect(err.message).not.toContain('パスワード');
  });

  it('a file that is not PKCS#12 gives CERT_NOT_PKCS12', async () => {
    await expectCertError(Certificate.fromFile(fixture('README.md'), 'pw'), 'CERT_NOT_PKCS12');
    await expectCertError(
      Certificate.fromBytes(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]), 'pw'),
      'CERT_NOT_PKCS12',
    );
    await expectCertError(Certificate.fromBytes(new Uint8Array(0), ''), 'CERT_NOT_PKCS12');
  });

  it('a missing file gives CERT_FILE_UNREADABLE', async () => {
    const err = await expectCertError(
      Certificate.fromFile(fixture('nope.p12'), 'pw'),
      'CERT_FILE_UNREADABLE',
    );
    expect(err.message).toContain('nope.p12');
  });

  it('evidence for the library choice: Node TLS refuses the RC2-40 file that Certificate opens', async () => {
    const rc2 = await readFile(fixture('pkcs12-legacy-rc2-40.p12'));
    expect(() => createSecureContext({ pfx: rc2, passphrase: 'pw' })).toThrow(/Unsupported PKCS12/);
    const cert = await Certificate.fromBytes(rc2, 'pw');
    // ...and the PEM it exports is accepted by Node TLS.
    expect(() => cert.createSecureContext()).not.toThrow();
  });
});

describe('Certificate: files made by the test PKI', () => {
  let pki: TestPki;
  const passphrase = 'Zq7-unusual-passphrase-9X';

  beforeAll(async () => {
    pki = await createTestPki();
  });
  afterAll(async () => {
    await pki.cleanup();
  });

  it.each([
    ['node-forge AES-256', () => pki.pkcs12(pki.client, passphrase, 'aes256')],
    ['node-forge 3DES', () => pki.pkcs12(pki.client, passphrase, '3des')],
    ['openssl default (PBES2/AES)', () => pki.opensslPkcs12(pki.client, passphrase)],
    ['openssl -legacy (RC2-40)', () => pki.opensslPkcs12(pki.client, passphrase, { legacy: true })],
  ])('opens %s with the chain leaf first', async (_name, make) => {
    const cert = await Certificate.fromBytes(await make(), passphrase);
    expect(cert.subject).toBe('O=F100, CN=mms-test-client');
    expect(cert.issuer).toBe('CN=mms-client test CA, O=mms-client tests');
    const pems = cert.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(pems).toHaveLength(2);
    expect(createPublicKey(pems[0] ?? '').export({ format: 'pem', type: 'spki' })).toBe(
      createPublicKey(pki.client.certPem).export({ format: 'pem', type: 'spki' }),
    );
  });

  it('signs exactly like `openssl dgst -sha256 -sign` (RSA PKCS#1 v1.5, deterministic)', async () => {
    const cert = await Certificate.fromBytes(pki.pkcs12(pki.client, passphrase), passphrase);
    const data = Buffer.from('<MarketData>日本語</MarketData>', 'utf8');
    const keyPath = await pki.writeFile('sign-key.pem', pki.client.keyPem);
    const dataPath = await pki.writeFile('sign-data.bin', data);
    const { stdout } = await promisify(execFile)('openssl', ['dgst', '-sha256', '-sign', keyPath, dataPath], {
      encoding: 'buffer',
    });
    expect(cert.sign(data)).toBe(Buffer.from(stdout).toString('base64'));
    // An independent verification with the certificate's public key.
    expect(
      cryptoVerify(
        'sha256',
        data,
        createPublicKey(pki.client.certPem),
        Buffer.from(cert.sign(data), 'base64'),
      ),
    ).toBe(true);
  });

  it('a file without a private key gives CERT_NO_PRIVATE_KEY', async () => {
    const p12 = await pki.opensslPkcs12(pki.client, passphrase, { noKeys: true });
    await expectCertError(Certificate.fromBytes(p12, passphrase), 'CERT_NO_PRIVATE_KEY');
  });

  it('an EC key gives CERT_KEY_NOT_RSA', async () => {
    const err = await expectCertError(
      Certificate.fromBytes(await pki.ecPkcs12('pw'), 'pw'),
      'CERT_KEY_NOT_RSA',
    );
    expect(err.message).toMatch(/\bec\b.*not RSA/);
  });

  it('an expired certificate gives CERT_EXPIRED, unless allowInvalidDates', async () => {
    const old = await pki.issue({
      commonName: 'old',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const p12 = pki.pkcs12(old, 'pw');
    const err = await expectCertError(Certificate.fromBytes(p12, 'pw'), 'CERT_EXPIRED');
    expect(err.message).toContain('2021-01-01T00:00:00.000Z');
    const inspected = await Certificate.fromBytes(p12, 'pw', { allowInvalidDates: true });
    expect(inspected.isValidAt(new Date())).toBe(false);
    expect(inspected.isValidAt(new Date('2020-06-01T00:00:00Z'))).toBe(true);
    // The validity check uses the `now` option.
    await expect(
      Certificate.fromBytes(p12, 'pw', { now: new Date('2020-06-01T00:00:00Z') }),
    ).resolves.toBeInstanceOf(Certificate);
  });

  it('a not-yet-valid certificate gives CERT_NOT_YET_VALID', async () => {
    const future = await pki.issue({
      commonName: 'future',
      notBefore: new Date(Date.now() + 10 * 86_400_000),
      notAfter: new Date(Date.now() + 20 * 86_400_000),
    });
    await expectCertError(Certificate.fromBytes(pki.pkcs12(future, 'pw'), 'pw'), 'CERT_NOT_YET_VALID');
  });

  it('never shows the passphrase or the key in JSON, inspect, strings or errors', async () => {
    const p12 = pki.pkcs12(pki.client, passphrase);
    const cert = await Certificate.fromBytes(p12, passphrase);
    const keyBody = pki.client.keyPem
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s+/g, '')
      .slice(20, 80);
    const keyDer = createPublicKey(pki.client.keyPem); // sanity: the fixture really holds this key
    expect(keyDer.asymmetricKeyType).toBe('rsa');
    const renderings = [
      JSON.stringify(cert),
      JSON.stringify({ cert }),
      inspect(cert),
      inspect(cert, { showHidden: true, depth: Infinity, getters: true }),
      String(cert),
      `${cert}`,
      Object.keys(cert).join(','),
      JSON.stringify(Object.getOwnPropertyDescriptors(cert)),
    ];
    const wrong = await Certificate.fromBytes(p12, `${passphrase}x`).catch((e: unknown) => e as Error);
    renderings.push(
      inspect(wrong, { showHidden: true, depth: Infinity }),
      String((wrong as Error).stack),
      JSON.stringify(wrong),
    );
    for (const text of renderings) {
      expect(text).not.toContain(passphrase);
      expect(text).not.toContain(keyBody);
      expect(text).not.toMatch(/PRIVATE KEY/);
    }
    // The public information is there.
    expect(JSON.parse(JSON.stringify(cert))).toMatchObject({
      subject: 'O=F100, CN=mms-test-client',
      keyBits: 2048,
    });
    expect(inspect(cert)).toContain('mms-test-client');
  });
});
