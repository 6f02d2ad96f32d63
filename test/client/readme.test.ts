/**
 * The README tells the truth: its generated sections match the code, its
 * Quick start is the two commands, and its basic example runs as written
 * (as a subprocess, against a local mTLS server standing in for the MMS).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modules } from '../../generated/index.js';
import { decodeDocument } from '../../src/xml/decode.js';
import { renderReadme } from '../../scripts/readme.js';
import type { Rec } from '../helpers/arbitrary.js';
import { startBareMmsServer } from '../helpers/bare-mms-server.js';
import { PARTICIPANT, USER, successAnswer } from '../helpers/client-fixtures.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runScript } from '../helpers/subprocess.js';
import { createTestPki } from '../helpers/pki.js';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

test('the generated sections (operation table, example) are current', () => {
  expect(renderReadme(readme)).toBe(readme);
});

test('the Quick start is exactly the two commands', () => {
  const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(quickStart).toBe('npm ci && npm run demo\nnpm test\n');
});

test('the basic example submits an offer as written', async () => {
  const pki = await createTestPki();
  const identity = await pki.issue({ commonName: USER, organization: PARTICIPANT });
  const server = await startBareMmsServer(pki, (op, payload) => {
    const request = decodeDocument<Rec>(modules[op.module], op.root, payload).value;
    const answer = successAnswer(op, request, 11, 1);
    return { payload: answer.payload };
  });
  try {
    const env = {
      ...process.env,
      MMS_CERT_FILE: await pki.writeFile('bsp.p12', pki.pkcs12(identity, 'secret')),
      MMS_CERT_PASSPHRASE: 'secret',
      MMS_URL_MI: server.urls.MI,
      MMS_CA_FILE: await pki.writeFile('ca.pem', pki.ca.certPem),
    };
    const { status: code, stdout, stderr } = await runScript('examples/submit-offer.ts', [], env);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^accepted in transaction TX000011: offer id /);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.operation.id).toBe('MarketSubmit_OfferData');
    expect(server.calls[0]!.signatureValid).toBe(true);
    expect(server.calls[0]!.requestErrors).toEqual([]);
    expect(stdout).not.toContain('secret');
  } finally {
    await server.close();
    await pki.cleanup();
  }
}, 60_000);
