/**
 * Faults injected by configuration, for testing how a client copes with a
 * misbehaving MMS: HTTP errors, slowness, dropped connections, bodies that
 * are not SOAP, bodies cut short, and faults inside MTOM.
 *
 * A rule applies to the requests it matches (operation, interface), can skip
 * the first few and can be limited to a number of uses, so "the first call
 * fails with 503, the retry succeeds" is `{ kind: 'status', status: 503, times: 1 }`.
 */
import type { Interface } from '../vocabulary.js';

/** Which requests a rule applies to, and how often. */
export interface FaultMatch {
  /** Catalog ids (`MarketQuery_OfferQuery`); any operation when absent. */
  readonly operation?: string | readonly string[];
  /** Only requests to this service. */
  readonly interface?: Interface;
  /** Let this many matching requests through first. Default 0. */
  readonly skip?: number;
  /** Apply to this many matching requests, then never again. Default: every one. */
  readonly times?: number;
  /**
   * Process the request (store, cancel, …) before failing, as when the MMS
   * committed a submission and the answer was lost. Default false: the
   * request has no effect. Delays and truncation always process it.
   */
  readonly processed?: boolean;
}

/** One kind of misbehaviour. */
export type FaultKind =
  /** Answer this HTTP status with a short HTML body and no SOAP (a proxy's or server's error page). */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Wait this long, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Close the connection without an answer. */
  | { readonly kind: 'drop' }
  /** HTTP 200 with a body that is neither SOAP nor MTOM. */
  | { readonly kind: 'malformed'; readonly body?: string }
  /** The real answer cut to `bytes` bytes (default: half), Content-Length matching the cut body. */
  | { readonly kind: 'truncate'; readonly bytes?: number }
  /** A SOAP fault (HTTP 500) packed as MTOM, as Axis2 sends faults to MTOM requests. */
  | {
      readonly kind: 'mtom-fault';
      readonly code?: 'soapenv:Client' | 'soapenv:Server';
      readonly message?: string;
    }
  /** A `responseDataType` TXT answer with this message. */
  | { readonly kind: 'txt'; readonly text: string };

/** A fault rule: what to do, and to which requests. */
export type FaultRule = FaultKind & FaultMatch;

interface Counter {
  seen: number;
  used: number;
}

/** The active rules and how often each was used. */
export class FaultInjector {
  #rules: { readonly rule: FaultRule; readonly counter: Counter }[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    this.set(rules);
  }

  /** Replaces the rules (counters start again). */
  set(rules: readonly FaultRule[]): void {
    for (const rule of rules) validateRule(rule);
    this.#rules = rules.map((rule) => ({ rule, counter: { seen: 0, used: 0 } }));
  }

  /** Adds a rule after the existing ones. */
  add(rule: FaultRule): void {
    validateRule(rule);
    this.#rules.push({ rule, counter: { seen: 0, used: 0 } });
  }

  /** The first rule that applies to a request, counting it as used. */
  take(iface: Interface | undefined, operation: string | undefined): FaultRule | undefined {
    for (const { rule, counter } of this.#rules) {
      if (rule.interface !== undefined && rule.interface !== iface) continue;
      if (rule.operation !== undefined) {
        const ops = typeof rule.operation === 'string' ? [rule.operation] : rule.operation;
        if (operation === undefined || !ops.includes(operation)) continue;
      }
      counter.seen += 1;
      if (counter.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && counter.used >= rule.times) continue;
      counter.used += 1;
      return rule;
    }
    return undefined;
  }
}

function validateRule(rule: FaultRule): void {
  const bad = (what: string): never => {
    throw new RangeError(`fault rule ${JSON.stringify(rule)}: ${what}`);
  };
  switch (rule.kind) {
    case 'status':
      if (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
        bad('status must be 100..599');
      break;
    case 'delay':
      if (!(rule.ms >= 0)) bad('ms must be a non-negative number');
      break;
    case 'truncate':
      if (rule.bytes !== undefined && !(rule.bytes >= 0)) bad('bytes must be non-negative');
      break;
    case 'drop':
    case 'malformed':
    case 'mtom-fault':
    case 'txt':
      break;
    default:
      bad(`unknown kind ${String((rule as { kind?: unknown }).kind)}`);
  }
}

/** Whether the rule needs the real answer (so the request is processed first). */
export function needsAnswer(rule: FaultRule): boolean {
  return rule.kind === 'delay' || rule.kind === 'truncate' || rule.processed === true;
}

/** The HTML page a 5xx fault answers with, like an Apache or load-balancer error page. */
export function errorPage(status: number): string {
  const title =
    status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'Internal Server Error';
  return `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>The server is temporarily unable to service your request (simulated fault).</p></body></html>`;
}
