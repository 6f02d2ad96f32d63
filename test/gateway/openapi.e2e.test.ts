/**
 * `/openapi.json` is a valid OpenAPI 3.1 document for an independent
 * validator (@seriousme/openapi-schema-validator), covers every operation
 * of the catalog with the facets of the descriptors, and is usable: for a
 * sample of operations a request is generated from the document's own
 * schema (json-schema-faker, another independent package) and the gateway
 * answers 200 from the simulator. A body that breaks the schema is a 400
 * naming the field, before anything reaches the MMS.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/paths.js';
import { JSONSchemaFaker } from 'json-schema-faker';
import { operations } from '../../generated/index.js';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { post, setup, type Setup } from './helpers.js';

type Rec = Record<string, unknown>;
let env: Setup;
let gateway: Gateway;
let document: Rec & { paths: Rec; components: { schemas: Record<string, Rec> } };

beforeAll(async () => {
  // Requests generated from the schemas break business rules at random (test/rules covers those).
  env = await setup({ rules: 'off' });
  gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env });
  const response = await fetch(`${gateway.url}/openapi.json`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  document = (await response.json()) as typeof document;
});

afterAll(async () => {
  await gateway?.close();
  await env?.cleanup();
});

// The validator is an ES module only (jest runs CommonJS here): it runs in a Node process of its own.
const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
const validator = new Validator();
const result = await validator.validate(process.argv[1]);
console.log(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
`;

test('an independent OpenAPI validator accepts the document as OpenAPI 3.1', async () => {
  const file = path.join(env.dir, 'openapi.json');
  await writeFile(file, JSON.stringify(document));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', VALIDATE, file],
    {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(JSON.parse(stdout)).toEqual({ valid: true, version: '3.1', errors: [] });
});

test('every operation of the catalog has a path with its request and result schemas', () => {
  for (const id of Object.keys(operations)) {
    const path = document.paths[`/v1/{participant}/${id}`] as { post: Rec } | undefined;
    expect(path?.post['operationId']).toBe(id);
    expect(document.components.schemas[`request.${id}`]).toBeDefined();
    expect(document.components.schemas[`result.${id}`]).toBeDefined();
  }
});

test('the schemas carry the facets: patterns, bounds, digits, lengths, enumerations with their names', () => {
  const schemas = document.components.schemas;
  const offer = schemas['in.market.OfferDataSubmitType'] as { properties: Rec; required: string[] };
  expect(offer.required).toEqual(
    expect.arrayContaining(['ResourceName', 'StartTime', 'EndTime', 'Direction']),
  );
  expect(offer.properties['Direction']).toEqual({ $ref: '#/components/schemas/market.DirectionUpDownType' });
  expect(schemas['market.DirectionUpDownType']).toMatchObject({ enum: ['1'], 'x-enum-varnames': ['SELL'] });
  expect(schemas['market.MarketTypeType']).toMatchObject({
    enum: ['DAM', 'DCM'],
    'x-enum-varnames': ['DAY_AHEAD', 'COMPOUND'],
  });
  const text = JSON.stringify(schemas);
  expect(text).toContain('"multipleOf"');
  expect(text).toContain('"maxLength"');
  expect(text).toContain('"minimum"');
  expect(text).toContain('"pattern"');
  expect(document.components.schemas['Problem']).toMatchObject({
    required: expect.arrayContaining(['code', 'status']),
  });
});

const SAMPLE = [
  'MarketQuery_OfferQuery',
  'MarketQuery_BupQuery',
  'MarketQuery_AwardResultsQuery',
  'MarketQuery_ReserveRequirementQuery',
  'Omi_MarketQuery_RemainingReserveDataQuery',
];

test.each(SAMPLE)('a request generated from the schema of %s gets a 200', async (id) => {
  JSONSchemaFaker.option({
    requiredOnly: true,
    alwaysFakeOptionals: false,
    minItems: 1,
    random: mulberry(id.length * 7919),
    failOnInvalidTypes: true,
  });
  const schema = { $ref: `#/components/schemas/request.${id}`, components: document.components };
  const body = (await JSONSchemaFaker.resolve(schema as never)) as Rec;
  const participant =
    id.startsWith('Omi_') || id.includes('Award') || id.includes('Bup') || id.includes('Offer')
      ? 'F100'
      : 'T100';
  const answer = await post(gateway.url, participant, id, body);
  expect({ status: answer.status, body: answer.status === 200 ? undefined : answer.body }).toEqual({
    status: 200,
  });
});

test('a body that breaks the schema is a 400 problem naming each field, and the MMS sees nothing', async () => {
  const before = env.received.lines.length;
  const answer = await post(
    gateway.url,
    'F100',
    'MarketSubmit_OfferData',
    {
      attributes: { Date: '2026-12-10', MarketType: 'XYZ' },
      data: [{ ResourceName: 'SIMRES01', StartTime: 'soon', Direction: '1', Colour: 'red' }],
    },
    { authorization: 'Bearer admin-token-Zq8v', 'idempotency-key': 'bad-body' },
  );
  expect(answer.status).toBe(400);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ code: 'INVALID_BODY', status: 400, outcome: 'not-sent' });
  const paths = (answer.body['violations'] as { path: string; rule: string }[]).map(
    (v) => `${v.path} ${v.rule}`,
  );
  expect(paths).toEqual(
    expect.arrayContaining([
      'attributes.MarketType enum',
      'data[0] required',
      'data[0] additionalProperties',
      'data[0].StartTime pattern',
    ]),
  );
  expect(env.received.lines.length).toBe(before);
});

/** A seeded random source, so a failure can be replayed. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
