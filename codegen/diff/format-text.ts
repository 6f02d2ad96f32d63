/** The report as plain text for a terminal: grouped by module, one line per change. */
import { MODULE_FILES } from '../schemas.js';
import { IMPACT_LABEL, operationList, plural, SEVERITY_LABEL, verdict } from './format-common.js';
import type { SchemaDiffReport } from './types.js';

export function formatText(report: SchemaDiffReport): string {
  const lines: string[] = [`MMS schema diff: ${report.old.label} → ${report.new.label}`, verdict(report), ''];
  for (const module of report.modules) {
    const header = `${module.module} (${MODULE_FILES[module.module]})`;
    if (module.changes === 0) {
      lines.push(`${header}: no changes${module.identicalBytes ? ' (identical files)' : ''}`);
      continue;
    }
    lines.push(
      `${header}: ${plural(module.changes, 'change')}, ${module.breaking} breaking or possibly breaking`,
    );
    const operations = report.operations.filter((o) => o.module === module.module);
    if (operations.length > 0) {
      lines.push('  operations:');
      const width = Math.max(...operations.map((o) => o.id.length));
      for (const op of operations)
        lines.push(
          `    ${op.status.padEnd(8)} ${op.id.padEnd(width)}  requests: ${IMPACT_LABEL[op.request]}, responses: ${IMPACT_LABEL[op.response]}`,
        );
    }
    lines.push('  changes:');
    for (const change of report.changes.filter((c) => c.module === module.module)) {
      const ops = change.operations.length > 0 ? `  [${operationList(change.operations, 3)}]` : '';
      lines.push(
        `    ${SEVERITY_LABEL[change.severity].padEnd(17)} req: ${IMPACT_LABEL[change.request].padEnd(17)} resp: ${IMPACT_LABEL[change.response].padEnd(17)} ${change.path}: ${change.description}${ops}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
