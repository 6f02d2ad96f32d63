/**
 * The `proxy` option against a real CONNECT proxy on 127.0.0.1
 * (test/helpers/connect-proxy.ts) in front of real HTTPS servers that
 * require a client certificate: TLS runs inside the tunnel from the client
 * to the MMS, the proxy relays only ciphertext, its credentials appear
 * nowhere, and a proxy that is down or refuses the tunnel means nothing was
 * sent (a submission fails over once, never twice).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { modules } from '../../generated/index.js';
import { judgeEnvelope } from '../../src/client/response.js';
import { MmsClientError, MmsTransportError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { Certificate } from '../../src/security/index.js';
import {
  FileAuditor,
  Transport,
  type AttemptFailedEvent,
  type SendOptions,
  type TransportOptions,
} from '../../src/transport/index.js';
import { decodeDocument } from '../../src/xml/decode.js';
import type { Rec } from '../helpers/arbitrary.js';
import { startBareMmsServer } from '../helpers/bare-mms-server.js';
import { clientFor, clientPki, successAnswer } from '../helpers/client-fixtures.js';
import { startConnectProxy, type ConnectProxy, type Decision } from '../helpers/connect-proxy.js';
import { closedPort, startMtlsServer, type MtlsServer } from '../helpers/mtls-server.js';
import { createTestPki, type TestPki } from '../helpers/pki.js';
import { said, transportFailure } from '../helpers/failures.js';

const MI_PATH = '/axis2/services/MiWebService';
const PAYLOAD = Buffer.from(
  '<MarketData><MarketSubmit Date="2024-03-15" ParticipantName="F100" UserName="FAKEUSER">' +
    '<OfferData Area="03" ResourceName="東京リソース-proxy-marker"></OfferData></MarketSubmit></MarketData>',
  'utf8',
);
const RESPONSE = Buffer.from(
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
    '<ns1:ResponseAttInfo xmlns:ns1="urn:abb.com:project/mms/types"><success>true</success><warnings>false</warnings>' +
    '<responseBinary>false</responseBinary><responseCompressed>false</responseCompressed>' +
    `<responseDataType>XML</responseDataType><responseData>${Buffer.from('<MarketData/>').toString('base64')}</responseData>` +
    '</ns1:ResponseAttInfo></soapenv:Body></soapenv:Envelope>',
);
const submit: SendOptions = {
  interface: 'MI',
  requestType: 'mp.market',
  payload: PAYLOAD,
  operation: 'MarketSubmit_OfferData',
  kind: 'submit',
  interpret: judgeEnvelope,
};
const query: SendOptions = { ...submit, operation: 'MarketQuery_AwardResultsQuery', kind: 'query' };

const USER = 'mms-proxy-user';
const SECRET = 'pr0xy-Secret-9Zt';
const credentials = { user: USER, password: SECRET };
/** What must never appear: the password, and the Basic token that carries it. */
const SECRETS = [SECRET, Buffer.from(`${USER}:${SECRET}`).toString('base64')];

let pki: TestPki;
let certificate: Certificate;
let main: MtlsServer;
let backup: MtlsServer;
let proxy: ConnectProxy;
let authProxy: ConnectProxy;
let downProxy: string;
const transports: Transport[] = [];

interface Made {
  readonly transport: Transport;
  readonly failed: AttemptFailedEvent[];
  readonly logs: string[];
}

/** A transport whose fail-over list is `urls` (default main, then backup), with an instant back-off. */
function makeTransport(overrides: Partial<TransportOptions> & { urls?: readonly string[] } = {}): Made {
  const { urls, ...rest } = overrides;
  const failed: AttemptFailedEvent[] = [];
  const logs: string[] = [];
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      void logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const transport = new Transport({
    certificate,
    clientType: 'bsp',
    environment: 'production',
    contentIdDomain: 'proxy.test',
    ca: pki.ca.certPem,
    endpoints: { MI: [...(urls ?? [main.url(MI_PATH), backup.url(MI_PATH)])] },
    callTimeoutMs: 10_000,
    attemptTimeoutMs: 5_000,
    retry: { sleep: async () => undefined, random: () => 0.5 },
    hooks: { attemptFailed: (e) => void failed.push(e) },
    logger,
    ...rest,
  });
  transports.push(transport);
  return { transport, failed, logs };
}

/** Every way a value can be shown: JSON and a deep inspection with hidden properties. */
const shown = (value: unknown): string =>
  `${JSON.stringify(value) ?? ''}\n${inspect(value, { depth: 20, showHidden: true })}`;

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy'];
/** Runs `fn` with exactly these proxy variables set, then restores the environment. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
  for (const k of PROXY_VARS) delete process.env[k];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const k of PROXY_VARS) {
      const v = saved[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  pki = await createTestPki();
  certificate = await Certificate.fromBytes(pki.pkcs12(pki.client, 'pw'), 'pw');
  const answer = (_req: unknown, res: import('node:http').ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
    res.end(RESPONSE);
  };
  [main, backup, proxy, authProxy] = await Promise.all([
    startMtlsServer({ pki, handler: answer }),
    startMtlsServer({ pki, handler: answer }),
    startConnectProxy(),
    startConnectProxy({ credentials }),
  ]);
  downProxy = `http://127.0.0.1:${await closedPort()}`;
});

afterAll(async () => {
  for (const t of transports) t.close();
  await Promise.all([main.close(), backup.close(), proxy.close(), authProxy.close()]);
  await pki.cleanup();
});

beforeEach(() => {
  main.requests.length = 0;
  backup.requests.length = 0;
  proxy.connects.length = 0;
  authProxy.connects.length = 0;
  proxy.decide = () => 'tunnel';
});

describe('through a CONNECT proxy', () => {
  test('the MMS sees the client certificate; the proxy sees one CONNECT to the MMS host and only ciphertext', async () => {
    const { transport } = makeTransport({ proxy: proxy.url() });
    const result = await transport.send(submit);
    expect(result).toMatchObject({ status: 200, attempts: 1, url: main.url(MI_PATH) });

    expect(main.requests).toHaveLength(1);
    expect(main.requests[0]).toMatchObject({ authorized: true, peerCommonName: 'mms-test-client' });
    expect(main.requests[0]?.headers['proxy-authorization']).toBeUndefined();
    // The server had the payload in clear, so the check below could fail.
    expect(main.requests[0]?.body.includes(PAYLOAD)).toBe(true);

    expect(proxy.connects.map((c) => c.target)).toEqual([`127.0.0.1:${main.port}`]);
    expect(proxy.connects[0]?.headers.host).toBe(`127.0.0.1:${main.port}`);
    expect(proxy.connects[0]?.headers['proxy-authorization']).toBeUndefined();
    const relayed = proxy.relayedUp();
    expect(relayed[0]).toBe(0x16); // a TLS handshake record: the ClientHello
    expect(relayed.length).toBeGreaterThan(PAYLOAD.length);
    for (const clear of [
      PAYLOAD,
      Buffer.from('POST '),
      Buffer.from('SOAPAction'),
      Buffer.from('proxy-marker'),
    ])
      expect(relayed.includes(clear)).toBe(false);
    expect(Buffer.concat(proxy.connects[0]?.down ?? []).includes(Buffer.from('ResponseAttInfo'))).toBe(false);
  });

  test('every request opens a fresh tunnel and a fresh TLS session', async () => {
    const { transport } = makeTransport({ proxy: proxy.url() });
    const connectionsBefore = main.connections;
    await transport.send(query);
    await transport.send(query);
    expect(proxy.connects).toHaveLength(2);
    expect(main.connections - connectionsBefore).toBe(2);
    expect(main.requests.map((r) => r.tlsSessionReused)).toEqual([false, false]);
  });

  test('the MMS certificate is still verified inside the tunnel: another CA fails the handshake, nothing was sent', async () => {
    const stranger = await pki.issue({ commonName: 'stranger-ca', selfSigned: true });
    const { transport } = makeTransport({
      proxy: proxy.url(),
      ca: stranger.certPem,
      urls: [main.url(MI_PATH)],
    });
    const err = await transportFailure(transport.send(submit));
    // Nothing was sent, so even a submission is tried again, up to maxAttempts.
    expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 4 });
    expect(err.message).toContain(
      `through the proxy http://127.0.0.1:${proxy.port}: the TLS handshake failed`,
    );
    expect(proxy.connects).toHaveLength(4);
    expect(main.requests).toHaveLength(0);
  });
});

describe('proxy authentication', () => {
  test('Basic credentials go on the CONNECT only, and the password appears in no log, audit file, error or JSON', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-proxy-audit-'));
    try {
      const { transport, logs } = makeTransport({
        proxy: authProxy.url(credentials),
        hooks: new FileAuditor(dir),
      });
      await transport.send(submit);
      expect(authProxy.connects[0]?.headers['proxy-authorization']).toBe(`Basic ${SECRETS[1]}`);
      expect(main.requests[0]?.headers['proxy-authorization']).toBeUndefined();

      // A wrong password: refused with 407, named without the password.
      const wrong = { user: USER, password: `${SECRET}-wrong` };
      const refused = makeTransport({
        proxy: authProxy.url(wrong),
        urls: [main.url(MI_PATH)],
        hooks: new FileAuditor(dir),
      });
      const err = await transportFailure(refused.transport.send(submit));
      expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 4 });
      expect(err.message).toBe(
        `POST ${main.url(MI_PATH)} through the proxy http://127.0.0.1:${authProxy.port}: the proxy http://127.0.0.1:${authProxy.port} ` +
          `refused the tunnel to 127.0.0.1:${main.port}: HTTP 407 Proxy Authentication Required (the proxy did not accept the credentials); nothing was sent.`,
      );
      expect(main.requests).toHaveLength(1);

      const files = await readdir(dir);
      expect(files.length).toBeGreaterThan(0);
      const audit = (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'latin1')))).join('\n');
      for (const text of [
        audit,
        logs.join('\n'),
        refused.logs.join('\n'),
        shown(transport),
        shown(refused.transport),
        shown(err),
        err.stack ?? '',
        shown(refused.failed),
      ])
        expectNoSecret(text);
      expect(`${shown(err)}${refused.logs.join('\n')}`).not.toContain(wrong.password);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('no credentials for a proxy that wants them: 407 says so', async () => {
    const { transport } = makeTransport({ proxy: authProxy.url(), urls: [main.url(MI_PATH)] });
    const err = await transportFailure(transport.send(query));
    expect(err.requestSent).toBe(false);
    expect(err.message).toContain('HTTP 407 Proxy Authentication Required (the proxy wants credentials');
  });

  test('MmsClient: a call through the proxy is signed and verified end to end; the client shows no password', async () => {
    const keys = await clientPki();
    const server = await startBareMmsServer(keys.pki, (op, payload) => ({
      payload: successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 3).payload,
    }));
    const options = { proxy: authProxy.url(credentials) };
    const client = clientFor(keys, server.urls, options);
    try {
      const result = await client.putOffer(
        { Date: '2024-03-15', MarketType: 'DAM', NumOfDays: 1 },
        {
          ResourceName: 'FAKE_RESO',
          StartTime: '2024-03-15T12:00:00',
          EndTime: '2024-03-15T21:00:00',
          Direction: '1',
          OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 100 }],
        },
      );
      expect(result.data).toBeDefined();
      expect(server.calls).toHaveLength(1);
      expect(server.calls[0]).toMatchObject({ clientAuthorized: true, signatureValid: true });
      expect(authProxy.connects).toHaveLength(1);
      expectNoSecret(shown(client));
    } finally {
      client.close();
      await server.close();
      await keys.pki.cleanup();
    }
  });
});

describe('a proxy that refuses or drops the tunnel: nothing was sent', () => {
  it.each<[string, Decision, RegExp]>([
    [
      '403',
      { status: 403, reason: 'Forbidden' },
      /refused the tunnel to 127\.0\.0\.1:\d+: HTTP 403 Forbidden \(the proxy does not allow this destination\); nothing was sent\.$/,
    ],
    [
      '502',
      { status: 502, reason: 'Bad Gateway' },
      /refused the tunnel to 127\.0\.0\.1:\d+: HTTP 502 Bad Gateway; nothing was sent\.$/,
    ],
    [
      'bytes of its own after opening the tunnel',
      'early-bytes',
      /the proxy http:\/\/127\.0\.0\.1:\d+ sent data of its own after opening the tunnel to 127\.0\.0\.1:\d+; nothing was sent\.$/,
    ],
    [
      'a dropped connection',
      'drop',
      /the proxy http:\/\/127\.0\.0\.1:\d+ gave no usable answer to the CONNECT to 127\.0\.0\.1:\d+: [A-Za-z ]+; nothing was sent\.$/,
    ],
  ])(
    '%s for the main host: a submission fails over to the backup, sent once',
    async (_name, decision, message) => {
      proxy.decide = (c) => (c.target === `127.0.0.1:${main.port}` ? decision : 'tunnel');
      const { transport, failed } = makeTransport({ proxy: proxy.url() });
      const result = await transport.send(submit);
      expect(result).toMatchObject({ attempts: 2, url: backup.url(MI_PATH) });
      expect({ main: main.requests.length, backup: backup.requests.length }).toEqual({ main: 0, backup: 1 });
      expect(failed).toHaveLength(1);
      const error = failed[0]?.error as MmsTransportError;
      expect(error).toBeInstanceOf(MmsTransportError);
      expect(said(error)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 1 });
      expect(error.message).toMatch(message);
      expect(failed[0]?.willRetry).toBe(true);
      expect(proxy.connects.map((c) => c.target)).toEqual([
        `127.0.0.1:${main.port}`,
        `127.0.0.1:${backup.port}`,
      ]);
    },
  );

  test('a proxy that never answers the CONNECT: the attempt times out, nothing was sent, the backup gets it once', async () => {
    proxy.decide = (c) => (c.target === `127.0.0.1:${main.port}` ? 'hang' : 'tunnel');
    const { transport, failed } = makeTransport({ proxy: proxy.url(), attemptTimeoutMs: 300 });
    const result = await transport.send(submit);
    expect(result).toMatchObject({ attempts: 2, url: backup.url(MI_PATH) });
    expect(failed.map((f) => said(f.error as MmsTransportError))).toEqual([
      { code: 'TIMEOUT', requestSent: false, attempts: 1 },
    ]);
    expect({ main: main.requests.length, backup: backup.requests.length }).toEqual({ main: 0, backup: 1 });
  });

  test('the proxy down: every attempt fails before anything is sent, and says so', async () => {
    const { transport, failed } = makeTransport({
      proxy: downProxy,
      retry: { maxAttempts: 3, sleep: async () => undefined },
    });
    const err = await transportFailure(transport.send(submit));
    expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 3 });
    expect(err.message).toMatch(
      /: could not connect to the proxy http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED; nothing was sent\.$/,
    );
    expect(failed.map((f) => f.willRetry)).toEqual([true, true, false]);
    expect({ main: main.requests.length, backup: backup.requests.length }).toEqual({ main: 0, backup: 0 });
  });

  test('the proxy down, the backup exempt by NO_PROXY: a submission fails over and is sent once', async () => {
    await withEnv({ HTTPS_PROXY: downProxy, NO_PROXY: 'localhost' }, async () => {
      const { transport, failed } = makeTransport({
        proxy: 'env',
        urls: [main.url(MI_PATH), `https://localhost:${backup.port}${MI_PATH}`],
      });
      const result = await transport.send(submit);
      expect(result.attempts).toBe(2);
      expect(failed[0]?.error).toMatchObject({ requestSent: false });
      expect({ main: main.requests.length, backup: backup.requests.length }).toEqual({ main: 0, backup: 1 });
    });
  });
});

describe("the environment, only with proxy: 'env'", () => {
  test('HTTPS_PROXY is used, and https_proxy wins over it', async () => {
    await withEnv({ HTTPS_PROXY: proxy.url() }, async () => {
      await makeTransport({ proxy: 'env' }).transport.send(query);
    });
    await withEnv({ https_proxy: proxy.url(), HTTPS_PROXY: downProxy }, async () => {
      await makeTransport({ proxy: 'env' }).transport.send(query);
    });
    expect(proxy.connects).toHaveLength(2);
    expect(main.requests).toHaveLength(2);
  });

  it.each([
    ['a host', '127.0.0.1', 0],
    ['a CIDR block', 'example.com, 127.0.0.0/8', 0],
    ['*', '*', 0],
    ['the host on its port', '127.0.0.1:MAIN_PORT', 0],
    ['the host on another port', '127.0.0.1:1', 1],
    ['a name that does not cover the address', 'localhost', 1],
  ])('NO_PROXY naming %s (%s)', async (_name, noProxy, tunnels) => {
    await withEnv(
      { HTTPS_PROXY: proxy.url(), no_proxy: noProxy.replace('MAIN_PORT', `${main.port}`) },
      async () => {
        await makeTransport({ proxy: 'env', urls: [main.url(MI_PATH)] }).transport.send(query);
      },
    );
    expect(proxy.connects).toHaveLength(tunnels);
    expect(main.requests).toHaveLength(1);
  });

  test("'env' with no proxy variable: a direct connection", async () => {
    const before = proxy.connections;
    await withEnv({ NO_PROXY: 'example.com' }, async () => {
      await makeTransport({ proxy: 'env', urls: [main.url(MI_PATH)] }).transport.send(query);
    });
    expect(proxy.connections).toBe(before);
    expect(main.requests).toHaveLength(1);
  });

  test('without the option the proxy variables are ignored (they name a proxy that would refuse)', async () => {
    const before = proxy.connections;
    proxy.decide = () => ({ status: 403 });
    await withEnv(
      {
        HTTPS_PROXY: proxy.url(),
        https_proxy: proxy.url(),
        HTTP_PROXY: proxy.url(),
        http_proxy: proxy.url(),
      },
      async () => {
        await makeTransport({ urls: [main.url(MI_PATH)] }).transport.send(submit);
      },
    );
    expect(proxy.connections).toBe(before);
    expect(main.requests).toHaveLength(1);
  });
});

describe('the proxy option is checked at construction, and never quoted', () => {
  it.each([
    [
      'an https:// proxy',
      `https://${USER}:${SECRET}@127.0.0.1:3128`,
      /https:\/\/ proxies .* are not supported/,
    ],
    [
      'a SOCKS proxy',
      `socks5://${USER}:${SECRET}@127.0.0.1:1080`,
      /only http:\/\/ proxies \(HTTP CONNECT\) are supported, not socks5:/,
    ],
    [
      'a path',
      `http://${USER}:${SECRET}@127.0.0.1:3128/x`,
      /must be http:\/\/\[user:password@\]host:port, with no path/,
    ],
    ['not a URL', `http://${USER}:${SECRET}@[not-a-host`, /is not a URL/],
    [
      'bad percent-encoding',
      `http://${USER}:${SECRET}%zz@127.0.0.1:3128`,
      /credentials are not valid percent-encoding/,
    ],
    ['a number', 3128, /proxy must be 'env' or the URL of an HTTP proxy/],
    ['an empty string', ' ', /proxy must be 'env' or the URL of an HTTP proxy/],
  ])('%s', (_name, value, message) => {
    const err = (() => {
      try {
        makeTransport({ proxy: value as string });
      } catch (e) {
        return e as MmsClientError;
      }
      throw new Error('expected INVALID_OPTION');
    })();
    expect(err).toBeInstanceOf(MmsClientError);
    expect(err.code).toBe('INVALID_OPTION');
    expect(err.message).toMatch(message);
    expectNoSecret(shown(err));
  });

  test('a bad HTTPS_PROXY is named, not quoted', async () => {
    await withEnv({ HTTPS_PROXY: `ftp://${USER}:${SECRET}@127.0.0.1:21` }, async () => {
      expect(() => makeTransport({ proxy: 'env' })).toThrow(
        "proxy: 'env': the HTTPS_PROXY variable: only http:// proxies (HTTP CONNECT) are supported, not ftp://.",
      );
    });
  });

  test('keepAlive is refused with a proxy: every request opens a fresh tunnel', () => {
    expect(() => makeTransport({ proxy: proxy.url(), keepAlive: true })).toThrow(
      /keepAlive cannot be combined with proxy/,
    );
    expect(() => makeTransport({ proxy: 'env', keepAlive: true })).toThrow(MmsClientError);
  });
});
