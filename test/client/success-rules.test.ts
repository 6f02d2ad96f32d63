/**
 * The MMS success rules (MMS-PROTOCOL.md §7) on responses built from the
 * reference client's samples and variants of them: what passes with its
 * messages, what throws, and what each error carries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { operations } from '../../generated/index.js';
import { MmsValidationError } from '../../src/client/errors.js';
import { interpretResponse } from '../../src/client/response.js';
import { fileBytes } from '../../src/client/result.js';
import { MmsClientError } from '../../src/errors.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { SAMPLES } from '../helpers/paths.js';
import { sendResult } from '../helpers/send-result.js';

const submitOffers = operations.MarketSubmit_OfferData as OperationDescriptor;
const queryOffers = operations.MarketQuery_OfferQuery as OperationDescriptor;
const sample = (name: string): string => readFileSync(path.join(SAMPLES, name), 'utf8');

async function rejection(op: OperationDescriptor, payload: string): Promise<MmsValidationError> {
  try {
    await interpretResponse(op, sendResult(payload));
  } catch (err) {
    if (err instanceof MmsValidationError) return err;
    throw err;
  }
  throw new Error('expected MmsValidationError');
}

/** The error an interpretation throws, whatever its class. */
async function failure(op: OperationDescriptor, sent: ReturnType<typeof sendResult>): Promise<unknown> {
  try {
    await interpretResponse(op, sent);
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('a failed submission (base_failed_response.xml)', () => {
  let error: MmsValidationError;
  beforeAll(async () => {
    error = await rejection(submitOffers, sample('base_failed_response.xml'));
  });

  test('throws MmsValidationError naming the operation and the transaction', () => {
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('MarketSubmit_OfferData was rejected by the MMS (transaction derpderp)');
  });

  test('carries every error entry with its code, text and path; the failed envelope status is a reason', () => {
    expect(error.errors).toEqual([
      { level: 'error', code: 'Error1', text: 'Error1', path: 'MarketData' },
      { level: 'error', code: 'Error1', text: 'Error1', path: 'MarketData.MarketSubmit' },
    ]);
    expect(error.reasons).toEqual([
      expect.objectContaining({
        path: 'MarketData.MarketSubmit',
        text: expect.stringContaining('Validation=FAILED'),
      }),
    ]);
  });

  test('keeps the warnings and information too, and the partial data', () => {
    expect(error.messages.filter((m) => m.level === 'warning')).toHaveLength(8);
    expect(error.messages).toContainEqual({
      level: 'information',
      code: 'Info2',
      text: 'Info2',
      path: 'MarketData.MarketSubmit.OfferData[0].OfferStack[0]',
      item: 0,
    });
    expect(error.statistics?.TransactionId).toBe('derpderp');
    expect(error.data).toHaveLength(1);
  });
});

describe('variants', () => {
  const base = sample('base_response.xml');

  test('warnings only: success, every message returned with code, text and path', async () => {
    const result = await interpretResponse(submitOffers, sendResult(base));
    expect(result.data).toHaveLength(1);
    expect(result.messages).toHaveLength(16); // 4 each on the root, the envelope, the offer and its stack
    expect(result.messages[0]).toEqual({
      level: 'warning',
      code: 'Warning1',
      text: 'Warning1',
      path: 'MarketData',
    });
    expect(result.messages).toContainEqual({
      level: 'information',
      code: 'Info1',
      text: 'Info1',
      path: 'MarketData.MarketSubmit.OfferData[0]',
      item: 0,
    });
    expect(result.statistics).toMatchObject({ Received: 1, Invalid: 0, TransactionId: 'derpderp' });
  });

  test('Invalid above zero fails even when every status says PASSED', async () => {
    const error = await rejection(submitOffers, base.replace('Invalid="0"', 'Invalid="1"'));
    expect(error.errors).toEqual([]);
    expect(error.reasons).toEqual([
      {
        text: 'ProcessingStatistics reports 1 invalid item',
        path: 'MarketData.ProcessingStatistics',
      },
    ]);
  });

  test('FAILED on an item fails, naming the item', async () => {
    const xml = base.replace(
      /(<OfferData [^>]*)Validation="PASSED" Success="true"/,
      '$1Validation="FAILED" Success="false"',
    );
    const error = await rejection(submitOffers, xml);
    expect(error.reasons).toEqual([
      expect.objectContaining({
        path: 'MarketData.MarketSubmit.OfferData[0]',
        item: 0,
        text: expect.stringContaining('Success=false, Validation=FAILED'),
      }),
    ]);
  });

  test('PASSED_PARTIAL on the envelope fails', async () => {
    const xml = base.replace(/(<MarketSubmit [^>]*)Validation="PASSED"/, '$1Validation="PASSED_PARTIAL"');
    expect((await rejection(submitOffers, xml)).reasons).toEqual([
      expect.objectContaining({
        path: 'MarketData.MarketSubmit',
        text: expect.stringContaining('PASSED_PARTIAL'),
      }),
    ]);
  });

  test('an error deep inside one item of many names that item and the path', async () => {
    const offer = /<OfferData [\s\S]*?<\/OfferData>/.exec(base)![0];
    const broken = offer.replace(
      /(<OfferStack [^>]*>\s*<Messages>)/,
      '$1<Error Code="E_PRICE">入札価格が上限を超えています</Error>',
    );
    const xml = base.replace(offer, `${offer}${broken}${offer}`);
    const error = await rejection(submitOffers, xml);
    expect(error.errors).toEqual([
      {
        level: 'error',
        code: 'E_PRICE',
        text: '入札価格が上限を超えています',
        path: 'MarketData.MarketSubmit.OfferData[1].OfferStack[0]',
        item: 1,
      },
    ]);
    expect(error.message).toContain(
      'MarketData.MarketSubmit.OfferData[1].OfferStack[0]: [E_PRICE] 入札価格が上限を超えています',
    );
    expect(error.data).toHaveLength(3);
  });

  test('a failed query says so on its own element, even with no results', async () => {
    const xml =
      '<MarketData><MarketQuery Date="2024-03-15" NumOfDays="1" ParticipantName="F100" UserName="FAKEUSER">' +
      '<OfferQuery MarketType="DAM" Validation="FAILED" Success="false"><Messages><Error Code="E1">bad query</Error>' +
      '<Warning Code="W1">careful</Warning></Messages></OfferQuery></MarketQuery></MarketData>';
    const error = await rejection(queryOffers, xml);
    expect(error.errors).toEqual([
      { level: 'error', code: 'E1', text: 'bad query', path: 'MarketData.MarketQuery.OfferQuery' },
    ]);
    expect(error.reasons).toEqual([
      expect.objectContaining({
        path: 'MarketData.MarketQuery.OfferQuery',
        text: expect.stringContaining('FAILED'),
      }),
    ]);
    expect(error.messages).toContainEqual({
      level: 'warning',
      code: 'W1',
      text: 'careful',
      path: 'MarketData.MarketQuery.OfferQuery',
    });
  });

  test('success=false on the outer response fails even when the payload shows no error', async () => {
    expect(await failure(submitOffers, sendResult(base, { success: false }))).toMatchObject({
      message: expect.stringMatching(/success=false on the outer response/),
    });
  });

  test('an empty query result is an empty list', async () => {
    const xml =
      '<MarketData><ProcessingStatistics Received="1" Valid="1" Invalid="0" Successful="1" Unsuccessful="0" TransactionId="TX000001"></ProcessingStatistics>' +
      '<MarketQuery Date="2024-03-15" NumOfDays="1" ParticipantName="F100" UserName="FAKEUSER" Validation="PASSED" Success="true">' +
      '<OfferQuery MarketType="DAM"></OfferQuery></MarketQuery></MarketData>';
    const result = await interpretResponse(queryOffers, sendResult(xml));
    expect(result.data).toEqual([]);
    expect(result.statistics?.TransactionId).toBe('TX000001');
  });

  test('a query answered in the submit envelope returns those items', async () => {
    const result = await interpretResponse(queryOffers, sendResult(sample('put_offer_response.xml')));
    expect(result.data).toEqual([
      expect.objectContaining({
        ResourceName: 'FAKE_RESO',
        OfferStack: [expect.objectContaining({ OfferId: 'FAKE_ID' })],
      }),
    ]);
  });
});

describe('outer response kinds', () => {
  test('a gzip payload: MmsClientError, not a parse error', async () => {
    const error = await failure(submitOffers, sendResult(gzipSync(sample('base_response.xml'))));
    expect(error).toBeInstanceOf(MmsClientError);
    expect((error as MmsClientError).code).toBe('UNSUPPORTED_RESPONSE');
  });

  test('not XML: MmsClientError with the first bytes', async () => {
    expect(await failure(submitOffers, sendResult('<html>Bad gateway'))).toMatchObject({
      code: 'DECODE_ERROR',
      message: expect.stringMatching(/not well-formed.*<html>Bad gateway/),
    });
  });

  test('binary: the file bytes and its name', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]);
    const result = await interpretResponse(
      operations.ReportDownloadRequestTrnID as OperationDescriptor,
      sendResult(bytes, { responseBinary: true, responseFilename: 'W9_0231_20240412_F100_001_REPORT.zip' }),
    );
    expect(result.file).toEqual({
      filename: 'W9_0231_20240412_F100_001_REPORT.zip',
      dataType: 'XML',
      base64: 'UEsDBP8=',
    });
    expect(fileBytes(result.file!)).toEqual(bytes);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test('a downloaded OutboundData document decodes into typed rows', async () => {
    const rows = sample('bsp_resource_list_full.xml');
    const result = await interpretResponse(
      operations.ReportDownloadRequestTrnID as OperationDescriptor,
      sendResult(`<OutboundData>${rows}</OutboundData>`),
    );
    expect(result.data).toEqual({
      BSP_ResourceList: [expect.objectContaining({ ResourceName: expect.any(String) })],
    });
    expect(result.responseProblems).toEqual([]);
  });
});

test('report messages (plain strings in mi-report.xsd) keep their text', async () => {
  const result = await interpretResponse(
    operations.ReportCreateRequest as OperationDescriptor,
    sendResult(sample('create_report_response_full.xml')),
  );
  expect(result.messages.map((m) => m.text)).toContain(
    'Successfully logged request for Report BSP_ResourceList. Please use transaction ID derpderp for further reference.',
  );
  expect(result.messages.every((m) => m.text !== '')).toBe(true);
  expect(result.statistics?.TransactionId).toBe('derpderp');
});
