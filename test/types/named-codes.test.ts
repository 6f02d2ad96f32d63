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
import { REPO_ROOT } from '../helpers/paths.js';
import { diagnosticLines, markedLines } from '../helpers/typecheck.js';

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

/** The example of the README's "Codes and names", importing the source instead of the package. */
function readmeExample(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /## Codes and names\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toContain('market.AreaType.TOKYO');
  return block!.replace(/from 'mms-client'/g, "from '../../src/index.js'");
}

test('strict programs using named codes (and the README example) compile; one naming them wrongly fails on every wrong line', () => {
  const marked = markedLines(BAD);
  expect(marked).toHaveLength(5);
  expect(diagnosticLines({ 'good.ts': GOOD, 'readme.ts': readmeExample(), 'bad.ts': BAD })).toEqual({
    'good.ts': [],
    'readme.ts': [],
    'bad.ts': marked,
  });
}, 120_000);
