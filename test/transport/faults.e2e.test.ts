/**
 * Retry safety against a misbehaving MMS (MMS-PROTOCOL.md §9): each test is
 * named by what the server does, and asserts how many times each server (the
 * main host and the backup host of the fail-over list) read the COMPLETE
 * request, and what the error says (`code`, `requestSent`, `attempts`).
 *
 * The rule under test: a submission is sent again only when it cannot have
 * reached the server (judged from the connection, never from an error code),
 * or when the caller opts in with `retrySubmission`; a query is retried.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MmsClientError, MmsTransportError } from '../../src/errors.js';
import { judgeEnvelope } from '../../src/client/response.js';
import { Certificate } from '../../src/security/index.js';
import {
  FileAuditor,
  Transport,
  type AttemptFailedEvent,
  type SendOptions,
  type TransportOptions,
} from '../../src/transport/index.js';
import {
  FORGED_RECORD,
  GARBAGE,
  OK_PAYLOAD,
  PLAIN_ALERT,
  answerOk,
  answerStatus,
  closeMidResponse,
  destroyTls,
  firstThen,
  neverAnswer,
  resetTcp,
  startFaultServer,
  trickle,
  writeUnderTls,
  type Fault,
  type FaultServer,
} from '../helpers/fault-server.js';
import { closedPort } from '../helpers/mtls-server.js';
import { createTestPki, type TestIdentity, type TestPki } from '../helpers/pki.js';
import { failure, said, transportFailure } from '../helpers/failures.js';

const PAYLOAD = Buffer.from(
  '<MarketData><MarketSubmit Date="2024-03-15" ParticipantName="F100" UserName="FAKEUSER">' +
    '<OfferData Area="03" ResourceName="東京リソース"></OfferData></MarketSubmit></MarketData>',
  'utf8',
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

let pki: TestPki;
let certificate: Certificate;
/** A certificate from no CA the servers know: a server trusting only it refuses our client. */
let stranger: TestIdentity;
/** Fail-over targets of most tests (TLS 1.2 and 1.3 offered). */
let main: FaultServer;
let backup: FaultServer;
const transports: Transport[] = [];

interface Made {
  readonly transport: Transport;
  /** Back-off delays asked for (the injected sleep returns at once). */
  readonly sleeps: number[];
  readonly failed: AttemptFailedEvent[];
}

/** A transport whose fail-over list is `urls` (default main, then backup), with an instant back-off. */
function makeTransport(
  overrides: Partial<TransportOptions> & { urls?: readonly string[]; maxAttempts?: number } = {},
): Made {
  const { urls, maxAttempts, ...rest } = overrides;
  const sleeps: number[] = [];
  const failed: AttemptFailedEvent[] = [];
  const transport = new Transport({
    certificate,
    clientType: 'bsp',
    environment: 'production',
    contentIdDomain: 'faults.test',
    ca: pki.ca.certPem,
    endpoints: { MI: [...(urls ?? [main.url(), backup.url()])] },
    callTimeoutMs: 10_000,
    attemptTimeoutMs: 5_000,
    retry: {
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    },
    hooks: { attemptFailed: (e) => void failed.push(e) },
    ...rest,
  });
  transports.push(transport);
  return { transport, sleeps, failed };
}

/** Complete requests read by each server. */
function received(a: FaultServer = main, b: FaultServer = backup): { main: number; backup: number } {
  return { main: a.received.length, backup: b.received.length };
}

const servers: FaultServer[] = [];
async function extraServer(
  options: Omit<Parameters<typeof startFaultServer>[0], 'pki'>,
): Promise<FaultServer> {
  const s = await startFaultServer({ pki, ...options });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  pki = await createTestPki();
  certificate = await Certificate.fromBytes(pki.pkcs12(pki.client, 'pw'), 'pw');
  stranger = await pki.issue({ commonName: 'stranger-ca', selfSigned: true });
  [main, backup] = await Promise.all([startFaultServer({ pki }), startFaultServer({ pki })]);
});

afterAll(async () => {
  for (const t of transports) t.close();
  await Promise.all([main.close(), backup.close(), ...servers.map((s) => s.close())]);
  await pki.cleanup();
});

beforeEach(() => {
  main.reset();
  backup.reset();
  main.fault = answerOk();
  backup.fault = answerOk();
});

describe.each(['TLSv1.2', 'TLSv1.3'] as const)(
  'on %s, after reading the whole request, the server',
  (version) => {
    let versionMain: FaultServer;
    let versionBackup: FaultServer;
    const pair = (): { urls: string[] } => ({ urls: [versionMain.url(), versionBackup.url()] });
    const got = (): { main: number; backup: number } => received(versionMain, versionBackup);

    beforeAll(async () => {
      [versionMain, versionBackup] = await Promise.all([
        extraServer({ minVersion: version, maxVersion: version }),
        extraServer({ minVersion: version, maxVersion: version }),
      ]);
    });
    beforeEach(() => {
      versionMain.reset();
      versionBackup.reset();
      versionBackup.fault = answerOk();
    });

    // Case 1: the client's TLS layer fails after the request went out. The
    // error code is a TLS one, yet the server has the whole request.
    it.each([
      ['writes plain text on the TCP socket under TLS', GARBAGE],
      ['writes a forged application-data record on the TCP socket', FORGED_RECORD],
      ['writes a plaintext alert record on the TCP socket', PLAIN_ALERT],
    ])('%s: a submission is sent once (requestSent, TLS error), a query fails over', async (_name, bytes) => {
      versionMain.fault = writeUnderTls(bytes);
      const err = await transportFailure(makeTransport(pair()).transport.send(submit));
      expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: true, attempts: 1 });
      expect(err.message).toMatch(
        /after the request was sent, so the server may have received it: ERR_SSL_[A-Z_]+\./,
      );
      expect(got()).toEqual({ main: 1, backup: 0 });
      expect(versionMain.received[0]?.tlsProtocol).toBe(version);
      // The whole request: the payload travels as its own MTOM part.
      expect(versionMain.received[0]?.body.includes(PAYLOAD)).toBe(true);
      versionMain.reset();

      const ok = await makeTransport(pair()).transport.send(query);
      expect(ok.attempts).toBe(2);
      expect(ok.url).toBe(versionBackup.url());
      expect(got()).toEqual({ main: 1, backup: 1 });
    });

    // Case 2.
    it.each([
      ['resets the TCP connection (RST)', resetTcp, /ECONNRESET/],
      ['drops the connection without close_notify', destroyTls, /ECONNRESET/],
    ])('%s: a submission is sent once (requestSent), a query fails over', async (_name, fault, code) => {
      versionMain.fault = fault;
      const err = await transportFailure(makeTransport(pair()).transport.send(submit));
      expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: true, attempts: 1 });
      expect(err.message).toMatch(code);
      expect(got()).toEqual({ main: 1, backup: 0 });
      versionMain.reset();

      const ok = await makeTransport(pair()).transport.send(query);
      expect(ok.attempts).toBe(2);
      expect(got()).toEqual({ main: 1, backup: 1 });
    });

    // Case 3.
    it.each([
      ['sends headers and half the body, then drops the connection', closeMidResponse('destroy')],
      ['sends headers and half the body, then closes with close_notify', closeMidResponse('end')],
    ])('%s: a submission is sent once (requestSent), a query fails over', async (_name, fault) => {
      versionMain.fault = fault;
      const err = await transportFailure(makeTransport(pair()).transport.send(submit));
      expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: true, attempts: 1 });
      expect(got()).toEqual({ main: 1, backup: 0 });
      versionMain.reset();

      const ok = await makeTransport(pair()).transport.send(query);
      expect(ok.attempts).toBe(2);
      expect(got()).toEqual({ main: 1, backup: 1 });
    });
  },
);

describe('the server trickles its answer (one byte every 50 ms) past the attempt deadline', () => {
  it('a submission ends with TIMEOUT after one attempt (requestSent); a query fails over', async () => {
    main.fault = trickle(50);
    const started = Date.now();
    const err = await transportFailure(makeTransport({ attemptTimeoutMs: 300 }).transport.send(submit));
    const elapsed = Date.now() - started;
    expect(said(err)).toEqual({ code: 'TIMEOUT', requestSent: true, attempts: 1 });
    expect(err.message).toMatch(/within 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(received()).toEqual({ main: 1, backup: 0 });
    main.reset();

    const ok = await makeTransport({ attemptTimeoutMs: 300 }).transport.send(query);
    expect(ok.attempts).toBe(2);
    expect(ok.url).toBe(backup.url());
    expect(received()).toEqual({ main: 1, backup: 1 });
  });
});

describe('the main host answers 503 twice, then 200', () => {
  const burst = (): Fault => firstThen(2, answerStatus(503), answerOk());

  it('a query succeeds on its third attempt on the same host', async () => {
    main.fault = burst();
    const { transport, sleeps } = makeTransport({ urls: [main.url()] });
    const ok = await transport.send(query);
    expect(ok.attempts).toBe(3);
    expect(ok.url).toBe(main.url());
    expect(Buffer.from(ok.payload ?? []).toString('utf8')).toBe(OK_PAYLOAD);
    expect(ok.transactionId).toBe('TRN-FAULT-1');
    expect(sleeps).toEqual([375, 750]); // base 500 ms, doubled, equal jitter at 0.5
    expect(received()).toEqual({ main: 3, backup: 0 });
  });

  it('a query alternates with a backup host that answers 502, and ends on the main host', async () => {
    main.fault = burst();
    backup.fault = answerStatus(502);
    const ok = await makeTransport({ maxAttempts: 5 }).transport.send(query);
    expect(ok.attempts).toBe(5);
    expect(ok.url).toBe(main.url());
    expect(received()).toEqual({ main: 3, backup: 2 });
  });

  it('a submission stops at the first 503 (HTTP_STATUS, requestSent)', async () => {
    main.fault = burst();
    const { transport, sleeps } = makeTransport();
    const err = await transportFailure(transport.send(submit));
    expect(said(err)).toEqual({ code: 'HTTP_STATUS', requestSent: true, attempts: 1 });
    expect(err.status).toBe(503);
    expect(sleeps).toEqual([]);
    expect(received()).toEqual({ main: 1, backup: 0 });
  });

  it('a submission with retrySubmission: true is sent again until the 200', async () => {
    main.fault = burst();
    const ok = await makeTransport({ urls: [main.url()] }).transport.send({
      ...submit,
      retrySubmission: true,
    });
    expect(ok.attempts).toBe(3);
    expect(received()).toEqual({ main: 3, backup: 0 });
  });
});

describe('the server reads the request and never answers', () => {
  it('a submission ends with TIMEOUT at the attempt deadline after one attempt (requestSent)', async () => {
    main.fault = neverAnswer;
    backup.fault = neverAnswer;
    const started = Date.now();
    const err = await transportFailure(makeTransport({ attemptTimeoutMs: 300 }).transport.send(submit));
    expect(said(err)).toEqual({ code: 'TIMEOUT', requestSent: true, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(received()).toEqual({ main: 1, backup: 0 });
  });

  it('a query is retried, alternating hosts, until the call deadline (timeoutMs) ends it', async () => {
    main.fault = neverAnswer;
    backup.fault = neverAnswer;
    // Attempts at 0, 200 and 400 ms; the call deadline at 550 ms stops the third.
    const { transport } = makeTransport({ attemptTimeoutMs: 200, maxAttempts: 10 });
    const started = Date.now();
    const err = await transportFailure(transport.send({ ...query, timeoutMs: 550 }));
    const elapsed = Date.now() - started;
    expect(said(err)).toEqual({ code: 'TIMEOUT', requestSent: true, attempts: 3 });
    expect(err.message).toMatch(/call deadline of 550 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(540);
    expect(elapsed).toBeLessThan(1500);
    expect(received()).toEqual({ main: 2, backup: 1 });
  });
});

describe('nothing is sent', () => {
  it('nothing listens on the main host (ECONNREFUSED): a submission fails over and the backup gets it once', async () => {
    const port = await closedPort();
    const { transport, failed } = makeTransport({ urls: [`https://127.0.0.1:${port}/x`, backup.url()] });
    const ok = await transport.send(submit);
    expect(ok.attempts).toBe(2);
    expect(ok.url).toBe(backup.url());
    expect(received()).toEqual({ main: 0, backup: 1 });
    expect(failed).toHaveLength(1);
    const first = failed[0]?.error as MmsTransportError;
    expect(said(first)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 1 });
    expect(first.message).toMatch(/could not be established; nothing was sent: ECONNREFUSED/);
    expect(failed[0]?.willRetry).toBe(true);
  });

  it('nothing listens on either host: a submission uses every attempt, requestSent false', async () => {
    const [a, b] = await Promise.all([closedPort(), closedPort()]);
    const { transport, sleeps } = makeTransport({
      urls: [`https://127.0.0.1:${a}/x`, `https://127.0.0.1:${b}/x`],
    });
    const err = await transportFailure(transport.send(submit));
    expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 4 });
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(sleeps).toHaveLength(3);
  });

  it('the main host refuses the client certificate in a TLS 1.2 handshake: a submission fails over, the backup gets it once', async () => {
    const refusing = await extraServer({ maxVersion: 'TLSv1.2', clientCa: [stranger.certPem] });
    const { transport, failed } = makeTransport({ urls: [refusing.url(), backup.url()] });
    const ok = await transport.send(submit);
    expect(ok.attempts).toBe(2);
    expect(ok.url).toBe(backup.url());
    expect(refusing.rejectedCertificates).toBe(1);
    expect(received(refusing, backup)).toEqual({ main: 0, backup: 1 });
    const first = failed[0]?.error as MmsTransportError;
    expect(said(first)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 1 });
    expect(first.message).toMatch(/TLS handshake failed/);

    // Alone in the list, it gets every attempt, and never a request.
    const only = makeTransport({ urls: [refusing.url()], maxAttempts: 3 });
    const err = await transportFailure(only.transport.send(submit));
    expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: false, attempts: 3 });
    expect(refusing.rejectedCertificates).toBe(4);
    expect(refusing.received).toHaveLength(0);
  });

  it('(the exception) the main host refuses the client certificate in a TLS 1.3 handshake: the client had written the request already, so a submission is not retried', async () => {
    // In TLS 1.3 the server checks the client certificate after the client's
    // handshake is complete; from the client's side the connection was up, and
    // nothing on it tells this refusal from a server failing mid-request.
    const refusing = await extraServer({ minVersion: 'TLSv1.3', clientCa: [stranger.certPem] });
    const err = await transportFailure(
      makeTransport({ urls: [refusing.url(), backup.url()] }).transport.send(submit),
    );
    expect(said(err)).toEqual({ code: 'CONNECTION_FAILED', requestSent: true, attempts: 1 });
    expect(refusing.rejectedCertificates).toBe(1);
    expect(received(refusing, backup)).toEqual({ main: 0, backup: 0 });
  });
});

describe('a hook', () => {
  const never = (): Promise<void> => new Promise<void>(() => undefined);

  it('beforeSend never settles: the call ends at its deadline (TIMEOUT), nothing sent', async () => {
    const { transport } = makeTransport({ hooks: { beforeSend: never } });
    const started = Date.now();
    const err = await transportFailure(transport.send({ ...submit, timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(said(err)).toEqual({ code: 'TIMEOUT', requestSent: false, attempts: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    expect(received()).toEqual({ main: 0, backup: 0 });
    expect(main.connections + backup.connections).toBe(0);
  });

  it('beforeSend never settles and the caller aborts: ABORTED at once, nothing sent', async () => {
    const { transport } = makeTransport({ hooks: { beforeSend: never } });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('user pressed stop')), 50);
    const started = Date.now();
    try {
      const err = await transportFailure(
        transport.send({ ...submit, timeoutMs: 10_000, signal: controller.signal }),
      );
      expect(said(err)).toEqual({ code: 'ABORTED', requestSent: false, attempts: 0 });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      clearTimeout(timer);
    }
    expect(received()).toEqual({ main: 0, backup: 0 });
    expect(main.connections + backup.connections).toBe(0);
  });

  it('afterReceive never settles: the call ends at its deadline (TIMEOUT) saying the MMS answered; sent once', async () => {
    for (const options of [submit, query]) {
      main.reset();
      const { transport } = makeTransport({ hooks: { afterReceive: never } });
      const started = Date.now();
      const err = await transportFailure(transport.send({ ...options, timeoutMs: 400 }));
      expect(said(err)).toEqual({ code: 'TIMEOUT', requestSent: true, attempts: 1 });
      expect(err.message).toMatch(/The MMS had answered \(HTTP 200\)/);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(received()).toEqual({ main: 1, backup: 0 });
    }
  });

  it.each([
    [
      'throws',
      (): void => {
        throw new Error('disk full');
      },
    ],
    [
      'rejects',
      async (): Promise<void> => {
        throw new Error('disk full');
      },
    ],
  ])('beforeSend %s: HOOK_FAILED, nothing sent, not retried', async (_name, beforeSend) => {
    for (const options of [submit, query]) {
      const err = await failure(makeTransport({ hooks: { beforeSend } }).transport.send(options));
      expect(err).toBeInstanceOf(MmsClientError);
      expect(err.code).toBe('HOOK_FAILED');
      expect(err.message).toMatch(/disk full.*attempt 1 was not sent/);
    }
    expect(received()).toEqual({ main: 0, backup: 0 });
    expect(main.connections + backup.connections).toBe(0);
  });

  it('a FileAuditor whose directory cannot be created (under a regular file): HOOK_FAILED, nothing sent', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-faults-'));
    try {
      const file = path.join(dir, 'a-file');
      await writeFile(file, 'not a directory');
      const auditor = new FileAuditor(path.join(file, 'audit'));
      const err = await failure(makeTransport({ hooks: auditor }).transport.send(submit));
      expect(err).toBeInstanceOf(MmsClientError);
      expect(err.code).toBe('HOOK_FAILED');
      expect(err.message).toMatch(/ENOTDIR/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(received()).toEqual({ main: 0, backup: 0 });
    expect(main.connections + backup.connections).toBe(0);
  });
});
