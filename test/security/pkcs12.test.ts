/**
 * The native PKCS#12 reader (src/security/pkcs12.ts), cross-checked against
 * node-forge (an independent implementation) and against files made by the
 * OpenSSL CLI: the same keys and certificates come out; legacy protections
 * are handed on to forge, loaded only then; hostile files are refused fast.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { Certificate } from '../../src/security/certificate.js';
import { DerError } from '../../src/security/der.js';
import { openPkcs12, UnsupportedPkcs12, WrongPkcs12Passphrase } from '../../src/security/pkcs12.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { createTestPki, type TestPki } from '../helpers/pki.js';
import { runTsWithNode } from '../helpers/subprocess.js';

const fixture = (name: string): string => path.join(FIXTURES, name);

/** What forge finds in a file: keys as PKCS#8 DER (normalised through node:crypto), certificates as DER. */
function forgeContents(bytes: Uint8Array, passphrase: string): { keys: string[]; certs: string[] } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))),
    passphrase,
  );
  const shrouded = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const certBag = forge.pki.oids.certBag!;
  const keys = (p12.getBags({ bagType: shrouded })[shrouded] ?? []).map((b) =>
    Buffer.from(
      forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(b.key!))).getBytes(),
      'binary',
    ),
  );
  const certs = (p12.getBags({ bagType: certBag })[certBag] ?? []).map((b) =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'),
  );
  return { keys: keys.map(normalKey).sort(), certs: certs.map(fingerprint).sort() };
}

const normalKey = (der: Uint8Array): string =>
  createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' })
    .export({ format: 'der', type: 'pkcs8' })
    .toString('hex');
const fingerprint = (der: Uint8Array): string => new X509Certificate(Buffer.from(der)).fingerprint256;

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await pki?.cleanup();
});

describe('files the native reader opens give what forge finds in them', () => {
  test.each([
    [
      'fake.p12 (the reference client authors\u2019, empty passphrase)',
      () => readFile(fixture('fake.p12')),
      '',
    ],
    ['the OpenSSL-made fixture (PBES2/AES-256)', () => readFile(fixture('pkcs12-pbes2-aes256.p12')), 'pw'],
    [
      'openssl pkcs12 -export now (OpenSSL 3 defaults)',
      () => pki.opensslPkcs12(pki.client, 'Zq7-pass'),
      'Zq7-pass',
    ],
    ['forge AES-256', async () => pki.pkcs12(pki.client, 'Zq7-pass', 'aes256'), 'Zq7-pass'],
  ] as const)('%s', async (_, make, passphrase) => {
    const bytes = await make();
    const native = openPkcs12(bytes, passphrase);
    expect({ keys: native.keys.map(normalKey).sort(), certs: native.certs.map(fingerprint).sort() }).toEqual(
      forgeContents(bytes, passphrase),
    );
    expect(native.keys.length).toBe(1);
  });
});

test('legacy protections (3DES, RC2-40) are not read natively, and open through forge', async () => {
  for (const name of ['pkcs12-3des.p12', 'pkcs12-legacy-rc2-40.p12']) {
    const bytes = await readFile(fixture(name));
    expect(() => openPkcs12(bytes, 'pw')).toThrow(UnsupportedPkcs12);
    const cert = await Certificate.fromBytes(bytes, 'pw');
    expect(cert.subject).toContain('CN=FAKEUSER');
  }
});

test('a wrong passphrase fails the MAC check natively, for legacy files too (no forge needed)', async () => {
  for (const name of ['pkcs12-pbes2-aes256.p12', 'pkcs12-3des.p12', 'pkcs12-legacy-rc2-40.p12'])
    expect(() => openPkcs12(Buffer.from(readFileSync(fixture(name))), 'wrong')).toThrow(
      WrongPkcs12Passphrase,
    );
});

test('hostile structure: truncations and an iteration count out of range are DerErrors', async () => {
  const good = await readFile(fixture('pkcs12-pbes2-aes256.p12'));
  for (const cut of [0, 1, 2, 10, 100, good.length - 1])
    expect(() => openPkcs12(good.subarray(0, cut), 'pw')).toThrow(DerError);
  // The MAC's iteration count (the last INTEGER of the file, 2048) patched in place to 0: out of range
  // (as is anything above 10 million), refused before any key derivation, and never handed to forge.
  const huge = Buffer.from(good);
  const at = huge.lastIndexOf(Buffer.from([0x02, 0x02, 0x08, 0x00]));
  expect(at).toBeGreaterThan(0);
  huge[at + 2] = 0;
  expect(() => openPkcs12(huge, 'pw')).toThrow(/iteration count 0 out of range/);
  await expect(Certificate.fromBytes(huge, 'pw')).rejects.toMatchObject({ code: 'CERT_NOT_PKCS12' });
});

test('opening a PBES2 file loads no node-forge module; a legacy file does', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-p12-loads-'));
  const loads = async (file: string): Promise<string[]> => {
    const run = await runTsWithNode('test/helpers/loaded-modules-probe.ts', {
      env: {
        PROBE_MODULE: 'test/security/open-certificate-probe.ts',
        PROBE_RECORD: path.join(dir, `${path.basename(file)}.txt`),
        PROBE_P12: file,
        PROBE_PASSPHRASE: 'pw',
      },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return (JSON.parse(run.stdout) as string[]).map((f) => path.relative(REPO_ROOT, f));
  };
  try {
    const forgeModule = (f: string): boolean => f.includes(`node_modules${path.sep}node-forge${path.sep}`);
    const modern = await loads(fixture('pkcs12-pbes2-aes256.p12'));
    expect(modern).toContain(path.join('src', 'security', 'pkcs12.ts'));
    expect(modern.filter(forgeModule)).toEqual([]);
    expect((await loads(fixture('pkcs12-3des.p12'))).some(forgeModule)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
