/**
 * Every sample payload of the reference client decodes and re-encodes to XML
 * equal in meaning (whitespace between elements aside), and the decoded
 * values look as a user would expect.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modules } from '../../generated/index.js';
import { decodeDocument, decodeTree } from '../../src/xml/decode.js';
import { encodeDocument, encodeElement } from '../../src/xml/encode.js';
import { parseXml, type XmlElement } from '../../src/xml/parser.js';
import { SAMPLES } from '../helpers/paths.js';
import { documentModule, FRAGMENTS } from '../helpers/samples.js';

interface Meaning {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Meaning[];
}

/** A decimal's value, not its spelling: `80.0` and `80` mean the same number. */
function normalise(value: string): string {
  const m = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/.exec(value);
  return m ? `${m[1]}${m[2]}${m[3] ? `.${m[3]}` : ''}` : value;
}

function meaning(element: XmlElement): Meaning {
  const attributes = Object.fromEntries(
    Object.entries(element.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, normalise(v)]),
  );
  return {
    name: element.name,
    attributes,
    // Pretty-printing whitespace (a line break and indentation) carries no meaning.
    text: /^\s*\n\s*$/.test(element.text) ? '' : element.text,
    children: element.children.map(meaning),
  };
}

const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.xml'))
  .sort();

function roundTrip(file: string): { original: XmlElement; encoded: string; problems: string[] } {
  const xml = readFileSync(path.join(SAMPLES, file), 'utf8');
  const original = parseXml(xml);
  const module = documentModule(file, original.name);
  if (module) {
    const decoded = decodeDocument(module, original.name, xml);
    return {
      original,
      encoded: encodeDocument(module, original.name, decoded.value),
      problems: decoded.problems.map((p) => `${p.path}: ${p.message}`),
    };
  }
  const fragment = FRAGMENTS[original.name];
  if (!fragment) throw new Error(`sample ${file}: no module known for ${original.name}`);
  const decoded = decodeTree(fragment.module, fragment.type, original, original.name);
  return {
    original,
    encoded: encodeElement(fragment.module, original.name, fragment.type, decoded.value),
    problems: decoded.problems.map((p) => `${p.path}: ${p.message}`),
  };
}

test('all 38 samples are covered', () => {
  expect(samples).toHaveLength(38);
});

describe.each(samples)('%s', (file) => {
  test('decodes and re-encodes to the same meaning', () => {
    const { original, encoded } = roundTrip(file);
    expect(meaning(parseXml(encoded))).toEqual(meaning(original));
  });

  test('decodes without schema problems, except the known-invalid address sample', () => {
    const { problems } = roundTrip(file);
    if (file === 'put_resource_request.xml') {
      expect(problems).toEqual([
        expect.stringMatching(/^RegistrationData\.RegistrationSubmit\.Resource\[0\]\.Address: .*pattern/),
      ]);
    } else {
      expect(problems).toEqual([]);
    }
  });
});

test('decoded values carry the schema representation: numbers where exact, strings for lexical values', () => {
  const decoded = decodeDocument<{
    MarketSubmit: { OfferData: { OfferStack: Record<string, unknown>[]; StartTime: unknown }[] };
  }>(modules.market, 'MarketData', readFileSync(path.join(SAMPLES, 'put_offer_request.xml')));
  const offer = decoded.value.MarketSubmit.OfferData[0]!;
  expect(offer.StartTime).toBe('2024-03-15T12:00:00');
  expect(offer.OfferStack[0]).toEqual({ MinimumQuantityInKw: 100, OfferUnitPrice: 100, StackNumber: 1 });
});

test('message entries keep their code and text (simpleContent)', () => {
  const decoded = decodeDocument<{ Messages: { Error: unknown[]; Warning: unknown[] } }>(
    modules.market,
    'MarketData',
    readFileSync(path.join(SAMPLES, 'base_failed_response.xml')),
  );
  expect(decoded.value.Messages.Error).toEqual([{ Code: 'Error1', value: 'Error1' }]);
  expect(decoded.value.Messages.Warning).toHaveLength(2);
});

test('Japanese text survives the round trip byte for byte', () => {
  const { encoded } = roundTrip('base_failed_response.xml');
  expect(encoded).toContain('CompanyShortName="偽会社"');
});
