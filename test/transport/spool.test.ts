/**
 * The spooling body reader (src/transport/spool.ts): bodies fed in chunks
 * of every size, so delimiters, CRLFs, tags and base64 quads fall across
 * chunk edges; the spooled file must be exactly the content, the body handed
 * on must read as the same envelope, and every failure must leave no file.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { decodeMessage, encodeMtom } from '../../src/transport/mtom.js';
import { buildResponseEnvelope, parseResponseEnvelope } from '../../src/transport/soap.js';
import { spoolBody, SPOOL_THRESHOLD, type SpoolOptions } from '../../src/transport/spool.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mms-spool-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fields = {
  success: true,
  warnings: false,
  responseBinary: true,
  responseCompressed: false,
  responseDataType: 'CSV',
  responseFilename: 'r.csv',
} as const;

/** Bytes that tempt a boundary scanner: CRLFs, dashes, the boundary's prefix. */
function trickyFile(size: number, boundary: string): Buffer {
  const traps = Buffer.from(`\r\n--${boundary.slice(0, -1)}X\r\n-\n--\r\r\n`);
  const out = Buffer.alloc(size);
  for (let at = 0; at < size;) {
    const r = randomBytes(Math.min(997, size - at));
    r.copy(out, at);
    at += r.length;
    if (at < size) at += traps.copy(out, at, 0, Math.min(traps.length, size - at));
  }
  return out;
}

function chunked(body: Buffer, sizes: readonly number[]): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < body.length; i++) {
    const n = sizes[i % sizes.length]!;
    chunks.push(body.subarray(at, at + n));
    at += n;
  }
  return Readable.from(chunks);
}

const options = (over: Partial<SpoolOptions> = {}): SpoolOptions => ({
  dir,
  maxStreamBytes: 64 * 1024 * 1024,
  maxMemoryBytes: 1024 * 1024,
  ...over,
});

const CHUNKINGS: readonly (readonly number[])[] = [[1, 2, 3, 5, 7, 11, 13], [64 * 1024], [65521, 17, 1]];

describe('MTOM', () => {
  const boundary = 'MIMEBoundary_spooltest';
  const mtom = (file: Buffer): { body: Buffer; contentType: string } => {
    const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { contentId: 'payload@t' } });
    return encodeMtom(envelope, 'root@t', [{ contentId: 'payload@t', body: file }], { boundary });
  };

  test.each(CHUNKINGS.map((c) => [c.slice(0, 3).join(',')] as const))(
    'a large part goes to a file byte for byte, whatever the chunks (%s)',
    async (label) => {
      const sizes = CHUNKINGS.find((c) => c.slice(0, 3).join(',') === label)!;
      // Tiny chunks are slow: a smaller file still spans many of them.
      const file = trickyFile(sizes[0] === 1 ? SPOOL_THRESHOLD + 3000 : 3 * SPOOL_THRESHOLD + 1, boundary);
      const { body, contentType } = mtom(file);
      const spooled = await spoolBody(chunked(body, sizes), { 'content-type': contentType }, 'u', options());
      const content = spooled.parts.get('payload@t')!;
      expect(content.size).toBe(file.length);
      expect((await readFile(content.path)).equals(file)).toBe(true);
      // The rest is a well-formed message whose part is empty.
      expect(spooled.body.length).toBeLessThan(4096);
      const message = decodeMessage(contentType, spooled.body);
      expect(message.resolve('payload@t')).toHaveLength(0);
      const read = await parseResponseEnvelope(message.root, message.resolve);
      expect(read.kind === 'response' && read.response.responseFilename).toBe('r.csv');
      await spooled.discard();
      expect(await readdir(dir)).toEqual([]);
    },
  );

  test('a small part stays in the body as received', async () => {
    const file = trickyFile(5000, boundary);
    const { body, contentType } = mtom(file);
    const spooled = await spoolBody(chunked(body, [7, 300]), { 'content-type': contentType }, 'u', options());
    expect(spooled.parts.size).toBe(0);
    expect(spooled.body.equals(body)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  test('a truncated body is refused and leaves no file', async () => {
    const { body, contentType } = mtom(trickyFile(2 * SPOOL_THRESHOLD, boundary));
    await expect(
      spoolBody(
        chunked(body.subarray(0, body.length - 40), [65536]),
        { 'content-type': contentType },
        'u',
        options(),
      ),
    ).rejects.toMatchObject({ code: 'DECODE_ERROR', message: expect.stringContaining('truncated') });
    expect(await readdir(dir)).toEqual([]);
  });

  test('the download limit stops the read and leaves no file', async () => {
    const { body, contentType } = mtom(trickyFile(3 * SPOOL_THRESHOLD, boundary));
    await expect(
      spoolBody(
        chunked(body, [65536]),
        { 'content-type': contentType },
        'u',
        options({ maxStreamBytes: 2 * SPOOL_THRESHOLD }),
      ),
    ).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE', requestSent: true });
    expect(await readdir(dir)).toEqual([]);
  });

  test('a root part larger than the in-memory limit is refused', async () => {
    const envelope = buildResponseEnvelope('MI', {
      ...fields,
      responseFilename: 'x'.repeat(3000),
      responseData: { contentId: 'p@t' },
    });
    const { body, contentType } = encodeMtom(
      envelope,
      'root@t',
      [{ contentId: 'p@t', body: Buffer.from('a') }],
      { boundary },
    );
    await expect(
      spoolBody(
        chunked(body, [100]),
        { 'content-type': contentType },
        'u',
        options({ maxMemoryBytes: 2000 }),
      ),
    ).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  test('more parts than maxParts are refused as the in-memory reader refuses them', async () => {
    const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { contentId: 'p0@t' } });
    const parts = Array.from({ length: 5 }, (_, i) => ({ contentId: `p${i}@t`, body: Buffer.from('x') }));
    const { body, contentType } = encodeMtom(envelope, 'root@t', parts, { boundary });
    await expect(
      spoolBody(
        chunked(body, [50]),
        { 'content-type': contentType },
        'u',
        options({ mimeLimits: { maxParts: 3 } }),
      ),
    ).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(() => decodeMessage(contentType, body, { maxParts: 3 })).toThrow(/more than 3 parts/);
  });
});

describe('inline base64', () => {
  const inline = (base64: string): Buffer => {
    const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { bytes: new Uint8Array() } });
    return Buffer.from(
      envelope.replace('<responseData></responseData>', `<responseData>${base64}</responseData>`),
    );
  };
  const TYPE = { 'content-type': 'text/xml; charset=utf-8' };

  test.each(CHUNKINGS.map((c) => [c.slice(0, 3).join(',')] as const))(
    'responseData is decoded into a file as it arrives (%s)',
    async (label) => {
      const sizes = CHUNKINGS.find((c) => c.slice(0, 3).join(',') === label)!;
      const file = randomBytes(sizes[0] === 1 ? 200_001 : 3_000_002);
      // Wrapped at 76 characters with CRLF, as MIME encoders write it.
      const base64 = file.toString('base64').replace(/.{76}/g, '$&\r\n');
      const spooled = await spoolBody(chunked(inline(base64), sizes), TYPE, 'u', options());
      expect(spooled.inline?.size).toBe(file.length);
      expect((await readFile(spooled.inline!.path)).equals(file)).toBe(true);
      const read = await parseResponseEnvelope(spooled.body, () => new Uint8Array());
      expect(read.kind === 'response' && read.response.responseData).toHaveLength(0);
      await spooled.discard();
      expect(await readdir(dir)).toEqual([]);
    },
  );

  test.each([
    ['a character outside the alphabet', 'QUJD*EVG'],
    ['padding in the middle', 'QQ==QUJD'],
    ['a length that is not a multiple of four', 'QUJDRA'],
    ['non-zero pad bits', 'QUJDRB=='],
    ['an entity reference', 'QUJD&#x41;'],
  ])('%s is refused and leaves no file', async (_, base64) => {
    await expect(spoolBody(chunked(inline(base64), [3]), TYPE, 'u', options())).rejects.toMatchObject({
      code: 'DECODE_ERROR',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  test('an xop:Include in a plain SOAP body is left to the envelope reader', async () => {
    const envelope = buildResponseEnvelope('MI', { ...fields, responseData: { contentId: 'p@t' } });
    const spooled = await spoolBody(chunked(Buffer.from(envelope), [5]), TYPE, 'u', options());
    expect(spooled.inline).toBeUndefined();
    expect(spooled.body.toString()).toBe(envelope);
  });

  test('the envelope beside the data is bounded by the in-memory limit', async () => {
    const body = inline('QUJD')
      .toString()
      .replace('<warnings>', `<warnings>${' '.repeat(5000)}`);
    await expect(
      spoolBody(chunked(Buffer.from(body), [512]), TYPE, 'u', options({ maxMemoryBytes: 4000 })),
    ).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });
});
