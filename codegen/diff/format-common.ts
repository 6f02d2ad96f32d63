/** Words shared by the text and Markdown renderings. */
import type { Impact, SchemaDiffReport, Severity } from './types.js';

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  breaking: 'breaking',
  'possibly-breaking': 'possibly breaking',
  compatible: 'compatible',
  info: 'info',
};

export const IMPACT_LABEL: Readonly<Record<Impact, string>> = {
  breaking: 'breaking',
  'possibly-breaking': 'possibly breaking',
  compatible: 'compatible',
  none: '–',
};

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function verdict(report: SchemaDiffReport): string {
  const s = report.summary;
  if (s.total === 0) return 'No semantic changes.';
  const counts = `${s.breaking} breaking, ${s['possibly-breaking']} possibly breaking, ${s.compatible} compatible, ${s.info} info (${plural(s.total, 'change')})`;
  return `${report.breaking ? 'Breaking' : 'Nothing breaks'}: ${counts}.`;
}

/** At most `limit` operation ids, then a count of the rest. */
export function operationList(ids: readonly string[], limit: number): string {
  if (ids.length <= limit) return ids.join(', ');
  return `${ids.slice(0, limit).join(', ')} +${ids.length - limit} more`;
}
