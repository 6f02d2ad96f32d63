/**
 * The operation commands of `mms`, from the catalog: every operation under
 * its method name in kebab-case (`market-submit-offer-data`) and its catalog
 * id (`MarketSubmit_OfferData`), plus the reference client's names
 * (`put-offer`, `query-awards`, `download-report`, …).
 */
import { operations } from '../../generated/index.js';
import { REFERENCE_NAMES } from '../../generated/index.js';
import type { OperationDescriptor } from '../xml/descriptors.js';

/** One name that runs an operation. */
export interface OperationCommand {
  readonly name: string;
  readonly op: OperationDescriptor;
  /** Reference names ending in one item (`put-offer`) send one item and print the one item back. */
  readonly shape: 'one' | 'list' | undefined;
  /** `download-report <transaction-id>` takes the id as an argument. */
  readonly positional?: 'TransactionId';
}

/** `marketSubmitOfferData` → `market-submit-offer-data`, `reportDownloadRequestTrnID` → `report-download-request-trn-id`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

const ALL = Object.values(operations) as OperationDescriptor[];

function build(): Map<string, OperationCommand> {
  const table = new Map<string, OperationCommand>();
  for (const op of ALL) {
    table.set(kebab(op.method), { name: kebab(op.method), op, shape: undefined });
    table.set(op.id, { name: op.id, op, shape: undefined });
  }
  for (const [reference, [id, shape]] of Object.entries(REFERENCE_NAMES)) {
    const op = (operations as Record<string, OperationDescriptor>)[id];
    if (!op) continue;
    table.set(
      kebab(reference),
      shape === 'transactionId'
        ? { name: kebab(reference), op, shape: undefined, positional: 'TransactionId' }
        : { name: kebab(reference), op, shape: shape === 'one' ? 'one' : 'list' },
    );
  }
  return table;
}

let cached: Map<string, OperationCommand> | undefined;

/** Every command name → its operation. */
export function operationCommands(): ReadonlyMap<string, OperationCommand> {
  cached ??= build();
  return cached;
}

/** The command of a name, exact or ignoring case. */
export function findCommand(name: string): OperationCommand | undefined {
  const table = operationCommands();
  const exact = table.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, command] of table) if (key.toLowerCase() === lower) return command;
  return undefined;
}

/** All names of one operation: kebab method, catalog id, reference names. */
export function namesOf(op: OperationDescriptor): string[] {
  return [...operationCommands().entries()].filter(([, c]) => c.op.id === op.id).map(([name]) => name);
}

/** Names that look like `name`, for "did you mean". */
export function similarCommands(name: string, extra: readonly string[] = []): string[] {
  const lower = name.toLowerCase();
  const words = lower.split(/[-_]/).filter((w) => w.length > 2);
  return [...operationCommands().keys(), ...extra]
    .filter((key) => key.includes('-') || extra.includes(key))
    .filter((key) => key.includes(lower) || words.some((w) => key.includes(w)))
    .slice(0, 6);
}

/** The catalog, sorted by id. */
export function allOperations(): OperationDescriptor[] {
  // Code-unit order, the same in every locale.
  return [...ALL].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
