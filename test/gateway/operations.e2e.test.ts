/**
 * Operating the gateway: callers identified by their TLS client
 * certificate over HTTPS; a graceful stop that lets a call in flight finish
 * and takes no new one; the CLI's `--hash-token` (token on standard input),
 * its refusal of `--no-auth` off loopback, and `mms journal show`.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { sha256Hex } from '../../src/gateway/auth.js';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { createTestPki, type TestIdentity, type TestPki } from '../helpers/pki.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runScript } from '../helpers/subprocess.js';
import { post, setup, TOKENS, type Setup } from './helpers.js';

const QUERY = 'MarketQuery_OfferQuery';
const query = { attributes: { Date: '2026-12-10' }, data: { MarketType: 'DAM' } };

let env: Setup;
let pki: TestPki;

beforeAll(async () => {
  env = await setup({ faults: [{ kind: 'delay', ms: 600, operation: 'MarketQuery_BupQuery' }] });
  pki = await createTestPki();
});

afterAll(async () => {
  await env?.cleanup();
  await pki?.cleanup();
});

/** A POST over HTTPS with a client certificate (or none). */
function tlsPost(
  url: string,
  identity: TestIdentity | undefined,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${url}/v1/F100/${QUERY}`,
      {
        method: 'POST',
        ca: pki.ca.certPem,
        headers: { 'content-type': 'application/json' },
        ...(identity ? { key: identity.keyPem, cert: identity.certPem } : {}),
      },
      (response) => {
        let text = '';
        response.on('data', (d: Buffer) => (text += d.toString('utf8')));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(query));
  });
}

test('a caller identified by its client certificate over HTTPS; an unknown certificate or none is 401', async () => {
  await Promise.all([
    writeFile(path.join(env.dir, 'gw.key'), pki.server.keyPem),
    writeFile(path.join(env.dir, 'gw.crt'), pki.server.certPem),
    writeFile(path.join(env.dir, 'callers-ca.pem'), pki.ca.certPem),
  ]);
  const stranger = await pki.issue({ commonName: 'stranger' });
  const gateway = await startGateway({
    config: {
      ...env.config,
      listen: { tls: { keyFile: 'gw.key', certFile: 'gw.crt', clientCaFile: 'callers-ca.pem' } },
      callers: [
        {
          name: 'dashboard',
          certificateSha256: new X509Certificate(pki.client.certPem).fingerprint256,
          participants: ['F100'],
          operations: ['query:*'],
        },
      ],
    },
    baseDir: env.dir,
    env: env.env,
    port: 0,
  });
  try {
    expect(gateway.url).toMatch(/^https:/);
    const ok = await tlsPost(gateway.url, pki.client);
    expect(ok.status).toBe(200);
    expect((await gateway.journal.get(String(ok.body['callId'])))?.caller).toBe('dashboard');
    expect((await tlsPost(gateway.url, stranger)).body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect((await tlsPost(gateway.url, undefined)).status).toBe(401);
  } finally {
    await gateway.close();
  }
});

test('a graceful stop lets the call in flight finish and takes no new one', async () => {
  const gateway: Gateway = await startGateway({
    config: env.config,
    baseDir: env.dir,
    env: env.env,
    port: 0,
  });
  const slow = post(gateway.url, 'F100', 'MarketQuery_BupQuery', {
    attributes: { Date: '2026-12-10' },
    data: { ResourceName: 'SIMRES01' },
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const closing = gateway.close();
  await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();
  const answer = await slow;
  expect({ status: answer.status, body: answer.status === 200 ? undefined : answer.body }).toEqual({
    status: 200,
  });
  await closing;
});

test('mms serve --hash-token reads the token from standard input', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--hash-token'], {
    cwd: REPO_ROOT,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stdin.end(`${TOKENS.admin}\n`);
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  expect(out).toBe(`${sha256Hex(TOKENS.admin)}\n`);
});

test('mms serve refuses --no-auth off loopback, naming why', async () => {
  const run = await runScript(
    'src/cli/main.ts',
    ['serve', '--config', env.configFile, '--no-auth', '--host', '0.0.0.0', '--port', '0'],
    env.env,
  );
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('--no-auth');
  expect(run.stderr).toContain('loopback');
});

test('mms journal show prints one call, without raw bytes unless asked', async () => {
  const gateway = await startGateway({
    config: { ...env.config, journal: { file: 'journal.sqlite', recordRaw: true } },
    baseDir: env.dir,
    env: env.env,
    port: 0,
  });
  const answer = await post(gateway.url, 'F100', QUERY, query, { authorization: `Bearer ${TOKENS.admin}` });
  await gateway.close();
  const shown = await runScript('src/cli/main.ts', [
    'journal',
    'show',
    String(answer.body['callId']),
    '--config',
    env.configFile,
  ]);
  expect(shown.status).toBe(0);
  const entry = JSON.parse(shown.stdout) as Record<string, unknown>;
  expect(entry).toMatchObject({
    id: answer.body['callId'],
    operation: QUERY,
    outcome: 'ok',
    transactionId: answer.body['transactionId'],
  });
  expect(entry).not.toHaveProperty('rawRequest');
  const raw = JSON.parse(
    (
      await runScript('src/cli/main.ts', [
        'journal',
        'show',
        String(answer.body['callId']),
        '--config',
        env.configFile,
        '--raw',
      ])
    ).stdout,
  ) as { rawRequest: string };
  expect(Buffer.from(raw.rawRequest, 'base64').toString('latin1')).toContain('MarketQuery');
});
