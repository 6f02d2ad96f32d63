/**
 * Wire snapshots: for every operation, the exact HTTP request the client
 * sends (URL, headers, MIME body) for one fixed input, with a fixed clock,
 * fixed Content-IDs and a fixed boundary. The input is the seeded random
 * request of the end-to-end tests; the key is the OpenSSL-made fixture
 * `pkcs12-pbes2-aes256.p12` (F100 / FAKEUSER), whose RSA PKCS#1 v1.5
 * signatures are deterministic. A change to any byte on the wire changes a
 * snapshot file, and shows up in review.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operations } from '../../generated/index.js';
import { MmsClient } from '../../src/client/client.js';
import { MmsClientError } from '../../src/errors.js';
import { Certificate } from '../../src/security/certificate.js';
import type { AuditRequest } from '../../src/transport/audit.js';
import type { ClientType } from '../../src/transport/endpoints.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { randomRequest } from '../helpers/client-fixtures.js';

/** Where the committed snapshots live, one `<operation>.http` file each. */
export const SNAPSHOT_DIR = path.join(import.meta.dirname, 'snapshots');

const SEED = 20261201;
const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/pkcs12-pbes2-aes256.p12');
const FRAME_SOURCE = {
  now: () => new Date('2027-04-01T00:00:00Z'),
  // The reference client's form: 16 upper-case letters or digits, the part, the domain.
  contentId: (part: string, domain: string) => `WIRESNAPSHOT0000-${part}@${domain}`,
  boundary: () => `MIMEBoundary_${'0'.repeat(32)}`,
};

class Captured extends Error {
  constructor(readonly request: AuditRequest) {
    super('captured');
  }
}

/** The request as a file: request line, headers, blank line, body bytes. */
function render(request: AuditRequest): Buffer {
  const head = Object.entries(request.headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`POST ${request.url}\r\n${head}\r\n`, 'utf8'), request.body]);
}

/** Every operation's snapshot, by file name, in catalog order. */
export async function renderSnapshots(): Promise<Map<string, Buffer>> {
  const certificate = await Certificate.fromBytes(readFileSync(FIXTURE), 'pw');
  const clients = new Map<ClientType, MmsClient>();
  const clientFor = (clientType: ClientType): MmsClient => {
    let client = clients.get(clientType);
    if (!client) {
      client = new MmsClient({
        participant: 'F100',
        user: 'FAKEUSER',
        clientType,
        certificate,
        domain: 'wire.example',
        frameSource: FRAME_SOURCE,
        retry: { maxAttempts: 1 },
        // Stop every call at the door: the request is built and framed, never sent.
        hooks: {
          beforeSend: ({ request }) => {
            throw new Captured(request);
          },
        },
      });
      clients.set(clientType, client);
    }
    return client;
  };
  const out = new Map<string, Buffer>();
  const all = (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));
  for (const op of all) {
    const { attributes, data } = randomRequest(op, SEED);
    const client = clientFor(op.audience[0]!);
    const error = await client.request(op.id as never, attributes as never, data as never).then(
      () => undefined,
      (err: unknown) => err,
    );
    const captured =
      error instanceof MmsClientError && error.cause instanceof Captured ? error.cause : undefined;
    if (!captured) throw new Error(`${op.id}: no request was framed (${String(error)})`);
    out.set(`${op.id}.http`, render(captured.request));
  }
  for (const client of clients.values()) client.close();
  return out;
}
