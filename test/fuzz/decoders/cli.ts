/**
 * The CLI's JSON input: `parseInput(text)` (UsageError for a wrong outer
 * shape, a typed outcome here) and then the client's refusal path,
 * `MmsClient.request(op, attributes, data)` with strict validation. The
 * client holds the real certificate of ../shared/fixtures/fake.p12 and
 * points at a closed port on 127.0.0.1 with one attempt, so a valid input
 * ends in CONNECTION_FAILED after being validated, encoded and signed, and
 * an invalid one in INVALID_INPUT, INVALID_REQUEST or AUDIENCE.
 *
 * Seeds: a valid request for every operation (test/helpers/arbitrary.ts),
 * and JSON values from fast-check's `jsonValue`. Mutations: of the JSON
 * value (types swapped, members dropped or added, `__proto__`, lists made
 * long, deep nesting, odd strings and numbers) and of the text (byte edits,
 * escapes of lone surrogates, duplicate keys, numbers out of range).
 */
import path from 'node:path';
import fc from 'fast-check';
import { MmsClient } from '../../../src/client/client.js';
import { parseInput } from '../../../src/cli/call.js';
import { UsageError } from '../../../src/cli/exit-codes.js';
import { Certificate } from '../../../src/security/certificate.js';
import { randomRequest } from '../../helpers/client-fixtures.js';
import { closedPort } from '../../helpers/mtls-server.js';
import { FIXTURES } from '../../helpers/paths.js';
import type { DecoderDefinition, FuzzCase } from '../harness.js';
import { ALL_OPERATIONS } from '../corpus.js';
import { BYTE_MUTATORS, insertAt, mutate, type Mutator } from '../mutate.js';
import { caseSeed, hashString, Rng } from '../rng.js';

const MAX_BYTES = 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  '\u0001\u001b[2J',
  '\uD800',
  '\uDC00x',
  '\uFFFE',
  '2024-02-30',
  '2024-03-15T12:00:00+09:00',
  '2024-03-15T24:00:00',
  'F101',
  'f100',
  'FAKEUSER',
  'DAM',
  '１２３',
  'NaN',
  '1e999',
  '-0',
  '<x>&amp;</x>',
  ']]>',
  'e\u0301',
  '\u202E',
];

const ODD_NUMBERS = [0, -0, -1, 1.5, 1e21, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 0.1 + 0.2, 123456789.12345679];

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'value',
  'Success',
  'Messages',
  'ProcessingStatistics',
  'Foo',
  '',
  ' ',
];

function oddLeaf(rng: Rng): Json {
  switch (rng.int(6)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick(ODD_NUMBERS);
    case 3:
      return rng.pick(ODD_STRINGS);
    case 4:
      return [];
    default:
      return {};
  }
}

interface Slot {
  readonly get: () => Json;
  readonly set: (v: Json) => void;
  readonly parent?: Json;
  readonly key?: string | number;
}

/** A random node of a JSON value below the root, and a way to replace it (the root itself cannot be replaced). */
function randomSlot(root: Json, rng: Rng): Slot {
  let slot: Slot = { get: () => root, set: () => undefined };
  let node: Json = root;
  for (let depth = 0; depth < 12; depth++) {
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0 || (depth > 0 && rng.chance(0.25))) break;
    const key = rng.pick(keys);
    const parent = node as Record<string | number, Json>;
    slot = { get: () => parent[key]!, set: (v) => void (parent[key] = v), parent, key };
    node = slot.get();
  }
  return slot;
}

function deep(n: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
}

/** Value-level mutations; returns the new root. */
function mutateValue(root: Json, rng: Rng, applied: string[]): Json {
  const top: Record<string, Json> =
    root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {};
  switch (rng.int(13)) {
    case 0: {
      const slot = randomSlot(root, rng);
      slot.set(oddLeaf(rng));
      applied.push('leaf');
      return root;
    }
    case 1: {
      const slot = randomSlot(root, rng);
      if (slot.parent && typeof slot.parent === 'object') {
        if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
        else delete (slot.parent as Record<string, Json>)[String(slot.key)];
      }
      applied.push('delete');
      return root;
    }
    case 2: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        Object.defineProperty(v, rng.pick(ODD_KEYS), {
          value: oddLeaf(rng),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      applied.push('add-key');
      return root;
    }
    case 3: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      slot.set(Array.isArray(v) ? (v[0] ?? null) : [v]);
      applied.push('wrap');
      return root;
    }
    case 4: {
      // A long list: the data element repeated.
      const data = top['data'];
      const item = Array.isArray(data) ? data[0] : data;
      const size = JSON.stringify(item ?? null).length + 1;
      const n = Math.min(
        rng.weighted([
          [4, 10],
          [2, 100],
          [1, 1000],
          [0.5, 10_000],
          [0.5, 100_000],
        ]),
        Math.floor(MAX_BYTES / 2 / size),
      );
      // One item referenced n times: cheap to make and to print. Mutations
      // stop here, as a later one would change every item at once.
      top['data'] = Array.from({ length: Math.max(1, n) }, () => item ?? null);
      applied.push(`long-list(${n})`, 'last');
      return top;
    }
    case 5: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      if (typeof v === 'number') slot.set(String(v));
      else if (typeof v === 'string') slot.set(Number(v));
      else if (typeof v === 'boolean') slot.set(String(v));
      applied.push('retype');
      return root;
    }
    case 6: {
      top['attributes'] = rng.pick<Json>([
        null,
        [],
        'x',
        1,
        { ParticipantName: 'F101' },
        { UserName: 'OTHER' },
        { ApplicationType: 'X' },
        { Date: '2024-02-30' },
        { Date: 20240315 },
        {},
      ]);
      applied.push('attributes');
      return top;
    }
    case 7: {
      const r = rng.pick<Json>([
        null,
        [],
        'x',
        1,
        true,
        {},
        { attributes: {} },
        { data: null },
        { data: [] },
        { data: {}, extra: 1 },
        [top],
      ]);
      applied.push('top');
      return r;
    }
    case 8: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      if (typeof v === 'string')
        slot.set(rng.pick([v.toLowerCase(), v.toUpperCase(), ` ${v}`, `${v}\n`, v + v, v.slice(1)]));
      applied.push('string');
      return root;
    }
    case 9: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const n = Math.min(rng.pick([100, 10_000, 100_000]), Math.floor(MAX_BYTES / 16));
        for (let i = 0; i < n; i++) v[`k${i}`] = i;
        applied.push(`wide(${n})`);
      }
      return root;
    }
    case 10: {
      const slot = randomSlot(root, rng);
      const v = slot.get();
      if (Array.isArray(v) && v.length > 0) slot.set([]);
      else if (typeof v === 'object' && v !== null) slot.set({});
      applied.push('empty');
      return root;
    }
    case 12: {
      // Many tiny items, each breaking every rule of the data type: the
      // most violations per input byte.
      const item = rng.pick<Json>([{}, [], null, 0, '', { Foo: 1 }]);
      const n = rng.weighted([
        [2, 100],
        [1, 10_000],
        [1, 100_000],
        [1, Math.floor(MAX_BYTES / (JSON.stringify(item).length + 1))],
      ]);
      top['data'] = Array.from({ length: n }, () => item);
      applied.push(`tiny-items(${n})`, 'last');
      return top;
    }
    default: {
      // A value nested deeper than any schema type.
      const slot = randomSlot(root, rng);
      const n = rng.pick([10, 100, 1000]);
      slot.set(JSON.parse(deep(n, rng.chance(0.5) ? 'array' : 'object')) as Json);
      applied.push(`deep(${n})`);
      return root;
    }
  }
}

const TEXT_MUTATORS: readonly Mutator[] = [
  ...BYTE_MUTATORS,
  {
    name: 'json-escape',
    weight: 4,
    apply: (buf, { rng }) => {
      const at = buf.indexOf(0x22, rng.int(Math.max(1, buf.length)));
      return at < 0
        ? buf
        : insertAt(
            buf,
            at + 1,
            rng.pick(['\\ud800', '\\udc00', '\\u0000', '\\uffff', '\\u', '\\x41', '\\', '\\"', '\\u00e9']),
          );
    },
  },
  {
    name: 'json-number',
    weight: 3,
    apply: (buf, { rng }) => {
      const text = buf.toString('utf8');
      const numbers = [...text.matchAll(/(?<=[:[,])-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return buf;
      const m = rng.pick(numbers);
      const r = rng.pick([
        '1e400',
        '-1e400',
        '1E-400',
        '00',
        '-',
        '1.',
        '.5',
        '0x10',
        '9'.repeat(400),
        'NaN',
        'Infinity',
        '1_000',
      ]);
      return Buffer.from(text.slice(0, m.index) + r + text.slice(m.index! + m[0].length), 'utf8');
    },
  },
  {
    name: 'json-duplicate-key',
    weight: 3,
    apply: (buf, { rng }) => {
      const text = buf.toString('utf8');
      const keys = [...text.matchAll(/"(\w+)":/g)];
      if (keys.length === 0) return buf;
      const m = rng.pick(keys);
      return Buffer.from(`${text.slice(0, m.index)}"${m[1]}": null, ${text.slice(m.index)}`, 'utf8');
    },
  },
  {
    name: 'json-frame',
    weight: 3,
    apply: (buf, { rng }) => {
      switch (rng.int(6)) {
        case 0:
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
        case 1:
          return Buffer.concat([buf, Buffer.from(rng.pick([',', '}', ' // c', '\n{}', '\u0000']))]);
        case 2:
          return Buffer.concat([Buffer.from('/* c */'), buf]);
        case 3:
          return Buffer.from(buf.toString('utf8').replace(/}$/, ',}'), 'utf8');
        case 4:
          return Buffer.from(deep(rng.pick([1000, 100_000, 400_000]), 'array'));
        default:
          return Buffer.from('');
      }
    },
  },
];

function textOf(value: Json | undefined): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

export const cliDecoder: DecoderDefinition = {
  name: 'cli',
  description:
    "the CLI's JSON input: parseInput, then MmsClient.request with strict validation (closed port)",
  expected: [
    'UsageError',
    'MmsInputError:INVALID_INPUT',
    'MmsClientError:INVALID_REQUEST',
    'AudienceError:AUDIENCE',
    'MmsTransportError:CONNECTION_FAILED',
  ],
  typed: (err) => (err instanceof UsageError ? 'UsageError' : undefined),
  async setup(seed) {
    const certificate = await Certificate.fromFile(path.join(FIXTURES, 'fake.p12'), '');
    const port = await closedPort();
    const origin = `https://127.0.0.1:${port}`;
    // fake.p12's subject (CN=Fake, O=ElectroRoute Japan) has no MMS shape,
    // so the identity check cannot compare it: a warning to the silent logger.
    const client = new MmsClient({
      participant: 'F100',
      user: 'FAKEUSER',
      clientType: 'bsp',
      certificate,
      domain: 'example.test',
      urls: { MI: `${origin}/axis2/services/MiWebService`, OMI: `${origin}/axis2/services/OmiWebService` },
      retry: { maxAttempts: 1 },
      validate: 'strict',
    });
    const seeds: { name: string; op: string; text: string }[] = [];
    for (const op of ALL_OPERATIONS) {
      for (let k = 0; k < 2; k++) {
        const request = randomRequest(op, (seed + k) | 0);
        seeds.push({ name: `${op.id}/${k}`, op: op.id, text: JSON.stringify(request) });
      }
    }
    const jsonValues = fc.sample(fc.jsonValue({ maxDepth: 4 }), {
      numRuns: 60,
      seed: hashString('cli-json', seed >>> 0) | 0,
    });
    jsonValues.forEach((v, k) => {
      const text = k % 2 === 0 ? JSON.stringify({ attributes: {}, data: v }) : (JSON.stringify(v) ?? 'null');
      seeds.push({ name: `jsonValue/${k}`, op: ALL_OPERATIONS[k % ALL_OPERATIONS.length]!.id, text });
    });
    const donors = seeds.map((s) => Buffer.from(s.text, 'utf8'));
    return {
      generate(index): FuzzCase {
        const rng = new Rng(caseSeed(seed, 'cli', index));
        const s = rng.pick(seeds);
        const op = rng.chance(0.85) ? s.op : rng.pick(ALL_OPERATIONS).id;
        const applied: string[] = [];
        let bytes: Buffer;
        const mode = rng.weighted([
          [25, 'valid'],
          [45, 'value'],
          [30, 'text'],
        ] as const);
        if (mode === 'valid') bytes = Buffer.from(s.text, 'utf8');
        else if (mode === 'value') {
          let value = JSON.parse(s.text) as Json;
          for (let i = rng.range(1, 3); i > 0 && applied[applied.length - 1] !== 'last'; i--)
            value = mutateValue(value, rng, applied);
          bytes = Buffer.from(textOf(value), 'utf8');
        } else {
          const r = mutate(
            Buffer.from(s.text, 'utf8'),
            { rng, donors, maxBytes: MAX_BYTES },
            TEXT_MUTATORS,
            rng.range(1, 4),
          );
          bytes = r.bytes;
          applied.push(...r.applied);
        }
        return {
          index,
          label: [op, s.name, mode, ...applied].join(' '),
          size: bytes.length,
          bytes,
          meta: { op },
        };
      },
      async run(c) {
        const input = parseInput(Buffer.from(c.bytes).toString('utf8'), 'the fuzz input');
        const request = client.request as (op: string, a: unknown, d: unknown) => Promise<unknown>;
        return request.call(client, c.meta['op'] as string, input.attributes, input.data);
      },
      close() {
        client.close();
      },
    };
  },
};
