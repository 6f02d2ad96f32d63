/**
 * `mms check <operation> --input FILE --client-type TYPE`: the checks the
 * client makes before sending (the schema, then the business rules of
 * src/rules), run on an input file with no certificate and no network.
 * Exit 0 when the request may be sent (warnings printed), 3 when the client
 * would refuse it (every violation printed).
 */
import { MmsInputError } from '../client/errors.js';
import { operationOfCall, prepareRequest } from '../client/prepare.js';
import { rulesOf, unknownRules } from '../rules/index.js';
import type { RuleViolation } from '../rules/walk.js';
import { isClientType } from '../vocabulary.js';
import { readInput, type CliIo } from './call.js';
import { findCommand } from './commands.js';
import { EXIT, UsageError } from './exit-codes.js';
import { parseCommandArgs } from './arguments.js';

export const CHECK_HELP = `mms check: run the client's checks on a request without sending it.

Usage:
  mms check <operation> --input FILE --client-type bsp|mo|tso [--participant NAME] [--user NAME]
            [--rules off|ID=off,...]

The input is the operation's JSON input ({"attributes": {...}, "data": ...}, see
"mms <operation> --help"; "-" or no --input reads standard input). It is checked as
the client checks it in strict validation: first the schema (every facet, every
required member), then the business rules of the operation (listed by
"mms <operation> --help"). Rules that need the MMS's state (registered
resources, its clock) are not checked here; the MMS checks them.

No certificate is opened and nothing is sent. The envelope's ParticipantName and
UserName are the client's; give --participant and --user (or MMS_PARTICIPANT,
MMS_USER) to check them too, else valid placeholders stand in.

  --rules off          skip the business rules (the schema is still checked)
  --rules ID=off,...   skip these rules

Exit codes: 0 the request may be sent (rule warnings are printed), 2 usage or
unreadable input, 3 the client would refuse it (its violations are printed).
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  input: { type: 'string', short: 'i' },
  'client-type': { type: 'string' },
  participant: { type: 'string' },
  user: { type: 'string' },
  rules: { type: 'string' },
} as const;

/** Placeholders for the identity attributes: valid in the schema, never a real participant's. */
const PLACEHOLDER = { participant: 'W999', user: 'MMSCHECK' } as const;

function ruleSwitches(value: string | undefined): 'off' | Record<string, boolean> | undefined {
  if (value === undefined) return undefined;
  if (value === 'off') return 'off';
  const switches: Record<string, boolean> = {};
  for (const part of value.split(',')) {
    const match = /^([a-z0-9.-]+)=off$/.exec(part.trim());
    if (!match) throw new UsageError(`--rules takes off or ID=off,..., got ${part}`);
    switches[match[1]!] = false;
  }
  const unknown = unknownRules(switches);
  if (unknown.length > 0)
    throw new UsageError(`--rules: unknown rule ${unknown.join(', ')} (see mms <operation> --help)`);
  return switches;
}

const line = (v: { path: string; message: string }): string => `  ${v.path}: ${v.message}\n`;

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true, 'mms check --help');
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const [name, ...rest] = positionals;
  if (name === undefined)
    throw new UsageError('mms check needs an operation: mms check <operation> --input FILE');
  const command = findCommand(name);
  if (!command) throw new UsageError(`unknown operation ${name} (see mms operations)`);
  const clientType = values['client-type'] ?? io.env['MMS_CLIENT_TYPE'];
  if (!isClientType(clientType))
    throw new UsageError(
      `--client-type must be bsp, mo or tso${clientType === undefined ? '' : `, got ${clientType}`}`,
    );
  const rules = ruleSwitches(values.rules);
  const input = await readInput(command, values.input, rest, io);
  const caller = {
    clientType,
    participant: values.participant ?? io.env['MMS_PARTICIPANT'] ?? PLACEHOLDER.participant,
    user: values.user ?? io.env['MMS_USER'] ?? PLACEHOLDER.user,
  };
  const op = operationOfCall(command.op.id, caller, input.attributes, input.data, {});
  let warnings: RuleViolation[];
  try {
    warnings = prepareRequest(op, caller, input.attributes, input.data, { strict: true, rules }).ruleWarnings;
  } catch (err) {
    if (!(err instanceof MmsInputError)) throw err;
    io.stdout.write(
      `${op.id}: refused, nothing would be sent (${err.violations.length} problem${err.violations.length === 1 ? '' : 's'}):\n`,
    );
    for (const v of err.violations) io.stdout.write(line(v));
    return EXIT.input;
  }
  const checked = rules === 'off' ? 0 : rulesOf(op.id).filter((r) => rules?.[r.id] !== false).length;
  io.stdout.write(`${op.id}: the schema and ${checked} business rule${checked === 1 ? '' : 's'} hold`);
  if (warnings.length === 0) {
    io.stdout.write('\n');
    return EXIT.ok;
  }
  io.stdout.write(`; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n`);
  for (const w of warnings) io.stdout.write(line(w));
  return EXIT.ok;
}
