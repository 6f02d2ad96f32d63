/**
 * readOutboundRows on its own: every kind of source, rows split across
 * chunks, a wrong root, bad UTF-8 and the reader's limits.
 */
import { Readable } from 'node:stream';
import { readOutboundRows, type OutboundRow, type RowSource } from '../../src/xml/outbound-rows.js';

const ROW = '<ResourceList ResourceName="RESO0001" ResourceShortName="偽電力"></ResourceList>';
const doc = (rows: number, root = 'OutboundData'): string =>
  `<${root} DatasetName="ResourceList">${ROW.repeat(rows)}</${root}>`;

async function all(source: RowSource, options = {}): Promise<OutboundRow[]> {
  const out: OutboundRow[] = [];
  for await (const row of readOutboundRows(source, options)) out.push(row);
  return out;
}

test('bytes, a stream cut into 3-byte chunks (through multi-byte characters) and strings give the same rows', async () => {
  const bytes = Buffer.from(doc(50));
  const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) =>
    bytes.subarray(i * 3, i * 3 + 3),
  );
  const fromBytes = await all(bytes);
  expect(fromBytes).toHaveLength(50);
  expect(fromBytes[49]).toMatchObject({ name: 'ResourceList', index: 49 });
  expect((fromBytes[0]!.value as Record<string, unknown>)['ResourceShortName']).toBe('偽電力');
  expect(await all(Readable.from(chunks))).toEqual(fromBytes);
  expect(await all(Readable.from([doc(50)]))).toEqual(fromBytes);
});

test('a root other than OutboundData is refused', async () => {
  await expect(all(Buffer.from(doc(2, 'MarketData')))).rejects.toMatchObject({
    code: 'DECODE_ERROR',
    message: expect.stringContaining('expected root element OutboundData, found MarketData'),
  });
});

test('bad UTF-8 and a broken document are typed errors', async () => {
  const bad = Buffer.concat([
    Buffer.from(doc(1).slice(0, 40)),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(doc(1).slice(40)),
  ]);
  await expect(all(bad)).rejects.toMatchObject({
    code: 'DECODE_ERROR',
    message: expect.stringContaining('UTF-8'),
  });
  await expect(all(Buffer.from(doc(3).slice(0, -5)))).rejects.toMatchObject({ code: 'DECODE_ERROR' });
});

test('the limits of the reader apply to the whole document', async () => {
  await expect(all(Buffer.from(doc(20)), { maxElements: 10 })).rejects.toMatchObject({
    code: 'LIMIT_EXCEEDED',
    limit: 'maxElements',
  });
  const deep = `<OutboundData>${'<ResourceList>'.repeat(70)}${'</ResourceList>'.repeat(70)}</OutboundData>`;
  await expect(all(Buffer.from(deep))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxDepth' });
});

test('an unknown row element is a row with a problem, not an error', async () => {
  const rows = await all(Buffer.from('<OutboundData><Nope/>' + ROW + '</OutboundData>'));
  expect(rows[0]).toMatchObject({
    name: 'Nope',
    value: undefined,
    problems: [{ path: 'OutboundData.Nope[0]' }],
  });
  // The known row is decoded and checked: this one lacks its required attributes, each reported.
  expect(rows[1]!.name).toBe('ResourceList');
  expect(rows[1]!.problems.length).toBeGreaterThan(5);
  expect(new Set(rows[1]!.problems.map((p) => p.message))).toEqual(
    new Set(['required attribute is missing']),
  );
});
