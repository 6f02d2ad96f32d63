/**
 * Lexical spaces of the XML Schema built-ins the MMS uses: parsing, exact
 * comparison, and writing numbers without an exponent. Nothing here goes
 * through floating point except xs:float itself, so no digit is ever lost.
 *
 * Decisions (checked against libxml2 2.13 in test/xml/facets.test.ts, with
 * the few places where libxml2 departs from XSD listed there):
 * - decimal: `[+-]?(d+(.d*)?|.d+)`, no exponent; `.5` and `5.` are valid.
 * - float: XSD 1.0 lexical form (`1e5`, `.5E-3`, `INF`, `-INF`, `NaN`; not
 *   `+INF`, which is XSD 1.1), compared after rounding to single precision;
 *   magnitudes beyond the float range are accepted and round to ±INF.
 * - date/dateTime: years of four or more digits (no leading zero beyond four,
 *   no year 0000), optional `-`; leap years by the Gregorian rule applied to
 *   the year number as written (as libxml2 does, which makes `-0004` a leap
 *   year); `24:00:00` allowed as the first instant of the next day; no leap
 *   seconds; time zone `Z` or `±hh:mm` up to 14:00.
 */

/** XSD whiteSpace="collapse": tabs, newlines and carriage returns become spaces, runs of spaces become one, ends trimmed. */
export function collapseWhitespace(value: string): string {
  // Most values have no whitespace at all: skip the allocation.
  if (!/[\t\n\r ]/.test(value)) return value;
  return value.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
}

/** Length in Unicode code points (what XSD calls characters), not UTF-16 units. */
export function codePointLength(value: string): number {
  let length = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/** A decimal value, normalised so that equal values have equal parts. */
export interface DecimalValue {
  /** False for zero, whatever sign was written. */
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  readonly integer: string;
  /** Fraction digits without trailing zeros ('' for none). */
  readonly fraction: string;
}

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;
const INTEGER = /^[+-]?[0-9]+$/;

/** Parse an xs:decimal lexical value (already whitespace-collapsed); undefined if invalid. */
export function parseDecimal(lexical: string): DecimalValue | undefined {
  const m = DECIMAL.exec(lexical);
  if (m === null) return undefined;
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  const integer = intDigits.replace(/^0+/, '');
  const fraction = fracDigits.replace(/0+$/, '');
  return { negative: m[1] === '-' && (integer !== '' || fraction !== ''), integer, fraction };
}

/** Parse an xs:integer lexical value (no decimal point allowed); undefined if invalid. */
export function parseInteger(lexical: string): DecimalValue | undefined {
  return INTEGER.test(lexical) ? parseDecimal(lexical) : undefined;
}

/** Exact order of two decimals: negative, zero or positive like a sort comparator. */
export function compareDecimals(a: DecimalValue, b: DecimalValue): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.integer.length !== b.integer.length) return sign * (a.integer.length - b.integer.length);
  if (a.integer !== b.integer) return sign * (a.integer < b.integer ? -1 : 1);
  // Without trailing zeros, digit strings order lexicographically.
  if (a.fraction !== b.fraction) return sign * (a.fraction < b.fraction ? -1 : 1);
  return 0;
}

/** Digits after the point, trailing zeros not counted (`1.50` has 1), as XSD's fractionDigits counts. */
export function fractionDigitCount(value: DecimalValue): number {
  return value.fraction.length;
}

/**
 * Significant digits as XSD's totalDigits counts them: a value i × 10^-n
 * needs max(digits of |i|, n) digits, so leading zeros of the integer part
 * and trailing zeros of the fraction do not count, but zeros between the
 * point and the first significant fraction digit do (`0.0001` has 4).
 */
export function totalDigitCount(value: DecimalValue): number {
  return Math.max(1, value.integer.length + value.fraction.length);
}

/** The canonical lexical form of a decimal (`-1.5`, `0`, `12`). */
export function canonicalDecimal(value: DecimalValue): string {
  const integer = value.integer === '' ? '0' : value.integer;
  return `${value.negative ? '-' : ''}${integer}${value.fraction === '' ? '' : `.${value.fraction}`}`;
}

const FLOAT = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?|-?INF|NaN)$/;

/** Parse an xs:float lexical value to its single-precision value; undefined if invalid. */
export function parseFloatLexical(lexical: string): number | undefined {
  if (!FLOAT.test(lexical)) return undefined;
  if (lexical === 'INF') return Infinity;
  if (lexical === '-INF') return -Infinity;
  if (lexical === 'NaN') return NaN;
  // Decimal → double → single rounds twice; a difference needs a value within
  // 2^-53 relative of a single-precision tie, which is accepted as negligible.
  return Math.fround(Number(lexical));
}

/** Parse an xs:boolean lexical value; undefined if invalid. */
export function parseBoolean(lexical: string): boolean | undefined {
  switch (lexical) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

/** A date or dateTime, fields as written (not normalised to UTC). */
export interface DateTimeValue {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fraction-of-second digits without trailing zeros. */
  readonly fraction: string;
  /** Offset from UTC in minutes, or undefined for no time zone. */
  readonly timezone: number | undefined;
}

// Years are bounded (16 digits, then "out of range" below): an unbounded
// `{4,}` group overflows V8's regex stack on megabytes of digits.
const DATE_TIME =
  /^(-?)([0-9]{4,16})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const DATE = /^(-?)([0-9]{4,16})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const TIMEZONE_SUFFIX = /(?:Z|[+-][0-9]{2}:[0-9]{2})$/;

/** Why a date/dateTime lexical value is invalid, or the parsed value. */
export type DateTimeParse = { readonly value: DateTimeValue } | { readonly error: string };

/** Parse an xs:date (`kind` 'date') or xs:dateTime lexical value, collapsed. */
export function parseDateTime(lexical: string, kind: 'date' | 'dateTime'): DateTimeParse {
  const m = (kind === 'date' ? DATE : DATE_TIME).exec(lexical);
  if (m === null) {
    return {
      error:
        kind === 'date'
          ? 'expected YYYY-MM-DD'
          : 'expected YYYY-MM-DDThh:mm:ss with optional fraction and time zone',
    };
  }
  const yearDigits = m[2] ?? '';
  if (yearDigits.length > 4 && yearDigits.startsWith('0'))
    return { error: 'a year of more than four digits has no leading zero' };
  if (/^0+$/.test(yearDigits)) return { error: 'there is no year 0000' };
  if (yearDigits.length > 15) return { error: 'year out of range' };
  const year = (m[1] === '-' ? -1 : 1) * Number(yearDigits);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12) return { error: `month ${m[3]} does not exist` };
  if (day < 1 || day > daysInMonth(year, month))
    return { error: `day ${m[4]} does not exist in ${m[2]}-${m[3]}` };
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let zone: string | undefined = m[5];
  if (kind === 'dateTime') {
    hour = Number(m[5]);
    minute = Number(m[6]);
    second = Number(m[7]);
    fraction = (m[8] ?? '').replace(/0+$/, '');
    zone = m[9];
    const midnight = hour === 24 && minute === 0 && second === 0 && fraction === '';
    if ((hour > 23 && !midnight) || minute > 59 || second > 59) return { error: 'time of day out of range' };
  }
  let timezone: number | undefined;
  if (zone !== undefined && zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (minutes > 59 || hours > 14 || (hours === 14 && minutes > 0))
      return { error: `time zone ${zone} out of range` };
    timezone = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  } else if (zone === 'Z') {
    timezone = 0;
  }
  return { value: { year, month, day, hour, minute, second, fraction, timezone } };
}

/**
 * Whether a date or dateTime lexical value carries a time zone (`Z` or
 * `±hh:mm`). The MMS writes JST wall-clock times without one (protocol §8),
 * so callers flag such values even though XSD and libxml2 accept them.
 */
export function hasTimezone(lexical: string): boolean {
  return TIMEZONE_SUFFIX.test(collapseWhitespace(lexical));
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), exact for any year. */
function daysFromCivil(year: number, month: number, day: number): bigint {
  const y = BigInt(month <= 2 ? year - 1 : year);
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n;
  const mp = BigInt((month + 9) % 12);
  const doy = (153n * mp + 2n) / 5n + BigInt(day - 1);
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
}

/** Seconds since 1970-01-01T00:00:00 of the wall-clock time, ignoring the time zone. */
function localSeconds(v: DateTimeValue): bigint {
  return daysFromCivil(v.year, v.month, v.day) * 86400n + BigInt(v.hour * 3600 + v.minute * 60 + v.second);
}

const FOURTEEN_HOURS = 14n * 3600n;

/** An instant (or wall-clock time) as whole seconds plus the fraction digits. */
interface Instant {
  readonly seconds: bigint;
  readonly fraction: string;
}

function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  // Fractions have no trailing zeros, so digit strings order lexicographically.
  return a.fraction === b.fraction ? 0 : a.fraction < b.fraction ? -1 : 1;
}

function instant(v: DateTimeValue, shiftSeconds = 0n): Instant {
  const utc = v.timezone === undefined ? 0n : BigInt(v.timezone * 60);
  return { seconds: localSeconds(v) - utc + shiftSeconds, fraction: v.fraction };
}

/**
 * Order of two dates/dateTimes per XSD 1.0 §3.2.7.3: values with time zones
 * compare as instants (UTC), values without as wall-clock times, and dates as
 * their first instant. A value with a time zone and one without are ordered
 * only if the zoned one lies outside the other's ±14 hour window (a boundary
 * instant counts as outside, being at most or at least the other for
 * certain); otherwise the order is indeterminate and the result undefined.
 * Returns negative, zero or positive like a sort comparator, or undefined.
 */
export function compareDateTimes(a: DateTimeValue, b: DateTimeValue): number | undefined {
  if ((a.timezone === undefined) === (b.timezone === undefined))
    return compareInstants(instant(a), instant(b));
  const aIsZoned = a.timezone !== undefined;
  const zoned = instant(aIsZoned ? a : b);
  const floating = aIsZoned ? b : a;
  // The floating value read in zone +14:00 is its earliest possible instant, in -14:00 its latest.
  const zonedFirst = compareInstants(zoned, instant(floating, -FOURTEEN_HOURS)) <= 0;
  const zonedLast = compareInstants(zoned, instant(floating, FOURTEEN_HOURS)) >= 0;
  if (!zonedFirst && !zonedLast) return undefined;
  const order = zonedFirst ? -1 : 1;
  return aIsZoned ? order : -order;
}

/**
 * Identity of a date/dateTime value, for enumerations: zoned values with the
 * same instant have the same key (`…T12:00:00+09:00` = `…T03:00:00Z`), as do
 * unzoned values with the same wall-clock time; a zoned and an unzoned value
 * never do.
 */
export function dateTimeKey(v: DateTimeValue): string {
  const { seconds, fraction } = instant(v);
  return `${v.timezone === undefined ? 'L' : 'Z'}${seconds}${fraction === '' ? '' : `.${fraction}`}`;
}

const BASE64_CHARS = /^[A-Za-z0-9+/]*$/;

/** An xs:base64Binary value: its text without whitespace, and how many octets it decodes to. */
export interface Base64Value {
  /** Equal octets have equal text, since XSD base64 forbids non-zero pad bits. */
  readonly canonical: string;
  readonly octets: number;
}

/**
 * Parse an xs:base64Binary lexical value without decoding it, or undefined if
 * it is not valid XSD base64: whitespace may appear between characters, the
 * length without it is a multiple of four, `=` padding only at the end, and
 * the bits that padding discards must be zero (the last character before
 * `==` is one of `AQgw`, before `=` one of `AEIMQUYcgkosw048`).
 */
export function parseBase64(lexical: string): Base64Value | undefined {
  const text = /[\t\n\r ]/.test(lexical) ? lexical.replace(/[\t\n\r ]+/g, '') : lexical;
  if (text.length % 4 !== 0) return undefined;
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const body = text.slice(0, text.length - padding);
  if (!BASE64_CHARS.test(body)) return undefined;
  if (padding > 0) {
    const last = body[body.length - 1] ?? '';
    if (!(padding === 2 ? 'AQgw' : 'AEIMQUYcgkosw048').includes(last)) return undefined;
  }
  return { canonical: text, octets: (text.length / 4) * 3 - padding };
}

/**
 * Write a finite JavaScript number as a plain decimal string with no
 * exponent: `1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`,
 * `-0` → `0`. The digits are those of the shortest round-trip form
 * (`String(n)`), so `0.1` stays `0.1`.
 *
 * @throws RangeError for NaN and ±Infinity, which xs:decimal cannot express.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} cannot be written as a decimal`);
  if (n === 0) return '0';
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Position of the decimal point relative to the start of `digits`.
  const pointAt = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}
