/** The report as Markdown for a changelog or a pull request: a heading per module, tables. */
import { MODULE_FILES } from '../schemas.js';
import { IMPACT_LABEL, operationList, SEVERITY_LABEL, verdict } from './format-common.js';
import type { Impact, SchemaDiffReport } from './types.js';

export interface MarkdownOptions {
  /** Level of the title heading; modules get the next level (default 1). */
  readonly headingLevel?: number;
  /** Title text (default `Schema changes: <old> → <new>`). */
  readonly title?: string;
  /** Operations listed per change before "+N more" (default 3). */
  readonly operationLimit?: number;
}

const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => '`' + text.replace(/`/g, "'") + '`';
const impact = (i: Impact): string => (i === 'breaking' ? '**breaking**' : IMPACT_LABEL[i]);

export function formatMarkdown(report: SchemaDiffReport, options: MarkdownOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 1, 1), 5);
  const limit = options.operationLimit ?? 3;
  const h = (n: number): string => '#'.repeat(n);
  const out: string[] = [
    `${h(level)} ${options.title ?? `Schema changes: ${report.old.label} → ${report.new.label}`}`,
    '',
    verdict(report),
    '',
    '| Module | File | Changes | Breaking or possibly breaking |',
    '|---|---|---:|---:|',
    ...report.modules.map(
      (m) =>
        `| ${m.module} | ${code(MODULE_FILES[m.module])} | ${m.changes}${m.changes === 0 && m.identicalBytes ? ' (identical file)' : ''} | ${m.breaking} |`,
    ),
  ];
  for (const module of report.modules) {
    if (module.changes === 0) continue;
    out.push('', `${h(level + 1)} ${module.module} (${code(MODULE_FILES[module.module])})`, '');
    const operations = report.operations.filter((o) => o.module === module.module);
    if (operations.length > 0) {
      out.push('| Operation | Status | Requests | Responses |', '|---|---|---|---|');
      for (const op of operations)
        out.push(`| ${code(op.id)} | ${op.status} | ${impact(op.request)} | ${impact(op.response)} |`);
      out.push('');
    }
    out.push(
      '| Where | Change | Severity | Requests | Responses | Operations |',
      '|---|---|---|---|---|---|',
    );
    for (const c of report.changes.filter((x) => x.module === module.module)) {
      out.push(
        `| ${code(c.path)} | ${cell(c.description)} | ${SEVERITY_LABEL[c.severity]} | ${impact(c.request)} | ${impact(c.response)} | ${cell(operationList(c.operations, limit))} |`,
      );
    }
  }
  return out.join('\n') + '\n';
}
