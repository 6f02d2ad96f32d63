/** Reading a command's arguments: one place that turns node:util's parse errors into usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.js';

/**
 * The command's options and positionals, strict (an unknown option is an
 * error); a mistake is a {@link UsageError} pointing at `help`, e.g. `mms serve --help`.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean>(
  args: readonly string[],
  options: O,
  allowPositionals: P,
  help: string,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: P; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. See ${help}.`);
  }
}
