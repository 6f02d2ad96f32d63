/**
 * The pieces of `mms` that need no server: the command table, the help of
 * every operation, input parsing, exit codes, the passphrase prompt and the
 * progress indicator.
 */
import { EventEmitter } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { modules, operations } from '../../generated/index.js';
import { AudienceError, MmsInputError, MmsValidationError } from '../../src/client/errors.js';
import { CertificateError, MmsClientError, MmsServerError, MmsTransportError } from '../../src/errors.js';
import { findCommand, kebab, namesOf, operationCommands } from '../../src/cli/commands.js';
import { parseInput } from '../../src/cli/call.js';
import { EXIT, UsageError, exitCodeOf } from '../../src/cli/exit-codes.js';
import { describeFacets, operationHelp } from '../../src/cli/help.js';
import { runCli } from '../../src/cli/main.js';
import { readPassphrase, type PromptIo } from '../../src/cli/passphrase.js';
import { startProgress } from '../../src/cli/progress.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';

const all = Object.values(operations) as OperationDescriptor[];

test('every operation has a command under its kebab-case method name and its catalog id', () => {
  for (const op of all) {
    expect(findCommand(kebab(op.method))?.op.id).toBe(op.id);
    expect(findCommand(op.id)?.op.id).toBe(op.id);
  }
  expect(kebab('reportDownloadRequestTrnID')).toBe('report-download-request-trn-id');
  expect(kebab('omiMarketSubmitRemainingReserveData')).toBe('omi-market-submit-remaining-reserve-data');
  expect(findCommand('put-offer')?.op.id).toBe('MarketSubmit_OfferData');
  expect(findCommand('query-awards')?.op.id).toBe('MarketQuery_AwardResultsQuery');
  expect(findCommand('download-report')).toMatchObject({ positional: 'TransactionId' });
  expect(findCommand('marketsubmit_offerdata')?.op.id).toBe('MarketSubmit_OfferData');
  expect(new Set([...operationCommands().values()].map((c) => c.op.id)).size).toBe(all.length);
  expect(namesOf(operations.MarketSubmit_OfferData as OperationDescriptor)).toEqual([
    'market-submit-offer-data',
    'MarketSubmit_OfferData',
    'put-offer',
    'put-offers',
  ]);
});

test('the help of every operation lists each of its envelope and data attributes', () => {
  for (const op of all) {
    const text = operationHelp(op);
    expect(text).toContain(op.id);
    expect(text).toMatch(/Open to: /);
    expect(text).toContain(`data (${op.element}, ${op.dataType})`);
    const module = modules[op.module];
    for (const typeName of [op.envelopeType ?? op.rootType, op.dataType]) {
      const type = module.types[typeName];
      if (type?.kind !== 'complex') continue;
      for (const attribute of type.attributes) {
        if (['Validation', 'ValidationStatus', 'Success'].includes(attribute.name)) continue;
        if (typeName === op.dataType && op.answerOnly?.includes(attribute.name)) continue;
        expect(text).toMatch(new RegExp(`^ +${attribute.name}\\s+(required|optional|filled in)`, 'm'));
      }
    }
  }
  const cancel = operationHelp(operations.MarketCancel_OfferCancel as OperationDescriptor);
  expect(cancel).toMatch(
    /MarketType +required, string \(MarketTypeType\); one of "DAM" \(DAY_AHEAD\), "DCM" \(COMPOUND\)/,
  );
  expect(cancel).toMatch(/ParticipantName +filled in from --participant/);
  expect(cancel).not.toMatch(/^ +(Validation|Success|Messages) /m);
});

test('the help names the codes of enumerated fields, and shows a code without a name bare', () => {
  const offer = operationHelp(operations.MarketSubmit_OfferData as OperationDescriptor);
  expect(offer).toMatch(/^ +Direction +required, string \(DirectionUpDownType\); one of "1" \(SELL\)$/m);
  expect(offer).toMatch(
    /^ +Area +optional, string \(AreaType\); one of "01" \(HOKKAIDO\), .*"03" \(TOKYO\),/m,
  );
  // omi's DirectionUpDownType has a second code the reference client does not name.
  const contract = operationHelp(operations.Omi_MarketSubmit_OffMarketContract as OperationDescriptor);
  expect(contract).toMatch(
    /^ +Direction +required, string \(DirectionUpDownType\); one of "1" \(SELL\), "2"$/m,
  );
  // Without names (a type the reference does not name), the codes alone.
  expect(describeFacets({ enumeration: ['A', 'B'] })).toEqual(['one of "A", "B"']);
  expect(describeFacets({ enumeration: ['A', 'B'] }, { B: 'BEE' })).toEqual(['one of "A", "B" (BEE)']);
});

test('input must be {"attributes": {...}, "data": ...}', () => {
  expect(parseInput('{"data":{"a":1}}', 'x.json')).toEqual({ attributes: {}, data: { a: 1 } });
  expect(() => parseInput('[1]', 'x.json')).toThrow(/must hold a JSON object/);
  expect(() => parseInput('{"attributes":{}}', 'x.json')).toThrow(/"data" is missing/);
  expect(() => parseInput('{"data":1,"extra":2}', 'x.json')).toThrow(/unknown member\(s\) extra/);
  expect(() => parseInput('{"data":1,"attributes":[]}', 'x.json')).toThrow(/"attributes" must be an object/);
  expect(() => parseInput('{', 'x.json')).toThrow(UsageError);
});

test('each kind of error has its exit code', () => {
  const validation = new MmsValidationError('X', {
    errors: [],
    reasons: [],
    messages: [],
    statistics: undefined,
    data: undefined,
  });
  expect(exitCodeOf(new UsageError('u'))).toBe(EXIT.usage);
  expect(exitCodeOf(new MmsInputError('X', []))).toBe(EXIT.input);
  expect(exitCodeOf(new AudienceError('X', 'tso', ['bsp']))).toBe(EXIT.input);
  expect(exitCodeOf(new MmsClientError('INVALID_REQUEST', 'x'))).toBe(EXIT.input);
  expect(exitCodeOf(validation)).toBe(EXIT.rejected);
  expect(exitCodeOf(new MmsServerError('SOAP_FAULT', 'x'))).toBe(EXIT.server);
  expect(exitCodeOf(new MmsTransportError('TIMEOUT', 'x'))).toBe(EXIT.transport);
  expect(exitCodeOf(new MmsClientError('DECODE_ERROR', 'x'))).toBe(EXIT.transport);
  expect(exitCodeOf(new CertificateError('CERT_EXPIRED', 'x'))).toBe(EXIT.certificate);
  expect(exitCodeOf(new Error('boom'))).toBe(EXIT.failure);
  expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
});

/** A fake terminal. */
function terminal(): PromptIo & { written: string[]; stdin: EventEmitter & { raw: boolean[] } } {
  const written: string[] = [];
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    isRaw: false,
    raw: [] as boolean[],
    setRawMode(mode: boolean) {
      stdin.raw.push(mode);
      stdin.isRaw = mode;
      return stdin;
    },
    resume: () => undefined,
    pause: () => undefined,
    setEncoding: () => undefined,
  });
  return {
    written,
    stdin: stdin as never,
    stderr: { isTTY: true, write: (t: string) => void written.push(t) },
  };
}

test('the passphrase comes from MMS_CERT_PASSPHRASE, else a prompt without echo, else empty', async () => {
  const tty = terminal();
  expect(await readPassphrase({ MMS_CERT_PASSPHRASE: 'from-env' }, tty, 'a.p12')).toBe('from-env');

  const prompted = readPassphrase({}, tty, 'a.p12');
  tty.stdin.emit('data', 'se');
  tty.stdin.emit('data', 'cx\u007fret\r');
  expect(await prompted).toBe('secret');
  expect(tty.written.join('')).toBe('Passphrase for a.p12: \n');
  expect(tty.stdin.raw).toEqual([true, false]);

  const cancelled = readPassphrase({}, tty, 'a.p12');
  tty.stdin.emit('data', '\u0003');
  await expect(cancelled).rejects.toThrow(/cancelled/);

  const pipe = { ...terminal(), stdin: Object.assign(new EventEmitter(), { isTTY: false }) as never };
  expect(await readPassphrase({}, pipe, 'a.p12')).toBe('');
});

test('the progress indicator writes to a terminal only, and clears its line', async () => {
  const written: string[] = [];
  const stopSilent = startProgress('X', { isTTY: false, write: (t) => written.push(String(t)) }, 0);
  await new Promise((r) => setTimeout(r, 250));
  stopSilent();
  expect(written).toEqual([]);

  const stop = startProgress(
    'MarketQuery_OfferQuery',
    { isTTY: true, write: (t) => written.push(String(t)) },
    0,
  );
  await new Promise((r) => setTimeout(r, 250));
  stop();
  expect(written.length).toBeGreaterThanOrEqual(2);
  expect(written[0]).toMatch(/^\r\S MarketQuery_OfferQuery \d+\.\ds $/);
  expect(written[written.length - 1]).toBe('\r\x1b[2K');
});

test('runCli in process: help, operations, unknown commands', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdin: process.stdin,
    stdout: { write: (t: string | Uint8Array) => void out.push(String(t)) },
    stderr: { write: (t: string) => void err.push(t) },
    env: {},
  };
  expect(await runCli(['help', 'query-offers'], io)).toBe(0);
  expect(out.join('')).toMatch(/MarketQuery_OfferQuery/);
  expect(await runCli(['help', 'simulate'], io)).toBe(0);
  expect(out.join('')).toMatch(/mms simulate: a local MMS/);
  expect(await runCli([], io)).toBe(EXIT.usage);
  expect(await runCli(['simulate', '--bogus'], io)).toBe(EXIT.usage);
  expect(err.join('')).toMatch(/Unknown option '--bogus'/);
  const faults = path.join(os.tmpdir(), `mms-faults-${process.pid}.json`);
  await writeFile(faults, JSON.stringify([{ kind: 'status', status: 42 }]));
  try {
    expect(await runCli(['simulate', '--faults', faults], io)).toBe(EXIT.usage);
    expect(err.join('')).toMatch(/--faults .*status must be 100\.\.599/);
  } finally {
    await rm(faults, { force: true });
  }
});

test('the help says what a field means and its unit, as the generated doc comments do', () => {
  const offer = operationHelp(operations.MarketSubmit_OfferData as OperationDescriptor);
  expect(offer).toMatch(
    /^ {4}OfferUnitPrice +required, number \(PriceValue6\.2RoundedType\);.*\n {36}Unit price asked for the power\. Unit: JPY\/kW\/segment\.$/m,
  );
  // A BUP's members that only answers carry are not listed as input.
  const bup = operationHelp(operations.MarketSubmit_BupSubmit as OperationDescriptor);
  expect(bup).toMatch(/^ {2}ResourceName /m);
  expect(bup).not.toMatch(/^ {2}(BspParticipantName|Area|SystemCode) /m);
});
