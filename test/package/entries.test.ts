/**
 * The package's entry points: the root stays small (at most 50 exported
 * names, types included) and importing it loads no simulator module, which
 * lives behind `mms-client/simulator`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import * as root from '../../src/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runTsWithNode } from '../helpers/subprocess.js';

/** Every name an entry module exports, values and types, as the type checker sees them. */
function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.name);
}

/** The files (relative to the repository) that importing `module` loads, in a fresh Node process. */
async function modulesLoadedBy(module: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mms-loads-'));
  try {
    const run = await runTsWithNode('test/helpers/loaded-modules-probe.ts', {
      env: { PROBE_MODULE: module, PROBE_RECORD: path.join(dir, 'loads.txt') },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return (JSON.parse(run.stdout) as string[]).map((file) => path.relative(REPO_ROOT, file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const simulatorModule = (file: string): boolean => file.startsWith(`src${path.sep}simulator${path.sep}`);

test('the root entry exports at most 50 names, values and types together', () => {
  const names = exportedNames(path.join(REPO_ROOT, 'src/index.ts'));
  expect(names.length).toBeLessThanOrEqual(50);
  // The checker's list is the whole surface: every runtime export is in it.
  expect(names).toEqual(expect.arrayContaining(Object.keys(root)));
  expect(names).not.toContain('startSimulator');
  expect(names).not.toContain('Transport');
}, 60_000);

test('importing the root entry loads no simulator module', async () => {
  const loaded = await modulesLoadedBy('src/index.ts');
  // The recorder saw the client being loaded, so an empty match below means something.
  expect(loaded).toContain(path.join('src', 'client', 'client.ts'));
  expect(loaded.filter(simulatorModule)).toEqual([]);
}, 60_000);

test('the simulator entry loads the simulator (the probe sees those modules)', async () => {
  const loaded = await modulesLoadedBy('src/entries/simulator.ts');
  expect(loaded).toContain(path.join('src', 'simulator', 'index.ts'));
}, 60_000);
