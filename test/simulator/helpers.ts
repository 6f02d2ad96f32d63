/**
 * Shared pieces of the simulator tests: clients for the simulator's issued
 * credentials, a hook that keeps every response payload the simulator sent
 * (to validate them all with libxml2), and a raw HTTPS sender for requests
 * the real client would never make (unsigned, wrong SOAPAction, broken MTOM).
 */
import https from 'node:https';
import { MmsClient, type MmsClientOptions } from '../../src/client/client.js';
import { addJstDays, toJstDate } from '../../src/client/time.js';
import { Certificate } from '../../src/security/certificate.js';
import type { AfterReceiveEvent, TransportHooks } from '../../src/transport/audit.js';
import { decodeMessage } from '../../src/transport/mtom.js';
import { parseResponseEnvelope } from '../../src/transport/soap.js';
import type { IssuedCredential, Simulator } from '../../src/simulator/index.js';
import { loadSchema, validateWithLibxml2 } from '../helpers/xmllint.js';
import type { Interface } from '../../src/vocabulary.js';

/** A response payload as the simulator sent it. */
export interface CapturedPayload {
  readonly operation: string;
  readonly interface: Interface;
  readonly dataType: string;
  readonly binary: boolean;
  readonly payload: string;
}

/** Keeps the response payload of every attempt. */
export class PayloadRecorder implements TransportHooks {
  readonly payloads: CapturedPayload[] = [];

  async afterReceive(event: AfterReceiveEvent): Promise<void> {
    try {
      const message = decodeMessage(event.response.headers['content-type'], event.response.body);
      const parsed = await parseResponseEnvelope(message.rootXml, message.resolve);
      if (parsed.kind !== 'response' || !parsed.response.responseData) return;
      this.payloads.push({
        operation: event.request.operation,
        interface: event.request.interface,
        dataType: parsed.response.responseDataType,
        binary: parsed.response.responseBinary,
        payload: Buffer.from(parsed.response.responseData).toString('utf8'),
      });
    } catch {
      // Injected faults send bodies that do not decode; nothing to keep.
    }
  }
}

/** The XSD of a response payload, by its root element and the service. */
export function schemaFileOf(captured: CapturedPayload): string | undefined {
  if (captured.dataType !== 'XML') return undefined;
  const root = /^<([A-Za-z_]+)/.exec(captured.payload)?.[1];
  switch (root) {
    case 'MarketData':
      return captured.interface === 'OMI' ? 'omi.xsd' : 'mi-market.xsd';
    case 'RegistrationData':
      return 'mpr.xsd';
    case 'MarketReport':
      return 'mi-report.xsd';
    case 'OutboundData':
      return 'mi-outbnd-reports.xsd';
    default:
      return undefined;
  }
}

/** libxml2's verdict on every captured XML payload: the list of invalid ones with their errors (empty: all valid). */
export async function invalidPayloads(captured: readonly CapturedPayload[]): Promise<string[]> {
  const bySchema = new Map<string, { fileName: string; contents: string }[]>();
  const problems: string[] = [];
  captured.forEach((c, i) => {
    const schema = schemaFileOf(c);
    if (schema === undefined) {
      if (c.dataType === 'XML')
        problems.push(`${c.operation}: XML payload with unknown root: ${c.payload.slice(0, 80)}`);
      return;
    }
    const list = bySchema.get(schema) ?? [];
    list.push({ fileName: `${i}-${c.operation}.xml`, contents: c.payload });
    bySchema.set(schema, list);
  });
  for (const [schema, documents] of bySchema) {
    const verdicts = await validateWithLibxml2(loadSchema(schema), documents);
    for (const v of verdicts) {
      if (!v.valid) problems.push(`${v.fileName} (${schema}): ${v.errors.map((e) => e.message).join(' | ')}`);
    }
  }
  return problems;
}

/** Opens an issued credential as the client would. */
export function certificateOf(credential: IssuedCredential): Promise<Certificate> {
  return Certificate.fromBytes(credential.p12, credential.passphrase);
}

/** A client for a simulator credential (no retries, fast), with overrides. */
export async function simulatorClient(
  sim: Simulator,
  credential: IssuedCredential,
  options: Partial<MmsClientOptions> = {},
): Promise<MmsClient> {
  return new MmsClient({
    participant: credential.participant,
    user: credential.user,
    clientType: credential.clientType,
    certificate: await certificateOf(credential),
    domain: 'sim.test',
    urls: sim.urls,
    ca: sim.caPem,
    retry: { maxAttempts: 1 },
    ...options,
  });
}

/** A raw HTTPS POST with a client certificate, for requests the client would refuse to make. */
export function rawPost(
  url: string,
  certificate: Certificate,
  caPem: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      // `secureContext` reaches tls.connect; @types/node leaves it out of https.RequestOptions.
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        secureContext: certificate.createSecureContext({ ca: caPem }),
        agent: false,
      } as https.RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out[k] = v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Tomorrow's JST date, `YYYY-MM-DD`. */
export function tomorrowJst(): string {
  return addJstDays(toJstDate(new Date()), 1);
}
