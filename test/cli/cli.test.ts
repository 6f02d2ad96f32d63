/**
 * The `mms` command as a real subprocess (tsx, no build) against the
 * simulator: a submission, a query, validation failures (refused locally and
 * rejected by the MMS), a transport failure, usage and certificate errors,
 * each with its exit code and message; per-command help; `simulate`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { closedPort } from '../helpers/mtls-server.js';
import { tomorrowJst } from '../simulator/helpers.js';
import { TSX } from '../helpers/subprocess.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';

const PASSPHRASE = 'cli-Passphrase-42';
const MAIN = path.join(process.cwd(), 'src', 'cli', 'main.ts');

let sim: Simulator;
let dir: string;
const date = tomorrowJst();

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function mms(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, ...args], {
      env: { ...process.env, MMS_CERT_PASSPHRASE: PASSPHRASE, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/** Connection options for a simulator credential. */
function connection(participant: string, clientType: string): string[] {
  const credential = sim.credential({ participant });
  return [
    '--url',
    sim.urls.MI,
    '--ca',
    sim.caPath,
    '--cert',
    credential.p12Path!,
    '--client-type',
    clientType,
  ];
}

async function inputFile(name: string, value: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

const offer = {
  ResourceName: 'SIMRES01',
  StartTime: `${date}T12:00:00`,
  EndTime: `${date}T15:00:00`,
  Direction: '1',
  OfferStack: [
    { StackNumber: 1, MinimumQuantityInKw: 1000, PrimaryOfferQuantityInKw: 1900, OfferUnitPrice: 11.5 },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mms-cli-test-'));
  sim = await startSimulator({ dir: path.join(dir, 'sim'), passphrase: PASSPHRASE });
});

afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a submission: put-offer prints the accepted offer as JSON and exits 0', async () => {
  const file = await inputFile('offer.json', { attributes: { Date: date, MarketType: 'DAM' }, data: offer });
  const run = await mms([
    'put-offer',
    '--input',
    file,
    ...connection('F100', 'bsp'),
    '--audit-dir',
    path.join(dir, 'audit'),
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as {
    operation: string;
    data: { Validation: string; OfferStack: { OfferId: string }[] };
    messages: { code: string }[];
    statistics: { TransactionId: string };
  };
  expect(result.operation).toBe('MarketSubmit_OfferData');
  expect(result.data.Validation).toBe('PASSED');
  expect(result.data.OfferStack[0]?.OfferId).toMatch(/^SIM-/);
  expect(result.messages.map((m) => m.code)).toEqual(['SIM-I0001']);
  expect(result.statistics.TransactionId).toMatch(/^[A-Z0-9]{8}$/);
  // The audit directory holds the raw request and response.
  const { readdir } = await import('node:fs/promises');
  expect(
    (await readdir(path.join(dir, 'audit'))).some((f) => f.includes(result.statistics.TransactionId)),
  ).toBe(true);
});

test('a query from standard input returns what was submitted; --xml prints the raw payload', async () => {
  const input = JSON.stringify({
    attributes: { Date: date, MarketType: 'DAM' },
    data: { MarketType: 'DAM' },
  });
  const [json, xml] = await Promise.all([
    mms(['query-offers', ...connection('F100', 'bsp')], { stdin: input }),
    mms(['MarketQuery_OfferQuery', '--xml', ...connection('F100', 'bsp')], { stdin: input }),
  ]);
  expect(json.code).toBe(0);
  const result = JSON.parse(json.stdout) as { data: { ResourceName: string; BspParticipantName: string }[] };
  expect(result.data.map((o) => [o.ResourceName, o.BspParticipantName])).toEqual([['SIMRES01', 'F100']]);
  expect(xml.code).toBe(0);
  expect(xml.stdout).toMatch(/^<MarketData><ProcessingStatistics [^>]*TransactionId="[A-Z0-9]{8}"/);
  expect(xml.stdout).toMatch(/<OfferData [^>]*ResourceName="SIMRES01"/);
});

test('input that breaks the schema is refused before sending: exit 3, with the path and the rule', async () => {
  const bad = { ...offer, OfferStack: [{ ...offer.OfferStack[0], OfferUnitPrice: 12.345 }] };
  const file = await inputFile('bad.json', { attributes: { Date: date, MarketType: 'DAM' }, data: bad });
  const run = await mms(['put-offer', '-i', file, ...connection('F100', 'bsp')]);
  expect(run.code).toBe(3);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/breaks the MMS schema in 1 place and was not sent/);
  expect(run.stderr).toMatch(
    /MarketSubmit\.OfferData\[0\]\.OfferStack\[0\]\.OfferUnitPrice: .*fraction digits/,
  );
});

test('a request the MMS rejects (outside the audience): exit 4, with the MMS error', async () => {
  // The TSO's certificate, the client told it is a BSP: it sends, the MMS refuses.
  const file = await inputFile('tso-offer.json', {
    attributes: { Date: date, MarketType: 'DAM' },
    data: offer,
  });
  const run = await mms(['put-offer', '-i', file, ...connection('T100', 'bsp')]);
  expect(run.code).toBe(4);
  expect(run.stderr).toMatch(/MarketSubmit_OfferData was rejected by the MMS \(transaction [A-Z0-9]{8}\)/);
  expect(run.stderr).toMatch(/\[SIM-E3001\] MarketSubmit_OfferData は TSO には許可されていません/);
});

test('a transport failure (nothing listening): exit 6', async () => {
  const port = await closedPort();
  const input = JSON.stringify({ attributes: { Date: date }, data: { MarketType: 'DAM' } });
  const credential = sim.credential({ participant: 'F100' });
  const run = await mms(
    [
      'query-offers',
      '--url',
      `https://127.0.0.1:${port}`,
      '--ca',
      sim.caPath,
      '--cert',
      credential.p12Path!,
      '--client-type',
      'bsp',
      '--retries',
      '0',
    ],
    { stdin: input },
  );
  expect(run.code).toBe(6);
  expect(run.stderr).toMatch(/the connection could not be established; nothing was sent: ECONNREFUSED/);
});

test('--proxy sends the call through a CONNECT tunnel to the MMS host, credentials nowhere in the output', async () => {
  const proxy = await startConnectProxy({ credentials: { user: 'ops', password: 'proxy-Secret-7' } });
  try {
    const input = JSON.stringify({
      attributes: { Date: date, MarketType: 'DAM' },
      data: { MarketType: 'DAM' },
    });
    const url = proxy.url({ user: 'ops', password: 'proxy-Secret-7' });
    const through = await mms(['query-offers', ...connection('F100', 'bsp'), '--proxy', url], {
      stdin: input,
    });
    expect({ code: through.code, stderr: through.stderr }).toEqual({ code: 0, stderr: '' });
    expect(proxy.connects.map((c) => c.target)).toEqual([new URL(sim.urls.MI).host]);
    const refused = await mms(['query-offers', ...connection('F100', 'bsp'), '--proxy', proxy.url()], {
      stdin: input,
    });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/proxy/i);
    for (const run of [through, refused]) expect(run.stdout + run.stderr).not.toContain('proxy-Secret-7');
  } finally {
    await proxy.close();
  }
});

test("--identity-check: a participant that is not the certificate's is refused by default, only warned with warn", async () => {
  const input = JSON.stringify({
    attributes: { Date: date, MarketType: 'DAM' },
    data: { MarketType: 'DAM' },
  });
  const args = ['query-offers', ...connection('F100', 'bsp'), '--participant', 'F200'];
  const refused = await mms(args, { stdin: input });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/F200.*F100|F100.*F200/);
  const warned = await mms([...args, '--identity-check', 'warn'], { stdin: input });
  expect(warned.stderr).toMatch(/^mms: warning: .*F200/m);
  // The simulator, as the MMS would, refuses a participant the certificate does not name.
  expect(warned.code).not.toBe(0);
  const wrong = await mms([...args, '--identity-check', 'maybe'], { stdin: input });
  expect(wrong).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--identity-check must be error or warn/),
  });
});

test('out-of-range --timeout and --retries are usage errors; a megabyte value is an input error without a stack trace', async () => {
  const input = JSON.stringify({ attributes: { Date: date }, data: { MarketType: 'DAM' } });
  const huge = JSON.stringify({ attributes: { Date: '2'.repeat(8_000_000) }, data: { MarketType: 'DAM' } });
  const [timeout, retries, hugeValue] = await Promise.all([
    mms(['query-offers', ...connection('F100', 'bsp'), '--timeout', '3000000'], { stdin: input }),
    mms(['query-offers', ...connection('F100', 'bsp'), '--retries', '1e9'], { stdin: input }),
    mms(['query-offers', ...connection('F100', 'bsp')], { stdin: huge }),
  ]);
  expect(timeout.code).toBe(2);
  expect(timeout.stderr).toMatch(/--timeout must be a number above 0 and at most 2147483, got 3000000/);
  expect(retries.code).toBe(2);
  expect(retries.stderr).toMatch(/--retries must be a whole number from 0 to 99, got 1e9/);
  expect(hugeValue.code).toBe(3);
  expect(hugeValue.stderr).toMatch(/MarketQuery\.Date: /);
  expect(hugeValue.stderr).not.toMatch(/\n\s+at /);
  expect(hugeValue.stderr.length).toBeLessThan(5000);
});

test('usage and certificate errors have their own exit codes; the passphrase is never printed', async () => {
  const input = JSON.stringify({ attributes: { Date: date }, data: { MarketType: 'DAM' } });
  const credential = sim.credential({ participant: 'F100' });
  const [unknown, noType, badJson, wrongPassphrase] = await Promise.all([
    mms(['put-offerz']),
    mms(['query-offers', '--cert', credential.p12Path!], { stdin: input }),
    mms(['query-offers', ...connection('F100', 'bsp')], { stdin: '{"attributes":' }),
    mms(['query-offers', ...connection('F100', 'bsp')], {
      stdin: input,
      env: { MMS_CERT_PASSPHRASE: 'not-the-Passphrase' },
    }),
  ]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown command put-offerz; did you mean .*put-offer/);
  expect(noType.code).toBe(2);
  expect(noType.stderr).toMatch(/--client-type must be bsp, mo or tso/);
  expect(badJson.code).toBe(2);
  expect(badJson.stderr).toMatch(/standard input is not valid JSON/);
  expect(wrongPassphrase.code).toBe(7);
  expect(wrongPassphrase.stderr).toMatch(/passphrase is wrong/);
  for (const run of [unknown, noType, badJson, wrongPassphrase]) {
    expect(run.stdout + run.stderr).not.toContain(PASSPHRASE);
    expect(run.stdout + run.stderr).not.toContain('not-the-Passphrase');
  }
});

test('--help of a subcommand lists its fields with types, requiredness and facets; mms --help lists exit codes', async () => {
  const [put, main, list] = await Promise.all([
    mms(['put-offer', '--help']),
    mms(['--help']),
    mms(['operations']),
  ]);
  expect(put.code).toBe(0);
  expect(put.stdout).toMatch(
    /^mms market-submit-offer-data \| MarketSubmit_OfferData \| put-offer \| put-offers/,
  );
  expect(put.stdout).toMatch(/Open to: BSP\./);
  expect(put.stdout).toMatch(/Date +required, date YYYY-MM-DD \(JST\)/);
  expect(put.stdout).toMatch(
    /ResourceName +required, string \(ResourceNameType\); length 1\.\.10; pattern \[A-Z0-9_\\-\]\*/,
  );
  expect(put.stdout).toMatch(/OfferStack +list, 1\.\.20, object OfferStackType:/);
  expect(put.stdout).toMatch(
    / {4}OfferUnitPrice +required, number \(PriceValue6\.2RoundedType\); >= 0\.00; <= 10000\.00; at most 2 decimals/,
  );
  expect(main.stdout).toMatch(/Exit codes:\n {2}0 {2}success/);
  expect(main.stdout).toMatch(/6 {2}transport/);
  expect(list.stdout.trim().split('\n')).toHaveLength(72);
});

test('create-report, then download-report <transaction-id> prints the OutboundData', async () => {
  const file = await inputFile('report.json', {
    attributes: {},
    data: {
      ReportName: 'BSP_ResourceList',
      ReportType: 'REGISTRATION',
      ReportSubType: 'RESOURCE',
      Periodicity: 'ON_DEMAND',
      Date: date,
    },
  });
  const created = await mms(['create-report', '-i', file, ...connection('F100', 'bsp')]);
  expect(created.code).toBe(0);
  const tx = (JSON.parse(created.stdout) as { statistics: { TransactionId: string } }).statistics
    .TransactionId;
  const download = await mms(['download-report', tx, ...connection('F100', 'bsp')]);
  expect(download.code).toBe(0);
  const result = JSON.parse(download.stdout) as {
    operation: string;
    data: { DatasetName: string; BSP_ResourceList: { ResourceName: string }[] };
  };
  expect(result.operation).toBe('ReportDownloadRequestTrnID');
  expect(result.data.DatasetName).toBe('BSP_ResourceList');
  expect(result.data.BSP_ResourceList.map((r) => r.ResourceName)).toEqual(['SIMRES01']);
});

test('mms simulate runs a simulator until SIGTERM', async () => {
  const child = spawn(TSX, [MAIN, 'simulate', '--port', '0', '--quiet', '--participant', 'F500:bsp:ALICE'], {
    env: { ...process.env, MMS_CERT_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulate did not start: ${stderr}`)), 20_000);
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (/stop with Ctrl-C/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stdout).toMatch(/MMS simulator listening on https:\/\/127\.0\.0\.1:\d+ \(mutual TLS, MTOM\)/);
    expect(stdout).toMatch(/BSP F500 ALICE +\S+F500_ALICE\.p12/);
    const caPath = /CA {3}(\S+)/.exec(stdout)?.[1];
    expect(caPath).toBeDefined();
    expect(await readFile(caPath!, 'utf8')).toMatch(/BEGIN CERTIFICATE/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/simulator stopped/);
  } finally {
    // Whatever failed above, leave no simulator running.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test('download-report --out streams the report to the file; the JSON says where it went and prints no report', async () => {
  const create = await mms(['create-report', ...connection('F100', 'bsp')], {
    stdin: JSON.stringify({
      attributes: {},
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'ON_DEMAND',
        Date: date,
      },
    }),
  });
  expect(create.code).toBe(0);
  const transactionId = (JSON.parse(create.stdout) as { statistics: { TransactionId: string } }).statistics
    .TransactionId;
  const out = path.join(dir, 'report.xml');
  const run = await mms(['download-report', transactionId, ...connection('F100', 'bsp'), '--out', out]);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/^mms: wrote the report \(XML, \d+ bytes\) to /);
  const result = JSON.parse(run.stdout) as {
    operation: string;
    saved: { path: string; size: number };
    data?: unknown;
  };
  expect(result.operation).toBe('ReportDownloadRequestTrnID');
  expect(result.saved.path).toBe(out);
  expect(result.data).toBeUndefined();
  const bytes = await readFile(out);
  expect(bytes.length).toBe(result.saved.size);
  const saved = bytes.toString('utf8');
  expect(saved).toMatch(/^(<\?xml[^>]*>\s*)?<OutboundData[ >]/);
  expect(saved).toContain('SIMRES01');
});

describe('mms check: the client’s checks on an input file, with no certificate and nothing sent', () => {
  const market = { Date: date, MarketType: 'DAM', NumOfDays: 1 };
  // No certificate, no URL: check must not need them.
  const bare = { MMS_CERT_FILE: '', MMS_URL: '' };

  test('a request that holds: exit 0, the schema and the rules reported as holding', async () => {
    const file = await inputFile('check-ok.json', { attributes: market, data: offer });
    const run = await mms(['check', 'put-offer', '--input', file, '--client-type', 'bsp'], { env: bare });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^MarketSubmit_OfferData: the schema and \d+ business rules hold\n$/);
  });

  test('a request that breaks rules: exit 3, every violation with its path and rule id', async () => {
    const broken = {
      ...offer,
      StartTime: `${date}T15:00:00`,
      EndTime: `${date}T12:00:00`,
      OfferStack: [offer.OfferStack[0], offer.OfferStack[0]],
    };
    const file = await inputFile('check-broken.json', { attributes: market, data: broken });
    const run = await mms(['check', 'MarketSubmit_OfferData', '--input', file, '--client-type', 'bsp'], {
      env: bare,
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('MarketSubmit_OfferData: refused, nothing would be sent (2 problems):');
    expect(run.stdout).toContain('MarketSubmit.OfferData[0].EndTime: [time.end-after-start]');
    expect(run.stdout).toContain(
      'MarketSubmit.OfferData[0].OfferStack[1].StackNumber: [offer.stack-number-unique]',
    );
    // One rule switched off: the other still refuses.
    const fewer = await mms(
      ['check', 'put-offer', '--input', file, '--client-type', 'bsp', '--rules', 'time.end-after-start=off'],
      { env: bare },
    );
    expect(fewer.code).toBe(3);
    expect(fewer.stdout).not.toContain('time.end-after-start');
    expect(fewer.stdout).toContain('[offer.stack-number-unique]');
  });

  test('a schema problem is refused before the rules; a warning rule passes with the warning printed', async () => {
    const { ResourceName: _name, ...noResource } = offer;
    const file = await inputFile('check-schema.json', { attributes: market, data: noResource });
    const run = await mms(['check', 'put-offer', '--input', file, '--client-type', 'bsp'], { env: bare });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('MarketSubmit.OfferData[0].ResourceName');
    const warned = await inputFile('check-warn.json', {
      attributes: market,
      data: { ...offer, StartTime: `${date}T12:10:00` },
    });
    const ok = await mms(['check', 'put-offer', '--input', warned, '--client-type', 'bsp'], { env: bare });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 warning:');
    expect(ok.stdout).toContain('MarketSubmit.OfferData[0].StartTime: [time.on-half-hour]');
  });

  test('usage: no client type, or an unknown rule to switch off, exits 2', async () => {
    const file = await inputFile('check-usage.json', { attributes: market, data: offer });
    const noType = await mms(['check', 'put-offer', '--input', file], {
      env: { ...bare, MMS_CLIENT_TYPE: '' },
    });
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain('--client-type must be bsp, mo or tso');
    const typo = await mms(
      ['check', 'put-offer', '--input', file, '--client-type', 'bsp', '--rules', 'time.end-after-strat=off'],
      {
        env: bare,
      },
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown rule time.end-after-strat');
  });

  test('mms <operation> --help lists the operation’s rules: id, severity, summary; and those the MMS checks', async () => {
    const run = await mms(['put-offer', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Business rules (checked before sending');
    expect(run.stdout).toContain('  time.end-after-start (error): EndTime is later than StartTime.');
    expect(run.stdout).toContain('  time.on-half-hour (warning): ');
    expect(run.stdout).toContain('  resource.registered (error, checked by the MMS): ');
    expect(run.stdout).not.toContain('resource.rated-capacity');
  });
});
