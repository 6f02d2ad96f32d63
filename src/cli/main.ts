#!/usr/bin/env node
/**
 * `mms`: the command line. One subcommand per MMS operation (generated from
 * the catalog), `check`, `operations`, `simulate` and `help`. Exit codes are listed
 * in exit-codes.ts and in `mms --help`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { allOperations, findCommand, namesOf, similarCommands } from './commands.js';
import { runOperation, type CliIo } from './call.js';
import { EXIT, exitCodeOf, UsageError } from './exit-codes.js';
import { mainHelp, operationHelp } from './help.js';
import { CHECK_HELP, runCheck } from './check.js';
import { runSimulate, SIMULATE_HELP } from './simulate.js';
import { MmsError } from '../errors.js';
import { printable } from '../text.js';

const BUILTIN = ['check', 'simulate', 'serve', 'journal', 'operations', 'help'];

function operationsList(): string {
  const lines = allOperations().map((op) => {
    const [kebabName, ...others] = namesOf(op).filter((n) => n !== op.id);
    const alias = others.length > 0 ? ` (also ${others.join(', ')})` : '';
    return `  ${op.id.padEnd(48)} ${op.interface.padEnd(4)} ${op.audience.join('/').padEnd(12)} mms ${kebabName ?? op.id}${alias}`;
  });
  return `${'  operation'.padEnd(51)}${'if'.padEnd(5)}${'open to'.padEnd(13)}command\n${lines.join('\n')}\n`;
}

/**
 * What to print for an error: its message, with anything a terminal would
 * act on made harmless (server text can hold escape sequences). A stack
 * trace only for a defect, where it helps the report.
 */
function messageOf(err: unknown): string {
  const defect = !(err instanceof MmsError) || err.code === 'INTERNAL_ERROR';
  const text = err instanceof Error ? (defect ? (err.stack ?? err.message) : err.message) : String(err);
  return printable(text, 20_000);
}

/** Runs `mms` with the given arguments; resolves with the exit code. Errors are reported on `io.stderr`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout.write(mainHelp());
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === 'help') {
      const topic = rest[0];
      if (topic === undefined) io.stdout.write(mainHelp());
      else if (topic === 'simulate') io.stdout.write(SIMULATE_HELP);
      else if (topic === 'check') io.stdout.write(CHECK_HELP);
      else if (topic === 'serve') io.stdout.write((await import('./serve.js')).SERVE_HELP);
      else if (topic === 'journal') io.stdout.write((await import('./journal.js')).JOURNAL_HELP);
      else {
        const found = findCommand(topic);
        if (!found) throw new UsageError(`unknown command ${topic}`);
        io.stdout.write(operationHelp(found.op));
      }
      return EXIT.ok;
    }
    if (command === 'operations') {
      io.stdout.write(operationsList());
      return EXIT.ok;
    }
    if (command === 'simulate') return await runSimulate(rest, io);
    if (command === 'check') return await runCheck(rest, io);
    // The gateway (Fastify, databases) loads only for these two commands.
    if (command === 'serve') return await (await import('./serve.js')).runServe(rest, io);
    if (command === 'journal') return await (await import('./journal.js')).runJournal(rest, io);
    const found = findCommand(command);
    if (!found) {
      const similar = similarCommands(command, BUILTIN);
      throw new UsageError(
        `unknown command ${command}${similar.length > 0 ? `; did you mean ${similar.join(', ')}?` : ''} (see mms operations)`,
      );
    }
    return await runOperation(found, rest, io);
  } catch (err) {
    const code = exitCodeOf(err);
    io.stderr.write(`mms: ${err instanceof UsageError ? err.message : messageOf(err)}\n`);
    return code;
  }
}

/** Whether this file is the program being run (`node main.js`, `tsx main.ts`, or the `mms` bin link). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return /^main\.(ts|js|mjs|cjs)$/.test(path.basename(realpathSync(script)));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`mms: ${messageOf(err)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
