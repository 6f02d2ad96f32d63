/**
 * Mutations for the fuzzers: blind byte edits (flips, truncation, ranges
 * duplicated or spliced in from another input, invalid UTF-8) and edits that
 * know a little XML (deep nesting, huge attribute counts, long texts, many
 * elements, DOCTYPE and entity injection, status attributes in another case,
 * unknown elements, namespace games). Each mutator keeps its output within
 * `maxBytes`, so a case never grows past the size its budget was made for.
 */
import type { Rng } from './rng.js';

export interface MutationContext {
  readonly rng: Rng;
  /** Other inputs of the same kind, for splicing. */
  readonly donors: readonly Buffer[];
  /** Largest output a mutation may produce. */
  readonly maxBytes: number;
}

export interface Mutator {
  readonly name: string;
  readonly weight: number;
  readonly apply: (input: Buffer, ctx: MutationContext) => Buffer;
}

/** Applies `count` mutators chosen by weight; returns the result and their names. */
export function mutate(
  input: Buffer,
  ctx: MutationContext,
  mutators: readonly Mutator[],
  count: number,
): { bytes: Buffer; applied: string[] } {
  let bytes = input;
  const applied: string[] = [];
  const table = mutators.map((m) => [m.weight, m] as const);
  for (let i = 0; i < count; i++) {
    const m = ctx.rng.weighted(table);
    bytes = m.apply(bytes, ctx);
    if (bytes.length > ctx.maxBytes) bytes = bytes.subarray(0, ctx.maxBytes);
    applied.push(m.name);
  }
  return { bytes, applied };
}

/** How many mutations a case gets: none sometimes (the seed itself), mostly one or two. */
export function mutationCount(rng: Rng): number {
  return rng.weighted([
    [8, 0],
    [45, 1],
    [25, 2],
    [12, 3],
    [10, rng.range(4, 8)],
  ]);
}

// ---------------------------------------------------------------------------
// Helpers

export function insertAt(buf: Buffer, at: number, insert: Buffer | string): Buffer {
  const ins = typeof insert === 'string' ? Buffer.from(insert, 'utf8') : insert;
  return Buffer.concat([buf.subarray(0, at), ins, buf.subarray(at)]);
}

export function replaceRange(buf: Buffer, from: number, to: number, insert: Buffer | string): Buffer {
  const ins = typeof insert === 'string' ? Buffer.from(insert, 'utf8') : insert;
  return Buffer.concat([buf.subarray(0, from), ins, buf.subarray(to)]);
}

/** `unit` `times` times over. */
export function repeated(unit: Buffer | string, times: number): Buffer {
  const u = typeof unit === 'string' ? Buffer.from(unit, 'utf8') : unit;
  if (u.length === 0 || times <= 0) return Buffer.alloc(0);
  return Buffer.alloc(u.length * times).fill(u);
}

/**
 * Counts for an amplifying mutation: the small ones (around the limits)
 * often, the huge ones (inputs near the size cap, which cost the most
 * time to run) a quarter of the time.
 */
function sizes(small: readonly number[], huge: readonly number[]): [number, number][] {
  return [
    ...small.map((n): [number, number] => [3 / small.length, n]),
    ...huge.map((n): [number, number] => [1 / huge.length, n]),
  ];
}

/** Room left under the size cap. */
function room(buf: Buffer, ctx: MutationContext): number {
  return Math.max(0, ctx.maxBytes - buf.length);
}

/** `unit` repeated as often as `n` says and the room allows (at least once when it fits). */
function repeatWithin(unit: string, n: number, limit: number): string {
  const size = Buffer.byteLength(unit);
  const times = Math.max(0, Math.min(n, Math.floor(limit / Math.max(1, size))));
  return unit.repeat(times);
}

/** Positions of `<` that open an element (a start or empty tag), found from a random point. */
function tagStart(buf: Buffer, rng: Rng): number | undefined {
  if (buf.length === 0) return undefined;
  for (let tries = 0; tries < 4; tries++) {
    let at = buf.indexOf(0x3c, rng.int(buf.length));
    if (at < 0) at = buf.indexOf(0x3c);
    while (at >= 0 && at + 1 < buf.length) {
      const c = buf[at + 1]!;
      if (c !== 0x2f && c !== 0x3f && c !== 0x21) return at;
      at = buf.indexOf(0x3c, at + 1);
    }
  }
  return undefined;
}

/** Where the name of the tag at `at` ends (first space, `/` or `>`). */
function nameEnd(buf: Buffer, at: number): number {
  let i = at + 1;
  while (i < buf.length && i < at + 200) {
    const c = buf[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
    i++;
  }
  return i;
}

/** A position just after some `>`, where text may go. */
function textPosition(buf: Buffer, rng: Rng): number {
  const at = buf.indexOf(0x3e, rng.int(Math.max(1, buf.length)));
  return at < 0 ? buf.length : at + 1;
}

function elementName(buf: Buffer, rng: Rng): string {
  const at = tagStart(buf, rng);
  if (at === undefined) return 'a';
  return buf.subarray(at + 1, nameEnd(buf, at)).toString('utf8') || 'a';
}

const INTERESTING_BYTES = [
  0x00, 0xff, 0x3c, 0x3e, 0x26, 0x22, 0x27, 0x3d, 0x2f, 0x0a, 0x0d, 0x2d, 0x20, 0x3a, 0x80, 0xc0, 0xed, 0x7f,
];

const INVALID_UTF8 = [
  [0xc3, 0x28],
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xef, 0xbb, 0xbf],
  [0xef, 0xbf, 0xbe],
  [0xc2, 0x85],
];

// ---------------------------------------------------------------------------
// Blind byte mutations

export const BYTE_MUTATORS: readonly Mutator[] = [
  {
    name: 'flip-bit',
    weight: 10,
    apply: (buf, { rng }) => {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      const at = rng.int(out.length);
      out[at] = out[at]! ^ (1 << rng.int(8));
      return out;
    },
  },
  {
    name: 'set-byte',
    weight: 8,
    apply: (buf, { rng }) => {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      out[rng.int(out.length)] = rng.chance(0.7) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
      return out;
    },
  },
  {
    name: 'insert-bytes',
    weight: 6,
    apply: (buf, ctx) =>
      insertAt(
        buf,
        ctx.rng.int(buf.length + 1),
        ctx.rng.bytes(Math.min(room(buf, ctx), ctx.rng.range(1, 16))),
      ),
  },
  {
    name: 'delete-range',
    weight: 6,
    apply: (buf, { rng }) => {
      if (buf.length === 0) return buf;
      const from = rng.int(buf.length);
      const to = Math.min(buf.length, from + rng.magnitude(buf.length));
      return replaceRange(buf, from, to, '');
    },
  },
  {
    name: 'truncate',
    weight: 8,
    apply: (buf, { rng }) => buf.subarray(0, rng.int(buf.length + 1)),
  },
  {
    name: 'duplicate-range',
    weight: 6,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      if (buf.length === 0) return buf;
      const from = rng.int(buf.length);
      const to = Math.min(buf.length, from + rng.magnitude(Math.min(buf.length, 4096)));
      const piece = buf.subarray(from, to);
      const times = Math.min(
        rng.magnitude(rng.chance(0.1) ? 10_000 : 8),
        Math.floor(room(buf, ctx) / Math.max(1, piece.length)),
      );
      if (times <= 0) return buf;
      return insertAt(buf, rng.int(buf.length + 1), repeated(piece, times));
    },
  },
  {
    name: 'splice-donor',
    weight: 6,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      if (ctx.donors.length === 0) return buf;
      const donor = rng.pick(ctx.donors);
      if (donor.length === 0) return buf;
      const from = rng.int(donor.length);
      const to = Math.min(donor.length, from + rng.magnitude(donor.length));
      const piece = donor.subarray(from, to);
      const at = rng.int(buf.length + 1);
      const cut = rng.chance(0.5)
        ? Math.min(buf.length, at + rng.magnitude(Math.max(1, buf.length - at)))
        : at;
      return replaceRange(buf, at, cut, piece);
    },
  },
  {
    name: 'invalid-utf8',
    weight: 5,
    apply: (buf, { rng }) => insertAt(buf, rng.int(buf.length + 1), Buffer.from(rng.pick(INVALID_UTF8))),
  },
  {
    name: 'line-endings',
    weight: 3,
    apply: (buf, { rng }) => {
      const text = buf.toString('latin1');
      const out = rng.pick([
        () => text.replace(/\r\n/g, '\n'),
        () => text.replace(/\r?\n/g, '\r\n'),
        () => text.replace(/\n/g, '\r'),
        () => text.replace(/\r/g, ''),
      ])();
      return Buffer.from(out, 'latin1');
    },
  },
];

// ---------------------------------------------------------------------------
// XML-aware mutations

const DOCTYPES = [
  '<!DOCTYPE r>',
  '<!DOCTYPE r [<!ENTITY e "x">]>',
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE r SYSTEM "file:///etc/passwd">',
  '<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>',
  '<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
  '<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "x.dtd">',
  '<!DOCTYPE',
  '<!ELEMENT r ANY>',
  '<!ATTLIST r a CDATA "x">',
];

const REFERENCES = [
  '&e;',
  '&d;',
  '&x;',
  '&lt;',
  '&amp;',
  '&quot;',
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#xDFFF;',
  '&#x110000;',
  '&#xFFFE;',
  '&#65;',
  '&#x1F600;',
  '&#65',
  '&amp',
  '&',
  '&#;',
  '&#x;',
  '&#99999999999999999999;',
  '&unknown;',
  '&lt',
];

const STATUS_VALUES: Readonly<Record<string, readonly string[]>> = {
  Success: [
    'False',
    'FALSE',
    'false',
    'True',
    'TRUE',
    '0',
    '1',
    ' true',
    'true ',
    'yes',
    '',
    'tru',
    'true\u0000',
    'ｔｒｕｅ',
  ],
  Validation: [
    'passed',
    'Passed',
    'FAILED',
    'failed',
    'PASSED_PARTIAL',
    'WARNING',
    'NOT_DONE',
    '',
    ' PASSED',
    'PASSED\n',
    'OK',
  ],
  ValidationStatus: ['passed', 'FAILED', 'PASSED_PARTIAL', 'WARNING', 'NOT_DONE', '', 'Failed'],
  Invalid: ['1', '-1', '1x', '1e3', '99999999999999999999', '0x1', '', ' 0', '0.5', 'NaN', 'INF', '+1', '00'],
};

const VALUES = [
  '',
  ' ',
  'NaN',
  'INF',
  '-INF',
  '-0',
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '0.' + '0'.repeat(300) + '1',
  '2024-02-30',
  '2024-13-01T25:61:61',
  '2024-03-15T12:00:00+09:00',
  '2024-03-15T12:00:00Z',
  '0001-01-01',
  '9999-12-31T23:59:59',
  '\u0000',
  '\u202Etxt',
  'x\uD83D\uDE00y',
  'e\u0301',
  '１２３',
  '&#x1F600;',
  '&lt;&gt;',
  'true',
  'false',
  'F100',
  'FAKEUSER',
  'F101',
  'DAM',
  'x'.repeat(10_000),
];

function statusNameVariant(rng: Rng, name: string): string {
  return rng.pick([
    name.toLowerCase(),
    name.toUpperCase(),
    name[0]!.toLowerCase() + name.slice(1),
    name + 'X',
  ]);
}

export const XML_MUTATORS: readonly Mutator[] = [
  {
    name: 'deep-nesting',
    weight: 3,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      const at = tagStart(buf, rng) ?? 0;
      const name = rng.pick(['a', elementName(buf, rng), 'p:a', 'Messages']);
      const decl = name.startsWith('p:') ? ' xmlns:p="urn:fuzz"' : '';
      const depth = rng.weighted(sizes([63, 64, 65, 66, 100, 1000, 10_000], [100_000, 300_000]));
      const open = `<${name}${decl}>`;
      const close = `</${name}>`;
      const n = Math.min(depth, Math.floor(room(buf, ctx) / (open.length + close.length)));
      const closed = rng.chance(0.7);
      return insertAt(buf, at, open.repeat(n) + (closed ? close.repeat(n) : ''));
    },
  },
  {
    name: 'many-attributes',
    weight: 3,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      const at = tagStart(buf, rng);
      if (at === undefined) return buf;
      const n = rng.weighted(sizes([2, 255, 256, 257, 1000], [10_000, 100_000]));
      const kind = rng.int(6);
      const unit = (i: number): string => {
        switch (kind) {
          case 0:
            return ` a${i}="${i}"`;
          case 1:
            return ` xmlns:p${i}="urn:p${i}"`;
          case 2:
            return ` f:a${i}="1"`;
          case 3:
            return ' dup="1"';
          case 4:
            return ` xsi:a${i}="1"`;
          default:
            return ` Success${i % 2 ? '' : i}="false"`;
        }
      };
      const prefix =
        kind === 2
          ? ' xmlns:f="urn:f"'
          : kind === 4
            ? ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            : '';
      const parts: string[] = [prefix];
      let size = prefix.length;
      const limit = room(buf, ctx);
      for (let i = 0; i < n; i++) {
        const u = unit(i);
        if (size + u.length > limit) break;
        parts.push(u);
        size += u.length;
      }
      return insertAt(buf, nameEnd(buf, at), parts.join(''));
    },
  },
  {
    name: 'long-text',
    weight: 3,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      const length = rng.weighted(sizes([100, 1000, 10_000, 100_000], [1_000_000, 3_000_000]));
      const limit = Math.min(length, room(buf, ctx));
      const unit = rng.pick([
        'A',
        ' ',
        '\n',
        '&amp;',
        '&#x3042;',
        'あ',
        '𠮷',
        'QUJD',
        '<![CDATA[x]]>',
        ']]>',
        '<!--c-->',
      ]);
      let text = repeatWithin(unit, Math.ceil(length / unit.length), limit);
      const wrap = rng.int(4);
      if (wrap === 1) text = `<![CDATA[${text.replace(/]]>/g, '')}]]>`;
      else if (wrap === 2) text = `<!--${text.replace(/--/g, '')}-->`;
      else if (wrap === 3) text = `<?pi ${text.replace(/\?>/g, '')}?>`;
      return insertAt(buf, textPosition(buf, rng), text);
    },
  },
  {
    name: 'many-elements',
    weight: 3,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      const at = tagStart(buf, rng);
      if (at === undefined) return buf;
      let unit: Buffer;
      if (rng.chance(0.5)) {
        // An element of the document, up to its first closing tag.
        const name = buf.subarray(at + 1, nameEnd(buf, at)).toString('latin1');
        const gt = buf.indexOf(0x3e, at);
        if (gt < 0) return buf;
        let end = gt + 1;
        if (buf[gt - 1] !== 0x2f) {
          const close = buf.indexOf(`</${name}>`, gt, 'latin1');
          if (close < 0) return buf;
          end = close + name.length + 3;
        }
        unit = buf.subarray(at, end);
      } else {
        unit = Buffer.from(
          rng.pick(['<a/>', '<Unknown x="1"/>', '<Messages/>', '<p:x xmlns:p="urn:x"/>', '<Error>e</Error>']),
        );
      }
      const n = Math.min(
        rng.weighted(sizes([10, 100, 1000], [100_000, 1_000_000])),
        Math.floor(room(buf, ctx) / Math.max(1, unit.length)),
      );
      if (n <= 0) return buf;
      return insertAt(buf, at, repeated(unit, n));
    },
  },
  {
    name: 'doctype',
    weight: 3,
    apply: (buf, { rng }) => {
      const decl = rng.pick(DOCTYPES);
      const text = buf.toString('utf8');
      const afterDecl = text.startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
      const at = rng.chance(0.8) ? Buffer.byteLength(text.slice(0, afterDecl)) : textPosition(buf, rng);
      return insertAt(buf, at, decl);
    },
  },
  {
    name: 'reference',
    weight: 4,
    apply: (buf, { rng }) => {
      const ref = rng.pick(REFERENCES);
      if (rng.chance(0.5)) return insertAt(buf, textPosition(buf, rng), ref);
      // Inside an attribute value.
      const at = buf.indexOf('="', rng.int(Math.max(1, buf.length)), 'latin1');
      return at < 0 ? buf : insertAt(buf, at + 2, ref);
    },
  },
  {
    name: 'status-value',
    weight: 6,
    apply: (buf, { rng }) => {
      const text = buf.toString('utf8');
      const matches = [...text.matchAll(/\b(Success|Validation|ValidationStatus|Invalid)="([^"]*)"/g)];
      if (matches.length === 0) {
        // Give some element a status of its own.
        const at = tagStart(buf, rng);
        if (at === undefined) return buf;
        const name = rng.pick(Object.keys(STATUS_VALUES));
        const attr = ` ${rng.chance(0.3) ? statusNameVariant(rng, name) : name}="${rng.pick(STATUS_VALUES[name]!)}"`;
        return insertAt(buf, nameEnd(buf, at), attr);
      }
      const m = rng.pick(matches);
      const name = m[1]!;
      const replacement = rng.chance(0.25)
        ? `${statusNameVariant(rng, name)}="${m[2]}"`
        : `${name}="${rng.pick(STATUS_VALUES[name]!)}"`;
      return Buffer.from(text.slice(0, m.index) + replacement + text.slice(m.index! + m[0].length), 'utf8');
    },
  },
  {
    name: 'messages',
    weight: 4,
    apply: (buf, { rng }) => {
      const entry = rng.pick([
        '<Messages><Error Code="E1">rejected</Error></Messages>',
        '<Messages><Warning Code="W1">careful</Warning></Messages>',
        '<Messages><Information Code="I1">fyi</Information></Messages>',
        '<Messages><Fatal Code="F">x</Fatal></Messages>',
        '<Messages><error>x</error></Messages>',
        '<Messages>text only</Messages>',
        '<Messages><Error/></Messages>',
        '<Messages><Error Code="E1"><Nested/></Error></Messages>',
        '<Error Code="E9">loose</Error>',
        '<Messages xmlns="urn:x"><Error>x</Error></Messages>',
      ]);
      const at = tagStart(buf, rng);
      if (at === undefined) return buf;
      const gt = buf.indexOf(0x3e, at);
      if (gt < 0 || buf[gt - 1] === 0x2f) return insertAt(buf, at, entry);
      return insertAt(buf, gt + 1, entry);
    },
  },
  {
    name: 'unknown-element',
    weight: 4,
    apply: (buf, { rng }) => {
      const at = tagStart(buf, rng) ?? buf.length;
      const el = rng.pick([
        '<Foo>bar</Foo>',
        '<Foo/>',
        '<ns:Foo xmlns:ns="urn:x">y</ns:Foo>',
        '<Foo Success="true"/>',
        '<ProcessingStatistics Received="1" Valid="0" Invalid="1"/>',
        '<MarketSubmit/>',
        '<RegistrationSubmit/>',
        `<${elementName(buf, rng)}/>`,
      ]);
      return insertAt(buf, at, el);
    },
  },
  {
    name: 'rename-element',
    weight: 4,
    apply: (buf, { rng }) => {
      const at = tagStart(buf, rng);
      if (at === undefined) return buf;
      const end = nameEnd(buf, at);
      if (end <= at + 1) return buf;
      const out = Buffer.from(buf);
      const i = rng.range(at + 1, end - 1);
      const c = String.fromCharCode(out[i]!);
      out[i] = (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()).charCodeAt(0) & 0xff;
      return out;
    },
  },
  {
    name: 'namespace',
    weight: 4,
    apply: (buf, { rng }) => {
      const at = tagStart(buf, rng);
      if (at === undefined) return buf;
      const games = [
        ' xmlns="urn:evil"',
        ' xmlns=""',
        ' xmlns:p="urn:p" p:Success="true"',
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"',
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Other"',
        ' xmlns:xml="urn:not-xml"',
        ' xmlns:xmlns="urn:x"',
        ' q:attr="1"',
        ' xml:lang="ja"',
        ' xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"',
      ];
      if (rng.chance(0.2)) {
        // An undeclared prefix on the element itself.
        return insertAt(buf, at + 1, 'u:');
      }
      return insertAt(buf, nameEnd(buf, at), rng.pick(games));
    },
  },
  {
    name: 'attribute-value',
    weight: 6,
    apply: (buf, { rng }) => {
      const at = buf.indexOf('="', rng.int(Math.max(1, buf.length)), 'latin1');
      if (at < 0) return buf;
      const end = buf.indexOf(0x22, at + 2);
      if (end < 0) return buf;
      const value = rng.pick(VALUES).replace(/"/g, '&quot;').replace(/</g, '&lt;');
      return replaceRange(buf, at + 2, end, value);
    },
  },
  {
    name: 'text-value',
    weight: 3,
    apply: (buf, { rng }) => {
      const at = textPosition(buf, rng);
      const end = buf.indexOf(0x3c, at);
      if (end < 0) return buf;
      return replaceRange(
        buf,
        at,
        end,
        rng
          .pick(VALUES)
          .replace(/&(?!#)/g, '&amp;')
          .replace(/</g, '&lt;'),
      );
    },
  },
  {
    name: 'document-frame',
    weight: 4,
    apply: (buf, { rng }) => {
      switch (rng.int(10)) {
        case 0:
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
        case 1:
          return Buffer.concat([Buffer.from('<?xml version="1.1" encoding="Shift_JIS"?>'), buf]);
        case 2:
          return insertAt(buf, textPosition(buf, rng), '<?xml version="1.0"?>');
        case 3:
          return Buffer.concat([buf, Buffer.from('<second/>')]);
        case 4:
          return Buffer.concat([buf, Buffer.from('trailing garbage')]);
        case 5:
          return Buffer.concat([Buffer.from('  \n\t'), buf]);
        case 6:
          return Buffer.concat([Buffer.from([0xfe, 0xff]), buf]);
        case 7:
          return Buffer.from(buf.toString('utf8').replace(/^<\?xml[^>]*\?>/, ''), 'utf8');
        case 8:
          return Buffer.concat([Buffer.from('<!-- c --><?pi x?>'), buf, Buffer.from('<!-- tail -->')]);
        default:
          return Buffer.from('');
      }
    },
  },
  {
    name: 'close-tag',
    weight: 4,
    apply: (buf, { rng }) => {
      const at = buf.indexOf('</', rng.int(Math.max(1, buf.length)), 'latin1');
      if (at < 0) return buf;
      const gt = buf.indexOf(0x3e, at);
      if (gt < 0) return buf;
      switch (rng.int(3)) {
        case 0:
          return replaceRange(buf, at, gt + 1, '');
        case 1:
          return replaceRange(buf, at, gt + 1, '</Mismatch>');
        default:
          return insertAt(buf, gt + 1, buf.subarray(at, gt + 1));
      }
    },
  },
];

/** Byte and XML mutations together: the default for XML inputs. */
export const XML_INPUT_MUTATORS: readonly Mutator[] = [...BYTE_MUTATORS, ...XML_MUTATORS];
