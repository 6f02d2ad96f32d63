/**
 * The report as JSON for CI: object keys sorted at every level, arrays in
 * the report's own sorted order, two-space indent, final newline. The same
 * inputs always give the same bytes, so the output can be committed and
 * diffed.
 */
import { compareStrings } from './report.js';
import type { SchemaDiffReport } from './types.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareStrings(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export function formatJson(report: SchemaDiffReport): string {
  return JSON.stringify(sortKeys(report), null, 2) + '\n';
}
