/**
 * The Logger adapters with the real pino and winston: the fields the client
 * logs arrive as fields, not lost, and nothing secret comes with them. A
 * bare pino logger passed as a Logger type-checks but prints the message
 * with none of the fields; that is the trap the adapters close.
 */
import { Writable } from 'node:stream';
import path from 'node:path';
import pino from 'pino';
import winston from 'winston';
import { MmsClient } from '../../src/client/client.js';
import { Logger } from '../../src/logger.js';
import { Certificate } from '../../src/security/certificate.js';
import { closedPort } from '../helpers/mtls-server.js';
import { FIXTURES } from '../helpers/paths.js';

/** A stream that keeps every JSON line written to it. */
function jsonLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { stream, lines };
}

const fields = { operation: 'MarketSubmit_OfferData', attempt: 2, url: 'https://mms.example/MI' };

test('pino: the fields are properties of the line, the message is msg', () => {
  const { stream, lines } = jsonLines();
  const logger = Logger.fromPino(pino({ level: 'debug' }, stream));
  logger.warn('mms: attempt failed, retrying', fields);
  logger.debug('mms: sending');
  expect(lines).toEqual([
    expect.objectContaining({ level: 40, msg: 'mms: attempt failed, retrying', ...fields }),
    expect.objectContaining({ level: 20, msg: 'mms: sending' }),
  ]);
});

test('pino without the adapter loses the fields (the trap, kept visible)', () => {
  const { stream, lines } = jsonLines();
  const bare: Logger = pino(stream);
  bare.warn('mms: attempt failed, retrying', fields);
  expect(lines[0]).not.toHaveProperty('operation');
});

test('winston: the fields are metadata of the line; its own keys are not overwritten', async () => {
  const { stream, lines } = jsonLines();
  const w = winston.createLogger({
    level: 'debug',
    format: winston.format.json(),
    transports: [new winston.transports.Stream({ stream })],
  });
  const logger = Logger.fromWinston(w);
  const record = { ...fields, level: 'not-a-level', message: 'a field called message' };
  logger.error('mms: call failed', record);
  logger.info('mms: call succeeded', { status: 200 });
  await new Promise<void>((resolve) => {
    w.on('finish', resolve);
    w.end();
  });
  expect(lines).toEqual([
    {
      level: 'error',
      message: 'mms: call failed',
      ...fields,
      'field.level': 'not-a-level',
      'field.message': 'a field called message',
    },
    { level: 'info', message: 'mms: call succeeded', status: 200 },
  ]);
  // The caller's object is not changed by winston or the adapter.
  expect(record.level).toBe('not-a-level');
});

test("a client's transport log arrives in pino with its fields, and no key material", async () => {
  const { stream, lines } = jsonLines();
  const certificate = await Certificate.fromFile(path.join(FIXTURES, 'fake.p12'), '');
  const origin = `https://127.0.0.1:${await closedPort()}`;
  const client = new MmsClient({
    participant: 'F100',
    user: 'FAKEUSER',
    clientType: 'bsp',
    certificate,
    domain: 'example.test',
    urls: { MI: `${origin}/axis2/services/MiWebService`, OMI: `${origin}/axis2/services/OmiWebService` },
    retry: { maxAttempts: 1 },
    logger: Logger.fromPino(pino({ level: 'debug' }, stream)),
  });
  try {
    await expect(
      client.queryOffers({ Date: '2024-03-15', NumOfDays: 1 }, { MarketType: 'DAM' }),
    ).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  } finally {
    client.close();
  }
  expect(lines).toContainEqual(
    expect.objectContaining({
      level: 50,
      msg: 'mms: call failed',
      operation: 'MarketQuery_OfferQuery',
      attempt: 1,
      code: 'CONNECTION_FAILED',
    }),
  );
  const text = JSON.stringify(lines);
  expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|requestData|signature/i);
});
