/**
 * The catalog's service facts against sources we did not write: the WSDL
 * files themselves, read here with saxes directly (a plain streaming walk,
 * not codegen's reader), and the service table of MMS-PROTOCOL.md §1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { services } from '../../generated/index.js';
import type { ServiceDescriptor } from '../../src/xml/descriptors.js';
import { INTERFACES, type Interface } from '../../src/vocabulary.js';
import { releaseDir, SHARED } from '../helpers/paths.js';

const WSDL: Record<Interface, string> = { MI: 'mi-web-service-jbms.wsdl', OMI: 'omi-web-service.wsdl' };
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

interface Stated {
  typesNamespace?: string | undefined;
  soapActions: string[];
  locations: string[];
  requestTypes: string[];
  attachmentMax: string[];
}

/** What the WSDL states, by a walk that knows only the element path of each fact. */
function statedIn(file: string): Stated {
  const stated: Stated = { soapActions: [], locations: [], requestTypes: [], attachmentMax: [] };
  const open: SaxesTagNS[] = [];
  const inside = (uri: string, local: string, name?: string): boolean =>
    open.some((t) => t.uri === uri && t.local === local && (name === undefined || value(t, 'name') === name));
  const value = (tag: SaxesTagNS, attribute: string): string | undefined => tag.attributes[attribute]?.value;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    const parent = open[open.length - 1];
    if (tag.uri === XSD_NS && tag.local === 'schema' && parent?.local === 'types') {
      stated.typesNamespace = value(tag, 'targetNamespace');
    }
    if (tag.uri === SOAP_NS && tag.local === 'operation' && inside(WSDL_NS, 'binding')) {
      stated.soapActions.push(value(tag, 'soapAction') ?? '');
    }
    if (tag.uri === SOAP_NS && tag.local === 'address' && inside(WSDL_NS, 'service')) {
      stated.locations.push(value(tag, 'location') ?? '');
    }
    if (tag.local === 'enumeration' && inside(XSD_NS, 'simpleType', 'RequestType')) {
      stated.requestTypes.push(value(tag, 'value') ?? '');
    }
    if (
      tag.local === 'element' &&
      value(tag, 'name') === 'attachmentData' &&
      inside(XSD_NS, 'element', 'RequestAttInfo')
    ) {
      stated.attachmentMax.push(value(tag, 'maxOccurs') ?? '1');
    }
    open.push(tag);
  });
  parser.on('closetag', () => void open.pop());
  parser.write(readFileSync(path.join(releaseDir('2025-12'), file), 'utf8')).close();
  return stated;
}

describe.each(INTERFACES)('%s: the catalog states what the WSDL binds', (iface) => {
  const stated = statedIn(WSDL[iface]);
  const service = services[iface];

  test('SOAPAction of the one bound operation', () => {
    expect(stated.soapActions).toEqual([service.soapAction]);
  });

  test('service path of the one port (the host in the WSDL is a placeholder)', () => {
    expect(stated.locations).toHaveLength(1);
    expect(new URL(stated.locations[0]!.replace('hostname:port', 'h')).pathname).toBe(service.path);
  });

  test('types namespace, request types and attachment limit', () => {
    expect(service.typesNamespace).toBe(stated.typesNamespace);
    expect(service.requestTypes).toEqual(stated.requestTypes);
    expect(stated.attachmentMax).toEqual([String(service.maxAttachments)]);
    expect(service.wsdl).toBe(WSDL[iface]);
  });

  test('the catalog has the shape the runtime reads, frozen', () => {
    // A compile-time check: generated/services.ts imports nothing, so its
    // shape is checked here rather than in the file.
    const typed: Readonly<Record<Interface, ServiceDescriptor>> = services;
    expect(typed[iface]).toBe(service);
    expect(Object.isFrozen(service)).toBe(true);
    expect(Object.isFrozen(service.requestTypes)).toBe(true);
  });
});

/** The service table of MMS-PROTOCOL.md §1: interface → [namespace, SOAPAction, request types]. */
function protocolTable(): Map<string, { ns: string; action: string; requestTypes: string[] }> {
  const text = readFileSync(path.join(SHARED, 'MMS-PROTOCOL.md'), 'utf8');
  const rows = new Map<string, { ns: string; action: string; requestTypes: string[] }>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const iface = /^(MI|OMI) \(/.exec(cells[1] ?? '')?.[1];
    if (!iface || !cells[2]?.endsWith('.wsdl`')) continue;
    const code = (cell: string | undefined): string[] =>
      [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rows.set(iface, { ns: code(cells[3])[0]!, action: code(cells[4])[0]!, requestTypes: code(cells[5]) });
  }
  return rows;
}

test('the catalog agrees with the facts about the real server (MMS-PROTOCOL.md §1, §2)', () => {
  const table = protocolTable();
  expect([...table.keys()]).toEqual([...INTERFACES]);
  for (const iface of INTERFACES) {
    const row = table.get(iface)!;
    expect({ ns: services[iface].typesNamespace, action: services[iface].soapAction }).toEqual({
      ns: row.ns,
      action: row.action,
    });
    expect(services[iface].requestTypes).toEqual(row.requestTypes);
  }
  const protocol = readFileSync(path.join(SHARED, 'MMS-PROTOCOL.md'), 'utf8');
  expect(protocol).toContain(
    `\`attachmentData\` (0..${services.MI.maxAttachments} on MI, 0..${services.OMI.maxAttachments} on OMI`,
  );
  expect(protocol).toContain(`(\`${services.MI.path}\`, \`${services.OMI.path}\`)`);
});
