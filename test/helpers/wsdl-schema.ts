/**
 * Schema checks of SOAP envelopes with libxml2 (xmllint-wasm), against the
 * xsd:schema embedded in the MMS WSDLs, read from the shared schema folder
 * at test time (never copied into the repo).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const repoRoot = path.resolve(__dirname, '../..');

/** Folder of the 2025-12 schema release. */
export const schemaDir =
  process.env.MMS_SCHEMA_DIR ?? path.resolve(repoRoot, '../shared/mms-schemas/2025-12');

/** WSDL file names. */
export const WSDL_FILES = { MI: 'mi-web-service-jbms.wsdl', OMI: 'omi-web-service.wsdl' } as const;

/**
 * The WSDL's embedded xsd:schema as a standalone schema document: the
 * namespace declarations it inherits from wsdl:definitions are added, and
 * xsd:annotation elements (prose only) are removed.
 */
export function extractTypesSchema(wsdlText: string): { schema: string; targetNamespace: string } {
  const m = /<xsd:schema\b([^>]*)>([\s\S]*?)<\/xsd:schema>/.exec(wsdlText);
  if (!m) throw new Error('no xsd:schema in the WSDL');
  const attrs = m[1] ?? '';
  const tns = /targetNamespace="([^"]+)"/.exec(attrs)?.[1];
  if (!tns) throw new Error('xsd:schema without targetNamespace');
  const inner = (m[2] ?? '').replace(/<xsd:annotation>[\s\S]*?<\/xsd:annotation>/g, '');
  const schema =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xsd:schema${attrs} xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xmime="http://www.w3.org/2005/05/xmlmime">` +
    `${inner}</xsd:schema>\n`;
  return { schema, targetNamespace: tns };
}

/**
 * A hand-written subset of the SOAP 1.1 envelope schema: Envelope with an
 * optional Header and a Body holding exactly one element, validated strictly
 * against the imported types schema.
 */
function envelopeSchema(typesNamespace: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">
  <xs:import namespace="${typesNamespace}" schemaLocation="types.xsd"/>
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header" minOccurs="0">
          <xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="Body">
          <xs:complexType><xs:sequence><xs:any namespace="##other" processContents="strict"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
}

/** Result of {@link validateEnvelope}. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/** Validates a SOAP envelope (with binary data inline, i.e. after XOP reconstruction) for MI or OMI. */
export async function validateEnvelope(envelopeXml: string, iface: 'MI' | 'OMI'): Promise<ValidationResult> {
  const wsdl = readFileSync(path.join(schemaDir, WSDL_FILES[iface]), 'utf8');
  const { schema, targetNamespace } = extractTypesSchema(wsdl);
  const result = await validateXML({
    xml: [{ fileName: 'envelope.xml', contents: envelopeXml }],
    schema: [{ fileName: 'envelope.xsd', contents: envelopeSchema(targetNamespace) }],
    preload: [{ fileName: 'types.xsd', contents: schema }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/**
 * XOP reconstruction: replaces each `<xop:Include href="cid:X"/>` (any
 * prefix) with the base64 of the referenced part, giving the infoset the
 * schema describes (base64Binary content).
 */
export function inlineXopIncludes(xml: string, partsByCid: ReadonlyMap<string, Buffer>): string {
  return xml.replace(
    /<([\w.-]+:)?Include\b[^>]*?href="cid:([^"]+)"[^>]*?\/>/g,
    (_all, _prefix: string | undefined, href: string) => {
      const cid = decodeURIComponent(href);
      const part = partsByCid.get(cid);
      if (!part) throw new Error(`xop:Include names no part: ${cid}`);
      return part.toString('base64');
    },
  );
}
