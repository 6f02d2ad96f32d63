/**
 * For every request sample of the reference client, the client call that
 * carries the same values signs exactly the canonical form of the sample:
 * the bytes the server receives (and whose signature it verifies) equal
 * `xmllint --c14n` of the sample with the pretty-printing removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modules, operations } from '../../generated/index.js';
import type { MmsClient } from '../../src/client/client.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { decodeDocument, decodeTree } from '../../src/xml/decode.js';
import { parseXml } from '../../src/xml/parser.js';
import type { Rec } from '../helpers/arbitrary.js';
import { startBareMmsServer, type BareMmsServer } from '../helpers/bare-mms-server.js';
import { clientFor, clientPki, successAnswer, type ClientPki } from '../helpers/client-fixtures.js';
import { SAMPLES } from '../helpers/paths.js';
import { documentModule, FRAGMENTS, INVALID_SAMPLES } from '../helpers/samples.js';
import { c14nWithXmllint } from '../helpers/xmllint.js';

const ops = operations as unknown as Record<string, OperationDescriptor>;
const IDENTITY = new Set(['ParticipantName', 'UserName', 'ApplicationType']);
/** The samples' decimals as written (`100.00`): number fields accept decimal strings and send them as is. */
const LEXICAL = { keepNumberLexical: true };

const samples = readdirSync(SAMPLES)
  .filter((f) => /_request.*\.xml$|_submit_full\.xml$/.test(f))
  .sort();

/** The wire form of a pretty-printed sample: whitespace between tags removed, then libxml2's C14N. */
function canonicalSample(xml: string): string {
  return c14nWithXmllint(xml.replace(/>\s+</g, '><').trim());
}

function findOperation(
  file: string,
  root: string,
  envelope: string | undefined,
  element: string,
): OperationDescriptor {
  const module = documentModule(file, root)?.module;
  const hit = Object.values(ops).find(
    (op) => op.module === module && (op.envelope ?? undefined) === envelope && op.element === element,
  );
  if (!hit) throw new Error(`${file}: no operation for ${root}/${envelope}/${element}`);
  return hit;
}

interface Call {
  readonly op: OperationDescriptor;
  readonly attributes: Rec;
  readonly data: unknown;
  /** The sample is a fragment: compare the data element only. */
  readonly fragment: boolean;
}

function callFor(file: string): Call {
  const xml = readFileSync(path.join(SAMPLES, file), 'utf8');
  const root = parseXml(xml);
  const fragmentOp = FRAGMENTS[root.name]?.operation;
  if (fragmentOp) {
    const op = ops[fragmentOp]!;
    const value = decodeTree(modules[op.module], op.dataType, root, root.name, LEXICAL).value;
    const attributes: Rec = op.envelope ? { Date: '2024-04-12' } : {};
    return { op, attributes, data: op.many ? [value] : value, fragment: true };
  }
  const holder = root.name === 'MarketReport' ? root : root.children.find((c) => c.name !== 'Messages')!;
  const data = holder.children.filter((c) => c.name !== 'Messages').at(-1)!;
  const envelope = holder === root ? undefined : holder.name;
  const op = findOperation(file, root.name, envelope, data.name);
  const document = decodeDocument<Rec>(modules[op.module], root.name, xml, LEXICAL).value;
  const container = (envelope ? document[envelope] : document) as Rec;
  const attributes = Object.fromEntries(
    Object.entries(container).filter(([k]) => k !== op.element && !IDENTITY.has(k)),
  );
  return { op, attributes, data: container[op.element], fragment: false };
}

let keys: ClientPki;
let server: BareMmsServer;
let client: MmsClient;

beforeAll(async () => {
  keys = await clientPki();
  server = await startBareMmsServer(keys.pki, (op, payload) => ({
    payload: successAnswer(op, decodeDocument<Rec>(modules[op.module], op.root, payload).value, 7).payload,
  }));
  // The samples are the reference's models written as given, so no
  // convenience may change them: create_report_request.xml names its own
  // BSP, which a BSP's call would otherwise leave out (bspReportWithoutName).
  // The reference's samples as they are: no convenience applied, no rule checked (one offers 100 kW).
  client = clientFor(keys, server.urls, { conveniences: { bspReportWithoutName: false }, rules: 'off' });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  await keys?.pki.cleanup();
});

test('the request samples are all covered', () => {
  expect(samples.length).toBe(21);
});

test.each(samples)('%s', async (file) => {
  const { op, attributes, data, fragment } = callFor(file);
  const before = server.calls.length;
  const request = client.request as unknown as (
    o: string,
    a: unknown,
    d: unknown,
    x?: object,
  ) => Promise<unknown>;
  await request.call(client, op.id, attributes, data, INVALID_SAMPLES.has(file) ? { validate: 'off' } : {});
  const call = server.calls[before]!;
  expect(call.signatureValid).toBe(true);

  const expected = canonicalSample(readFileSync(path.join(SAMPLES, file), 'utf8'));
  if (fragment) {
    const start = call.payload.indexOf(`<${op.element}`);
    const endTag = `</${op.element}>`;
    expect(call.payload.slice(start, call.payload.lastIndexOf(endTag) + endTag.length)).toBe(expected);
  } else {
    expect(call.payload).toBe(expected);
  }
  // libxml2 agrees with the fixtures README on which samples are valid.
  expect(call.requestErrors.length > 0).toBe(INVALID_SAMPLES.has(file));
});
