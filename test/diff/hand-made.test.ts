/**
 * Each kind of change, on small hand-written schema pairs given to the
 * library as in-memory files: what is found, and how it is classified for
 * requests and for responses.
 */
import {
  diffReleases,
  SchemaDiffError,
  type SchemaChange,
  type SchemaDiffReport,
} from '../../codegen/diff/index.js';

/** A payload schema shaped like mi-market.xsd: MarketData → envelope choice → operations. */
const MARKET = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="MarketData" type="MarketDataType"/>
  <xs:complexType name="MarketDataType">
    <xs:sequence>
      <xs:element name="Messages" type="MessagesType" minOccurs="0"/>
      <xs:choice>
        <xs:element name="MarketSubmit" type="MarketSubmitType"/>
        <xs:element name="MarketQuery" type="MarketQueryType"/>
      </xs:choice>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="MessagesType">
    <xs:sequence><xs:element name="Error" type="xs:string" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="MarketSubmitType">
    <xs:sequence>
      <xs:element name="Messages" type="MessagesType" minOccurs="0"/>
      <xs:element name="OfferData" type="OfferDataType" minOccurs="0" maxOccurs="1"/>
      <xs:element name="BupSubmit" type="BupType" minOccurs="0" maxOccurs="1"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="MarketQueryType">
    <xs:sequence>
      <xs:element name="OfferQuery" type="OfferQueryType" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="OfferQueryType">
    <xs:attribute name="Area" type="AreaType" use="optional"/>
  </xs:complexType>
  <xs:complexType name="BupType">
    <xs:attribute name="ResourceName" type="ResourceNameType" use="required"/>
  </xs:complexType>
  <xs:complexType name="OfferDataType">
    <!-- the stack of offers -->
    <xs:sequence>
      <xs:element name="Messages" type="MessagesType" minOccurs="0"/>
      <xs:element name="OfferStack" type="OfferStackType" minOccurs="1" maxOccurs="1"/>
      <xs:element name="Note" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="ResourceName" type="ResourceNameType" use="required"/>
    <xs:attribute name="Area" type="AreaType" use="required"/>
    <xs:attribute name="Direction" type="DirectionType" use="optional" default="1"/>
  </xs:complexType>
  <xs:complexType name="OfferStackType">
    <xs:attribute name="OfferPrice" type="PriceType" use="required"/>
  </xs:complexType>
  <xs:simpleType name="ResourceNameType">
    <xs:annotation><xs:documentation>Resource name</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:minLength value="1"/>
      <xs:maxLength value="10"/>
      <xs:pattern value="[A-Z0-9_]*"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="AreaType">
    <xs:restriction base="xs:string">
      <xs:enumeration value="01"/>
      <xs:enumeration value="02"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="DirectionType">
    <xs:restriction base="xs:string">
      <xs:enumeration value="1"/>
      <xs:enumeration value="2"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="PriceType">
    <xs:restriction base="xs:decimal">
      <xs:minInclusive value="0.00"/>
      <xs:maxInclusive value="10000.00"/>
      <xs:fractionDigits value="2"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="UnusedType">
    <xs:restriction base="xs:int"><xs:maxInclusive value="5"/></xs:restriction>
  </xs:simpleType>
</xs:schema>
`;

/** Replace one exact piece of the base schema; fails loudly if the piece is not there. */
function edit(base: string, ...pairs: [string, string][]): string {
  let out = base;
  for (const [from, to] of pairs) {
    if (!out.includes(from)) throw new Error(`test schema lacks ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

function diffMarket(newText: string, oldText = MARKET): SchemaDiffReport {
  return diffReleases(
    { files: { 'mi-market.xsd': oldText }, label: 'old' },
    { files: { 'mi-market.xsd': newText }, label: 'new' },
  );
}

/** The changes as `path kind request/response`, for compact expectations. */
const brief = (changes: readonly SchemaChange[]): string[] =>
  changes.map((c) => `${c.path} ${c.kind} ${c.request}/${c.response}`);

const only = (report: SchemaDiffReport, kind: string): SchemaChange => {
  const found = report.changes.filter((c) => c.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('noise is not a change', () => {
  test('line endings, comments, documentation, declaration and attribute order', () => {
    const reordered = edit(
      MARKET,
      [
        `    <xs:attribute name="ResourceName" type="ResourceNameType" use="required"/>
    <xs:attribute name="Area" type="AreaType" use="required"/>`,
        `    <xs:attribute name="Area" type="AreaType" use="required"/>
    <!-- moved -->
    <xs:attribute name="ResourceName" type="ResourceNameType" use="required"/>`,
      ],
      [
        '<xs:documentation>Resource name</xs:documentation>',
        '<xs:documentation>Name of a resource, revised</xs:documentation>',
      ],
    );
    // Move a type declaration to the end and switch to CRLF.
    const decl = reordered.slice(
      reordered.indexOf('  <xs:simpleType name="AreaType">'),
      reordered.indexOf('  <xs:simpleType name="DirectionType">'),
    );
    const moved = reordered
      .replace(decl, '')
      .replace('</xs:schema>', `${decl}</xs:schema>`)
      .replace(/\n/g, '\r\n');
    const report = diffMarket(moved);
    expect(report.changes).toEqual([]);
    expect(report.breaking).toBe(false);
    expect(report.modules).toEqual([
      { module: 'market', file: 'mi-market.xsd', identicalBytes: false, changes: 0, breaking: 0 },
    ]);
  });
});

describe('attributes', () => {
  test('a removed required attribute breaks requests and responses', () => {
    const report = diffMarket(
      edit(MARKET, ['    <xs:attribute name="Area" type="AreaType" use="required"/>\n', '']),
    );
    const change = only(report, 'attribute-removed');
    expect(change).toMatchObject({
      path: 'OfferDataType@Area',
      request: 'breaking',
      response: 'breaking',
      severity: 'breaking',
      usedIn: ['request', 'response'],
      // OfferQuery answers with OfferData (codegen/overlays/query-results.ts).
      operations: ['MarketQuery_OfferQuery', 'MarketSubmit_OfferData'],
    });
    expect(change.description).toBe('attribute removed (was required, type AreaType)');
    expect(report.breaking).toBe(true);
  });

  test('a new optional attribute is compatible both ways; a new required one breaks requests only', () => {
    const optional = diffMarket(
      edit(MARKET, [
        '<xs:attribute name="OfferPrice" type="PriceType" use="required"/>',
        '<xs:attribute name="OfferPrice" type="PriceType" use="required"/><xs:attribute name="Memo" type="xs:string"/>',
      ]),
    );
    expect(brief(optional.changes)).toEqual(['OfferStackType@Memo attribute-added compatible/compatible']);
    expect(optional.breaking).toBe(false);
    const required = diffMarket(
      edit(MARKET, [
        '<xs:attribute name="OfferPrice" type="PriceType" use="required"/>',
        '<xs:attribute name="OfferPrice" type="PriceType" use="required"/><xs:attribute name="Memo" type="xs:string" use="required"/>',
      ]),
    );
    expect(brief(required.changes)).toEqual(['OfferStackType@Memo attribute-added breaking/compatible']);
  });

  test('required → optional breaks readers; optional → required breaks writers', () => {
    const relaxed = diffMarket(
      edit(MARKET, [
        '<xs:attribute name="Area" type="AreaType" use="required"/>',
        '<xs:attribute name="Area" type="AreaType"/>',
      ]),
    );
    expect(brief(relaxed.changes)).toEqual(['OfferDataType@Area requiredness-changed compatible/breaking']);
    const tightened = diffMarket(
      edit(MARKET, [
        '<xs:attribute name="Area" type="AreaType" use="optional"/>',
        '<xs:attribute name="Area" type="AreaType" use="required"/>',
      ]),
    );
    expect(brief(tightened.changes)).toEqual([
      'OfferQueryType@Area requiredness-changed breaking/compatible',
    ]);
  });

  test('a changed default is possibly breaking: the meaning of an omitted value changes', () => {
    const report = diffMarket(edit(MARKET, ['default="1"', 'default="2"']));
    expect(brief(report.changes)).toEqual([
      'OfferDataType@Direction default-changed possibly-breaking/possibly-breaking',
    ]);
  });

  test('a case-only rename is a removal and an addition, with a hint', () => {
    const report = diffMarket(edit(MARKET, ['name="Direction"', 'name="DIRECTION"']));
    expect(brief(report.changes)).toEqual([
      'OfferDataType@DIRECTION attribute-added compatible/compatible',
      'OfferDataType@Direction attribute-removed breaking/breaking',
    ]);
    expect(report.changes[1]!.description).toContain('probably renamed to DIRECTION');
  });
});

describe('facets and enumerations', () => {
  test('a narrowed facet breaks requests, a widened one breaks responses', () => {
    const narrowed = diffMarket(edit(MARKET, ['<xs:maxLength value="10"/>', '<xs:maxLength value="8"/>']));
    const n = only(narrowed, 'facet-changed');
    expect(n).toMatchObject({
      path: 'ResourceNameType',
      request: 'breaking',
      response: 'compatible',
      old: '10',
      new: '8',
    });
    expect(n.description).toBe('maximum length 10 → 8');
    // Offers and BUPs carry a ResourceName; OfferQuery answers with OfferData.
    expect(n.operations).toEqual([
      'MarketQuery_OfferQuery',
      'MarketSubmit_BupSubmit',
      'MarketSubmit_OfferData',
    ]);

    const widened = diffMarket(
      edit(MARKET, ['<xs:maxInclusive value="10000.00"/>', '<xs:maxInclusive value="10000.01"/>']),
    );
    expect(brief(widened.changes)).toEqual(['PriceType facet-changed compatible/breaking']);
    expect(widened.changes[0]!.description).toBe('maxInclusive 10000.00 → 10000.01');
  });

  test('bounds equal as decimals are no change', () => {
    expect(
      diffMarket(edit(MARKET, ['<xs:maxInclusive value="10000.00"/>', '<xs:maxInclusive value="10000"/>']))
        .changes,
    ).toEqual([]);
  });

  test('an added enumeration value breaks readers; a removed one breaks writers', () => {
    const added = diffMarket(
      edit(MARKET, [
        '<xs:enumeration value="02"/>',
        '<xs:enumeration value="02"/><xs:enumeration value="03"/>',
      ]),
    );
    expect(only(added, 'enumeration-value-added')).toMatchObject({
      path: 'AreaType',
      new: '03',
      request: 'compatible',
      response: 'breaking',
      operations: ['MarketQuery_OfferQuery', 'MarketSubmit_OfferData'],
    });
    const removed = diffMarket(edit(MARKET, ['<xs:enumeration value="02"/>', '']));
    expect(only(removed, 'enumeration-value-removed')).toMatchObject({
      path: 'AreaType',
      old: '02',
      request: 'breaking',
      response: 'compatible',
    });
  });

  test('a changed pattern is possibly breaking both ways: containment is not guessed', () => {
    const report = diffMarket(edit(MARKET, ['[A-Z0-9_]*', '[A-Z0-9_-]*']));
    expect(brief(report.changes)).toEqual([
      'ResourceNameType pattern-changed possibly-breaking/possibly-breaking',
    ]);
    expect(report.changes[0]!.description).toContain('containment not proven');
    expect(report.breaking).toBe(true);
  });

  test('a field whose type was renamed with the same facets is info, not breaking', () => {
    const renamed = edit(
      MARKET,
      [
        '<xs:attribute name="OfferPrice" type="PriceType"',
        '<xs:attribute name="OfferPrice" type="UnitPriceType"',
      ],
      ['<xs:simpleType name="PriceType">', '<xs:simpleType name="UnitPriceType">'],
    );
    const report = diffMarket(renamed);
    expect(brief(report.changes)).toEqual([
      'OfferStackType@OfferPrice type-changed none/none',
      'PriceType type-removed none/none',
      'UnitPriceType type-added none/none',
    ]);
    expect(report.changes[0]!.description).toBe('type PriceType → UnitPriceType, same value space');
    expect(report.breaking).toBe(false);
  });

  test('a field whose new type has other facets is classified by them', () => {
    const report = diffMarket(
      edit(MARKET, [
        '<xs:attribute name="OfferPrice" type="PriceType"',
        '<xs:attribute name="OfferPrice" type="UnusedType"',
      ]),
    );
    expect(brief(report.changes.filter((c) => c.path === 'OfferStackType@OfferPrice')).sort()).toEqual(
      [
        // decimal → int narrows; minInclusive and fractionDigits go (wider); maxInclusive 10000.00 → 5 (narrower)
        'OfferStackType@OfferPrice builtin-changed breaking/compatible',
        'OfferStackType@OfferPrice facet-changed breaking/compatible',
        'OfferStackType@OfferPrice facet-changed compatible/breaking',
        'OfferStackType@OfferPrice facet-changed compatible/breaking',
      ].sort(),
    );
  });

  test('a change to a type no operation reaches is info', () => {
    const report = diffMarket(edit(MARKET, ['<xs:maxInclusive value="5"/>', '<xs:maxInclusive value="4"/>']));
    expect(brief(report.changes)).toEqual(['UnusedType facet-changed none/none']);
    expect(report.changes[0]).toMatchObject({ severity: 'info', usedIn: [], operations: [] });
  });
});

describe('elements and content models', () => {
  test('an element made repeatable breaks readers (T becomes T[])', () => {
    const report = diffMarket(
      edit(MARKET, [
        '<xs:element name="OfferStack" type="OfferStackType" minOccurs="1" maxOccurs="1"/>',
        '<xs:element name="OfferStack" type="OfferStackType" minOccurs="1" maxOccurs="unbounded"/>',
      ]),
    );
    const change = only(report, 'occurrence-changed');
    expect(change).toMatchObject({
      path: 'OfferDataType/OfferStack',
      request: 'compatible',
      response: 'breaking',
      old: '1..1',
      new: '1..unbounded',
    });
    expect(change.description).toContain('made repeatable');
  });

  test('an element made non-repeatable or required breaks requests', () => {
    const report = diffMarket(
      edit(MARKET, [
        '<xs:element name="Error" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>',
        '<xs:element name="Error" type="xs:string" minOccurs="1" maxOccurs="1"/>',
      ]),
    );
    expect(brief(report.changes)).toEqual(['MessagesType/Error occurrence-changed breaking/compatible']);
    expect(report.changes[0]!.description).toContain('made required, made non-repeatable');
  });

  test('a removed operation is reported once, as the operation', () => {
    const report = diffMarket(
      edit(MARKET, ['      <xs:element name="BupSubmit" type="BupType" minOccurs="0" maxOccurs="1"/>\n', '']),
    );
    expect(brief(report.changes)).toEqual([
      'operation:MarketSubmit_BupSubmit operation-removed breaking/breaking',
    ]);
    expect(report.operations).toEqual([
      {
        module: 'market',
        id: 'MarketSubmit_BupSubmit',
        status: 'removed',
        request: 'breaking',
        response: 'breaking',
        severity: 'breaking',
        changes: 1,
      },
    ]);
  });

  test('a new operation is compatible', () => {
    const report = diffMarket(
      edit(MARKET, [
        '<xs:element name="OfferQuery" type="OfferQueryType" minOccurs="0"/>',
        '<xs:element name="OfferQuery" type="OfferQueryType" minOccurs="0"/><xs:element name="BupQuery" type="OfferQueryType" minOccurs="0"/>',
      ]),
    );
    expect(brief(report.changes)).toEqual([
      'operation:MarketQuery_BupQuery operation-added compatible/compatible',
    ]);
    expect(report.operations.map((o) => `${o.id} ${o.status}`)).toEqual(['MarketQuery_BupQuery added']);
  });

  test('swapped sequence elements break both ways', () => {
    const report = diffMarket(
      edit(
        MARKET,
        ['      <xs:element name="OfferStack" type="OfferStackType" minOccurs="1" maxOccurs="1"/>\n', ''],
        [
          '<xs:element name="Note" type="xs:string" minOccurs="0"/>',
          '<xs:element name="Note" type="xs:string" minOccurs="0"/><xs:element name="OfferStack" type="OfferStackType" minOccurs="1" maxOccurs="1"/>',
        ],
      ),
    );
    expect(brief(report.changes)).toEqual(['OfferDataType order-changed breaking/breaking']);
    expect(report.changes[0]!.description).toBe('element order changed: OfferStack, Note → Note, OfferStack');
  });

  test('elements put into a choice become alternatives (narrowed); taken out of one, they may co-occur', () => {
    const inChoice = edit(MARKET, [
      '<xs:element name="Note" type="xs:string" minOccurs="0"/>',
      '<xs:choice><xs:element name="Note" type="xs:string" minOccurs="0"/><xs:element name="Memo" type="xs:string"/></xs:choice>',
    ]);
    const both = edit(MARKET, [
      '<xs:element name="Note" type="xs:string" minOccurs="0"/>',
      '<xs:element name="Note" type="xs:string" minOccurs="0"/><xs:element name="Memo" type="xs:string" minOccurs="0"/>',
    ]);
    // diffMarket(new, old): from two optional elements to a choice of them.
    expect(brief(diffMarket(inChoice, both).changes)).toEqual([
      'OfferDataType/Note choice-changed breaking/compatible',
    ]);
    expect(brief(diffMarket(both, inChoice).changes)).toEqual([
      'OfferDataType/Note choice-changed compatible/breaking',
    ]);
  });

  test('wrapping elements in a nested sequence is no change', () => {
    const wrapped = edit(MARKET, [
      '<xs:element name="Note" type="xs:string" minOccurs="0"/>',
      '<xs:sequence><xs:element name="Note" type="xs:string" minOccurs="0"/></xs:sequence>',
    ]);
    expect(diffMarket(wrapped).changes).toEqual([]);
  });
});

describe('directions', () => {
  const OUTBOUND = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="OutboundData" type="OutboundDataType"/>
  <xs:complexType name="OutboundDataType">
    <xs:sequence><xs:element name="Offers" type="OffersType" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="OffersType">
    <xs:attribute name="OfferPrice" type="xs:decimal" use="required"/>
    <xs:attribute name="Memo" type="xs:string" use="optional"/>
  </xs:complexType>
</xs:schema>`;

  test('outbound reports are responses only: a removed field cannot break a request', () => {
    const report = diffReleases(
      { files: { 'mi-outbnd-reports.xsd': OUTBOUND } },
      {
        files: {
          'mi-outbnd-reports.xsd': edit(OUTBOUND, [
            '<xs:attribute name="Memo" type="xs:string" use="optional"/>',
            '',
          ]),
        },
      },
    );
    expect(report.changes).toMatchObject([
      {
        module: 'outbound',
        path: 'OffersType@Memo',
        request: 'none',
        response: 'breaking',
        usedIn: ['response'],
      },
    ]);
  });

  test('a new required field in a report is compatible for readers', () => {
    const report = diffReleases(
      { files: { 'mi-outbnd-reports.xsd': OUTBOUND } },
      {
        files: {
          'mi-outbnd-reports.xsd': edit(OUTBOUND, [
            'use="optional"',
            'use="optional"/><xs:attribute name="Extra" type="xs:string" use="required"',
          ]),
        },
      },
    );
    expect(brief(report.changes)).toEqual(['OffersType@Extra attribute-added none/compatible']);
    expect(report.breaking).toBe(false);
  });

  const SOAP = `<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xsd:schema targetNamespace="urn:t" xmlns:t="urn:t">
      <xsd:element name="RequestAttInfo" type="t:RequestAttInfo"/>
      <xsd:element name="ResponseAttInfo" type="t:ResponseAttInfo"/>
      <xsd:complexType name="RequestAttInfo"><xsd:sequence><xsd:element name="requestType" type="t:RequestType"/></xsd:sequence></xsd:complexType>
      <xsd:complexType name="ResponseAttInfo"><xsd:sequence><xsd:element name="responseDataType" type="t:ResponseDataType"/></xsd:sequence></xsd:complexType>
      <xsd:simpleType name="RequestType"><xsd:restriction base="xsd:string"><xsd:enumeration value="mp.market"/></xsd:restriction></xsd:simpleType>
      <xsd:simpleType name="ResponseDataType"><xsd:restriction base="xsd:string"><xsd:enumeration value="XML"/></xsd:restriction></xsd:simpleType>
    </xsd:schema>
  </wsdl:types>
</wsdl:definitions>`;

  test('SOAP: RequestAttInfo travels out, ResponseAttInfo in', () => {
    const report = diffReleases(
      { files: { 'mi-web-service-jbms.wsdl': SOAP } },
      {
        files: {
          'mi-web-service-jbms.wsdl': edit(
            SOAP,
            [
              '<xsd:enumeration value="mp.market"/>',
              '<xsd:enumeration value="mp.market"/><xsd:enumeration value="mp.info"/>',
            ],
            [
              '<xsd:enumeration value="XML"/>',
              '<xsd:enumeration value="XML"/><xsd:enumeration value="CSV"/>',
            ],
          ),
        },
      },
    );
    expect(brief(report.changes)).toEqual([
      'RequestType enumeration-value-added compatible/none',
      'ResponseDataType enumeration-value-added none/breaking',
    ]);
  });
});

describe('inputs', () => {
  test('a module in one input only is an error naming both sides', () => {
    expect(() =>
      diffReleases({ files: { 'mi-market.xsd': MARKET }, label: 'A' }, { files: {}, label: 'B' }),
    ).toThrow(new SchemaDiffError('module market (mi-market.xsd) is in A but not in B'));
  });

  test('an unknown file name or an unreadable schema is an error', () => {
    expect(() => diffReleases({ files: { 'other.xsd': '' } }, { files: {} })).toThrow(
      /not an MMS schema file: other\.xsd/,
    );
    expect(() =>
      diffReleases({ files: { 'mi-market.xsd': '<oops' } }, { files: { 'mi-market.xsd': MARKET } }),
    ).toThrow(SchemaDiffError);
  });

  test('an unknown release name or a missing directory is an error', () => {
    expect(() => diffReleases('1999-01', '2025-12')).toThrow(
      /"1999-01" is neither a release in schemas\/manifest\.json/,
    );
    expect(() => diffReleases({ dir: '/nonexistent/schemas' }, '2025-12')).toThrow(/is not a directory/);
  });
});
