/** Run a repository script through tsx as a real subprocess, asynchronously so tests can run several at once. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The project's tsx, to run TypeScript scripts as real subprocesses. */
export const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return collect(spawn(TSX, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } }));
}

/**
 * Run a TypeScript file with this Node and its flags (`--expose-gc`, say),
 * through tsx's loader, as a process of its own; resolves with its exit
 * status and output.
 */
export function runTsWithNode(
  script: string,
  options: { readonly flags?: readonly string[]; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return collect(
    spawn(process.execPath, [...(options.flags ?? []), '--import', 'tsx', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
    }),
  );
}

function collect(child: ReturnType<typeof spawn>): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
