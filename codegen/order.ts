/**
 * The one ordering of generated output: UTF-16 code-unit order, the same on
 * every machine. `localeCompare` depends on LANG/LC_ALL (Hawaiian collation
 * puts `Omi_MarketQuery_OffMarketContractQuery` before `…BaselineLoad…`),
 * which would make `codegen:check` fail on a clean tree; lint forbids it here.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator by a string key. */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareStrings(key(a), key(b));
}
