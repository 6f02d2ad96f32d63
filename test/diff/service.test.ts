/** The schema diff reports changes to the WSDL binding facts: SOAPAction, path, namespace, request types, attachment limit. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffReleases, type SchemaChange } from '../../codegen/diff/index.js';
import { releaseDir } from '../helpers/paths.js';

const FILE = 'omi-web-service.wsdl';
const ORIGINAL = readFileSync(path.join(releaseDir('2025-12'), FILE), 'utf8');

const brief = (changes: readonly SchemaChange[]): string[] =>
  changes
    .filter((c) => c.kind === 'binding-changed')
    .map((c) => `${c.path} ${c.old} → ${c.new} ${c.request}/${c.response}`);

function diffWith(...edits: [string, string][]): string[] {
  let text = ORIGINAL;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return brief(diffReleases({ files: { [FILE]: ORIGINAL } }, { files: { [FILE]: text } }).changes);
}

test('an unchanged binding reports nothing, and the three real releases bind alike', () => {
  expect(diffWith()).toEqual([]);
  expect(brief(diffReleases('2024-03', '2025-12').changes)).toEqual([]);
});

test('SOAPAction and path changes break requests', () => {
  expect(
    diffWith(
      ['soapAction="urn:ws.web.omi.co.jp:submitAttachment"', 'soapAction="urn:ws.web.omi.co.jp:submit"'],
      ['/axis2/services/OmiWebService"', '/axis2/services/OmiWebService2"'],
    ),
  ).toEqual([
    'service:path /axis2/services/OmiWebService → /axis2/services/OmiWebService2 breaking/none',
    'service:soapAction urn:ws.web.omi.co.jp:submitAttachment → urn:ws.web.omi.co.jp:submit breaking/none',
  ]);
});

test('request types: an added one is compatible, a removed one breaking', () => {
  expect(
    diffWith([
      '<xsd:enumeration value="mp.omi" />',
      '<xsd:enumeration value="mp.omi" /><xsd:enumeration value="mp.x" />',
    ]),
  ).toEqual(['service:requestTypes mp.omi → mp.omi, mp.x compatible/none']);
  expect(diffWith(['<xsd:enumeration value="mp.omi" />', '<xsd:enumeration value="mp.x" />'])).toEqual([
    'service:requestTypes mp.omi → mp.x breaking/none',
  ]);
});

test('attachment limit: lowered breaks requests, raised is compatible', () => {
  const request = 'type="types:AttachmentType" minOccurs="0" maxOccurs="20" />\n\n';
  expect(ORIGINAL.replace(/\r/g, '')).toContain(request);
  const text = ORIGINAL.replace(/\r\n/g, '\n');
  const limit = (n: number): string[] =>
    brief(
      diffReleases(
        { files: { [FILE]: text } },
        { files: { [FILE]: text.replace(request, request.replace('"20"', `"${n}"`)) } },
      ).changes,
    );
  expect(limit(10)).toEqual(['service:maxAttachments 20 → 10 breaking/none']);
  expect(limit(30)).toEqual(['service:maxAttachments 20 → 30 compatible/none']);
});
