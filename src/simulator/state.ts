/**
 * What the simulated MMS remembers, in memory, per participant: submitted
 * items (offers, BUPs, resources, surplus capacities, …) by schema module
 * and element name, and the reports created. Nothing survives a restart.
 */
import type { PayloadModule } from '../xml/descriptors.js';
import type { Rec } from './values.js';

/** One submitted item as the simulator answered it (server fields filled). */
export interface StoredItem {
  /** The item, without `Messages` and status attributes. */
  readonly item: Rec;
  /** Attributes of the envelope it came in (`Date`, `MarketType`, …). */
  readonly envelope: Rec;
  readonly participant: string;
  readonly transactionId: string;
  readonly storedAt: Date;
}

/** A report created by `ReportCreateRequest`. */
export interface ReportRecord {
  readonly transactionId: string;
  readonly participant: string;
  /** `BSP`, `TSO` or `MO`: the access class of the participant. */
  readonly accessClass: string;
  /** The create request's attributes (`ReportName`, `ReportType`, …) and `Param` list. */
  readonly request: Rec;
  readonly createdAt: Date;
  readonly fileName: string;
}

/**
 * Items that replace an earlier one with the same key instead of being
 * added (an MMS offer for the same resource and period is an update).
 * Attributes are looked up in the item, then in its envelope.
 */
const UPSERT_KEYS: Readonly<Record<string, readonly string[]>> = {
  OfferData: ['ResourceName', 'StartTime', 'EndTime', 'MarketType'],
  BupSubmit: ['ResourceName', 'StartTime', 'EndTime'],
  RemainingReserveData: ['ResourceName', 'StartTime', 'EndTime', 'DrPatternNumber'],
  Resource: ['ParticipantName', 'ResourceName'],
};

function keyOf(element: string, stored: StoredItem): string | undefined {
  const names = UPSERT_KEYS[element];
  if (!names) return undefined;
  return JSON.stringify(names.map((n) => stored.item[n] ?? stored.envelope[n] ?? null));
}

export class SimulatorState {
  readonly #items = new Map<string, StoredItem[]>();
  readonly #reports = new Map<string, ReportRecord>();
  #offers = 0;

  static #bucket(participant: string, module: PayloadModule, element: string): string {
    return `${participant}\u0000${module}\u0000${element}`;
  }

  /** Items of one participant, or of every participant when `participant` is undefined. */
  items(participant: string | undefined, module: PayloadModule, element: string): StoredItem[] {
    if (participant !== undefined)
      return [...(this.#items.get(SimulatorState.#bucket(participant, module, element)) ?? [])];
    const suffix = `\u0000${module}\u0000${element}`;
    return [...this.#items.entries()].filter(([k]) => k.endsWith(suffix)).flatMap(([, v]) => v);
  }

  /** Stores an item, replacing one with the same key where the element has one. */
  add(module: PayloadModule, element: string, stored: StoredItem): void {
    const bucket = SimulatorState.#bucket(stored.participant, module, element);
    const list = this.#items.get(bucket) ?? [];
    const key = keyOf(element, stored);
    const kept = key === undefined ? list : list.filter((s) => keyOf(element, s) !== key);
    kept.push(stored);
    this.#items.set(bucket, kept);
  }

  /** Removes a participant's items that match; returns how many were removed. */
  remove(
    participant: string,
    module: PayloadModule,
    element: string,
    matches: (stored: StoredItem) => boolean,
  ): number {
    const bucket = SimulatorState.#bucket(participant, module, element);
    const list = this.#items.get(bucket) ?? [];
    const kept = list.filter((s) => !matches(s));
    this.#items.set(bucket, kept);
    return list.length - kept.length;
  }

  addReport(report: ReportRecord): void {
    this.#reports.set(report.transactionId, report);
  }

  report(transactionId: string): ReportRecord | undefined {
    return this.#reports.get(transactionId);
  }

  reports(participant: string): ReportRecord[] {
    return [...this.#reports.values()].filter((r) => r.participant === participant);
  }

  /** A number for the next offer id, unique in this simulator's lifetime. */
  nextOfferNumber(): number {
    this.#offers += 1;
    return this.#offers;
  }

  /** Whether a transaction id was handed out already (reports only; others are not looked up). */
  hasTransaction(id: string): boolean {
    return this.#reports.has(id);
  }
}
