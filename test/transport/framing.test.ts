/**
 * frameRequest, the pure step from payload bytes to request bytes: the same
 * input and sources give the same bytes, and a caller's fixed sources are
 * checked (a fixed boundary cannot be re-drawn when it collides).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Certificate } from '../../src/security/certificate.js';
import { frameRequest, type FrameSource, type RequestFrame } from '../../src/transport/framing.js';
import { SHARED } from '../helpers/paths.js';

let certificate: Certificate;
beforeAll(async () => {
  certificate = await Certificate.fromBytes(
    readFileSync(path.join(SHARED, 'fixtures', 'pkcs12-pbes2-aes256.p12')),
    'pw',
  );
});

const frame: RequestFrame = {
  interface: 'MI',
  requestType: 'mp.market',
  payload: Buffer.from('<MarketData><MarketQuery/></MarketData>'),
  attachments: [{ name: 'a.csv', data: Buffer.from('a,b\r\n') }],
  operation: 'MarketQuery_OfferQuery',
};
const fixed = (): FrameSource => ({
  certificate,
  contentIdDomain: 'frame.example',
  userAgent: 'test',
  now: () => new Date('2027-01-01T00:00:00Z'),
  contentId: (part, domain) => `FIXED-${part}@${domain}`,
  boundary: () => 'MIMEBoundary_fixed',
});

test('the same frame and sources give the same bytes; random sources differ', () => {
  const a = frameRequest(frame, fixed());
  const b = frameRequest(frame, fixed());
  expect(a.body.equals(b.body)).toBe(true);
  expect(a.headers).toEqual(b.headers);
  expect(a.body.toString('latin1')).toContain('Content-ID: <FIXED-attachment1@frame.example>');
  const random = { certificate, contentIdDomain: 'frame.example', userAgent: 'test' };
  expect(frameRequest(frame, random).body.equals(frameRequest(frame, random).body)).toBe(false);
});

test('a fixed boundary that is not one, or that occurs in the data, is refused', () => {
  expect(() => frameRequest(frame, { ...fixed(), boundary: () => 'has space' })).toThrow(
    expect.objectContaining({ code: 'INVALID_OPTION' }) as Error,
  );
  expect(() =>
    frameRequest({ ...frame, payload: Buffer.from('<a>MIMEBoundary_fixed</a>') }, fixed()),
  ).toThrow(
    expect.objectContaining({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/occurs in the data/),
    }) as Error,
  );
});

test('fixed Content-IDs must be valid and distinct', () => {
  expect(() => frameRequest(frame, { ...fixed(), contentId: () => 'same@x' })).toThrow(
    expect.objectContaining({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(/differs from the others/),
    }) as Error,
  );
  expect(() => frameRequest(frame, { ...fixed(), contentId: (p) => `<${p}>` })).toThrow(
    expect.objectContaining({ code: 'INVALID_OPTION' }) as Error,
  );
});

test('the clock decides the certificate check: outside the validity window nothing is framed', () => {
  expect(() => frameRequest(frame, { ...fixed(), now: () => new Date('2200-01-01T00:00:00Z') })).toThrow(
    expect.objectContaining({ code: 'CERT_EXPIRED' }) as Error,
  );
});
