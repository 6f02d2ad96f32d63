/**
 * `mms journal list|show|export`: reads the gateway's journal (the SQLite
 * file or, with DATABASE_URL, PostgreSQL). A call still marked "sent" whose
 * gateway is gone is shown as "outcome unknown": it reached the MMS
 * connection and no answer was recorded.
 */
import type { CliIo } from './call.js';
import { EXIT, UsageError } from './exit-codes.js';
import { parseCommandArgs } from './arguments.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  file: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  operation: { type: 'string' },
  participant: { type: 'string' },
  outcome: { type: 'string' },
  limit: { type: 'string' },
  raw: { type: 'boolean' },
} as const;

export const JOURNAL_HELP = `mms journal: read the gateway's journal.

Usage:
  mms journal list   [--config FILE | --file JOURNAL.sqlite] [filters]   one line per call, newest first
  mms journal show   ID [--config FILE | --file ...] [--raw]             one call as JSON
  mms journal export [--config FILE | --file ...] [filters]              JSON lines, oldest first

Filters: --since ISO-TIME --until ISO-TIME --operation ID --participant NAME --outcome OUTCOME --limit N
Outcomes: ok, rejected, failed, not-sent, unknown, replayed, and sent/pending/reconciling while
in progress ("sent" with no gateway running means: outcome unknown).
PostgreSQL is used when DATABASE_URL (or the config's journal.databaseUrlEnv) is set.
--raw adds the raw HTTP request and answer (base64) where the gateway recorded them.
`;

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO date or time, got ${value}`);
  return ms;
}

const shown = (outcome: string): string => (outcome === 'sent' ? 'sent (outcome unknown)' : outcome);

export async function runJournal(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true, 'mms journal --help');
  const [action, id] = positionals;
  if (values.help || action === undefined) {
    io.stdout.write(JOURNAL_HELP);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (!['list', 'show', 'export'].includes(action))
    throw new UsageError(`unknown journal action ${action}. See mms journal --help.`);
  const { openJournal } = await import('../gateway/journal/index.js');
  let file = values.file;
  let urlEnv = 'DATABASE_URL';
  if (values.config !== undefined) {
    const path = await import('node:path');
    const { loadConfig } = await import('../gateway/config.js');
    const { config, baseDir } = await loadConfig(values.config);
    file ??= path.resolve(baseDir, config.journal?.file ?? 'mms-journal.sqlite');
    urlEnv = config.journal?.databaseUrlEnv ?? urlEnv;
  }
  const databaseUrl = io.env[urlEnv];
  if (!databaseUrl && file === undefined)
    throw new UsageError('give --config FILE or --file JOURNAL, or set DATABASE_URL');
  const journal = await openJournal(databaseUrl ? { databaseUrl } : { file: file! });
  try {
    if (action === 'show') {
      if (id === undefined) throw new UsageError('mms journal show ID');
      const entry = await journal.get(id);
      if (!entry) {
        io.stderr.write(`mms: no call ${id} in the journal\n`);
        return EXIT.failure;
      }
      const { rawRequest, rawAnswer, ...rest } = entry;
      const raw = values.raw
        ? {
            rawRequest: rawRequest ? Buffer.from(rawRequest).toString('base64') : null,
            rawAnswer: rawAnswer ? Buffer.from(rawAnswer).toString('base64') : null,
          }
        : {};
      io.stdout.write(`${JSON.stringify({ ...rest, ...raw }, null, 2)}\n`);
      return EXIT.ok;
    }
    const limit = values.limit === undefined ? (action === 'export' ? 100_000 : 50) : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit must be a positive whole number`);
    const since = time('since', values.since);
    const until = time('until', values.until);
    const entries = await journal.list({
      limit,
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
      ...(values.operation ? { operation: values.operation } : {}),
      ...(values.participant ? { participant: values.participant } : {}),
      ...(values.outcome ? { outcome: values.outcome as never } : {}),
    });
    if (action === 'export') {
      for (const { rawRequest: _q, rawAnswer: _a, ...entry } of entries.reverse())
        io.stdout.write(`${JSON.stringify(entry)}\n`);
      return EXIT.ok;
    }
    for (const e of entries) {
      io.stdout.write(
        `${new Date(e.createdAt).toISOString()}  ${e.id}  ${e.participant}  ${e.operation.padEnd(40)} ${shown(e.outcome).padEnd(22)} ${e.httpStatus ?? '-'}  ${e.transactionId ?? '-'}  ${e.caller}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await journal.close();
  }
}
