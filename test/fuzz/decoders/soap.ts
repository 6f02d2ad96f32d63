/**
 * SOAP envelopes: `parseResponseEnvelope(xml, resolve, { limits })`, the
 * envelope as bytes (as the transport passes it) or as a string, on
 * envelopes from `buildResponseEnvelope` and `buildFaultEnvelope` (SOAP 1.1),
 * hand-written SOAP 1.2 faults and prefix variants. Mutations: the byte and
 * XML ones, plus booleans, data types, `xop:Include` hrefs, inline base64,
 * the Body's structure and namespaces, and strings the UTF-8 decoder never
 * makes (lone surrogates, U+FFFE).
 */
import { MmsClientError } from '../../../src/errors.js';
import { MAX_DEPTH_LIMIT, type ParseLimits } from '../../../src/xml/parser.js';
import {
  buildFaultEnvelope,
  buildResponseEnvelope,
  parseResponseEnvelope,
  SOAP11_NS,
  SOAP12_NS,
  type BinaryContent,
} from '../../../src/transport/soap.js';
import { payloadSamples } from '../corpus.js';
import type { DecoderDefinition, FuzzCase } from '../harness.js';
import {
  insertAt,
  mutate,
  mutationCount,
  replaceRange,
  XML_INPUT_MUTATORS,
  type Mutator,
} from '../mutate.js';
import { caseSeed, hashString, Rng } from '../rng.js';
import type { Interface } from '../../../src/vocabulary.js';

/** Inputs up to 1 MiB: the size the time budget is made for (1 s). */
const MAX_BYTES = 1024 * 1024;

/** Parts the resolver knows; any other Content-ID fails as decodeMessage's resolver does. */
const PARTS = new Map<string, Buffer>([
  ['payload@example.test', Buffer.from('<MarketData/>')],
  ['att0@example.test', Buffer.from([0, 1, 2, 3])],
  ['att1@example.test', Buffer.alloc(1024, 7)],
]);

function resolve(cid: string): Uint8Array {
  const found = PARTS.get(cid);
  if (!found)
    throw new MmsClientError(
      'DECODE_ERROR',
      `Cannot decode the MIME response: cid:${cid} names no MIME part.`,
    );
  return found;
}

function binary(rng: Rng): BinaryContent {
  if (rng.chance(0.5))
    return {
      contentId: rng.pick([
        ...PARTS.keys(),
        'missing@example.test',
        '<att0@example.test>',
        'payload%40example.test',
      ]),
    };
  return { bytes: rng.chance(0.5) ? rng.pick(payloadSamples()).bytes : rng.bytes(rng.magnitude(2048)) };
}

function buildSeeds(seed: number): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  for (let k = 0; k < 60; k++) {
    const rng = new Rng(hashString(`soap-seed${k}`, seed >>> 0));
    const iface: Interface = rng.chance(0.8) ? 'MI' : 'OMI';
    let xml: string;
    const kind = k % 10;
    if (kind < 7) {
      xml = buildResponseEnvelope(iface, {
        success: rng.chance(0.8),
        warnings: rng.chance(0.2),
        responseBinary: rng.chance(0.2),
        responseCompressed: rng.chance(0.1),
        responseDataType: rng.pick(['XML', 'XML', 'CSV', 'HTML', 'JSON', 'TXT']),
        ...(rng.chance(0.3)
          ? { responseFilename: rng.pick(['report.csv', ' spaced name.pdf ', 'レポート.zip']) }
          : {}),
        ...(rng.chance(0.9) ? { responseData: binary(rng) } : {}),
        attachmentData: Array.from({ length: rng.pick([0, 0, 1, 3]) }, (_, i) => ({
          ...(rng.chance(0.9) ? { binaryData: binary(rng) } : {}),
          ...(rng.chance(0.5) ? { signature: 'c2lnbmF0dXJl' } : {}),
          ...(rng.chance(0.7) ? { name: `attachment${i}.pdf` } : {}),
        })),
      });
    } else if (kind < 9) {
      xml = buildFaultEnvelope({
        code: rng.pick(['soapenv:Server', 'soapenv:Client', 'x:Other']),
        message: rng.pick(['Internal error', 'Authentication failed', '認証エラー']),
        ...(rng.chance(0.6) ? { detail: rng.pick(['ERR-1', 'stack trace\n  at x']) } : {}),
      });
    } else {
      xml =
        `<?xml version="1.0"?><env:Envelope xmlns:env="${SOAP12_NS}"><env:Body><env:Fault>` +
        `<env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Bad <b>thing</b></env:Text></env:Reason>` +
        `<env:Detail><e>1</e><e>2</e></env:Detail></env:Fault></env:Body></env:Envelope>`;
    }
    // Prefix and layout variants a server may send.
    switch (rng.int(5)) {
      case 0:
        xml = xml.replace(/soapenv:/g, 'S:').replace(/xmlns:soapenv=/g, 'xmlns:S=');
        break;
      case 1:
        xml = xml.replace(
          /<soapenv:Body>/,
          '<soapenv:Header><h:x xmlns:h="urn:h">1</h:x></soapenv:Header><soapenv:Body>',
        );
        break;
      case 2:
        xml = xml.replace(/<(\/?)(success|warnings|responseDataType|responseData)>/g, '<$1mms:$2>');
        break;
      case 3:
        xml = xml.replace(/></g, '>\n  <');
        break;
      default:
        break;
    }
    out.push({ name: `soap/${k}`, xml });
  }
  return out;
}

/** Replaces the text of the first `<name>…</name>` found from a random point. */
function replaceElementText(
  buf: Buffer,
  rng: Rng,
  names: readonly string[],
  values: readonly string[],
): Buffer {
  const name = rng.pick(names);
  const open = buf.indexOf(`<${name}>`, 0, 'latin1');
  if (open < 0) return buf;
  const start = open + name.length + 2;
  const close = buf.indexOf(`</${name}>`, start, 'latin1');
  if (close < 0) return buf;
  return replaceRange(buf, start, close, rng.pick(values));
}

const SOAP_MUTATORS: readonly Mutator[] = [
  {
    name: 'soap-boolean',
    weight: 5,
    apply: (buf, { rng }) =>
      replaceElementText(
        buf,
        rng,
        ['success', 'warnings', 'responseBinary', 'responseCompressed'],
        ['TRUE', 'True', ' true ', '1', '0', 'yes', '', 'tru', 'false\n', 'true<x/>', '&#x74;rue'],
      ),
  },
  {
    name: 'soap-datatype',
    weight: 3,
    apply: (buf, { rng }) =>
      replaceElementText(
        buf,
        rng,
        ['responseDataType', 'responseFilename'],
        [
          'xml',
          '',
          'CSV',
          'HTML',
          'JSON',
          'TXT',
          'PDF',
          'X'.repeat(100_000),
          '\u001b[31m',
          '<![CDATA[XML]]>',
          '../../etc/passwd',
        ],
      ),
  },
  {
    name: 'soap-href',
    weight: 5,
    apply: (buf, { rng }) => {
      const at = buf.indexOf('href="', 0, 'latin1');
      if (at < 0) return buf;
      const end = buf.indexOf(0x22, at + 6);
      if (end < 0) return buf;
      return replaceRange(
        buf,
        at + 6,
        end,
        rng.pick([
          'cid:%E0%A4%A',
          'CID:payload@example.test',
          'cid:',
          'cid:&lt;payload@example.test&gt;',
          'cid:%3Cpayload%40example.test%3E',
          'http://127.0.0.1/x',
          '',
          `cid:${'a'.repeat(10_000)}`,
          'cid:%',
          'cid:missing@example.test',
          'cid:%00',
          'cid:%uD800',
        ]),
      );
    },
  },
  {
    name: 'soap-include',
    weight: 3,
    apply: (buf, { rng }) => {
      const text = buf.toString('utf8');
      const m = /<xop:Include[^>]*\/>/.exec(text);
      if (!m) return buf;
      const include = m[0];
      const variants = [
        '',
        include.replace(/ href="[^"]*"/, ''),
        include + include,
        `QUJD${include}`,
        include.replace('xop:Include', 'xop:include'),
        include.replace(/xmlns:xop="[^"]*"/, 'xmlns:xop="urn:not-xop"'),
        `<other>${include}</other>`,
      ];
      return Buffer.from(
        text.slice(0, m.index) + rng.pick(variants) + text.slice(m.index + include.length),
        'utf8',
      );
    },
  },
  {
    name: 'soap-base64',
    weight: 4,
    apply: (buf, ctx) => {
      const { rng } = ctx;
      const raw = Math.floor(
        0.74 * Math.max(0, Math.min(ctx.maxBytes - buf.length, rng.pick([1000, 100_000, 1_000_000]))),
      );
      const big = Buffer.alloc(raw, 0x41).toString('base64');
      return replaceElementText(
        buf,
        rng,
        ['responseData', 'binaryData'],
        [
          '====',
          'QQ=',
          'QQ==QQ==',
          ' Q Q = = ',
          '*',
          '',
          big,
          big.replace(/.{76}/g, '$&\n'),
          `${big}=`,
          'QUJD\u00a0',
        ],
      );
    },
  },
  {
    name: 'soap-structure',
    weight: 4,
    apply: (buf, { rng }) => {
      const text = buf.toString('utf8');
      const games: (() => string)[] = [
        () => text.replace(/<([\w]+:)?Body>[\s\S]*<\/([\w]+:)?Body>/, ''),
        () => text.replace(/(<([\w]+:)?Body>)[\s\S]*(<\/([\w]+:)?Body>)/, '$1$3'),
        () => text.replace(/(<([\w]+:)?Body>)([\s\S]*)(<\/([\w]+:)?Body>)/, '$1$3$3$4'),
        () => text.replace(/(<([\w]+:)?Body>)/, '$1some text'),
        () => text.split(SOAP11_NS).join(SOAP12_NS),
        () => text.split(SOAP11_NS).join('urn:not-soap'),
        () => text.replace(/xmlns:(soapenv|S)="[^"]*"/, ''),
        () => text.replace(/urn:abb\.com:project\/mms\/types|urn:types\.ws\.web\.omi\.co\.jp/, 'urn:other'),
        () => text.replace(/ResponseAttInfo/g, 'RequestAttInfo'),
        () => text.replace(/<success>[^<]*<\/success>/, ''),
        () => text.replace(/<responseDataType>[^<]*<\/responseDataType>/, ''),
        () => text.replace(/(<\/([\w]+:)?Body>)/, '<soapenv:Fault/>$1'),
      ];
      return Buffer.from(rng.pick(games)(), 'utf8');
    },
  },
];

/** Elements whose text the reader collects from all descendants (fault texts), and the response fields. */
const TEXT_HOLDERS =
  /<(?:[\w]+:)?(?:faultstring|detail|Detail|Text|Value|faultcode|success|responseDataType|responseFilename|responseData|name|signature)(?: [^>]*)?>/g;

const DEEP_MUTATOR: Mutator = {
  name: 'soap-deep',
  weight: 3,
  apply: (buf, ctx) => {
    const { rng } = ctx;
    const text = buf.toString('utf8');
    const holders = [...text.matchAll(TEXT_HOLDERS)];
    if (holders.length === 0) return buf;
    const m = rng.pick(holders);
    const at = Buffer.byteLength(text.slice(0, m.index! + m[0].length));
    const depth = rng.pick([65, 1000, 5000, 9990, 20_000]);
    const name = rng.pick(['a', 'e:x']);
    const open = name === 'e:x' ? `<e:x xmlns:e="urn:e">` : '<a>';
    const n = Math.min(depth, Math.floor((ctx.maxBytes - buf.length) / (open.length + name.length + 3)));
    return insertAt(buf, at, `${open.repeat(n)}t${`</${name}>`.repeat(n)}`);
  },
};

const MUTATORS: readonly Mutator[] = [...XML_INPUT_MUTATORS, ...SOAP_MUTATORS, DEEP_MUTATOR];

/** Characters a UTF-8 decoder never produces but a string argument can hold. */
const ODD_CHARS = ['\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\u0000', '\u0001', '\u0085', '\u2028'];

export const soapDecoder: DecoderDefinition = {
  name: 'soap',
  description: 'parseResponseEnvelope (SOAP 1.1 responses and faults, SOAP 1.2 faults)',
  expected: ['MmsClientError:DECODE_ERROR', 'XmlParseError:DECODE_ERROR', 'MmsLimitError:LIMIT_EXCEEDED'],
  async setup(seed) {
    const seeds = buildSeeds(seed);
    const donors = seeds.map((s) => Buffer.from(s.xml, 'utf8'));
    return {
      generate(index): FuzzCase {
        const rng = new Rng(caseSeed(seed, 'soap', index));
        const k = rng.int(seeds.length);
        const { bytes, applied } = mutate(
          donors[k]!,
          { rng, donors, maxBytes: MAX_BYTES },
          MUTATORS,
          mutationCount(rng),
        );
        let xml = bytes.toString('utf8');
        let odd: { at: number; char: number } | undefined;
        if (rng.chance(0.05)) {
          const at = rng.int(xml.length + 1);
          const char = rng.pick(ODD_CHARS);
          xml = xml.slice(0, at) + char + xml.slice(at);
          odd = { at, char: char.charCodeAt(0) };
          applied.push('odd-char');
        }
        const limits: ParseLimits | undefined = rng.chance(0.12)
          ? rng.pick<ParseLimits>([
              { maxLength: rng.range(100, 100_000) },
              { maxDepth: rng.range(1, MAX_DEPTH_LIMIT) },
              // The highest depth a caller may configure.
              { maxDepth: MAX_DEPTH_LIMIT },
              { maxElements: rng.range(1, 10_000) },
              { maxAttributes: rng.range(1, 300) },
              { maxTextLength: rng.range(1, 1_000_000) },
            ])
          : undefined;
        return {
          index,
          label: [seeds[k]!.name, ...applied].join(' '),
          size: bytes.length,
          bytes,
          // The transport hands over the root part's bytes; a string is the other form of the API.
          meta: { ...(limits ? { limits } : {}), ...(odd ? { oddChar: odd } : { bytes: rng.chance(0.5) }) },
        };
      },
      async run(c) {
        const limits = c.meta['limits'] as ParseLimits | undefined;
        if (c.meta['bytes'] === true)
          return parseResponseEnvelope(c.bytes, resolve, limits ? { limits } : {});
        let xml = Buffer.from(c.bytes).toString('utf8');
        const odd = c.meta['oddChar'] as { at: number; char: number } | undefined;
        if (odd) xml = xml.slice(0, odd.at) + String.fromCharCode(odd.char) + xml.slice(odd.at);
        return parseResponseEnvelope(xml, resolve, limits ? { limits } : {});
      },
    };
  },
};
