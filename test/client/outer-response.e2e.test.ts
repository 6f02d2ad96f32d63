/**
 * Outer response kinds through the real transport and client: a TXT answer,
 * a response marked compressed, and files attached to an answer.
 */
import { modules } from '../../generated/index.js';
import type { MmsClient } from '../../src/client/client.js';
import { fileBytes } from '../../src/client/result.js';
import { MmsClientError, MmsServerError } from '../../src/errors.js';
import { Transport, type Verdict } from '../../src/transport/index.js';
import { decodeDocument } from '../../src/xml/decode.js';
import type { Rec } from '../helpers/arbitrary.js';
import { startBareMmsServer, type BareMmsServer } from '../helpers/bare-mms-server.js';
import { clientFor, clientPki, successAnswer, type ClientPki } from '../helpers/client-fixtures.js';

let keys: ClientPki;
let server: BareMmsServer;
let client: MmsClient;
const query = [{ Date: '2024-03-15', NumOfDays: 1 }, { MarketType: 'DAM' }] as const;

beforeAll(async () => {
  keys = await clientPki();
  server = await startBareMmsServer(keys.pki, () => ({ payload: '' }));
  client = clientFor(keys, server.urls);
});

afterAll(async () => {
  client?.close();
  await server?.close();
  await keys?.pki.cleanup();
});

test('TXT: MmsServerError with the server text', async () => {
  server.respond = () => ({ payload: '認証に失敗しました', dataType: 'TXT' });
  const call = client.queryOffers(...query);
  await expect(call).rejects.toBeInstanceOf(MmsServerError);
  await expect(call).rejects.toMatchObject({ code: 'SERVER_TEXT', serverText: '認証に失敗しました' });
});

test('a response marked compressed: MmsClientError', async () => {
  server.respond = () => ({ payload: 'H4sI', compressed: true });
  await expect(client.queryOffers(...query)).rejects.toMatchObject({
    constructor: MmsClientError,
    code: 'UNSUPPORTED_RESPONSE',
  });
});

test('files attached to an answer come back with the result', async () => {
  server.respond = (op, payload) => ({
    payload: successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 9).payload,
    attachments: [{ name: 'detail.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') }],
  });
  const result = await client.queryOffers(...query);
  expect(result.attachments).toEqual([
    { name: 'detail.csv', base64: Buffer.from('a,b\n1,2\n').toString('base64') },
  ]);
  expect(new TextDecoder().decode(fileBytes(result.attachments![0]!))).toBe('a,b\n1,2\n');
});

describe('the audit hooks get the transaction id of the decoded answer', () => {
  const seen: (string | undefined)[] = [];
  const failed: string[] = [];
  let audited: MmsClient;
  beforeAll(() => {
    audited = clientFor(keys, server.urls, {
      hooks: {
        afterReceive: (e) => void seen.push(e.transactionId),
        attemptFailed: (e) => void failed.push(e.error.code),
      },
    });
  });
  afterAll(() => audited?.close());
  beforeEach(() => {
    seen.length = 0;
    failed.length = 0;
  });

  test('a result: the TransactionId of its ProcessingStatistics', async () => {
    let sent = '';
    server.respond = (op, payload) => {
      const answer = successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 9);
      sent = answer.transactionId;
      return { payload: answer.payload };
    };
    const result = await audited.queryOffers(...query);
    expect(sent).not.toBe('');
    expect(result.statistics?.TransactionId).toBe(sent);
    expect(seen).toEqual([sent]);
  });

  test('a rejection: the TransactionId the rejection carries', async () => {
    server.respond = () => ({
      payload:
        '<MarketData><ProcessingStatistics Received="1" Valid="0" Invalid="1" TransactionId="TRN-REJECTED-7"/>' +
        '<MarketQuery Date="2024-03-15" ParticipantName="F100" UserName="FAKEUSER" NumOfDays="1" Validation="FAILED">' +
        '<Messages><Error Code="E1">rejected</Error></Messages></MarketQuery></MarketData>',
    });
    await expect(audited.queryOffers(...query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(seen).toEqual(['TRN-REJECTED-7']);
    // A rejection is the MMS's answer, not a failed attempt.
    expect(failed).toEqual([]);
  });

  test('an answer the client cannot use: no transaction id, and the hook still runs', async () => {
    server.respond = () => ({ payload: '<Other/>' });
    await expect(audited.queryOffers(...query)).rejects.toMatchObject({ code: 'DECODE_ERROR' });
    expect(seen).toEqual([undefined]);
    expect(failed).toEqual([]);
  });

  test('a SOAP-level failure (TXT) is a failed attempt', async () => {
    server.respond = () => ({ payload: 'error', dataType: 'TXT' });
    await expect(audited.queryOffers(...query)).rejects.toMatchObject({ code: 'SERVER_TEXT' });
    expect(failed).toEqual(['SERVER_TEXT']);
  });
});

describe('an interpreter cannot make an answered submission look unsent', () => {
  test('a verdict of not-sent after an answer is ambiguous: the submission is sent once', async () => {
    let received = 0;
    server.respond = () => {
      received++;
      return { payload: '<MarketData/>' };
    };
    const transport = new Transport({
      certificate: keys.certificate,
      clientType: 'bsp',
      environment: 'production',
      endpoints: server.urls,
      contentIdDomain: 'test.example',
      ca: keys.pki.ca.certPem,
      retry: { maxAttempts: 4, sleep: async () => {} },
    });
    try {
      const claimsUnsent = (): Verdict<never> => ({
        failure: {
          kind: 'not-sent' as 'final',
          error: new MmsClientError('DECODE_ERROR', 'an interpreter that says nothing was sent'),
        },
      });
      await expect(
        transport.send({
          interface: 'MI',
          requestType: 'mp.market',
          payload: Buffer.from('<MarketData><MarketSubmit><OfferData/></MarketSubmit></MarketData>'),
          operation: 'MarketSubmit_OfferData',
          kind: 'submit',
          interpret: claimsUnsent,
        }),
      ).rejects.toMatchObject({ code: 'DECODE_ERROR' });
      expect(received).toBe(1);
    } finally {
      transport.close();
    }
  });
});
