/**
 * Reconciliation: when a submission was sent and no answer told whether the
 * MMS processed it, ask the MMS with a query that can tell, before anything
 * is sent again. Each reconciler knows one submission: which query finds its
 * items and how to recognise them. A submission without one is never sent
 * again by the gateway.
 */
import type { MmsClient } from '../client/client.js';
import type { OperationId } from '../../generated/index.js';

type Rec = Record<string, unknown>;

/** What the MMS says about the items of an unanswered submission. */
export type Reconciliation =
  | {
      readonly found: true;
      readonly query: string;
      readonly data: readonly unknown[];
      readonly transactionId?: string;
    }
  /** `some`: only part of the items are there; sending again would duplicate those. */
  | { readonly found: false; readonly query: string; readonly some: boolean };

interface Reconciler {
  readonly query: OperationId;
  /** The queries that would list the submitted items: envelope attributes and data per query. */
  readonly queries: (attributes: Rec, items: readonly Rec[]) => { attributes: Rec; data: Rec }[];
  /** Whether a stored item is the submitted one. */
  readonly same: (submitted: Rec, stored: Rec) => boolean;
}

const equalOn =
  (...names: string[]) =>
  (a: Rec, b: Rec): boolean =>
    names.every((n) => a[n] === undefined || String(a[n]) === String(b[n]));

const byResource = (items: readonly Rec[]): string[] => [
  ...new Set(items.map((i) => String(i['ResourceName']))),
];

const RECONCILERS: Readonly<Record<string, Reconciler>> = {
  // Offers: the offer query by trade date, market and resource lists the stored offers.
  MarketSubmit_OfferData: {
    query: 'MarketQuery_OfferQuery',
    queries: (attributes, items) =>
      byResource(items).map((resource) => ({
        attributes: {
          Date: attributes['Date'],
          ...(attributes['NumOfDays'] ? { NumOfDays: attributes['NumOfDays'] } : {}),
        },
        data: { MarketType: attributes['MarketType'] ?? 'DAM', ResourceName: resource },
      })),
    same: equalOn('ResourceName', 'StartTime', 'EndTime', 'Direction'),
  },
  // Resources: the resource query by name finds a registered resource.
  RegistrationSubmit_Resource: {
    query: 'RegistrationQuery_Resource',
    queries: (_attributes, items) =>
      byResource(items).map((resource) => ({ attributes: {}, data: { ResourceName: resource } })),
    same: equalOn('ResourceName'),
  },
};

export function canReconcile(operation: string): boolean {
  return RECONCILERS[operation] !== undefined;
}

/** Asks the MMS whether every item of the submission is there. */
export async function reconcile(
  client: MmsClient,
  operation: string,
  input: { attributes?: Rec; data: unknown },
): Promise<Reconciliation> {
  const reconciler = RECONCILERS[operation];
  if (!reconciler) throw new Error(`no reconciler for ${operation}`);
  const items = (Array.isArray(input.data) ? input.data : [input.data]) as Rec[];
  const stored: Rec[] = [];
  let transactionId: string | undefined;
  const request = client.request as unknown as (
    op: string,
    a: unknown,
    d: unknown,
  ) => Promise<{ data: unknown; statistics?: { TransactionId?: string } }>;
  for (const q of reconciler.queries(input.attributes ?? {}, items)) {
    const result = await request.call(client, reconciler.query, q.attributes, q.data);
    transactionId ??= result.statistics?.TransactionId;
    stored.push(...((Array.isArray(result.data) ? result.data : result.data ? [result.data] : []) as Rec[]));
  }
  const matched = items.map((item) => stored.find((s) => reconciler.same(item, s)));
  const missing = matched.filter((m) => m === undefined).length;
  if (missing > 0) return { found: false, query: reconciler.query, some: missing < items.length };
  return { found: true, query: reconciler.query, data: matched, ...(transactionId ? { transactionId } : {}) };
}
