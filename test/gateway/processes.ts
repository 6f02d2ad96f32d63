/**
 * `mms serve` as real subprocesses, each on a free port, stopped with a signal. Node runs
 * the CLI itself with tsx as a loader (no tsx wrapper process), so a signal reaches the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServe(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('src', 'cli', 'main.ts'), 'serve', '--port', '0', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mms serve did not start in 30 s:\n${stderr}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const match = /listening on (http\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\s.*$/, ''));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`mms serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
