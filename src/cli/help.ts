/**
 * Help texts of `mms`: the overview, and per operation the input format and
 * every field (envelope attributes and data) with its type, whether it is
 * required, and its facets (codes with their names), read from the schema
 * descriptors.
 */
import { FIELD_DOCS, modules } from '../../generated/index.js';
import type {
  ComplexTypeDescriptor,
  Facets,
  GroupDescriptor,
  ModuleDescriptor,
  OperationDescriptor,
  SimpleTypeDescriptor,
} from '../xml/descriptors.js';
import { UNBOUNDED } from '../xml/descriptors.js';
import { resolveType } from '../xml/schema-index.js';
import { SERVER_ONLY } from '../client/describe.js';
import { fieldDocText, resolveFieldDoc, wrapWords } from '../field-docs.js';
import { namesOf } from './commands.js';
import { rulesOf } from '../rules/index.js';
import { STATEFUL_RULES } from '../rules/stateful.js';
import { EXIT_HELP } from './exit-codes.js';

/** Envelope attributes the client fills in. */
const IDENTITY: Readonly<Record<string, string>> = {
  ParticipantName: 'filled in from --participant',
  UserName: 'filled in from --user',
  ApplicationType: 'filled in (MARKET_REPORT)',
};

export const CONNECTION_HELP = `Connection and identity (every operation):
  --cert FILE          the participant's PKCS#12 file (or MMS_CERT_FILE). The passphrase is read from
                       MMS_CERT_PASSPHRASE, else asked for on the terminal (no echo), else empty.
                       It is never taken from the command line.
  --client-type TYPE   bsp, mo or tso (or MMS_CLIENT_TYPE): selects the hosts and the audience
  --participant NAME   participant, e.g. F100 (or MMS_PARTICIPANT; default: the certificate's O)
  --user NAME          user (or MMS_USER; default: the certificate's CN)
  --test               use the MMS test hosts instead of production
  --url URL            base URL of an MMS stand-in, e.g. https://127.0.0.1:8443 (or MMS_URL);
                       the MI and OMI service paths are appended
  --url-mi URL         full URL of the MI service;  --url-omi URL  of the OMI service
  --ca FILE            CA certificate(s), PEM, that the server must chain to (or MMS_CA)
  --domain NAME        domain of the MTOM Content-IDs (or MMS_DOMAIN; default mms-client.local)
  --admin-role         act as market administrator (adminRole)
  --proxy URL          reach the MMS through an HTTP proxy, http://[user:password@]host:port, or
                       "env" for HTTPS_PROXY and NO_PROXY (or MMS_PROXY); default: no proxy
  --identity-check M   error (default): refuse a --participant or --user that is not the
                       certificate's; warn: only print a warning

Input and output:
  --input FILE, -i     JSON input {"attributes": {...}, "data": ...}; "-" or absent: standard input
  --xml                print the raw response payload instead of JSON
  --out FILE           write a returned file (a report) to FILE
  --audit-dir DIR      keep the raw HTTP request and response of every attempt in DIR
  --validate MODE      strict (default): refuse input that breaks the schema; off: send it anyway
  --timeout SECONDS    deadline of the whole call, retries included (default 300)
  --retries N          retries after a 5xx or a lost connection (queries only; default 3)`;

export function mainHelp(): string {
  return `mms: call the MMS (Japan's electricity balancing market system) from the command line.

Usage:
  mms <operation> [options]        call one operation (see "mms operations")
  mms <operation> --help           the operation's fields, types, constraints and business rules
  mms check <operation> --input F  the client's checks (schema, business rules) without sending
  mms operations                   list every operation and its command names
  mms simulate [options]           run a local MMS simulator (see "mms simulate --help")
  mms serve --config FILE          the MMS as a JSON/HTTP gateway (see "mms serve --help")
  mms journal list|show|export     read the gateway's journal (see "mms journal --help")
  mms help [command]

Operations have a command under several names: the method name in kebab-case
(market-submit-offer-data), the catalog id (MarketSubmit_OfferData) and, where
the reference client has one, its name (put-offer, query-offers, cancel-offer,
query-awards, create-report, list-reports, download-report, ...).

Example:
  echo '{"attributes":{"Date":"2024-04-12","MarketType":"DAM"},"data":{"MarketType":"DAM"}}' |
    MMS_CERT_PASSPHRASE=... mms query-offers --cert f100.p12 --client-type bsp --test

${CONNECTION_HELP}

The result is printed as JSON on standard output: data, messages (warnings and
information, never dropped), statistics (TransactionId, ...) and, for reports,
the file. Errors go to standard error. On a terminal, a progress indicator
shows on standard error while a call runs.

${EXIT_HELP}
`;
}

function range(min: number, max: number): string {
  if (max === UNBOUNDED) return min === 0 ? 'any number' : `${min} or more`;
  return min === max ? `exactly ${min}` : `${min}..${max}`;
}

/**
 * The facets of a simple type in words; an enumeration's codes carry their
 * readable names where known (`"1" (SELL)`), the names the generated
 * enumeration objects are keyed by.
 */
export function describeFacets(facets: Facets, names: Readonly<Record<string, string>> = {}): string[] {
  const out: string[] = [];
  const code = (e: string): string => JSON.stringify(e) + (names[e] !== undefined ? ` (${names[e]})` : '');
  if (facets.enumeration) out.push(`one of ${facets.enumeration.map(code).join(', ')}`);
  if (facets.length !== undefined) out.push(`length ${facets.length}`);
  if (facets.minLength !== undefined && facets.maxLength !== undefined)
    out.push(`length ${facets.minLength}..${facets.maxLength}`);
  else if (facets.minLength !== undefined) out.push(`length >= ${facets.minLength}`);
  else if (facets.maxLength !== undefined) out.push(`length <= ${facets.maxLength}`);
  for (const step of facets.patterns ?? []) out.push(`pattern ${step.join(' | ')}`);
  if (facets.minInclusive !== undefined) out.push(`>= ${facets.minInclusive}`);
  if (facets.maxInclusive !== undefined) out.push(`<= ${facets.maxInclusive}`);
  if (facets.totalDigits !== undefined) out.push(`at most ${facets.totalDigits} digits`);
  if (facets.fractionDigits !== undefined) out.push(`at most ${facets.fractionDigits} decimals`);
  return out;
}

function simpleSummary(type: SimpleTypeDescriptor): string {
  const kind =
    type.builtin === 'date'
      ? 'date YYYY-MM-DD (JST)'
      : type.builtin === 'dateTime'
        ? 'date-time YYYY-MM-DDThh:mm:ss (JST, no offset)'
        : type.js === 'string' && type.builtin !== 'string'
          ? `${type.builtin} as a string`
          : type.js;
  const named = type.name.startsWith('xs:') ? '' : ` (${type.name})`;
  const facets = describeFacets(type.facets, type.names);
  return `${kind}${named}${facets.length > 0 ? `; ${facets.join('; ')}` : ''}`;
}

interface Writer {
  readonly lines: string[];
  readonly seen: Set<string>;
}

/**
 * One field: its name, then what it takes; under it, what it means (the text
 * of the generated doc comment), when known.
 */
function fieldLine(
  w: Writer,
  indent: string,
  name: string,
  text: string,
  owner?: ComplexTypeDescriptor,
): void {
  const label = `${indent}${name}`;
  w.lines.push(label.length < 34 ? `${label.padEnd(34)}${text}` : `${label}\n${''.padEnd(34)}${text}`);
  const doc = owner && resolveFieldDoc(FIELD_DOCS, owner.name, name);
  if (doc) for (const line of wrapWords(fieldDocText(doc), 76)) w.lines.push(`${''.padEnd(36)}${line}`);
}

function writeAttributes(
  w: Writer,
  module: ModuleDescriptor,
  type: ComplexTypeDescriptor,
  indent: string,
  identity: boolean,
  answerOnly: ReadonlySet<string> = SERVER_ONLY,
): void {
  for (const attribute of type.attributes) {
    if (answerOnly.has(attribute.name)) continue;
    const simple = resolveType(module, attribute.type) as SimpleTypeDescriptor;
    const note = identity ? IDENTITY[attribute.name] : undefined;
    const status = note ?? (attribute.required ? 'required' : 'optional');
    const fixed = attribute.fixed !== undefined ? `; fixed ${attribute.fixed}` : '';
    fieldLine(w, indent, attribute.name, `${status}, ${simpleSummary(simple)}${fixed}`, type);
  }
}

function writeGroup(
  w: Writer,
  module: ModuleDescriptor,
  owner: ComplexTypeDescriptor,
  group: GroupDescriptor,
  indent: string,
  depth: number,
): void {
  if (group.kind === 'choice' && group.particles.length > 1) {
    w.lines.push(`${indent}(one of the following${group.max !== 1 ? ', repeatable' : ''})`);
  }
  for (const particle of group.particles) {
    if (particle.kind !== 'element') {
      writeGroup(w, module, owner, particle, indent, depth);
      continue;
    }
    if (SERVER_ONLY.has(particle.name)) continue;
    const occurs =
      particle.max === 1
        ? particle.min === 0
          ? 'optional'
          : 'required'
        : `list, ${range(particle.min, particle.max)}`;
    const type = resolveType(module, particle.type);
    if (type.kind === 'simple') {
      fieldLine(w, indent, particle.name, `${occurs}, ${simpleSummary(type)}`, owner);
      continue;
    }
    if (w.seen.has(type.name) || depth > 8) {
      fieldLine(w, indent, particle.name, `${occurs}, ${type.name} (fields listed above)`, owner);
      continue;
    }
    fieldLine(w, indent, particle.name, `${occurs}, object ${type.name}:`, owner);
    writeComplex(w, module, type, `${indent}  `, depth + 1);
  }
}

function writeComplex(
  w: Writer,
  module: ModuleDescriptor,
  type: ComplexTypeDescriptor,
  indent: string,
  depth: number,
  answerOnly: ReadonlySet<string> = SERVER_ONLY,
): void {
  w.seen.add(type.name);
  writeAttributes(w, module, type, indent, false, answerOnly);
  if (type.text !== undefined) {
    const simple = resolveType(module, type.text) as SimpleTypeDescriptor;
    fieldLine(w, indent, 'value', `required (element text), ${simpleSummary(simple)}`);
  }
  if (type.content) writeGroup(w, module, type, type.content, indent, depth);
}

/** Help of one operation: names, audience, input format, fields. */
/** The business rules of an operation: the client's, then those the MMS checks with its state. */
function rulesHelp(op: OperationDescriptor): string {
  const own = rulesOf(op.id);
  const server = STATEFUL_RULES.filter((r) => r.operations.includes(op.id));
  if (own.length === 0 && server.length === 0) return 'Business rules: none beyond the schema.';
  const entry = (r: { id: string; severity: string; summary: string }, where = ''): string =>
    `  ${r.id} (${r.severity}${where}): ${r.summary}`;
  return [
    'Business rules (checked before sending; see docs/rules.md, switch off with the rules option):',
    ...own.map((r) => entry(r)),
    ...server.map((r) => entry(r, ', checked by the MMS')),
  ].join('\n');
}

export function operationHelp(op: OperationDescriptor): string {
  const module = modules[op.module];
  const w: Writer = { lines: [], seen: new Set() };
  const carrier = resolveType(module, op.envelopeType ?? op.rootType) as ComplexTypeDescriptor;
  w.lines.push(
    `attributes (${op.envelope ? `of the ${op.envelope} envelope` : `of the ${op.root} root`}, ${carrier.name}):`,
  );
  writeAttributes(w, module, carrier, '  ', true);
  const data = resolveType(module, op.dataType);
  w.lines.push('');
  w.lines.push(
    `data (${op.element}, ${op.dataType}): ${op.many ? 'one object, or a list of objects' : 'one object'}${data.kind === 'complex' ? ' with' : ''}`,
  );
  // A data item's own answer-only members (a BUP's Area, ...) are no input either.
  const own = new Set([...SERVER_ONLY, ...(op.answerOnly ?? [])]);
  if (data.kind === 'complex') writeComplex(w, module, data, '  ', 1, own);
  else fieldLine(w, '  ', '(value)', simpleSummary(data));

  const result = op.result.envelope
    ? `${op.result.element} items of the ${op.result.envelope} envelope (${op.result.type})${op.result.many ? ', as a list' : ''}`
    : op.result.root
      ? `the report: an ${op.result.root} document${op.files ? ', or a file (use --out)' : ''}`
      : `the ${op.result.element} element (${op.result.type})`;
  const kind =
    op.kind === 'submit'
      ? 'a submission: changes state on the MMS, so it is not retried once it may have reached the server'
      : 'a query: retried after a 5xx or a lost connection';
  return `mms ${namesOf(op).join(' | ')}

${op.id}: ${op.interface} service, requestType ${op.requestType}, payload ${op.root} (${module.file}).
Open to: ${op.audience.map((a) => a.toUpperCase()).join(', ')}.
Kind: ${kind}.
Result: ${result}.

Input (JSON, from --input FILE or standard input):
  {"attributes": {...}, "data": ${op.many ? '{...} or [{...}, ...]' : '{...}'}}

${w.lines.join('\n')}

${rulesHelp(op)}

${CONNECTION_HELP}

${EXIT_HELP}
`;
}
