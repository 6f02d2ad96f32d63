/** Changes of all modules → the report: sorted, counted, summarised per operation and module. */
import { MODULE_NAMES, type ModuleName } from '../schemas.js';
import { isBreaking, SEVERITY_ORDER, severityOf, worstImpact } from './classify.js';
import type { LoadedRelease } from './input.js';
import type {
  Impact,
  ModuleSummary,
  OperationChange,
  SchemaChange,
  SchemaDiffReport,
  Severity,
  SeverityCounts,
} from './types.js';
import { compareStrings } from '../order.js';

export { compareStrings };

const moduleIndex = (m: ModuleName): number => MODULE_NAMES.indexOf(m);

export function compareChanges(a: SchemaChange, b: SchemaChange): number {
  return (
    moduleIndex(a.module) - moduleIndex(b.module) ||
    compareStrings(a.path, b.path) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.description, b.description)
  );
}

export function countSeverities(changes: readonly SchemaChange[]): SeverityCounts {
  const counts: Record<Severity, number> = { breaking: 0, 'possibly-breaking': 0, compatible: 0, info: 0 };
  for (const change of changes) counts[change.severity]++;
  return { ...counts, total: changes.length };
}

function operationChanges(changes: readonly SchemaChange[]): OperationChange[] {
  const byOperation = new Map<
    string,
    {
      module: ModuleName;
      id: string;
      status: OperationChange['status'];
      request: Impact[];
      response: Impact[];
      count: number;
    }
  >();
  for (const change of changes) {
    for (const id of change.operations) {
      const key = `${change.module}\u0000${id}`;
      const entry = byOperation.get(key) ?? {
        module: change.module,
        id,
        status: 'changed' as OperationChange['status'],
        request: [],
        response: [],
        count: 0,
      };
      if (change.path === `operation:${id}`) {
        if (change.kind === 'operation-added') entry.status = 'added';
        if (change.kind === 'operation-removed') entry.status = 'removed';
      }
      entry.request.push(change.request);
      entry.response.push(change.response);
      entry.count++;
      byOperation.set(key, entry);
    }
  }
  return [...byOperation.values()]
    .map((e) => {
      const impacts = { request: worstImpact(e.request), response: worstImpact(e.response) };
      return {
        module: e.module,
        id: e.id,
        status: e.status,
        ...impacts,
        severity: severityOf(impacts),
        changes: e.count,
      };
    })
    .sort((a, b) => moduleIndex(a.module) - moduleIndex(b.module) || compareStrings(a.id, b.id));
}

function moduleSummaries(
  modules: readonly ModuleName[],
  old: LoadedRelease,
  neu: LoadedRelease,
  changes: readonly SchemaChange[],
): ModuleSummary[] {
  return modules.map((module) => {
    const a = old.files.find((f) => f.module === module);
    const b = neu.files.find((f) => f.module === module);
    const own = changes.filter((c) => c.module === module);
    return {
      module,
      file: b?.file ?? a?.file ?? '',
      identicalBytes: a?.sha256 !== undefined && a.sha256 === b?.sha256,
      changes: own.length,
      breaking: own.filter((c) => isBreaking(c.severity)).length,
    };
  });
}

export function assembleReport(
  old: LoadedRelease,
  neu: LoadedRelease,
  modules: readonly ModuleName[],
  unsorted: readonly SchemaChange[],
): SchemaDiffReport {
  const changes = [...unsorted].sort(compareChanges);
  const summary = countSeverities(changes);
  return {
    old: { label: old.label, files: old.files.filter((f) => modules.includes(f.module)) },
    new: { label: neu.label, files: neu.files.filter((f) => modules.includes(f.module)) },
    breaking: SEVERITY_ORDER.some((s) => isBreaking(s) && summary[s] > 0),
    summary,
    modules: moduleSummaries(modules, old, neu, changes),
    operations: operationChanges(changes),
    changes,
  };
}
