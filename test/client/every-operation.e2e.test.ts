/**
 * Every operation of the catalog, end to end: the real client and transport,
 * over mutual TLS to a local server that checks the signature against the
 * presented certificate and the payload against the real XSD with libxml2,
 * and answers with a schema-valid response whose typed result is checked.
 */
import { operations, modules } from '../../generated/index.js';
import type { MmsClient } from '../../src/client/client.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { decodeDocument } from '../../src/xml/decode.js';
import { startBareMmsServer, type BareMmsServer } from '../helpers/bare-mms-server.js';
import {
  clientFor,
  clientPki,
  randomRequest,
  successAnswer,
  type ClientPki,
} from '../helpers/client-fixtures.js';
import type { Rec } from '../helpers/arbitrary.js';

const SEED = Number(process.env['E2E_SEED'] ?? 20261126);
const all = (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));

let keys: ClientPki;
let server: BareMmsServer;
const clients = new Map<string, MmsClient>();
const expected = new Map<string, { data: unknown; transactionId: string }>();

beforeAll(async () => {
  keys = await clientPki();
  server = await startBareMmsServer(keys.pki, (op, payload) => {
    const request = decodeDocument<Rec>(modules[op.module], op.root, payload).value;
    const answer = successAnswer(op, request, SEED);
    expected.set(op.id, { data: answer.expected, transactionId: answer.transactionId });
    return { payload: answer.payload };
  });
  for (const clientType of ['bsp', 'mo', 'tso'] as const) {
    // Random schema-valid requests break business rules at random (test/rules covers those).
    clients.set(clientType, clientFor(keys, server.urls, { clientType, rules: 'off' }));
  }
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
  await server?.close();
  await keys?.pki.cleanup();
});

test('the catalog has every operation (71 in release 2025-12)', () => {
  expect(all).toHaveLength(71);
});

test.each(all.map((op) => [op.id, op] as const))('%s', async (_id, op) => {
  const { attributes, data } = randomRequest(op, SEED);
  const client = clients.get(op.audience[0]!)!;
  const method = (client as unknown as Record<string, (a: unknown, d: unknown) => Promise<unknown>>)[
    op.method
  ]!;
  const result = (await method.call(client, attributes, data)) as {
    data: unknown;
    messages: unknown[];
    statistics?: { TransactionId?: string };
    responseProblems: unknown[];
  };

  const call = server.calls.find((c) => c.operation.id === op.id)!;
  expect(call).toBeDefined();
  expect(call.clientAuthorized).toBe(true);
  expect(call.signatureValid).toBe(true);
  expect(call.requestType).toBe(op.requestType);
  expect({ request: call.requestErrors, response: call.responseErrors }).toEqual({
    request: [],
    response: [],
  });

  const want = expected.get(op.id)!;
  // A report download answered with MarketReport (not the report's OutboundData) carries no data.
  expect(result.data).toEqual(op.id.startsWith('ReportDownloadRequest') ? undefined : want.data);
  expect(Array.isArray(result.data)).toBe(op.result.many);
  expect(result.statistics?.TransactionId).toBe(want.transactionId);
  expect(result.messages).toEqual([]);
  expect(result.responseProblems).toEqual([]);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
});
