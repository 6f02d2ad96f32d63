/**
 * One request through the simulated MMS: the checks of checks.ts in order,
 * then the operation's answer. Split in two steps so fault injection can
 * look at the operation before anything is stored: `prepare` reads and
 * checks, `run` changes state and builds the answer.
 */
import { randomInt, type X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { modules } from '../../generated/index.js';
import type { Logger } from '../logger.js';
import type { RuleSwitches } from '../rules/index.js';
import type { Interface } from '../vocabulary.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import {
  audienceNotes,
  callerOf,
  checkSignatures,
  checkSoapAction,
  envelopeOf,
  holderIn,
  identityNotes,
  itemParticipantNotes,
  itemsIn,
  operationOf,
  readEnvelope,
  readPayload,
  schemaCheck,
  serviceAt,
} from './checks.js';
import { CODES, answer, documentReply, type KnownCaller, type Reply } from './operations/index.js';
import type { ParticipantConfig } from './pki.js';
import {
  faultAnswer,
  InvalidAnswerError,
  plainAnswer,
  replyAnswer,
  textAnswer,
  type HttpAnswer,
} from './respond.js';
import { checkBusinessRules, itemIndexOf, itemsWithRuleStatus, ruleNote, serverView } from './rules.js';
import type { SimulatorState } from './state.js';
import { isRec, type Note, type Rec } from './values.js';

/** What the service needs besides the request. */
export interface ServiceContext {
  readonly participants: ReadonlyMap<string, ParticipantConfig>;
  readonly state: SimulatorState;
  readonly logger: Logger;
  /** Answer as MTOM (true, like Axis2) or plain SOAP with inline base64. */
  readonly mtom: boolean;
  /** The simulator's clock: submission times, trading-date checks. */
  readonly clock: () => Date;
  /** Which business rules are enforced (default: all). */
  readonly rules?: RuleSwitches;
}

/** One HTTP request as the server received it. */
export interface IncomingRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The client certificate TLS verified. */
  readonly peer: X509Certificate | undefined;
}

/** A checked request, ready to be answered. */
export interface Prepared {
  readonly interface: Interface | undefined;
  readonly operation: string | undefined;
  /** Whether the request came as MTOM (fault injection answers in kind). */
  readonly mtom: boolean;
  /** Changes state as the request asks and builds the answer. */
  run(): HttpAnswer;
  /** A one-line summary for the log, after `run`. */
  summary(): string;
}

const TX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 8 upper-case letters or digits: valid in every module's TransactionId type. */
function newTransactionId(state: SimulatorState): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < 8; i++) id += TX_ALPHABET[randomInt(TX_ALPHABET.length)];
    if (!state.hasTransaction(id)) return id;
  }
}

function fixed(
  iface: Interface | undefined,
  answer: HttpAnswer,
  note: string,
  mtom = false,
  operation?: string,
): Prepared {
  return { interface: iface, operation, mtom, run: () => answer, summary: () => note };
}

/** Reads and checks a request; the returned `run` answers it. */
export async function prepare(ctx: ServiceContext, incoming: IncomingRequest): Promise<Prepared> {
  const started = performance.now();
  const iface = serviceAt(incoming.path);
  if (iface === undefined) {
    return fixed(
      undefined,
      faultAnswer(
        'soapenv:Client',
        `The service cannot be found for the endpoint reference (EPR) ${incoming.path}`,
      ),
      `no service at ${incoming.path}`,
    );
  }
  if (incoming.method !== 'POST') {
    return fixed(
      iface,
      plainAnswer(405, `${incoming.method} is not supported; POST a SOAP request.`),
      'not POST',
    );
  }
  const header = (name: string): string | undefined => {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const actionProblem = checkSoapAction(iface, header('soapaction'));
  if (actionProblem?.kind === 'fault')
    return fixed(iface, faultAnswer(actionProblem.code, actionProblem.message), actionProblem.message);
  if (incoming.peer === undefined) {
    // TLS requires a verified certificate, so this only happens behind a misconfigured proxy.
    return fixed(
      iface,
      faultAnswer('soapenv:Client', 'No client certificate was presented.'),
      'no certificate',
    );
  }
  const caller = callerOf(incoming.peer, ctx.participants);
  const read = await readEnvelope(iface, header('content-type'), incoming.body);
  if ('kind' in read) {
    const message = read.kind === 'fault' ? read.message : read.text;
    return fixed(iface, faultAnswer('soapenv:Client', message), message);
  }
  const { request, mtom } = read;
  const signatureProblem = checkSignatures(request, caller);
  if (signatureProblem?.kind === 'fault')
    return fixed(
      iface,
      faultAnswer(signatureProblem.code, signatureProblem.message, ctx.mtom),
      signatureProblem.message,
      mtom,
    );
  const payload = await readPayload(iface, request);
  if ('kind' in payload) {
    const text = payload.kind === 'txt' ? payload.text : payload.message;
    return fixed(iface, textAnswer(iface, text, ctx.mtom), text, mtom);
  }
  const module = modules[payload.module];
  const op = operationOf(payload.module, payload.root);
  const now = new Date(Math.floor(ctx.clock().getTime() / 1000) * 1000);
  const transactionId = newTransactionId(ctx.state);
  let outcome = 'PASSED';
  const checked = await schemaCheck(payload.module, payload.root);
  if ('limit' in checked) {
    // Too broken to list every problem: answered like an unreadable payload.
    const text = `要求データを処理できません (${checked.limit.message}).`;
    return fixed(iface, textAnswer(iface, text, ctx.mtom), text, mtom);
  }
  const { value: document, violations } = checked;
  const holder = op ? holderIn(op, document) : {};
  // The envelope the answer goes in: the operation's, else the one the payload names.
  const envelope =
    op?.envelope ?? envelopeOf(payload.module, payload.root) ?? defaultEnvelope(payload.module);
  const named = envelope === undefined ? document : document[envelope];
  const requestHolder = op ? holder : isRec(named) ? named : {};
  const items = op ? itemsIn(op, holder) : [];
  const received = Math.max(1, items.length);

  /** A Validation="FAILED" answer in the request's envelope, with the errors on it (and the items, when given). */
  const failure = (
    notes: Note[],
    counts: { received: number; invalid: number },
    data?: { element: string; items: Rec | Rec[] },
  ): HttpAnswer => {
    outcome = `FAILED ${[...new Set(notes.map((n) => n.code))].join(',')}`;
    const reply = documentReply({
      module,
      op: { root: payload.root.name, rootType: module.elements[payload.root.name] as string },
      envelope,
      request: requestHolder,
      ...(data ? { element: data.element, data: data.items } : {}),
      notes,
      counts: { ...counts, unsuccessful: counts.received },
      ok: false,
      caller,
      transactionId,
      now,
      started,
    });
    return replyAnswer(iface, reply, ctx.mtom);
  };

  const prepared = (run: () => HttpAnswer): Prepared => ({
    interface: iface,
    operation: op?.id,
    mtom,
    run,
    summary: () =>
      `${op?.id ?? '(unknown operation)'} from ${caller.participant ?? '?'}/${caller.user ?? '?'}: ${outcome} tx=${transactionId}`,
  });

  if (violations.length > 0) {
    const notes: Note[] = violations.slice(0, 100).map((v) => ({
      level: 'error',
      code: CODES.schema,
      text: `スキーマ検証エラー ${v.path}: ${v.message}`,
    }));
    const invalidItems = countInvalidItems(op, violations);
    return prepared(() =>
      failure(notes, { received: Math.max(received, invalidItems), invalid: Math.max(1, invalidItems) }),
    );
  }
  if (op === undefined || items.length === 0) {
    const note: Note = {
      level: 'error',
      code: CODES.noDataElement,
      text: '処理対象のデータ要素がありません (the envelope holds no data element)',
    };
    return prepared(() => failure([note], { received: 1, invalid: 1 }));
  }
  const identity = identityNotes(op, holder, caller);
  if (
    identity.length > 0 ||
    caller.config === undefined ||
    caller.participant === undefined ||
    caller.user === undefined
  )
    return prepared(() => failure(identity, { received, invalid: received }));
  const known: KnownCaller = { participant: caller.participant, user: caller.user, config: caller.config };
  const refused = [...audienceNotes(op, known, request.adminRole), ...itemParticipantNotes(op, items, known)];
  if (refused.length > 0) return prepared(() => failure(refused, { received, invalid: received }));

  const rules = checkBusinessRules(
    op,
    known.config.clientType,
    document,
    serverView(ctx.state, known.participant, now),
    ctx.rules,
  );
  if (rules.errors.length > 0) {
    const echoed = itemsWithRuleStatus(module, op, items, [...rules.errors, ...rules.warnings]);
    const invalid = new Set(rules.errors.map((v) => itemIndexOf(op, v.path) ?? -1));
    return prepared(() =>
      failure(
        echoed.envelopeNotes,
        { received, invalid: invalid.has(-1) ? received : invalid.size },
        { element: op.element, items: op.many ? echoed.items : echoed.items[0]! },
      ),
    );
  }
  const warnedItems = new Set(
    rules.warnings.map((v) => itemIndexOf(op, v.path)).filter((i): i is number => i !== undefined),
  );

  return prepared(() => {
    const reply: Reply = answer({
      op,
      module,
      document,
      holder,
      items,
      caller: known,
      participants: ctx.participants,
      state: ctx.state,
      transactionId,
      now,
      started,
      ruleWarnings: rules.warnings.map(ruleNote),
      warnedItems,
    });
    if (reply.kind === 'document' && !reply.ok) outcome = 'FAILED';
    if (reply.kind === 'file') outcome = `file ${reply.filename ?? ''}`;
    try {
      return replyAnswer(iface, reply, ctx.mtom);
    } catch (err) {
      if (!(err instanceof InvalidAnswerError)) throw err;
      outcome = 'internal error';
      ctx.logger.error(`mms-sim: ${op.id}: ${err.message}`);
      return faultAnswer('soapenv:Server', `Internal error in the simulator: ${err.message}`, mtom);
    }
  });
}

function defaultEnvelope(module: OperationDescriptor['module']): string | undefined {
  return module === 'report' ? undefined : module === 'registration' ? 'RegistrationSubmit' : 'MarketSubmit';
}

/** How many data items the violations touch (`…OfferData[2]…` counts item 2). */
function countInvalidItems(
  op: OperationDescriptor | undefined,
  violations: readonly { path: string }[],
): number {
  if (!op) return 1;
  const items = new Set<string>();
  const pattern = new RegExp(`\\.${op.element}(\\[\\d+\\])?`);
  for (const v of violations) items.add(pattern.exec(v.path)?.[0] ?? '(envelope)');
  return items.size;
}
