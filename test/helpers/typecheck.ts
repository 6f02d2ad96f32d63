/**
 * `tsc --strict` on programs held as text, placed in test/types/ (so that
 * `../../src/index.js` imports the source): the lines of each that have a
 * diagnostic. A program that must not compile cannot sit in the typechecked
 * project, so type tests keep their programs as strings and use this.
 */
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './paths.js';

const dir = path.join(REPO_ROOT, 'test', 'types');

/** Lines of an expected-failure program marked `// error`. */
export function markedLines(program: string): number[] {
  return program.split('\n').flatMap((line, i) => (line.endsWith('// error') ? [i + 1] : []));
}

export function diagnosticLines(sources: Record<string, string>): Record<string, number[]> {
  const files = new Map(Object.entries(sources).map(([name, text]) => [path.join(dir, name), text]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(path.resolve(name));
    return text !== undefined
      ? ts.createSourceFile(name, text, language)
      : getSourceFile(name, language, ...rest);
  };
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const out: Record<string, number[]> = {};
  for (const [file] of files) {
    const source = program.getSourceFile(file)!;
    const lines = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    );
    out[path.basename(file)] = [...new Set(lines)].sort((a, b) => a - b);
  }
  return out;
}
