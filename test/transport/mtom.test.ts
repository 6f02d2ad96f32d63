import fc from 'fast-check';
import { MmsClientError } from '../../src/errors.js';
import {
  decodeMessage,
  encodeMtom,
  newContentId,
  parseContentType,
  splitMultipart,
} from '../../src/transport/mtom.js';

const XOP = 'http://www.w3.org/2004/08/xop/include';

function decodeError(fn: () => unknown): MmsClientError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MmsClientError);
    expect((err as MmsClientError).code).toBe('DECODE_ERROR');
    return err as MmsClientError;
  }
  throw new Error('expected a decode error');
}

describe('Content-IDs', () => {
  it('are 16 upper-case letters/digits, dash, part name, @domain; fresh each time', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newContentId('payload', 'example.co.jp');
      expect(id).toMatch(/^[A-Z0-9]{16}-payload@example\.co\.jp$/);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
});

describe('encodeMtom', () => {
  const root = `<e><x><xop:Include xmlns:xop="${XOP}" href="cid:P1@d"/></x></e>`;

  it('writes the header, the root part and binary parts exactly as MMS-PROTOCOL.md §4, with CRLF', () => {
    const payload = Buffer.from('<MarketData>\n日本語\r\n</MarketData>', 'utf8');
    const { contentType, body } = encodeMtom(root, 'ROOT@d', [{ contentId: 'P1@d', body: payload }], {
      boundary: 'BOUNDARY',
    });
    const ct = parseContentType(contentType);
    expect(ct.mediaType).toBe('multipart/related');
    expect(Object.fromEntries(ct.params)).toEqual({
      type: 'application/xop+xml',
      start: '<ROOT@d>',
      'start-info': 'application/soap+xml',
      boundary: 'BOUNDARY',
      charset: 'UTF-8',
    });
    const expected = Buffer.concat([
      Buffer.from(
        '--BOUNDARY\r\n' +
          'Content-Type: application/xop+xml; charset=utf-8; type="text/xml"\r\n' +
          'Content-Transfer-Encoding: binary\r\n' +
          'Content-ID: <ROOT@d>\r\n\r\n' +
          root +
          '\r\n--BOUNDARY\r\n' +
          'Content-Type: application/octet-stream\r\n' +
          'Content-Transfer-Encoding: binary\r\n' +
          'Content-ID: <P1@d>\r\n\r\n',
      ),
      payload,
      Buffer.from('\r\n--BOUNDARY--\r\n'),
    ]);
    expect(body.equals(expected)).toBe(true);
  });

  it('picks a random boundary that does not occur in the data', () => {
    const a = encodeMtom(root, 'R@d', [{ contentId: 'P1@d', body: Buffer.from('x') }]);
    const b = encodeMtom(root, 'R@d', [{ contentId: 'P1@d', body: Buffer.from('x') }]);
    const boundary = (m: { contentType: string }): string =>
      parseContentType(m.contentType).params.get('boundary') ?? '';
    expect(boundary(a)).not.toBe(boundary(b));
    expect(boundary(a)).toMatch(/^MIMEBoundary_[0-9a-f]{32}$/);
  });

  it('round-trips arbitrary binary parts through decodeMessage (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (bodies, crlfData) => {
          // Bytes that look like MIME syntax inside the data must survive.
          const parts = bodies.map((b, i) => ({
            contentId: `P${i}@d`,
            body: Buffer.concat([Buffer.from(crlfData ? '\r\n--\r\n\n' : ''), Buffer.from(b)]),
          }));
          const includes = parts
            .map((p) => `<xop:Include xmlns:xop="${XOP}" href="cid:${p.contentId}"/>`)
            .join('');
          const enc = encodeMtom(`<e>${includes}</e>`, 'ROOT@d', parts);
          const dec = decodeMessage(enc.contentType, enc.body);
          expect(dec.multipart).toBe(true);
          expect(dec.rootXml).toBe(`<e>${includes}</e>`);
          for (const p of parts) expect(Buffer.from(dec.resolve(p.contentId)).equals(p.body)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('decodeMessage', () => {
  const env =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>';
  const ct = (extra = ''): string =>
    `multipart/related; boundary="b1"; type="application/xop+xml"; start="<root@x>"${extra}`;
  const message = (nl: string, parts: Array<[string, string]>, close = true): Buffer =>
    Buffer.from(
      parts
        .map(([headers, body]) => `--b1${nl}${headers.split('\n').join(nl)}${nl}${nl}${body}${nl}`)
        .join('') + (close ? `--b1--${nl}` : ''),
    );

  it('reads plain SOAP', () => {
    const dec = decodeMessage('text/xml; charset=UTF-8', Buffer.from(env));
    expect(dec.multipart).toBe(false);
    expect(dec.rootXml).toBe(env);
    const err = decodeError(() => dec.resolve('a@b'));
    expect(err.message).toMatch(/not a multipart/);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['bare LF', '\n'],
  ])('finds the root through start (not position) with %s line breaks', (_n, nl) => {
    const body = message(nl, [
      ['Content-Type: application/octet-stream\nContent-ID: <data@x>', 'DATA'],
      ['Content-Type: application/xop+xml; type="text/xml"\nContent-ID: <root@x>', env],
    ]);
    const dec = decodeMessage(ct(), body);
    expect(dec.rootXml).toBe(env);
    expect(Buffer.from(dec.resolve('data@x')).toString()).toBe('DATA');
    expect(Buffer.from(dec.resolve('<data@x>')).toString()).toBe('DATA');
  });

  it('accepts a preamble, transport padding, folded headers and base64 parts', () => {
    const body = Buffer.from(
      'This is a preamble\r\n--b1  \r\nContent-Type: application/xop+xml;\r\n type="text/xml"\r\nContent-ID: <root@x>\r\n\r\n' +
        env +
        '\r\n--b1\r\nContent-ID: <data@x>\r\nContent-Transfer-Encoding: base64\r\n\r\nREFU\r\nQQ==\r\n--b1--',
    );
    const dec = decodeMessage(ct(), body);
    expect(dec.rootXml).toBe(env);
    expect(Buffer.from(dec.resolve('data@x')).toString()).toBe('DATA');
  });

  it('uses the first part as root when start is absent (RFC 2387)', () => {
    const body = message('\r\n', [
      ['Content-Type: text/xml', env],
      ['Content-ID: <d@x>', 'D'],
    ]);
    expect(decodeMessage('multipart/related; boundary=b1', body).rootXml).toBe(env);
  });

  it('refuses a wrong boundary', () => {
    const body = message('\r\n', [['Content-ID: <root@x>', env]]);
    const err = decodeError(() => decodeMessage(ct().replace('b1', 'other'), body));
    expect(err.message).toMatch(/boundary "other".*does not occur/);
  });

  it('refuses a truncated body (no closing boundary)', () => {
    const full = message('\r\n', [
      ['Content-ID: <root@x>', env],
      ['Content-ID: <d@x>', 'D'.repeat(100)],
    ]);
    for (const cut of [full.length - 9, full.length - 60, 40]) {
      const err = decodeError(() => decodeMessage(ct(), full.subarray(0, cut)));
      expect(err.message).toMatch(/truncated|no blank line/);
    }
  });

  it('refuses start naming no part', () => {
    const body = message('\r\n', [['Content-ID: <other@x>', env]]);
    const err = decodeError(() => decodeMessage(ct(), body));
    expect(err.message).toMatch(/start="<root@x>" names no part.*<other@x>/);
  });

  it('refuses a cid naming no part', () => {
    const body = message('\r\n', [['Content-ID: <root@x>', env]]);
    const dec = decodeMessage(ct(), body);
    const err = decodeError(() => dec.resolve('missing@x'));
    expect(err.message).toMatch(/cid:missing@x names no MIME part/);
  });

  it('refuses content types that are neither SOAP nor MTOM, and non-UTF-8 XML', () => {
    expect(decodeError(() => decodeMessage('text/html', Buffer.from('<html/>'))).message).toMatch(
      /text\/html/,
    );
    expect(decodeError(() => decodeMessage('text/xml', Buffer.from([0x3c, 0xff, 0x3e]))).message).toMatch(
      /UTF-8/,
    );
    expect(
      decodeError(() => decodeMessage('text/xml; charset=Shift_JIS', Buffer.from('<a/>'))).message,
    ).toMatch(/shift_jis/);
  });

  it('stops at the part limit and at the header limit, with LIMIT_EXCEEDED naming the limit', () => {
    const parts: Array<[string, string]> = [
      ['Content-Type: application/xop+xml; type="text/xml"\nContent-ID: <root@x>', env],
      ...Array.from({ length: 64 }, (_, i): [string, string] => [`Content-ID: <p${i}@x>`, 'x']),
    ];
    expect(() => decodeMessage(ct(), message('\r\n', parts))).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'maxParts', max: 64 }) as Error,
    );
    expect(decodeMessage(ct(), message('\r\n', parts.slice(0, 10)), { maxParts: 10 }).parts).toHaveLength(9);
    const long = `X-Long: ${'a'.repeat(20_000)}`;
    for (const headers of [long, `${long}\r\nContent-ID: <root@x>`]) {
      expect(() => decodeMessage(ct(), message('\r\n', [[headers, env]]))).toThrow(
        expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'maxHeaderBytes' }) as Error,
      );
    }
    expect(() => decodeMessage(ct(), Buffer.from(`--b1\r\nX-A: 1${'a'.repeat(100)}--b1--`))).toThrow(
      /no blank line after its headers|truncated/,
    );
  });

  it('splitMultipart keeps part bodies byte-exact, including trailing CR/LF inside data', () => {
    const parts = splitMultipart(Buffer.from('--b\r\nContent-ID: <a>\r\n\r\nx\r\n\r\n\r\n--b--\r\n'), 'b');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.body.toString()).toBe('x\r\n\r\n');
  });
});

describe('parseContentType', () => {
  it('reads quoted and unquoted parameters in any order, with escapes', () => {
    const ct = parseContentType(
      'Multipart/Related;boundary=MIMEBoundary_1; start="<a;b@x>" ; TYPE="application/xop+xml"; x="q\\"uote"',
    );
    expect(ct.mediaType).toBe('multipart/related');
    expect(ct.params.get('boundary')).toBe('MIMEBoundary_1');
    expect(ct.params.get('start')).toBe('<a;b@x>');
    expect(ct.params.get('type')).toBe('application/xop+xml');
    expect(ct.params.get('x')).toBe('q"uote');
  });
});
