/**
 * The gateway in front of the simulator serves every operation of the
 * catalog through JSON: for each, a valid random request (from the
 * descriptors, with fast-check), posted as JSON with the participant type
 * the operation's audience allows, must come back 200 with the data shape
 * the catalog promises; the answer must match the operation's result schema
 * in /openapi.json (checked with Ajv); each call is in the journal.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { operations } from '../../generated/index.js';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import type { Rec, Value } from '../helpers/arbitrary.js';
import { participantRequest } from '../helpers/client-fixtures.js';
import { post, setup, type Setup } from './helpers.js';

const SEED = 20261201;
const all = (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));

let env: Setup;
let gateway: Gateway;
let report: { transactionId: string; fileName: string };
let resultSchemaOf: (id: string) => (value: unknown) => boolean;

function participantFor(op: OperationDescriptor): string {
  const type = (['bsp', 'mo', 'tso'] as const).find((t) => op.audience.includes(t))!;
  return env.sim.credential({ clientType: type }).participant;
}

/** A valid random request, split as a call takes it; participant fields in items name the caller. */
function randomRequest(op: OperationDescriptor, participant: string): { attributes: Rec; data: Value } {
  return participantRequest(op, participant, SEED);
}

beforeAll(async () => {
  // Random schema-valid requests break business rules at random (test/rules covers those).
  env = await setup({ rules: 'off' });
  gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env });
  const created = await post(
    gateway.url,
    'F100',
    'ReportCreateRequest',
    {
      data: {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'ON_DEMAND',
        Date: '2024-04-12',
      },
    },
    { authorization: 'Bearer admin-token-Zq8v', 'idempotency-key': 'report-setup' },
  );
  expect(created.status).toBe(200);
  const listed = await post(gateway.url, 'F100', 'ReportListRequest', {
    data: {
      ReportType: 'REGISTRATION',
      ReportSubType: 'RESOURCE',
      Periodicity: 'ON_DEMAND',
      Date: '2024-04-12',
    },
  });
  expect(listed.status).toBe(200);
  const items = (listed.body['data'] as Rec)['ReportListResponse'] as Rec;
  report = {
    transactionId: String(created.body['transactionId']),
    fileName: String(((items['ReportItem'] as Rec[])[0] as Rec)['FileName']),
  };
  const document = (await (await fetch(`${gateway.url}/openapi.json`)).json()) as { components: Rec };
  const ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 9 });
  ajv.addSchema({ $id: 'doc', components: document.components });
  resultSchemaOf = (id) => ajv.compile({ $ref: `doc#/components/schemas/result.${id}` });
});

afterAll(async () => {
  await gateway?.close();
  await env?.cleanup();
});

test('the catalog has every operation (71 in release 2025-12)', () => {
  expect(all).toHaveLength(71);
});

test.each(all.map((op) => [op.id, op] as const))('%s through JSON', async (_id, op) => {
  const participant = participantFor(op);
  const request = randomRequest(op, participant);
  let data = request.data;
  if (op.id === 'ReportDownloadRequestTrnID') data = { TransactionId: report.transactionId };
  if (op.id === 'ReportDownloadRequest') data = { ...(data as Rec), FileName: report.fileName };
  const answer = await post(
    gateway.url,
    participant,
    op.id,
    { attributes: request.attributes, data },
    { authorization: 'Bearer admin-token-Zq8v', 'idempotency-key': `every-${op.id}` },
  );
  expect({ status: answer.status, problem: answer.status === 200 ? undefined : answer.body }).toEqual({
    status: 200,
  });
  expect(answer.type).toMatch(/^application\/json/);
  expect(answer.body['responseProblems']).toEqual([]);
  if (op.result.many) expect(Array.isArray(answer.body['data'])).toBe(true);
  const validate = resultSchemaOf(op.id) as ((v: unknown) => boolean) & { errors?: unknown };
  expect({ valid: validate(answer.body), errors: validate.errors ?? null }).toEqual({
    valid: true,
    errors: null,
  });
  const entry = await gateway.journal.get(String(answer.body['callId']));
  expect(entry).toMatchObject({ operation: op.id, outcome: 'ok', participant, caller: 'admin', attempts: 1 });
  expect(entry?.payloadSha256).toMatch(/^[0-9a-f]{64}$/);
});
