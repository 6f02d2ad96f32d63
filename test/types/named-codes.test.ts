/**
 * `tsc --strict` on small programs against the root entry: one uses the named
 * codes as a user would and must compile, as must the README's example; the
 * other names codes wrongly and must fail on each marked line, so the first
 * result means something.
 * The programs live here as text (a file that must not compile cannot sit in
 * the typechecked project).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/paths.js';

const dir = path.join(REPO_ROOT, 'test', 'types');

const GOOD = `
import { market, outbound, registration } from '../../src/index.js';

const sell: '1' = market.DirectionUpDownType.SELL;
const tokyo: '03' = market.AreaType.TOKYO;
const direction: market.DirectionUpDownType = market.DirectionUpDownType.SELL;
const contract: registration.ContractTypeType = registration.ContractTypeType.MARKET_AND_POWER_SUPPLY_2;
const reserve: outbound.RemResvUtilizationType = outbound.RemResvUtilizationType.AVAILABLE_FOR_UP_ONLY;
// The wire values stay the codes: a literal code is still a value of the type.
const offer: Pick<market.OfferDataSubmitType, 'Direction' | 'Area'> = { Direction: '1', Area: market.AreaType.TOKYO };
const name: 'SELL' | undefined = market.codeName(market.DirectionUpDownType, direction);
export { sell, tokyo, contract, reserve, offer, name };
`;

/** Each line ending in `// error` must have a diagnostic, and no other line. */
const BAD = `
import { market } from '../../src/index.js';

export const buy = market.DirectionUpDownType.BUY; // error
export const oldKey = market.AreaType['03']; // error
export const nameOnTheWire: market.DirectionUpDownType = 'SELL'; // error
export const wrongCode: '01' = market.AreaType.TOKYO; // error
export const wrongName: 'TOKYO' | undefined = market.codeName(market.DirectionUpDownType, '1'); // error
export const fine = market.AreaType.OKINAWA;
`;

function diagnosticLines(sources: Record<string, string>): Record<string, number[]> {
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

/** The example of the README's "Codes and names", importing the source instead of the package. */
function readmeExample(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /## Codes and names\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toContain('market.AreaType.TOKYO');
  return block!.replace(/from 'mms-client'/g, "from '../../src/index.js'");
}

test('strict programs using named codes (and the README example) compile; one naming them wrongly fails on every wrong line', () => {
  const marked = BAD.split('\n').flatMap((line, i) => (line.endsWith('// error') ? [i + 1] : []));
  expect(marked).toHaveLength(5);
  expect(diagnosticLines({ 'good.ts': GOOD, 'readme.ts': readmeExample(), 'bad.ts': BAD })).toEqual({
    'good.ts': [],
    'readme.ts': [],
    'bad.ts': marked,
  });
}, 120_000);
