/**
 * Wire snapshots: for every operation, the exact HTTP request the client
 * sends (URL, headers, MIME body) for one fixed input, with a fixed clock,
 * fixed Content-IDs and a fixed boundary. The input is the seeded random
 * request of the end-to-end tests; the key is the OpenSSL-made fixture
 * `pkcs12-pbes2-aes256.p12` (F100 / FAKEUSER), whose RSA PKCS#1 v1.5
 * signatures are deterministic. One more file shows the parts no seeded
 * request has: attachments and `adminRole`. A change to any byte the client
 * hands to HTTP changes a snapshot file, and shows up in review. (axios and
 * Node add `Host`, `Content-Length`, `Connection` and `Accept-Encoding` on
 * the socket; those are not ours to fix.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operations } from '../../generated/index.js';
import { MmsClient } from '../../src/client/client.js';
import { MmsClientError } from '../../src/errors.js';
import { Certificate } from '../../src/security/certificate.js';
import type { AuditRequest } from '../../src/transport/audit.js';
import type { CallOptions } from '../../src/client/types.js';
import type { ClientType } from '../../src/vocabulary.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';
import { randomRequest } from '../helpers/client-fixtures.js';

/** Snapshots beyond the one per operation start with this. */
export const EXTRA_PREFIX = 'extra.';

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
  const clients = new Map<string, MmsClient>();
  const clientFor = (clientType: ClientType, adminRole = false): MmsClient => {
    const key = `${clientType}${adminRole ? '+admin' : ''}`;
    let client = clients.get(key);
    if (!client) {
      client = new MmsClient({
        ...(adminRole ? { adminRole } : {}),
        participant: 'F100',
        user: 'FAKEUSER',
        clientType,
        certificate,
        domain: 'wire.example',
        frameSource: FRAME_SOURCE,
        retry: { maxAttempts: 1 },
        // Seeded random requests: the wire of each operation, not its business rules.
        rules: 'off',
        // Stop every call at the door: the request is built and framed, never sent.
        hooks: {
          beforeSend: ({ request }) => {
            throw new Captured(request);
          },
        },
      });
      clients.set(key, client);
    }
    return client;
  };
  const capture = async (client: MmsClient, op: OperationDescriptor, options: CallOptions = {}) => {
    const { attributes, data } = randomRequest(op, SEED);
    const error = await client.request(op.id as never, attributes as never, data as never, options).then(
      () => undefined,
      (err: unknown) => err,
    );
    const captured =
      error instanceof MmsClientError && error.cause instanceof Captured ? error.cause : undefined;
    if (!captured) throw new Error(`${op.id}: no request was framed (${String(error)})`);
    return render(captured.request);
  };
  const out = new Map<string, Buffer>();
  const all = (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));
  for (const op of all) out.set(`${op.id}.http`, await capture(clientFor(op.audience[0]!), op));
  // Attachments (signed, each its own MTOM part) and adminRole, on an operation open to MOs.
  const mo = all.find((op) => op.audience.includes('mo'))!;
  out.set(
    `${EXTRA_PREFIX}${mo.id}+attachments+adminRole.http`,
    await capture(clientFor('mo', true), mo, {
      attachments: [
        { name: 'detail.csv', data: new TextEncoder().encode('a,b\r\n1,2\r\n') },
        { name: 'binary.bin', data: new Uint8Array([0, 1, 2, 0x0d, 0x0a, 255]) },
      ],
    }),
  );
  for (const client of clients.values()) client.close();
  return out;
}
