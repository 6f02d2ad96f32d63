/**
 * Inline base64 decoded in slices gives exactly what a one-pass decode
 * gives, and refuses exactly what xs:base64Binary refuses, also where a
 * slice boundary falls inside whitespace, padding or a group of four.
 */
import fc from 'fast-check';
import { decodeBase64InSlices } from '../../src/xml/base64.js';
import { parseBase64 } from '../../src/xml/lexical.js';

const MB = 1024 * 1024;

/** base64 of `bytes` with whitespace sprinkled in at the given positions. */
function spaced(bytes: Uint8Array, breaks: readonly number[], ws: string): string {
  const text = Buffer.from(bytes).toString('base64');
  const at = new Set(breaks.map((b) => b % (text.length + 1)));
  let out = '';
  for (let i = 0; i <= text.length; i++) {
    if (at.has(i)) out += ws;
    out += text[i] ?? '';
  }
  return out;
}

test('small values: the same bytes as a one-pass decode, and the same verdict as parseBase64', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 200 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.constantFrom(' ', '\n', '\r\n', '\t '),
      async (bytes, breaks, ws) => {
        const text = spaced(bytes, breaks, ws);
        expect(await decodeBase64InSlices(text)).toEqual(Buffer.from(bytes));
      },
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: fc.constantFrom('A', 'Q', 'w', '=', ' ', '+', '/', '-', '0'), maxLength: 16 }),
      async (text) => {
        const ours = await decodeBase64InSlices(text);
        const reference = parseBase64(text);
        expect(ours === undefined).toBe(reference === undefined);
        if (reference) expect(ours).toEqual(Buffer.from(reference.canonical, 'base64'));
      },
    ),
  );
});

test('values of several slices, with line breaks every 76 characters across slice boundaries', async () => {
  const bytes = Buffer.alloc(7 * MB);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
  const lines = bytes.toString('base64').replace(/(.{76})/g, '$1\r\n');
  // Buffer.equals: jest's deep equality walks megabytes byte by byte.
  expect((await decodeBase64InSlices(lines))?.equals(bytes)).toBe(true);
  // One extra byte moves the padding to the very end, past every boundary.
  const odd = Buffer.concat([bytes, Buffer.from([1])]);
  expect((await decodeBase64InSlices(odd.toString('base64')))?.equals(odd)).toBe(true);
  // The padding just before a slice boundary, only a line break after it.
  const padded = Buffer.alloc(3 * MB - 1, 0x42);
  const text = padded.toString('base64');
  expect(text.length).toBe(4 * MB);
  expect(text.endsWith('=')).toBe(true);
  expect((await decodeBase64InSlices(`${text}\r\n`))?.equals(padded)).toBe(true);
});

test.each([
  ['padding in the middle', (t: string) => `${t.slice(0, 4 * MB)}QQ==${t.slice(4 * MB)}`],
  [
    'a character outside the alphabet past the first slice',
    (t: string) => `${t.slice(0, 5 * MB)}-${t.slice(5 * MB + 1)}`,
  ],
  ['a length that is not a multiple of four', (t: string) => `${t}A`],
  ['non-zero pad bits at the end', (t: string) => `${t.slice(0, -4)}QR==`],
])('refuses %s', async (_name, spoil) => {
  const text = Buffer.alloc(6 * MB, 0x41).toString('base64');
  expect((await decodeBase64InSlices(text)) !== undefined).toBe(true);
  expect((await decodeBase64InSlices(spoil(text))) === undefined).toBe(true);
});

test('stops with the signal between slices', async () => {
  const controller = new AbortController();
  const reason = new Error('stop');
  controller.abort(reason);
  const text = Buffer.alloc(9 * MB).toString('base64');
  await expect(decodeBase64InSlices(text, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
});
