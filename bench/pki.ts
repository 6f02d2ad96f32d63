/**
 * Key material for the benchmarks, made once with OpenSSL into
 * `.tmp/bench/pki`: a CA, a server certificate for 127.0.0.1, and the
 * participant's PKCS#12 file with a 4096-bit RSA key (the size MMS issues),
 * protected the way OpenSSL 3 does by default (PBES2, AES-256-CBC, PBKDF2).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORK } from './data.js';

export const PKI = path.join(WORK, 'pki');
export const PASSPHRASE = 'bench-passphrase';

export interface BenchPki {
  readonly caPem: string;
  readonly serverKeyPem: string;
  readonly serverCertPem: string;
  readonly p12Path: string;
}

const at = (name: string): string => path.join(PKI, name);

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function benchPki(): BenchPki {
  if (!existsSync(at('client.p12'))) {
    mkdirSync(PKI, { recursive: true });
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.pem'),
      '-days',
      '3650',
      '-subj',
      '/C=JP/O=bench/CN=bench CA',
    ]);
    writeFileSync(
      at('server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      at('server.key'),
      '-out',
      at('server.csr'),
      '-subj',
      '/CN=localhost',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      at('server.csr'),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '825',
      '-extfile',
      at('server.ext'),
      '-out',
      at('server.pem'),
    ]);
    writeFileSync(at('client.ext'), 'extendedKeyUsage=clientAuth\n');
    openssl([
      'req',
      '-newkey',
      'rsa:4096',
      '-nodes',
      '-keyout',
      at('client.key'),
      '-out',
      at('client.csr'),
      '-subj',
      '/C=JP/O=F100/CN=FAKEUSER',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      at('client.csr'),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '825',
      '-extfile',
      at('client.ext'),
      '-out',
      at('client.pem'),
    ]);
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      at('client.key'),
      '-in',
      at('client.pem'),
      '-certfile',
      at('ca.pem'),
      '-passout',
      `pass:${PASSPHRASE}`,
      '-out',
      at('client.p12.part'),
    ]);
    execFileSync('mv', [at('client.p12.part'), at('client.p12')]);
  }
  return {
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    serverKeyPem: readFileSync(at('server.key'), 'utf8'),
    serverCertPem: readFileSync(at('server.pem'), 'utf8'),
    p12Path: at('client.p12'),
  };
}
