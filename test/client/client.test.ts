/**
 * MmsClient behaviour around a call: identity checks at construction,
 * refusals before any network I/O (audience, schema, attachments), and what
 * reaches the server (identity filled in, attachments signed, warnings logged).
 */
import { modules, operations } from '../../generated/index.js';
import { answerOnlyViolations } from '../../src/client/answer-only.js';
import { MmsClient } from '../../src/client/client.js';
import { AudienceError, MmsInputError } from '../../src/client/errors.js';
import { MmsClientError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { Certificate } from '../../src/security/certificate.js';
import { decodeDocument } from '../../src/xml/decode.js';
import type { Rec } from '../helpers/arbitrary.js';
import { startBareMmsServer, type BareMmsServer } from '../helpers/bare-mms-server.js';
import {
  clientFor,
  clientPki,
  PARTICIPANT,
  successAnswer,
  USER,
  type ClientPki,
} from '../helpers/client-fixtures.js';
import { closedPort } from '../helpers/mtls-server.js';

let keys: ClientPki;
let server: BareMmsServer;
let deadUrls: { MI: string; OMI: string };

beforeAll(async () => {
  keys = await clientPki();
  server = await startBareMmsServer(keys.pki, (op, payload) => ({
    payload: successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 3).payload,
  }));
  const port = await closedPort();
  deadUrls = {
    MI: `https://127.0.0.1:${port}/axis2/services/MiWebService`,
    OMI: `https://127.0.0.1:${port}/axis2/services/OmiWebService`,
  };
});

afterAll(async () => {
  await server?.close();
  await keys?.pki.cleanup();
});

const offer = {
  ResourceName: 'FAKE_RESO',
  StartTime: '2024-03-15T12:00:00',
  EndTime: '2024-03-15T21:00:00',
  Direction: '1',
  OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 100 }],
} as const;
const marketDay = { Date: '2024-03-15', MarketType: 'DAM', NumOfDays: 1 } as const;

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('construction', () => {
  test.each([
    ['F000', 'FAKEUSER', /participant "F000" does not match pattern/],
    ['f100', 'FAKEUSER', /participant "f100" does not match pattern/],
    ['F100', 'fakeuser', /user "fakeuser" does not match pattern/],
    ['F100', 'ABCDEFGHIJKLM', /user .*longer than 12/],
  ])('participant %s and user %s are refused', (participant, user, message) => {
    expect(() => clientFor(keys, deadUrls, { participant, user })).toThrow(MmsClientError);
    expect(() => clientFor(keys, deadUrls, { participant, user })).toThrow(message);
  });

  test('a certificate for another participant is refused by default and a warning on request', async () => {
    const other = await keys.pki.issue({ commonName: 'OTHERUSER', organization: 'G200' });
    const certificate = await Certificate.fromBytes(keys.pki.pkcs12(other, 'pw'), 'pw');
    const mismatch =
      'certificate O=G200, CN=OTHERUSER does not match the client identity: the certificate is for participant G200 (subject O), not F100; the certificate is for user OTHERUSER (subject CN), not FAKEUSER';
    let refused: unknown;
    try {
      clientFor({ ...keys, certificate }, deadUrls).close();
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(MmsClientError);
    expect(refused).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(mismatch) });
    const logger = recordingLogger();
    clientFor({ ...keys, certificate }, deadUrls, { logger, identityCheck: 'warn' }).close();
    expect(logger.lines).toEqual([`warn: ${mismatch}`]);
  });

  test('a certificate whose subject has no MMS shape only warns: it cannot be compared', async () => {
    const other = await keys.pki.issue({ commonName: 'Fake', organization: 'ElectroRoute Japan' });
    const certificate = await Certificate.fromBytes(keys.pki.pkcs12(other, 'pw'), 'pw');
    const logger = recordingLogger();
    clientFor({ ...keys, certificate }, deadUrls, { logger }).close();
    expect(logger.lines).toEqual([
      'warn: certificate O=ElectroRoute Japan, CN=Fake names no participant (O) or user (CN) in the MMS form, so it cannot be checked against F100/FAKEUSER',
    ]);
  });
});

describe('refused before any network I/O', () => {
  test('an operation outside the client type', async () => {
    for (const clientType of ['tso', 'mo'] as const) {
      const client = clientFor(keys, deadUrls, { clientType });
      const call = client.putOffer(marketDay, offer);
      await expect(call).rejects.toBeInstanceOf(AudienceError);
      await expect(call).rejects.toThrow(
        `MarketSubmit_OfferData is open to BSP clients only; this client is configured as ${clientType.toUpperCase()}`,
      );
    }
  });

  test('members only answers carry, at any depth and on the envelope, each with its path', async () => {
    const client = clientFor(keys, deadUrls);
    // A JavaScript caller (or a cast) gets past the types; the client still refuses.
    const answered = {
      ...offer,
      Validation: 'PASSED',
      Success: true,
      Messages: { Information: [{ Code: 'I1', value: 'ok' }] },
    } as unknown as typeof offer;
    const call = client.putOffers({ ...marketDay, Success: true } as typeof marketDay, [offer, answered]);
    await expect(call).rejects.toBeInstanceOf(MmsInputError);
    const error = (await call.catch((e: unknown) => e)) as MmsInputError;
    expect(error.violations.map((v) => v.path)).toEqual([
      'MarketSubmit.Success',
      'MarketSubmit.OfferData[1].Validation',
      'MarketSubmit.OfferData[1].Success',
      'MarketSubmit.OfferData[1].Messages',
    ]);
    expect(error.violations[0]!.message).toBe(
      'answer-only: the MMS sets Success in its answers; leave it out of a request',
    );
    // A BUP's own (BspParticipantName, Area, ...) the types leave out but the client lets
    // through: the reference client's sample request sends them (samples-signing.test.ts).
    const bupSubmit = { MarketSubmit: { BupSubmit: [{ Area: '03' }] } };
    expect(answerOnlyViolations(operations.MarketSubmit_BupSubmit, bupSubmit)).toEqual([]);
  });

  test('MmsClient.asInput takes them off an answer item, deep, without touching the item', () => {
    const answered = {
      ...offer,
      Validation: 'PASSED',
      Success: true,
      OfferStack: offer.OfferStack.map((s) => ({ ...s, Messages: { Warning: [] } })),
    } as const;
    const input = MmsClient.asInput('MarketSubmit_OfferData', answered as never);
    expect(input).toEqual(offer);
    expect(answered.Validation).toBe('PASSED');
    const bup = MmsClient.asInput('MarketSubmit_BupSubmit', {
      ResourceName: 'R1',
      StartTime: '2024-03-15T00:00:00',
      EndTime: '2024-03-15T03:00:00',
      BspParticipantName: 'F100',
      Area: '03',
      PatternData: [{ PatternNo: 1, PatternStatus: '1' }],
    });
    expect(bup).toEqual({
      ResourceName: 'R1',
      StartTime: '2024-03-15T00:00:00',
      EndTime: '2024-03-15T03:00:00',
      PatternData: [{ PatternNo: 1, PatternStatus: '1' }],
    });
    expect(() => MmsClient.asInput('Nope' as never, {} as never)).toThrow(/unknown operation Nope/);
  });

  test('input that breaks the schema, with every violation and its path', async () => {
    const client = clientFor(keys, deadUrls);
    const stack = [1, 2, 3].map((n) => ({ StackNumber: n, MinimumQuantityInKw: 1000, OfferUnitPrice: 100 }));
    stack[2] = { StackNumber: 3, MinimumQuantityInKw: 1000, OfferUnitPrice: 1234567.891 };
    const call = client.putOffers({ ...marketDay, NumOfDays: 0 }, [
      { ...offer, ResourceName: 'fake reso', OfferStack: stack },
    ]);
    await expect(call).rejects.toBeInstanceOf(MmsInputError);
    const error = (await call.catch((e: unknown) => e)) as MmsInputError;
    const lines = error.violations.map((v) => `${v.path}: ${v.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'MarketSubmit.NumOfDays: 0 is below the minimum 1',
        expect.stringMatching(
          /^MarketSubmit\.OfferData\[0\]\.ResourceName: "fake reso" does not match pattern/,
        ),
        'MarketSubmit.OfferData[0].OfferStack[2].OfferUnitPrice: 1234567.891 has 3 fraction digits, at most 2 allowed',
        expect.stringMatching(
          /^MarketSubmit\.OfferData\[0\]\.OfferStack\[2\]\.OfferUnitPrice: 1234567\.891 is above the maximum/,
        ),
      ]),
    );
    expect(error.message).toMatch(
      /^MarketSubmit_OfferData: the request breaks the MMS schema in \d+ places and was not sent:/,
    );
  });

  test('unknown members are refused, not dropped', async () => {
    const client = clientFor(keys, deadUrls);
    const call = client.putOffer(marketDay, { ...offer, Colour: 'red' } as unknown as typeof offer);
    await expect(call).rejects.toThrow(
      'MarketSubmit.OfferData[0].Colour: is not a member of OfferDataSubmitType',
    );
  });

  test('too many attachments', async () => {
    const client = clientFor(keys, deadUrls);
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `f${i}.csv`, data: new Uint8Array([i]) }));
    await expect(client.putOffer(marketDay, offer, { attachments: files(41) })).rejects.toThrow(
      'MarketSubmit_OfferData: 41 attachments, at most 40 allowed on MI; nothing was sent',
    );
    await expect(
      client.omiMarketSubmitRemainingReserveData({ Date: '2024-04-12' }, [{}] as never, {
        attachments: files(21),
      }),
    ).rejects.toThrow('at most 20 allowed on OMI');
  });

  test('a participant in the envelope that is not the client', async () => {
    const client = clientFor(keys, deadUrls);
    await expect(client.putOffer({ ...marketDay, ParticipantName: 'G200' }, offer)).rejects.toThrow(
      "MarketSubmit_OfferData: ParticipantName G200 differs from the client's F100",
    );
  });
});

describe('what reaches the server', () => {
  test('identity filled in, attachments signed, warnings logged', async () => {
    const logger = recordingLogger();
    const client = clientFor(keys, server.urls, { logger });
    server.respond = (op, payload) => {
      const answer = successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 5);
      return {
        payload: answer.payload.replace(
          '<OfferData ',
          '<Messages><Warning Code="W01">注意</Warning></Messages><OfferData ',
        ),
      };
    };
    const before = server.calls.length;
    const result = await client.putOffer(marketDay, offer, {
      attachments: [
        { name: 'a.csv', data: new TextEncoder().encode('a,b\n1,2\n') },
        { name: 'b.bin', data: Buffer.from([0, 1, 2, 255]).toString('base64') },
      ],
    });
    const call = server.calls[before]!;
    expect(call.payload).toContain(`ParticipantName="${PARTICIPANT}"`);
    expect(call.payload).toContain(`UserName="${USER}"`);
    expect(call.attachmentNames).toEqual(['a.csv', 'b.bin']);
    expect(call.attachmentsSigned).toBe(true);
    expect(result.messages).toEqual([
      { level: 'warning', code: 'W01', text: '注意', path: 'MarketData.MarketSubmit' },
    ]);
    expect(logger.lines).toContain('warn: MarketSubmit_OfferData: MarketData.MarketSubmit: [W01] 注意');
    client.close();
  });

  test('validation off sends what strict mode refuses', async () => {
    const client = clientFor(keys, server.urls, { validate: 'off' });
    server.respond = (op, payload) => ({
      payload: successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 6).payload,
    });
    const before = server.calls.length;
    await client.putOffer(marketDay, { ...offer, ResourceName: 'fake reso' });
    expect(server.calls[before]!.payload).toContain('ResourceName="fake reso"');
    expect(server.calls[before]!.requestErrors.join('\n')).toMatch(/ResourceName/);
    client.close();
  });

  test('requests and results are plain JSON', async () => {
    const client = clientFor(keys, server.urls);
    const request = JSON.parse(JSON.stringify({ attributes: marketDay, data: offer })) as {
      attributes: typeof marketDay;
      data: typeof offer;
    };
    const result = await client.putOffer(request.attributes, request.data);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    client.close();
  });
});

test('MmsClient exposes a method for the reference names and every operation', () => {
  const proto = MmsClient.prototype as unknown as Record<string, unknown>;
  for (const name of [
    'putOffer',
    'putOffers',
    'queryOffers',
    'cancelOffer',
    'queryAwards',
    'queryReserveRequirements',
    'getSettlementResults',
    'putBup',
    'putBups',
    'queryBups',
    'putResource',
    'queryResources',
    'createReport',
    'listReports',
    'downloadReport',
    'putSurplusCapacity',
    'putSurplusCapacities',
    'querySurplusCapacity',
  ]) {
    expect(typeof proto[name]).toBe('function');
  }
});

describe('refused before sending, more', () => {
  test('times with an offset (an ISO instant) are refused: the MMS takes JST wall clock', async () => {
    const client = clientFor(keys, deadUrls);
    const call = client.putOffer(marketDay, {
      ...offer,
      StartTime: '2024-03-15T03:00:00.000Z',
      EndTime: '2024-03-15T21:00:00+09:00',
    });
    await expect(call).rejects.toBeInstanceOf(MmsInputError);
    const error = (await call.catch((e: unknown) => e)) as MmsInputError;
    expect(error.violations.map((v) => v.path)).toEqual([
      'MarketSubmit.OfferData[0].StartTime',
      'MarketSubmit.OfferData[0].EndTime',
    ]);
    expect(error.violations[0]!.message).toMatch(/time-zone offset; the MMS takes JST wall-clock time/);
  });

  test('no data, or an empty list, is refused', async () => {
    const client = clientFor(keys, deadUrls);
    await expect(client.putOffers(marketDay, [])).rejects.toThrow(
      'MarketSubmit_OfferData: no data given; nothing was sent',
    );
  });

  test('a string attachment that is not base64 is refused, not signed', async () => {
    const client = clientFor(keys, deadUrls);
    await expect(
      client.putOffer(marketDay, offer, { attachments: [{ name: 'x.bin', data: 'not base64!!' }] }),
    ).rejects.toThrow('attachments[0] (x.bin) is a string but not base64');
  });

  test('with validation off, a value that cannot be written is a typed error', async () => {
    const client = clientFor(keys, deadUrls, { validate: 'off' });
    const call = client.putOffer(marketDay, { ...offer, Direction: null } as unknown as typeof offer);
    await expect(call).rejects.toBeInstanceOf(MmsClientError);
    await expect(call).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  test('retrySubmission: false on the call wins over a policy that retries submissions', async () => {
    server.respond = () => ({ payload: 'unavailable', httpStatus: 503 });
    const attempts = server.calls.length;
    const client = clientFor(keys, server.urls, {
      retry: { maxAttempts: 3, baseDelayMs: 0, retrySubmissions: true },
    });
    await expect(client.putOffer(marketDay, offer, { retrySubmission: false })).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      attempts: 1,
    });
    expect(server.calls.length - attempts).toBe(1);
    // …and without it, the policy retries the submission.
    await expect(client.putOffer(marketDay, offer)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      attempts: 3,
    });
    expect(server.calls.length - attempts).toBe(4);
    client.close();
  });
});
