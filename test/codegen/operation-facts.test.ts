/**
 * The facts codegen adds to each operation and service, pass by pass: the
 * one submit/query rule, identity attributes, result documents, the service
 * pass with its overlay, the WSDL binding reader, the reference-name overlay
 * (checked against the reference client's model list, ../shared/reference)
 * and the one door generated code imports through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readSchemaFile } from '../../codegen/read/xsd.js';
import { addressPath } from '../../codegen/read/wsdl.js';
import { runPasses } from '../../codegen/passes/index.js';
import { operationKind } from '../../codegen/passes/kind.js';
import { describeService } from '../../codegen/passes/service.js';
import { REFERENCE_NAMES as OVERLAY } from '../../codegen/overlays/reference-names.js';
import { modules, operations, REFERENCE_NAMES } from '../../generated/index.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { REPO_ROOT, SHARED } from '../helpers/paths.js';

const ALL = Object.values(operations) as OperationDescriptor[];

describe('kind: one rule decides submit or query', () => {
  test.each([
    [{ envelope: 'MarketSubmit', element: 'OfferData' }, 'submit'],
    [{ envelope: 'MarketCancel', element: 'OfferCancel' }, 'submit'],
    [{ envelope: 'RegistrationSubmit', element: 'Resource' }, 'submit'],
    [{ envelope: 'RegistrationApproval', element: 'Resource' }, 'submit'],
    [{ envelope: 'MarketQuery', element: 'OfferQuery' }, 'query'],
    [{ envelope: 'RegistrationQuery', element: 'Resource' }, 'query'],
    [{ element: 'ReportCreateRequest' }, 'submit'],
    [{ element: 'ReportListRequest' }, 'query'],
    [{ element: 'ReportDownloadRequest' }, 'query'],
    [{ element: 'ReportDownloadRequestTrnID' }, 'query'],
    // A new envelope or report request is a submit until the rule says otherwise: never sent twice.
    [{ envelope: 'MarketAmend', element: 'OfferData' }, 'submit'],
    [{ element: 'ReportDeleteRequest' }, 'submit'],
  ] as const)('%j is a %s', (op, kind) => {
    expect(operationKind(op)).toBe(kind);
  });

  test('the catalog: submits are exactly the state-changing envelopes and report creation', () => {
    const submits = ALL.filter((op) => op.kind === 'submit');
    const changesState = (op: OperationDescriptor): boolean =>
      ['MarketSubmit', 'MarketCancel', 'RegistrationSubmit', 'RegistrationApproval'].includes(
        op.envelope ?? '',
      ) || op.name === 'ReportCreateRequest';
    expect(submits.map((op) => op.id)).toEqual(ALL.filter(changesState).map((op) => op.id));
    expect(operations.MarketCancel_OfferCancel.kind).toBe('submit');
    expect(operations.ReportCreateRequest.kind).toBe('submit');
    expect(operations.MarketQuery_OfferQuery.kind).toBe('query');
  });
});

test('identity: the attributes of the envelope (or report root) the client fills in, in schema order', () => {
  for (const op of ALL) {
    const carrier = modules[op.module].types[op.envelopeType ?? op.rootType];
    if (carrier?.kind !== 'complex') throw new Error(`${op.id}: no carrier`);
    const declared = carrier.attributes.map((a) => a.name);
    expect({ id: op.id, identity: op.identity }).toEqual({
      id: op.id,
      identity: declared.filter((n) => ['ParticipantName', 'UserName', 'ApplicationType'].includes(n)),
    });
  }
  expect(operations.MarketSubmit_OfferData.identity).toEqual(['ParticipantName', 'UserName']);
  expect(operations.ReportCreateRequest.identity).toEqual(['ApplicationType', 'ParticipantName']);
});

test('result document: the report downloads answer with OutboundData of mi-outbnd-reports.xsd', () => {
  const withDocument = ALL.filter((op) => op.result.document !== undefined);
  expect(withDocument.map((op) => op.id)).toEqual(['ReportDownloadRequest', 'ReportDownloadRequestTrnID']);
  for (const op of withDocument) {
    expect(op.result).toMatchObject({
      document: 'outbound',
      root: 'OutboundData',
      rootType: 'OutboundDataType',
    });
    expect(modules.outbound.elements['OutboundData']).toBe(op.result.rootType);
    expect(op.files).toBe(true);
  }
});

describe('the WSDL binding reader and the service pass', () => {
  const wsdl = (maxOccurs: string, style = 'document'): string => `<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:s" targetNamespace="urn:s">
  <wsdl:types>
    <xsd:schema targetNamespace="urn:t" xmlns:t="urn:t">
      <xsd:simpleType name="RequestType"><xsd:restriction base="xsd:string"><xsd:enumeration value="mp.x"/></xsd:restriction></xsd:simpleType>
      <xsd:element name="RequestAttInfo"><xsd:complexType><xsd:sequence>
        <xsd:element name="requestType" type="t:RequestType"/>
        <xsd:element name="attachmentData" type="xsd:string" minOccurs="0" maxOccurs="${maxOccurs}"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
  </wsdl:types>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding style="${style}" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="submitAttachment">
      <soap:operation soapAction="urn:s:go"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="S" binding="tns:B"><soap:address location="http://hostname:port/axis2/services/S"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
  const read = (text: string) => runPasses(readSchemaFile('soap-mi', 't.wsdl', '0'.repeat(64), text));

  test('reads SOAPAction, path, namespace, request types and the stated limit', () => {
    expect(read(wsdl('7')).service).toEqual({
      interface: 'MI',
      service: 'S',
      operation: 'submitAttachment',
      soapAction: 'urn:s:go',
      path: '/axis2/services/S',
      typesNamespace: 'urn:t',
      requestTypes: ['mp.x'],
      maxAttachments: 7,
    });
  });

  test('an unbounded limit needs a cited overlay, which then states it', () => {
    expect(() => read(wsdl('unbounded'))).toThrow(
      /does not bound attachmentData; state the MI limit in codegen\/overlays/,
    );
    const model = runPasses(readSchemaFile('soap-mi', 't.wsdl', '0'.repeat(64), wsdl('unbounded')), {
      skip: ['service'],
    });
    expect(describeService(model, { MI: { maxAttachments: 9, source: 'MMS-PROTOCOL.md §2' } })).toMatchObject(
      {
        maxAttachments: 9,
        overlaid: { fields: ['maxAttachments'], source: 'MMS-PROTOCOL.md §2' },
      },
    );
  });

  test('an overlay that disagrees with the WSDL wins (it records the real server), and says so', () => {
    const model = runPasses(readSchemaFile('soap-mi', 't.wsdl', '0'.repeat(64), wsdl('7')), {
      skip: ['service'],
    });
    expect(describeService(model, { MI: { maxAttachments: 5, source: 'x' } })?.maxAttachments).toBe(5);
    expect(describeService(model, { MI: { maxAttachments: 7, source: 'x' } })?.overlaid).toBeUndefined();
  });

  test('refuses a binding the client could not honour, naming file and line', () => {
    expect(() => read(wsdl('7', 'rpc'))).toThrow(/^t\.wsdl:\d+: only SOAP 1\.1 document style/);
    expect(() => read(wsdl('7').replace('binding="tns:B"', 'binding="tns:Other"'))).toThrow(
      /names binding tns:Other, not B/,
    );
  });

  test('an address path is cut from a placeholder authority', () => {
    expect(addressPath('http://hostname:port/axis2/services/MiWebService')).toBe(
      '/axis2/services/MiWebService',
    );
    expect(() => addressPath('hostname/x')).toThrow(/has no path/);
  });
});

describe('reference names: an overlay emitted into generated/methods.ts', () => {
  const fields = JSON.parse(readFileSync(path.join(SHARED, 'reference', 'fields.json'), 'utf8')) as {
    models: Record<string, unknown>;
  };

  test.each(Object.entries(OVERLAY))(
    '%s: its model is a class of the reference client and its operation exists',
    (name, ref) => {
      expect(Object.keys(fields.models)).toContain(ref.model);
      expect(Object.keys(operations)).toContain(ref.operation);
      expect(REFERENCE_NAMES[name as keyof typeof REFERENCE_NAMES]).toEqual([ref.operation, ref.shape]);
    },
  );

  test('the generated table is the overlay, entry for entry', () => {
    expect(Object.keys(REFERENCE_NAMES)).toEqual(Object.keys(OVERLAY));
  });
});

test('one door: generated code imports from src/ only through src/generated-support.ts', () => {
  const root = path.join(REPO_ROOT, 'generated');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(20);
  const outside: string[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/from '([^']+)'/g)) {
      const target = path.relative(REPO_ROOT, path.resolve(root, path.dirname(file), m[1]!));
      if (!target.startsWith('generated' + path.sep)) outside.push(`${file} → ${target}`);
    }
  }
  expect(new Set(outside.map((o) => o.split(' → ')[1]))).toEqual(
    new Set([path.join('src', 'generated-support.js')]),
  );
  // No cycle through the door: every generated module the door reaches (the
  // request types come from generated/services.ts, the answer-only members of
  // the input types from generated/answer-only.ts) imports nothing itself.
  const reached = new Set<string>();
  const walk = (file: string): void => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const m of text.matchAll(/from '(\.[^']+)\.js'/g)) {
      walk(path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), m[1]!)) + '.ts');
    }
  };
  walk(path.join('src', 'generated-support.ts'));
  const generatedReached = [...reached].filter((f) => f.startsWith('generated' + path.sep));
  expect(generatedReached.sort()).toEqual([
    path.join('generated', 'answer-only.ts'),
    path.join('generated', 'services.ts'),
  ]);
  for (const file of generatedReached)
    expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).not.toMatch(/^import /m);
});
