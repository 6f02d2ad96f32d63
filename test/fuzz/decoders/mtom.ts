/**
 * MTOM/MIME: `decodeMessage(contentType, body, limits)` on messages made
 * with `encodeMtom` (and plain SOAP bodies), then every part resolved by
 * its Content-ID. Mutations: the byte and XML ones, boundary games (a
 * delimiter changed, missing, repeated, inside a body, long or periodic
 * boundaries), many parts, huge or folded headers, transfer encodings,
 * charsets, and the Content-Type header itself.
 */
import { buildResponseEnvelope } from '../../../src/transport/soap.js';
import { decodeMessage, encodeMtom, type MimeLimits } from '../../../src/transport/mtom.js';
import type { DecoderDefinition, FuzzCase } from '../harness.js';
import { payloadSamples } from '../corpus.js';
import {
  BYTE_MUTATORS,
  insertAt,
  mutate,
  mutationCount,
  replaceRange,
  XML_MUTATORS,
  type Mutator,
} from '../mutate.js';
import { caseSeed, hashString, Rng } from '../rng.js';
import type { Interface } from '../../../src/vocabulary.js';

/** Inputs up to 1 MiB: the size the time budget is made for (1 s). */
const MAX_BYTES = 1024 * 1024;

interface MtomSeed {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly boundary: string;
}

function buildSeeds(seed: number): MtomSeed[] {
  const samples = payloadSamples();
  const seeds: MtomSeed[] = [];
  for (let k = 0; k < 48; k++) {
    const rng = new Rng(hashString(`mtom-seed${k}`, seed >>> 0));
    const iface: Interface = rng.chance(0.8) ? 'MI' : 'OMI';
    const payload = rng.chance(0.7) ? rng.pick(samples).bytes : rng.bytes(rng.magnitude(4096));
    const attachments = Array.from({ length: rng.pick([0, 0, 1, 2, 3]) }, (_, i) => ({
      contentId: `${rng.string(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-att${i}@example.test`,
      body: rng.bytes(rng.magnitude(2048)),
    }));
    const payloadId = `${rng.string(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-responseData@example.test`;
    const envelope = buildResponseEnvelope(iface, {
      success: rng.chance(0.85),
      warnings: rng.chance(0.2),
      responseBinary: rng.chance(0.1),
      responseCompressed: false,
      responseDataType: rng.pick(['XML', 'XML', 'CSV', 'TXT']),
      ...(rng.chance(0.2) ? { responseFilename: 'report.csv' } : {}),
      responseData: { contentId: payloadId },
      attachmentData: attachments.map((a, i) => ({
        binaryData: { contentId: a.contentId },
        name: `file${i}.bin`,
        signature: 'c2ln',
      })),
    });
    const rootId = `${rng.string(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-root@example.test`;
    // Mostly the random boundary the client sends; some long or periodic ones
    // (RFC 2046 allows "-" and up to 70 characters; servers send longer).
    const boundary =
      k % 8 === 0
        ? '-'.repeat(rng.pick([1, 10, 70, 200, 4000, 16000]))
        : k % 8 === 1
          ? rng.string(rng.pick([1, 70, 1000]), "abcXYZ0123456789'()+_,-./:=?")
          : `MIMEBoundary_${rng.string(32, '0123456789abcdef')}`;
    const parts = [
      { contentId: payloadId, body: payload, contentType: 'application/octet-stream' },
      ...attachments,
    ];
    const encoded = encodeMtom(envelope, rootId, parts, { boundary });
    seeds.push({ name: `mtom/${k}`, contentType: encoded.contentType, body: encoded.body, boundary });
    if (k % 6 === 0) {
      const plain = buildResponseEnvelope(iface, {
        success: true,
        warnings: false,
        responseBinary: false,
        responseCompressed: false,
        responseDataType: 'XML',
        responseData: { bytes: payload },
      });
      seeds.push({
        name: `plain/${k}`,
        contentType: rng.pick(['text/xml; charset=utf-8', 'application/soap+xml', 'text/xml']),
        body: Buffer.from(plain),
        boundary,
      });
    }
  }
  return seeds;
}

// -- MIME mutations -----------------------------------------------------------

/**
 * Where delimiter lines start (at most 64). Found by line, not with indexOf
 * of the delimiter, which is slow for the long periodic boundaries.
 */
function delimiterPositions(body: Buffer, boundary: string): number[] {
  const d = Buffer.from(`--${boundary}`, 'latin1');
  const at = (i: number): boolean =>
    i + d.length <= body.length && body.compare(d, 0, d.length, i, i + d.length) === 0;
  const out: number[] = at(0) ? [0] : [];
  for (
    let lf = body.indexOf('\n--', 0, 'latin1');
    lf >= 0 && out.length < 64;
    lf = body.indexOf('\n--', lf + 1, 'latin1')
  ) {
    if (at(lf + 1)) out.push(lf + 1);
  }
  return out;
}

/** The start of the closing delimiter line, if there is one. */
function closingPosition(body: Buffer, boundary: string): number {
  const all = delimiterPositions(body, boundary);
  const last = all[all.length - 1];
  const end = last === undefined ? -1 : last + boundary.length + 2;
  return last !== undefined && body[end] === 0x2d && body[end + 1] === 0x2d ? last : -1;
}

function mimeMutators(boundary: string): Mutator[] {
  const delimiter = `--${boundary}`;
  const pickDelimiter = (body: Buffer, rng: Rng): number | undefined => {
    const all = delimiterPositions(body, boundary);
    return all.length === 0 ? undefined : rng.pick(all);
  };
  /** `header` inserted as the first header line of a random part. */
  const withHeader = (body: Buffer, rng: Rng, header: string): Buffer => {
    const at = pickDelimiter(body, rng);
    const lineEnd = at === undefined ? -1 : body.indexOf(0x0a, at);
    return lineEnd < 0 ? body : insertAt(body, lineEnd + 1, header);
  };
  const partBounds = (body: Buffer, rng: Rng): [number, number] | undefined => {
    const all = delimiterPositions(body, boundary);
    if (all.length < 2) return undefined;
    const i = rng.int(all.length - 1);
    return [all[i]!, all[i + 1]!];
  };
  return [
    {
      name: 'delimiter-line',
      weight: 6,
      apply: (body, { rng }) => {
        const at = pickDelimiter(body, rng);
        if (at === undefined) return body;
        const end = at + delimiter.length;
        switch (rng.int(7)) {
          case 0:
            return insertAt(
              body,
              end,
              rng.pick([' ', '\t', '  \t ', ' x', 'x', '--', '--\r\n', '\r', '\u0000']),
            );
          case 1:
            return replaceRange(body, at, end, delimiter.slice(0, -1));
          case 2:
            return replaceRange(body, at, end, Buffer.from(delimiter.toUpperCase(), 'latin1'));
          case 3:
            return replaceRange(body, at, Math.min(body.length, end + 2), delimiter);
          case 4:
            return replaceRange(body, at, end, `${delimiter}--`);
          case 5:
            return replaceRange(body, at, end, '');
          default:
            return insertAt(body, at, `${delimiter}\r\n`);
        }
      },
    },
    {
      name: 'drop-closing',
      weight: 3,
      apply: (body) => {
        const at = closingPosition(body, boundary);
        return at < 0 ? body : body.subarray(0, at);
      },
    },
    {
      name: 'many-parts',
      weight: 3,
      apply: (body, ctx) => {
        const { rng } = ctx;
        const at = closingPosition(body, boundary);
        const n = rng.pick([10, 63, 64, 65, 100, 1000, 10_000, 100_000]);
        const unit = (i: number): string => `${delimiter}\r\nContent-ID: <p${i}@fuzz>\r\n\r\nx\r\n`;
        const room = ctx.maxBytes - body.length;
        const parts: string[] = [];
        let size = 0;
        for (let i = 0; i < n; i++) {
          const u = unit(i);
          if (size + u.length > room) break;
          parts.push(u);
          size += u.length;
        }
        return insertAt(body, at < 0 ? body.length : at, parts.join(''));
      },
    },
    {
      name: 'duplicate-part',
      weight: 3,
      apply: (body, { rng }) => {
        const bounds = partBounds(body, rng);
        if (!bounds) return body;
        return insertAt(body, bounds[1], body.subarray(bounds[0], bounds[1]));
      },
    },
    {
      name: 'huge-header',
      weight: 3,
      apply: (body, ctx) => {
        const { rng } = ctx;
        const room = ctx.maxBytes - body.length - 64;
        const length = Math.max(
          0,
          Math.min(room, rng.pick([100, 16 * 1024 - 40, 16 * 1024 + 10, 100_000, 1_000_000])),
        );
        const header = rng.pick([
          () => `X-Long: ${'a'.repeat(length)}\r\n`,
          () => `X-Folded: a\r\n${' b\r\n'.repeat(Math.floor(length / 4))}`,
          () => 'X-Many: 1\r\n'.repeat(Math.floor(length / 11)),
          () => `X-NoColon ${'a'.repeat(Math.min(length, 100))}\r\n`,
        ])();
        return withHeader(body, rng, header);
      },
    },
    {
      name: 'header-games',
      weight: 6,
      apply: (body, { rng }) =>
        withHeader(
          body,
          rng,
          rng.pick([
            'Content-Transfer-Encoding: base64\r\n',
            'Content-Transfer-Encoding: BASE64\r\n',
            'Content-Transfer-Encoding: quoted-printable\r\n',
            'Content-Transfer-Encoding: x-gzip\r\n',
            'Content-Type: text/plain\r\n',
            'Content-Type: application/xop+xml; charset=Shift_JIS; type="text/xml"\r\n',
            'Content-Type: application/xop+xml; charset=us-ascii\r\n',
            'Content-Type: \r\n',
            'Content-ID: payload@fuzz\r\n',
            'Content-ID: <>\r\n',
            'Content-ID:\r\n',
            'content-id: <dup@fuzz>\r\n',
            ': empty-name\r\n',
            ' folded-first-line\r\n',
            'X-Header-Without-Colon\r\n',
            '\r\n',
          ]),
        ),
    },
    {
      name: 'no-blank-line',
      weight: 3,
      apply: (body, { rng }) => {
        const at = pickDelimiter(body, rng);
        if (at === undefined) return body;
        const blank = body.indexOf('\r\n\r\n', at, 'latin1');
        return blank < 0 ? body : replaceRange(body, blank, blank + 4, '\r\n');
      },
    },
    {
      name: 'delimiter-in-body',
      weight: 3,
      apply: (body, { rng }) => {
        const bounds = partBounds(body, rng);
        if (!bounds) return body;
        const at = rng.range(bounds[0] + 1, bounds[1]);
        return insertAt(
          body,
          at,
          rng.pick([`\r\n${delimiter}\r\n`, delimiter, `\n${delimiter}--\n`, `\r\n${delimiter}x`]),
        );
      },
    },
    {
      name: 'preamble-epilogue',
      weight: 2,
      apply: (body, { rng }) =>
        rng.chance(0.5)
          ? Buffer.concat([
              Buffer.from(
                rng.pick([
                  'This is a multi-part message in MIME format.\r\n',
                  '\r\n',
                  'x',
                  `${delimiter.slice(1)}\r\n`,
                ]),
              ),
              body,
            ])
          : Buffer.concat([
              body,
              Buffer.from(rng.pick(['epilogue\r\n', `${delimiter}\r\n`, '\r\n\r\n', `${delimiter}--`])),
            ]),
    },
    {
      name: 'boundary-flood',
      weight: 3,
      apply: (body, ctx) => {
        const { rng } = ctx;
        const room = ctx.maxBytes - body.length;
        const n = Math.min(room, rng.pick([1000, 100_000, 1_000_000, 1_900_000]));
        // A periodic boundary ("-----") matches at every byte of a run of dashes.
        const periodic = /^-+$/.test(boundary) && rng.chance(0.6);
        const unit = periodic ? '-' : rng.pick([delimiter, delimiter.slice(0, -1), '-', `x${delimiter}`]);
        const flood = unit.repeat(Math.max(1, Math.floor(n / unit.length)));
        return insertAt(
          body,
          rng.int(body.length + 1),
          Buffer.concat([Buffer.from(rng.pick(['x', '', '\n'])), Buffer.from(flood, 'latin1')]),
        );
      },
    },
    {
      name: 'encode-part',
      weight: 3,
      apply: (body, { rng }) => {
        const bounds = partBounds(body, rng);
        if (!bounds) return body;
        const blank = body.indexOf('\r\n\r\n', bounds[0], 'latin1');
        if (blank < 0 || blank > bounds[1]) return body;
        const content = body.subarray(blank + 4, Math.max(blank + 4, bounds[1] - 2));
        const base64 = rng.chance(0.5);
        let encoded = base64
          ? content.toString('base64').replace(/.{76}/g, '$&\r\n')
          : content
              .toString('latin1')
              .replace(
                /[=\x80-\xff]/g,
                (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
              );
        if (rng.chance(0.3))
          encoded =
            encoded.slice(0, rng.int(encoded.length + 1)) +
            rng.pick(['*', '=', '==', '=Z', '=\r\n', '\u0000']);
        const header = `Content-Transfer-Encoding: ${base64 ? 'base64' : 'quoted-printable'}\r\n`;
        return Buffer.concat([
          body.subarray(0, blank + 2),
          Buffer.from(header, 'latin1'),
          Buffer.from('\r\n', 'latin1'),
          Buffer.from(encoded, 'latin1'),
          body.subarray(Math.max(blank + 4, bounds[1] - 2)),
        ]);
      },
    },
  ];
}

const CONTENT_TYPE_GAMES: readonly ((ct: string, rng: Rng, boundary: string) => string | undefined)[] = [
  () => undefined,
  (ct) => ct.replace(/; boundary="[^"]*"/, ''),
  (ct, rng) =>
    ct.replace(
      /boundary="([^"]*)"/,
      (_m, b: string) => `boundary="${rng.pick([b.slice(1), `${b}x`, b.toUpperCase(), '', ' ', `${b} `])}"`,
    ),
  (ct, _rng, b) => ct.replace(/boundary="[^"]*"/, `boundary=${b}`),
  (ct, rng) => `${ct}; boundary="${rng.string(10)}"`,
  (ct, rng) =>
    ct.replace(/start="[^"]*"/, rng.pick(['start="<missing@x>"', 'start=""', '', 'start="<>"', 'start=<x>'])),
  (ct) => ct.replace(/start="<([^>]*)>"/, 'start="$1"'),
  (ct, rng) =>
    ct.replace(
      'multipart/related',
      rng.pick([
        'Multipart/Related',
        'multipart/mixed',
        'MULTIPART/RELATED',
        'multipart/related ',
        'text/xml',
        'text/html',
        'application/json',
        '',
      ]),
    ),
  (ct) => ct.replace(/"/g, ''),
  (ct) => `${ct}; x="unterminated`,
  (ct) => ct.replace(/boundary="/, 'boundary="\\'),
  (ct) => `${ct};;;; ; =; ==; a`,
  (ct, rng) => `${ct}; junk="${'a'.repeat(rng.pick([100, 10_000, 100_000]))}"`,
  (ct) => ct.replace(/type="[^"]*"/, 'type="text/plain"'),
  (ct, rng) =>
    ct.replace(
      /charset="?[^";]*"?/i,
      rng.pick(['charset="Shift_JIS"', 'charset=utf8', 'charset=""', 'charset=latin1']),
    ),
  (_ct, rng) =>
    rng.pick([
      'text/xml; charset=Shift_JIS',
      'text/xml; charset=utf-16',
      'application/xop+xml',
      '',
      ';',
      'text/xml;charset=',
      'multipart/related',
    ]),
];

export const mtomDecoder: DecoderDefinition = {
  name: 'mtom',
  description: 'decodeMessage (MTOM/MIME and plain SOAP bodies), then every part resolved',
  expected: ['MmsClientError:DECODE_ERROR', 'MmsLimitError:LIMIT_EXCEEDED'],
  async setup(seed) {
    const seeds = buildSeeds(seed);
    const donors = seeds.map((s) => s.body);
    return {
      generate(index): FuzzCase {
        const rng = new Rng(caseSeed(seed, 'mtom', index));
        const s = rng.pick(seeds);
        const mutators = [
          ...BYTE_MUTATORS,
          ...XML_MUTATORS.map((m) => ({ ...m, weight: m.weight / 3 })),
          ...mimeMutators(s.boundary),
        ];
        const { bytes, applied } = mutate(
          s.body,
          { rng, donors, maxBytes: MAX_BYTES },
          mutators,
          mutationCount(rng),
        );
        let contentType: string | undefined = s.contentType;
        if (rng.chance(0.25)) {
          const game = rng.int(CONTENT_TYPE_GAMES.length);
          contentType = CONTENT_TYPE_GAMES[game]!(s.contentType, rng, s.boundary);
          applied.push(`content-type#${game}`);
        }
        const limits: MimeLimits | undefined = rng.chance(0.15)
          ? rng.pick([
              { maxParts: rng.range(2, 100) },
              { maxHeaderBytes: rng.range(256, 65536) },
              { maxParts: rng.range(2, 10), maxHeaderBytes: rng.range(256, 2048) },
            ])
          : undefined;
        const size = bytes.length + (contentType?.length ?? 0);
        return {
          index,
          label: [s.name, ...applied].join(' '),
          size,
          bytes,
          meta: { contentType, ...(limits ? { limits } : {}) },
        };
      },
      async run(c) {
        const message = decodeMessage(
          c.meta['contentType'] as string | undefined,
          c.bytes,
          c.meta['limits'] as MimeLimits | undefined,
        );
        let total = message.root.length + message.rootXml.length;
        for (const part of message.parts)
          if (part.contentId !== undefined) total += message.resolve(part.contentId).length;
        return total;
      },
    };
  },
};
