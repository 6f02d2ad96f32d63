import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAndGenerate } from 'wsdl-tsclient';
import { services } from '../../generated/index.js';
import { MmsClientError } from '../../src/errors.js';
import {
  ATTACHMENT_FIELDS,
  REQUEST_FIELDS,
  RESPONSE_DATA_TYPES,
  RESPONSE_FIELDS,
  buildFaultEnvelope,
  buildRequestEnvelope,
  parseRequestEnvelope,
  parseResponseEnvelope,
  type RequestAttInfo,
} from '../../src/transport/soap.js';
import { WSDL_FILES, schemaDir, validateEnvelope } from '../helpers/wsdl-schema.js';
import { rejection } from '../helpers/rejection.js';
import type { Interface } from '../../src/vocabulary.js';

const noParts = (cid: string): Uint8Array => {
  throw new Error(`unexpected cid ${cid}`);
};

const baseRequest: RequestAttInfo = {
  requestType: 'mp.market',
  adminRole: false,
  requestDataCompressed: false,
  requestDataType: 'XML',
  sendRequestDataOnSuccess: true,
  sendResponseDataCompressed: false,
  requestSignature: 'c2lnbmF0dXJl',
  requestData: { bytes: Buffer.from('<MarketData/>') },
};

function decodeError(fn: () => unknown): MmsClientError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MmsClientError);
    return err as MmsClientError;
  }
  throw new Error('expected an error');
}

describe('buildRequestEnvelope', () => {
  it('writes RequestAttInfo in the types namespace with unqualified children in schema order', async () => {
    const xml = buildRequestEnvelope('MI', {
      ...baseRequest,
      requestData: { contentId: 'ABC-payload@example.jp' },
      attachmentData: [
        { binaryData: { contentId: 'DEF-attachment1@example.jp' }, signature: 'c2ln', name: 'a&b.csv' },
      ],
    });
    expect(xml).toContain(
      '<mms:RequestAttInfo xmlns:mms="urn:abb.com:project/mms/types"><requestType>mp.market',
    );
    const order = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]).filter((n) => n !== 'binaryData');
    expect(order.filter((n) => (REQUEST_FIELDS as readonly string[]).includes(n ?? ''))).toEqual(
      REQUEST_FIELDS,
    );
    expect(xml).toContain(
      '<requestData><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:ABC-payload@example.jp"/></requestData>',
    );
    expect(xml).toContain('<name>a&amp;b.csv</name>');
    const back = await parseRequestEnvelope(xml, (cid) => Buffer.from(`bytes of ${cid}`));
    expect(back.interface).toBe('MI');
    expect(Buffer.from(back.requestData).toString()).toBe('bytes of ABC-payload@example.jp');
    expect(back.attachmentData[0]?.name).toBe('a&b.csv');
  });

  it('refuses request types of the other service, too many attachments and XML-illegal characters', () => {
    expect(decodeError(() => buildRequestEnvelope('OMI', baseRequest)).message).toMatch(/mp.market.*OMI/);
    expect(() => buildRequestEnvelope('MI', { ...baseRequest, requestType: 'mp.omi' })).toThrow(
      MmsClientError,
    );
    const many = (n: number) =>
      Array.from({ length: n }, () => ({
        binaryData: { bytes: Buffer.from('x') },
        signature: 'c2ln',
        name: 'n',
      }));
    expect(() =>
      buildRequestEnvelope('OMI', { ...baseRequest, requestType: 'mp.omi', attachmentData: many(20) }),
    ).not.toThrow();
    expect(() =>
      buildRequestEnvelope('OMI', { ...baseRequest, requestType: 'mp.omi', attachmentData: many(21) }),
    ).toThrow(/21 attachments exceed the OMI service's limit of 20/);
    expect(() => buildRequestEnvelope('MI', { ...baseRequest, attachmentData: many(41) })).toThrow(
      /limit of 40/,
    );
    expect(() =>
      buildRequestEnvelope('MI', { ...baseRequest, attachmentData: [{ name: 'bad\u0001name' }] }),
    ).toThrow(/U\+0001, which XML 1\.0 cannot carry \(RequestAttInfo\.attachmentData\.name, MI service\)/);
  });

  it.each<[Interface, RequestAttInfo['requestType']]>([
    ['MI', 'mp.registration'],
    ['OMI', 'mp.omi'],
  ])(
    '%s envelope (inline data) is valid against the schema embedded in the WSDL (libxml2)',
    async (iface, rt) => {
      const xml = buildRequestEnvelope(iface, {
        ...baseRequest,
        requestType: rt,
        adminRole: true,
        attachmentData: [{ binaryData: { bytes: Buffer.from('a,b\n') }, signature: 'c2ln', name: 'x.csv' }],
      });
      const result = await validateEnvelope(xml, iface);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    },
  );

  it('the schema check can fail: qualified children or a wrong order are invalid', async () => {
    const xml = buildRequestEnvelope('MI', baseRequest);
    const qualified = xml
      .replace('<mms:RequestAttInfo xmlns:mms=', '<RequestAttInfo xmlns=')
      .replace('</mms:RequestAttInfo>', '</RequestAttInfo>');
    expect((await validateEnvelope(qualified, 'MI')).valid).toBe(false);
    const swapped = xml.replace(
      '<adminRole>false</adminRole><requestDataCompressed>false</requestDataCompressed>',
      '<requestDataCompressed>false</requestDataCompressed><adminRole>false</adminRole>',
    );
    expect((await validateEnvelope(swapped, 'MI')).valid).toBe(false);
  });
});

describe('parseResponseEnvelope', () => {
  it('reads ResponseAttInfo with any prefixes and inline base64', async () => {
    const xml = `<?xml version="1.0"?>
      <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body>
        <ns2:ResponseAttInfo xmlns:ns2="urn:abb.com:project/mms/types">
          <success>true</success><warnings>1</warnings><responseBinary>false</responseBinary>
          <responseCompressed>false</responseCompressed><responseDataType>CSV</responseDataType>
          <responseFilename>r.csv</responseFilename>
          <responseData>${Buffer.from('a,b\n日本')
            .toString('base64')
            .replace(/(.{4})/g, '$1\n')}</responseData>
          <attachmentData><binaryData>eA==</binaryData><name>n</name></attachmentData>
        </ns2:ResponseAttInfo></S:Body></S:Envelope>`;
    const res = await parseResponseEnvelope(xml, noParts);
    expect(res.kind).toBe('response');
    if (res.kind !== 'response') return;
    expect(res.response).toMatchObject({
      success: true,
      warnings: true,
      responseBinary: false,
      responseCompressed: false,
      responseDataType: 'CSV',
      responseFilename: 'r.csv',
    });
    expect(Buffer.from(res.response.responseData ?? []).toString()).toBe('a,b\n日本');
    expect(Buffer.from(res.response.attachmentData[0]?.binaryData ?? []).toString()).toBe('x');
  });

  it('resolves xop:Include hrefs after percent-decoding and bracket removal', async () => {
    const seen: string[] = [];
    const xml = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><t:ResponseAttInfo xmlns:t="urn:types.ws.web.omi.co.jp">
      <success>false</success><warnings>false</warnings><responseBinary>false</responseBinary><responseCompressed>false</responseCompressed>
      <responseDataType>XML</responseDataType>
      <responseData><inc:Include xmlns:inc="http://www.w3.org/2004/08/xop/include" href="cid:abc%40x%2Fy"/></responseData>
      </t:ResponseAttInfo></e:Body></e:Envelope>`;
    const res = await parseResponseEnvelope(xml, (cid) => {
      seen.push(cid);
      return Buffer.from('P');
    });
    expect(seen).toEqual(['abc@x/y']);
    expect(res.kind === 'response' && res.response.success).toBe(false);
  });

  it('reads SOAP 1.1 and SOAP 1.2 faults', async () => {
    const f11 = await parseResponseEnvelope(
      buildFaultEnvelope({ code: 'soapenv:Server', message: 'ユーザ認証エラー', detail: 'd' }),
      noParts,
    );
    expect(f11).toEqual({
      kind: 'fault',
      fault: { code: 'soapenv:Server', message: 'ユーザ認証エラー', detail: 'd' },
    });
    const f12 = await parseResponseEnvelope(
      `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>
        <env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">boom</env:Text></env:Reason>
      </env:Fault></env:Body></env:Envelope>`,
      noParts,
    );
    expect(f12).toEqual({ kind: 'fault', fault: { code: 'env:Receiver', message: 'boom' } });
  });

  it.each([
    ['not XML', 'hello', /not well-formed/],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x/>', /DOCTYPE/],
    ['another root', '<x/>', /not a SOAP Envelope/],
    [
      'an empty Body',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>',
      /Body is empty/,
    ],
    [
      'no success',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ResponseAttInfo><responseDataType>XML</responseDataType></ResponseAttInfo></s:Body></s:Envelope>',
      /no success/,
    ],
    [
      'bad base64',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ResponseAttInfo><success>true</success><responseDataType>XML</responseDataType><responseData>%%%</responseData></ResponseAttInfo></s:Body></s:Envelope>',
      /neither xop:Include nor valid base64/,
    ],
    [
      'a bad boolean',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ResponseAttInfo><success>yes</success><responseDataType>XML</responseDataType></ResponseAttInfo></s:Body></s:Envelope>',
      /not an xsd:boolean/,
    ],
  ])('refuses %s with a clear DECODE_ERROR', async (_name, xml, message) => {
    const err = (await rejection(parseResponseEnvelope(xml, noParts))) as MmsClientError;
    expect(err).toBeInstanceOf(MmsClientError);
    expect(err.code).toBe('DECODE_ERROR');
    expect(err.message).toMatch(message);
  });
});

/**
 * wsdl-tsclient is an independent reading of the WSDLs: its generated
 * TypeScript definitions must list the same fields, in the same order, and
 * the same enumerations as our SOAP layer.
 */
describe('cross-check with the types wsdl-tsclient generates from the WSDLs', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'mms-wsdl-ts-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  /** Property names and doc comments of one generated interface, in order. */
  async function generatedInterface(
    dir: string,
    name: string,
  ): Promise<Array<{ prop: string; doc: string }>> {
    const text = await readFile(path.join(dir, 'definitions', `${name}.ts`), 'utf8');
    return [...text.matchAll(/\/\*\* ([^*]*) \*\/\s+(\w+)\?:/g)].map((m) => ({
      doc: m[1] ?? '',
      prop: m[2] ?? '',
    }));
  }

  it.each<Interface>(['MI', 'OMI'])('%s', async (iface) => {
    const out = path.join(outDir, iface);
    await parseAndGenerate(path.join(schemaDir, WSDL_FILES[iface]), out, {
      emitDefinitionsOnly: true,
      quiet: true,
    });
    const [client] = await readdir(out);
    const dir = path.join(out, client ?? '');
    const req = await generatedInterface(dir, 'RequestAttInfo');
    const res = await generatedInterface(dir, 'ResponseAttInfo');
    const att = await generatedInterface(dir, 'AttachmentData');
    expect(req.map((p) => p.prop)).toEqual(REQUEST_FIELDS);
    expect(res.map((p) => p.prop)).toEqual(RESPONSE_FIELDS);
    expect(att.map((p) => p.prop)).toEqual(ATTACHMENT_FIELDS);
    const enumOf = (props: Array<{ prop: string; doc: string }>, prop: string): string[] =>
      props
        .find((p) => p.prop === prop)
        ?.doc.split('|')[2]
        ?.split(',') ?? [];
    expect(enumOf(req, 'requestType')).toEqual(services[iface].requestTypes);
    expect(enumOf(req, 'requestDataType')).toEqual(['XML', 'JSON']);
    expect(enumOf(res, 'responseDataType')).toEqual(RESPONSE_DATA_TYPES);
    const attText = await readFile(path.join(dir, 'definitions', 'AttachmentData.ts'), 'utf8');
    expect(attText).toContain(`@targetNamespace \`${services[iface].typesNamespace}\``);
  });
});
