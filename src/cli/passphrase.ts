/**
 * The certificate passphrase: from MMS_CERT_PASSPHRASE, else asked for on
 * the terminal with echo off, else empty. Never from the command line, where
 * it would end up in the shell history and the process list; never printed.
 */
import { UsageError } from './exit-codes.js';

/** The terminal the prompt uses. */
export interface PromptIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: { readonly isTTY?: boolean; write(text: string): unknown };
}

export const PASSPHRASE_ENV = 'MMS_CERT_PASSPHRASE';

/** Reads a line from the terminal without echoing it. */
function prompt(io: PromptIo, question: string): Promise<string> {
  const { stdin } = io;
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (): void => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new UsageError('cancelled at the passphrase prompt'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The passphrase of `file`, as described above. */
export async function readPassphrase(env: NodeJS.ProcessEnv, io: PromptIo, file: string): Promise<string> {
  const fromEnv = env[PASSPHRASE_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (io.stdin.isTTY === true && io.stderr.isTTY === true) return prompt(io, `Passphrase for ${file}: `);
  return '';
}
