/**
 * Names of codes. A generated enumeration (e.g. `market.DirectionUpDownType`)
 * is keyed by the reference client's name of each code (`SELL: '1'`), or by
 * the code itself where no name is known; its values are the codes that
 * travel on the wire and come back in results. `codeName` goes the other way.
 */

/** A generated enumeration object: key → code. */
export type CodeTable = Readonly<Record<string, string | number | boolean>>;

/**
 * The key of `value` in a generated enumeration: its readable name
 * (`codeName(market.DirectionUpDownType, '1') === 'SELL'`), the code itself
 * where the reference client names none, undefined for a code the type does
 * not have.
 */
export function codeName<T extends CodeTable>(
  type: T,
  value: string | number | boolean,
): (keyof T & string) | undefined {
  for (const key of Object.keys(type)) if (type[key] === value) return key as keyof T & string;
  return undefined;
}
