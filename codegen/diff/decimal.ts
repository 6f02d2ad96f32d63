/**
 * Exact comparison of xs:decimal lexical values. Facet bounds such as
 * `9999999.999` or `-0.00` must never pass through a double: `0.1 + 0.2`
 * style rounding would turn a real change into no change, or the reverse.
 */

interface DecimalParts {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  readonly whole: string;
  /** Fraction digits without trailing zeros. */
  readonly fraction: string;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

export function parseDecimal(lexical: string): DecimalParts | undefined {
  const match = DECIMAL.exec(lexical);
  if (!match) return undefined;
  const [, sign = '', wholeRaw = '', fractionRaw = ''] = match;
  if (wholeRaw === '' && fractionRaw === '') return undefined;
  const whole = wholeRaw.replace(/^0+/, '');
  const fraction = fractionRaw.replace(/0+$/, '');
  const zero = whole === '' && fraction === '';
  return { negative: sign === '-' && !zero, whole, fraction };
}

/** The canonical form: no '+', no leading or trailing zeros, '0' for zero, '-' only when negative. */
export function canonicalDecimal(lexical: string): string | undefined {
  const d = parseDecimal(lexical);
  if (!d) return undefined;
  return `${d.negative ? '-' : ''}${d.whole || '0'}${d.fraction ? '.' + d.fraction : ''}`;
}

function compareMagnitude(a: DecimalParts, b: DecimalParts): number {
  if (a.whole.length !== b.whole.length) return Math.sign(a.whole.length - b.whole.length);
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`; undefined if either is not a decimal. */
export function compareDecimals(a: string, b: string): number | undefined {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return undefined;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = compareMagnitude(x, y);
  return x.negative ? -magnitude : magnitude;
}

/** Digits a value needs for xs:totalDigits and xs:fractionDigits (XSD counts the canonical form). */
export function digitCounts(lexical: string): { total: number; fraction: number } | undefined {
  const d = parseDecimal(lexical);
  if (!d) return undefined;
  return { total: Math.max(1, d.whole.length + d.fraction.length), fraction: d.fraction.length };
}
