/**
 * The client's end-to-end run against the simulator: for every operation of
 * the catalog, a valid random request (from the descriptors, with
 * fast-check) made by the real MmsClient as a participant type the
 * operation's audience allows, over mutual TLS and MTOM. Each call must
 * succeed with the data shape the catalog promises and a transaction id;
 * afterwards every response payload the simulator sent is validated against
 * the real XSD with libxml2.
 */
import { operations } from '../../generated/index.js';
import type { MmsClient } from '../../src/client/client.js';
import type { MmsResult } from '../../src/client/result.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { ClientType } from '../../src/transport/endpoints.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import type { Rec, Value } from '../helpers/arbitrary.js';
import { PayloadRecorder, invalidPayloads, simulatorClient } from './helpers.js';
import { participantRequest } from '../helpers/client-fixtures.js';

const SEED = Number(process.env['SIM_E2E_SEED'] ?? 20261126);
const all = (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));

let sim: Simulator;
const recorder = new PayloadRecorder();
const clients = new Map<ClientType, MmsClient>();
let report: { transactionId: string; fileName: string };

type Call = (attributes: unknown, data: unknown) => Promise<MmsResult<unknown>>;

function callerOf(op: OperationDescriptor): { type: ClientType; client: MmsClient } {
  const type = (['bsp', 'mo', 'tso'] as const).find((t) => op.audience.includes(t));
  if (type === undefined) throw new Error(`${op.id} has no audience`);
  return { type, client: clients.get(type)! };
}

/** A valid random request, split as a call takes it; participant fields in items name the caller. */
function randomRequest(op: OperationDescriptor, participant: string): { attributes: Rec; data: Value } {
  return participantRequest(op, participant, SEED);
}

beforeAll(async () => {
  // Random schema-valid requests break business rules at random (test/rules covers those).
  sim = await startSimulator({ rules: 'off' });
  for (const type of ['bsp', 'mo', 'tso'] as const) {
    clients.set(
      type,
      await simulatorClient(sim, sim.credential({ clientType: type }), { hooks: recorder, rules: 'off' }),
    );
  }
  // The downloads need a report that exists.
  const bsp = clients.get('bsp')!;
  const created = await bsp.createReport(
    {},
    {
      ReportName: 'BSP_ResourceList',
      ReportType: 'REGISTRATION',
      ReportSubType: 'RESOURCE',
      Periodicity: 'ON_DEMAND',
      Date: '2024-04-12',
    },
  );
  const listed = await bsp.listReports(
    {},
    { ReportType: 'REGISTRATION', ReportSubType: 'RESOURCE', Periodicity: 'ON_DEMAND', Date: '2024-04-12' },
  );
  report = {
    transactionId: created.statistics!.TransactionId!,
    fileName: listed.data!.ReportListResponse!.ReportItem![0]!.FileName,
  };
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
  await sim?.stop();
});

test('the catalog has every operation (71 in release 2025-12)', () => {
  expect(all).toHaveLength(71);
});

test.each(all.map((op) => [op.id, op] as const))('%s', async (_id, op) => {
  const { type, client } = callerOf(op);
  const credential = sim.credential({ clientType: type });
  const request = randomRequest(op, credential.participant);
  const attributes = request.attributes;
  let data = request.data;
  if (op.id === 'ReportDownloadRequestTrnID') data = { TransactionId: report.transactionId };
  if (op.id === 'ReportDownloadRequest') data = { ...(data as Rec), FileName: report.fileName };

  const method = (client as unknown as Record<string, Call>)[op.method]!;
  const result = await method.call(client, attributes, data);

  expect(result.responseProblems).toEqual([]);
  expect(result.messages.filter((m) => m.level === 'error')).toEqual([]);
  if (op.id === 'ReportDownloadRequest' && (data as Rec)['FileType'] === 'CSV') {
    expect(result.file?.dataType).toBe('CSV');
    expect(result.file?.filename).toMatch(/\.csv$/);
    return;
  }
  if (op.element.startsWith('ReportDownloadRequest')) {
    expect(result.data).toMatchObject({ DatasetName: 'BSP_ResourceList' });
    return;
  }
  expect(result.statistics?.TransactionId).toMatch(/^[A-Z0-9]{8}$/);
  expect(result.statistics?.Invalid).toBe(op.module === 'report' ? undefined : 0);
  if (op.result.many) expect(Array.isArray(result.data)).toBe(true);
  else expect(Array.isArray(result.data)).toBe(false);
  // Submissions come back item for item, passed.
  if (op.result.element === op.element && op.result.envelope === op.envelope && op.many) {
    const sent = Array.isArray(data) ? data : [data];
    expect(result.data).toHaveLength(sent.length);
  }
  const items = (Array.isArray(result.data) ? result.data : [result.data]).filter(
    (i) => i !== undefined,
  ) as Rec[];
  for (const item of items) {
    const status = item['Validation'] ?? item['ValidationStatus'];
    if (status !== undefined) expect(status).toBe('PASSED');
  }
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
});

test('every response payload the simulator sent is valid against the real XSD (libxml2)', async () => {
  expect(recorder.payloads.length).toBeGreaterThanOrEqual(all.length);
  expect(await invalidPayloads(recorder.payloads)).toEqual([]);
});
