/**
 * Issue 11, "everyday calls without traps": one block per trap a new BSP
 * developer fell into, each asserting the behaviour that replaced it. (The
 * logger adapters are tested with the real pino and winston in
 * logger-adapters.test.ts, the identity check with real certificates in
 * client.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operations } from '../../generated/index.js';
import { operationHelp } from '../../src/cli/help.js';
import { MmsClient } from '../../src/client/client.js';
import { describeInput } from '../../src/client/describe.js';
import { MmsValidationError } from '../../src/client/errors.js';
import { identityVerdict } from '../../src/client/identity.js';
import { buildDocument, validateDocument } from '../../src/client/payload.js';
import { interpretResponse } from '../../src/client/response.js';
import {
  addJstDays,
  fromJstDate,
  fromJstDateTime,
  MmsTimeError,
  toJstDateTime,
} from '../../src/client/time.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { SAMPLES } from '../helpers/paths.js';
import { sendResult } from '../helpers/send-result.js';

const op = (id: string): OperationDescriptor => (operations as Record<string, OperationDescriptor>)[id]!;
const sample = (name: string): string => readFileSync(path.join(SAMPLES, name), 'utf8');

async function rejection(operation: OperationDescriptor, payload: string): Promise<MmsValidationError> {
  const err = await interpretResponse(operation, sendResult(payload)).then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (err instanceof MmsValidationError) return err;
  throw err;
}

describe('1: toJstDateTime(new Date()) works', () => {
  test('milliseconds are dropped by default: the second the instant falls in, never the next', () => {
    expect(toJstDateTime(new Date('2024-03-15T03:00:00.999Z'))).toBe('2024-03-15T12:00:00');
    expect(toJstDateTime(new Date('2024-12-31T14:59:59.999Z'))).toBe('2024-12-31T23:59:59');
    expect(toJstDateTime(new Date())).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  test("{ milliseconds: 'refuse' } throws for an instant that is not a whole second", () => {
    const instant = new Date('2024-03-15T03:00:00.250Z');
    expect(() => toJstDateTime(instant, { milliseconds: 'refuse' })).toThrow(MmsTimeError);
    expect(() => toJstDateTime(instant, { milliseconds: 'refuse' })).toThrow(
      "2024-03-15T03:00:00.250Z has milliseconds; the MMS takes whole seconds (milliseconds: 'refuse')",
    );
    expect(toJstDateTime(new Date('2024-03-15T03:00:00Z'), { milliseconds: 'refuse' })).toBe(
      '2024-03-15T12:00:00',
    );
    expect(() => toJstDateTime(instant, { milliseconds: 'round' as never })).toThrow(/'drop' or 'refuse'/);
  });
});

describe('2: the JST readers accept what the request validator accepts', () => {
  const awards = op('MarketQuery_AwardResultsQuery');
  /** The request validator's verdict on a StartTime, as for a real call. */
  const validatorAccepts = (lexical: string): boolean => {
    const document = buildDocument(
      awards,
      { ParticipantName: 'F100', UserName: 'FAKEUSER', Date: '2024-03-15', NumOfDays: 1 },
      { MarketType: 'DAM', StartTime: lexical, EndTime: '2024-03-15T18:00:00' },
    );
    return !validateDocument(awards, document).some((v) => v.path.endsWith('.StartTime'));
  };
  const readerAccepts = (lexical: string): boolean => {
    try {
      fromJstDateTime(lexical);
      return true;
    } catch (err) {
      if (err instanceof MmsTimeError) return false;
      throw err;
    }
  };

  // [input, validator, reader]; every row where they differ says why.
  test.each<[string, boolean, boolean]>([
    ['2024-03-15T12:00:00', true, true],
    ['2024-12-31T24:00:00', true, true], // XSD: the first instant of the next day
    ['2024-03-15T24:00:01', false, false],
    ['2024-03-15T24:30:00', false, false],
    ['2024-03-15T23:59:60', false, false], // no leap seconds
    ['2024-03-15T12:00:00.5', true, true],
    ['2024-03-15T12:00:00.000', true, true],
    ['2024-02-29T00:00:00', true, true],
    ['2023-02-29T00:00:00', false, false],
    ['2024-04-31T00:00:00', false, false],
    [' 2024-03-15T12:00:00\n', true, true], // whiteSpace collapse
    ['12024-03-15T00:00:00', true, true], // five-digit years are xs:dateTime
    ['0000-01-01T00:00:00', false, false],
    ['2024-3-15T12:00:00', false, false],
    ['2024-03-15 12:00:00', false, false],
    ['2024-03-15T12:00', false, false],
    ['2024-03-15', false, false],
    // The reader honours an explicit offset; the MMS takes none, so requests refuse it.
    ['2024-03-15T12:00:00+09:00', false, true],
    ['2024-03-15T03:00:00Z', false, true],
    // A Date holds milliseconds: a fourth fraction digit would be lost silently.
    ['2024-03-15T12:00:00.1234', true, false],
  ])('%j: validator %s, fromJstDateTime %s', (lexical, validator, reader) => {
    expect([validatorAccepts(lexical), readerAccepts(lexical)]).toEqual([validator, reader]);
  });

  test('24:00:00 is the next day at 00:00 JST', () => {
    expect(fromJstDateTime('2024-12-31T24:00:00').toISOString()).toBe('2024-12-31T15:00:00.000Z');
    expect(fromJstDateTime('2024-12-31T24:00:00')).toEqual(fromJstDateTime('2025-01-01T00:00:00'));
  });

  test('fractions keep their value, offsets are honoured, and the errors say which rule failed', () => {
    expect(fromJstDateTime('2024-03-15T12:00:00.5').toISOString()).toBe('2024-03-15T03:00:00.500Z');
    expect(fromJstDateTime('2024-03-15T12:00:00Z').toISOString()).toBe('2024-03-15T12:00:00.000Z');
    expect(fromJstDate('2024-03-15').toISOString()).toBe('2024-03-14T15:00:00.000Z');
    expect(() => fromJstDateTime('2024-03-15T24:00:01')).toThrow(
      '"2024-03-15T24:00:01" is not a valid xs:dateTime: time of day out of range',
    );
    expect(() => fromJstDateTime('2023-02-29T00:00:00')).toThrow(/day 29 does not exist in 2023-02/);
  });
});

describe('3: addJstDays refuses day counts that are not whole', () => {
  test.each([1.5, -0.5, NaN, Infinity, 2 ** 53])('%p days', (days) => {
    expect(() => addJstDays('2024-03-15', days)).toThrow(MmsTimeError);
    expect(() => addJstDays('2024-03-15', days)).toThrow(/days must be a whole number of days/);
  });

  test('whole days still work, across months and backwards', () => {
    expect(addJstDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addJstDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addJstDays('2024-03-15', 0)).toBe('2024-03-15');
  });
});

describe('5: an identity mismatch is an error by default', () => {
  test('another participant or user in an MMS-shaped subject is refused unless warn is chosen', () => {
    const subject = 'C=JP, O=F100, CN=FAKEUSER';
    expect(identityVerdict(subject, 'F200', 'FAKEUSER', 'error')).toEqual({
      refuse:
        "certificate C=JP, O=F100, CN=FAKEUSER does not match the client identity: the certificate is for participant F100 (subject O), not F200 (identityCheck: 'warn' lets the client start anyway)",
    });
    expect(identityVerdict(subject, 'F200', 'FAKEUSER', 'warn')).toEqual({
      warn: 'certificate C=JP, O=F100, CN=FAKEUSER does not match the client identity: the certificate is for participant F100 (subject O), not F200',
    });
    expect(identityVerdict(subject, 'F100', 'FAKEUSER', 'error')).toEqual({});
  });

  test('a subject without the participant/user shape cannot be compared: a warning, never an error', () => {
    const verdict = identityVerdict('CN=Fake, O=ElectroRoute Japan', 'F100', 'FAKEUSER', 'error');
    expect(verdict.refuse).toBeUndefined();
    expect(verdict.warn).toMatch(/names no participant \(O\) or user \(CN\) in the MMS form/);
  });
});

describe("6: MmsValidationError keeps the server's errors apart from the client's reasons", () => {
  const base = sample('base_response.xml');
  /** One offer of three with one server error and its own failed status; the statistics count it. */
  const oneFailedOffer = (): string => {
    const offer = /<OfferData [\s\S]*?<\/OfferData>/.exec(base)![0];
    const broken = offer
      .replace(/Validation="PASSED" Success="true"/, 'Validation="FAILED" Success="false"')
      .replace(
        /(<OfferStack [^>]*>\s*<Messages>)/,
        '$1<Error Code="E_PRICE">入札価格が上限を超えています</Error>',
      );
    return base.replace(offer, `${offer}${broken}${offer}`).replace('Invalid="0"', 'Invalid="1"');
  };

  test('one server error is one entry in errors, with the item its path names', async () => {
    const error = await rejection(op('MarketSubmit_OfferData'), oneFailedOffer());
    expect(error.errors).toEqual([
      {
        level: 'error',
        code: 'E_PRICE',
        text: '入札価格が上限を超えています',
        path: 'MarketData.MarketSubmit.OfferData[1].OfferStack[0]',
        item: 1,
      },
    ]);
    expect(error.reasons).toEqual([
      {
        text: 'the MMS marked this item as failed (Success=false, Validation=FAILED)',
        path: 'MarketData.MarketSubmit.OfferData[1]',
        item: 1,
      },
      { text: 'ProcessingStatistics reports 1 invalid item', path: 'MarketData.ProcessingStatistics' },
    ]);
    expect(error.message).toContain(
      'MarketData.MarketSubmit.OfferData[1]: (status) the MMS marked this item',
    );
  });

  test('a status the decoder cannot read names the item of its path', async () => {
    const xml = base.replace(/(<OfferData [^>]*)Success="true"/, '$1Success="maybe"');
    const error = await rejection(op('MarketSubmit_OfferData'), xml);
    expect(error.errors).toEqual([]);
    expect(error.reasons).toEqual([
      expect.objectContaining({ item: 0, path: expect.stringContaining('OfferData[0]') }),
    ]);
  });

  test('a rejection by status alone has reasons and no invented errors', async () => {
    const xml = base.replace(/(<MarketSubmit [^>]*)Validation="PASSED"/, '$1Validation="PASSED_PARTIAL"');
    const error = await rejection(op('MarketSubmit_OfferData'), xml);
    expect(error.errors).toEqual([]);
    expect(error.reasons).toEqual([
      {
        text: 'the MMS marked this request as failed (Validation=PASSED_PARTIAL)',
        path: 'MarketData.MarketSubmit',
      },
    ]);
  });
});

describe('7: statistics counts and durations are numbers', () => {
  test('ProcessingTimeMs (xs:long) is a number like the xs:int counts; ids and timestamps stay strings', async () => {
    const result = await interpretResponse(
      op('MarketSubmit_OfferData'),
      sendResult(sample('base_response.xml')),
    );
    expect(result.statistics).toEqual({
      Received: 1,
      Valid: 1,
      Invalid: 0,
      Successful: 1,
      Unsuccessful: 0,
      ProcessingTimeMs: 187,
      TransactionId: 'derpderp',
      TimeStamp: 'Tue Mar 15 11:43:37 JST 2024',
      XmlTimeStamp: '2024-03-15T11:43:37',
    });
  });

  test('TimeInMs of a report answer is a number', async () => {
    const result = await interpretResponse(
      op('ReportListRequest'),
      sendResult(sample('list_reports_response_full.xml')),
    );
    expect(result.statistics?.TimeInMs).toBe(187);
  });

  test('a duration beyond 2^53 is not rounded: it is left out and reported', async () => {
    const xml = sample('base_response.xml').replace(
      'ProcessingTimeMs="187"',
      'ProcessingTimeMs="9007199254740993"',
    );
    const result = await interpretResponse(op('MarketSubmit_OfferData'), sendResult(xml));
    expect(result.statistics).not.toHaveProperty('ProcessingTimeMs');
    expect(result.responseProblems).toContainEqual({
      path: 'MarketData.ProcessingStatistics.ProcessingTimeMs',
      message: expect.stringMatching(/beyond 2\^53/),
      value: '9007199254740993',
    });
  });
});

describe('8: describeInput lists every field, without the compiler', () => {
  test('every required field of a large input, where a type error stops at "and 10 more"', () => {
    const resource = op('RegistrationSubmit_Resource');
    const fields = MmsClient.describeInput('RegistrationSubmit_Resource');
    const required = fields
      .filter((f) => f.in === 'data' && f.required && !f.path.includes('.'))
      .map((f) => f.path);
    // The validator, given an item with what the client fills in, misses exactly those.
    expect(fields.find((f) => f.path === 'ParticipantName')).toMatchObject({
      required: false,
      filledByClient: true,
    });
    const document = buildDocument(resource, { ParticipantName: 'F100', UserName: 'FAKEUSER' }, [
      { ParticipantName: 'F100' },
    ]);
    const missing = validateDocument(resource, document)
      .filter((v) => /required .* missing/.test(v.message))
      .map((v) => v.path.replace('RegistrationSubmit.Resource[0].', ''));
    expect(required.length).toBeGreaterThan(14);
    expect(required).toEqual(missing);
  });

  test('each field says its type, occurrence and facets; the client-filled identity is not required', () => {
    const fields = describeInput('MarketSubmit_OfferData');
    expect(fields.find((f) => f.path === 'OfferStack[].OfferUnitPrice')).toEqual({
      in: 'data',
      path: 'OfferStack[].OfferUnitPrice',
      kind: 'attribute',
      type: 'PriceValue6.2RoundedType',
      builtin: 'decimal',
      js: 'number',
      required: true,
      min: 1,
      max: 1,
      alternative: false,
      filledByClient: false,
      facets: { fractionDigits: 2, minInclusive: '0.00', maxInclusive: '10000.00' },
      meaning: 'Unit price asked for the power.',
      unit: 'JPY/kW/segment',
    });
    expect(fields.find((f) => f.path === 'OfferStack')).toMatchObject({
      kind: 'element',
      required: true,
      min: 1,
      max: 20,
    });
    expect(fields.find((f) => f.path === 'ParticipantName')).toMatchObject({
      in: 'attributes',
      required: false,
      filledByClient: true,
    });
    expect(fields.map((f) => f.path)).not.toContain('Messages');
    expect(fields.some((f) => /Success|Validation/.test(f.path))).toBe(false);
    // A BUP's own answer-only members are no input either.
    const bup = describeInput('MarketSubmit_BupSubmit').map((f) => f.path);
    expect(bup).toContain('ResourceName');
    expect(bup.filter((p) => ['BspParticipantName', 'Area', 'SystemCode'].includes(p))).toEqual([]);
  });

  test('the CLI help could be drawn from it: every field the help lists, and only those', () => {
    for (const operation of Object.values(operations) as OperationDescriptor[]) {
      const help = operationHelp(operation);
      const body = help.slice(help.indexOf('\nattributes ('), help.indexOf('Connection and identity'));
      const listed = new Set(
        body
          .split('\n')
          // A field's name starts a line; its meaning follows, indented under the description column.
          .map((line) => /^ {2,33}([A-Za-z][A-Za-z0-9_]*)(?: +|$)/.exec(line)?.[1])
          .filter((name): name is string => name !== undefined),
      );
      // The help leaves out the envelope elements that travel with the data (companions).
      const companions = operation.companions ?? [];
      const described = new Set(
        describeInput(operation.id)
          .filter(
            (f) =>
              !companions.some(
                (c) => f.path === c || f.path.startsWith(`${c}.`) || f.path.startsWith(`${c}[]`),
              ),
          )
          .map((f) => f.path.slice(f.path.lastIndexOf('.') + 1)),
      );
      expect({ id: operation.id, names: [...listed].sort() }).toEqual({
        id: operation.id,
        names: [...described].sort(),
      });
    }
  });

  test('every operation is described, and an unknown one is a typed error', () => {
    for (const id of Object.keys(operations)) expect(describeInput(id).length).toBeGreaterThan(0);
    expect(() => describeInput('NoSuchOperation')).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});
