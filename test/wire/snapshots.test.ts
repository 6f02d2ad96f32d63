/**
 * The exact bytes of every operation's request, against the committed wire
 * snapshots (`npm run wire:snapshots` rewrites them; see test/wire/wire.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { EXTRA_PREFIX, renderSnapshots, SNAPSHOT_DIR } from './wire.js';

let rendered: Map<string, Buffer>;

beforeAll(async () => {
  rendered = await renderSnapshots();
}, 60_000);

test('there is one snapshot per operation (71 in release 2025-12), one extra, and no stale one', () => {
  expect([...rendered.keys()].filter((f) => !f.startsWith(EXTRA_PREFIX))).toHaveLength(71);
  expect([...rendered.keys()].filter((f) => f.startsWith(EXTRA_PREFIX))).toHaveLength(1);
  expect(readdirSync(SNAPSHOT_DIR).sort()).toEqual([...rendered.keys()].sort());
});

test('rendering twice gives the same bytes (fixed clock, ids and boundary)', async () => {
  const again = await renderSnapshots();
  for (const [file, bytes] of rendered) expect(again.get(file)?.equals(bytes)).toBe(true);
});

test('every byte of every request matches its snapshot', () => {
  const differing: string[] = [];
  for (const [file, bytes] of rendered) {
    const committed = readFileSync(path.join(SNAPSHOT_DIR, file));
    if (!committed.equals(bytes)) differing.push(file);
  }
  // On a difference, run `npm run wire:snapshots` and review the diff.
  expect(differing).toEqual([]);
});

test('a snapshot is a MIME message an independent parser reads: envelope, then the payload part', async () => {
  const file = rendered.get('MarketSubmit_OfferData.http')!;
  const split = file.indexOf('\r\n\r\n');
  const headers = file.subarray(0, split).toString('utf8').split('\r\n').slice(1);
  const contentType = headers.find((h) => h.startsWith('Content-Type: '))!;
  const message = Buffer.concat([
    Buffer.from(`${contentType}\r\nMIME-Version: 1.0\r\n\r\n`),
    file.subarray(split + 4),
  ]);
  const parsed = await simpleParser(message);
  const parts = parsed.attachments.map((a) => a.contentId);
  expect(parts).toEqual(['<WIRESNAPSHOT0000-root@wire.example>', '<WIRESNAPSHOT0000-payload@wire.example>']);
  const payload = parsed.attachments[1]!.content.toString('utf8');
  expect(payload.startsWith('<MarketData><MarketSubmit ')).toBe(true);
  expect(parsed.attachments[0]!.content.toString('utf8')).toContain('<requestType>mp.market</requestType>');
});

test('the extra snapshot carries adminRole and two signed attachments, each its own part', () => {
  const [file, bytes] = [...rendered].find(([f]) => f.startsWith(EXTRA_PREFIX))!;
  const text = bytes.toString('latin1');
  expect(file).toMatch(/\+attachments\+adminRole\.http$/);
  expect(text).toContain('<adminRole>true</adminRole>');
  expect(text.match(/<attachmentData><binaryData><xop:Include /g)).toHaveLength(2);
  expect(text).toContain('Content-ID: <WIRESNAPSHOT0000-attachment2@wire.example>');
});
