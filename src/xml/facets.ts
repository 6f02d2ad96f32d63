/**
 * Checks a simple value against its descriptor: first the lexical space of
 * the built-in, then every facet. Runs on every value of every request, so
 * each descriptor is compiled once (patterns translated, bounds and
 * enumerations parsed) into a closure, cached per descriptor object.
 *
 * Decisions (see test/xml/facets.test.ts, which compares with libxml2):
 * - Whitespace: xs:string values are checked as given (whiteSpace preserve,
 *   which is what every string type in the MMS schemas has); every other
 *   built-in is collapsed first, and facets (patterns included) see the
 *   collapsed form, as XSD prescribes and libxml2 does.
 * - Strings must consist of XML 1.0 characters; a value that XML cannot carry
 *   at all is reported here rather than failing later in the writer.
 * - Lengths count code points for strings and decoded octets for base64.
 * - Enumerations, bounds and digit counts work on values, not text:
 *   `1.0` equals enumeration value `1`, `1.50` has one fraction digit,
 *   decimals compare exactly as digit strings, never through floating point.
 * - A date/dateTime with a time zone and a bound without one (or the reverse)
 *   that cannot be ordered (within 14 hours) breaks the bound.
 * - Facets that XSD does not allow on a built-in (a length on a decimal)
 *   make compilation throw: a descriptor like that is a generator bug.
 */
import type { Builtin, SimpleTypeDescriptor } from './descriptors.js';
import {
  type Base64Value,
  canonicalDecimal,
  codePointLength,
  collapseWhitespace,
  compareDateTimes,
  compareDecimals,
  dateTimeKey,
  type DateTimeValue,
  type DecimalValue,
  fractionDigitCount,
  parseBase64,
  parseBoolean,
  parseDateTime,
  parseDecimal,
  parseFloatLexical,
  parseInteger,
  totalDigitCount,
} from './lexical.js';
import { NOT_XML_CHAR } from './canonical.js';
import { translatePattern } from './pattern.js';

export { formatNumber, hasTimezone } from './lexical.js';

/** A compiled check: the lexical value in, every violation out (empty when valid). */
export type SimpleValueCheck = (lexical: string) => string[];

const compiled = new WeakMap<SimpleTypeDescriptor, SimpleValueCheck>();

/**
 * Check a lexical value against a simple type: the built-in's lexical space,
 * then each facet. Returns every violation as a message without a path
 * (`1234567.891 has 3 fraction digits, at most 2 allowed`); the caller
 * prefixes the path. An empty array means the value is valid.
 *
 * @throws if the descriptor itself is invalid (a pattern that is not an XSD
 *   regular expression, a bound that is not a value of the built-in).
 */
export function checkSimpleValue(lexical: string, type: SimpleTypeDescriptor): string[] {
  let check = compiled.get(type);
  if (check === undefined) {
    check = compileSimpleType(type);
    compiled.set(type, check);
  }
  try {
    return check(lexical);
  } catch (err) {
    // V8's regex engine gives up on some patterns over megabytes of text
    // (RangeError: stack exceeded). The value cannot be shown valid, so it
    // is reported as a violation instead of escaping as an untyped error.
    if (err instanceof RangeError)
      return [`a value of ${lexical.length} characters is too long to be checked against ${type.name}`];
    throw err;
  }
}

/** Parse result of a lexical value in a value space. */
type Parsed<V> = { readonly value: V } | { readonly error: string };

/** What facet checking needs to know about one built-in's value space. */
interface ValueSpace<V> {
  /** Name used in messages: "not a valid {label}". */
  readonly label: string;
  /** whiteSpace="collapse" (every built-in but string). */
  readonly collapse: boolean;
  /** Show values in quotes in messages (text-like types). */
  readonly quoted: boolean;
  /** Any text is lexically valid, so check it holds only characters XML can carry. */
  readonly anyText?: boolean;
  parse(text: string): Parsed<V>;
  /** Identity for enumeration: equal values, equal keys. */
  key(value: V): string;
  /** Order for min/maxInclusive; undefined result = incomparable. Absent = facet not allowed. */
  readonly compare?: (a: V, b: V) => number | undefined;
  /** Why two values may be incomparable, for the message. */
  readonly incomparable?: string;
  /** Length for length/minLength/maxLength and its unit. Absent = facets not allowed. */
  readonly length?: { readonly of: (text: string, value: V) => number; readonly unit: string };
  /** Decimal view for totalDigits/fractionDigits. Absent = facets not allowed. */
  readonly digits?: (value: V) => DecimalValue;
}

const stringSpace: ValueSpace<string> = {
  label: 'string',
  collapse: false,
  quoted: true,
  anyText: true,
  parse: (text) => ({ value: text }),
  key: (value) => value,
  length: { of: codePointLength, unit: 'character' },
};

const base64Space: ValueSpace<Base64Value> = {
  label: 'base64Binary',
  collapse: true,
  quoted: true,
  parse: (text) => {
    const value = parseBase64(text);
    return value === undefined ? { error: 'not valid base64' } : { value };
  },
  key: (value) => value.canonical,
  length: { of: (_text, value) => value.octets, unit: 'octet' },
};

const booleanSpace: ValueSpace<boolean> = {
  label: 'boolean',
  collapse: true,
  quoted: false,
  parse: (text) => {
    const value = parseBoolean(text);
    return value === undefined ? { error: 'expected true, false, 1 or 0' } : { value };
  },
  key: String,
};

function decimalSpace(
  label: string,
  integerOnly: boolean,
  range?: readonly [string, string],
): ValueSpace<DecimalValue> {
  const parse = integerOnly ? parseInteger : parseDecimal;
  const syntax = integerOnly
    ? 'expected digits with an optional sign'
    : 'expected digits with an optional sign and point, no exponent';
  const [min, max] = (range ?? []).map(parseDecimal);
  return {
    label,
    collapse: true,
    quoted: false,
    parse: (text) => {
      const value = parse(text);
      if (value === undefined) return { error: syntax };
      if (
        min !== undefined &&
        max !== undefined &&
        (compareDecimals(value, min) < 0 || compareDecimals(value, max) > 0)
      ) {
        return { error: `outside the range ${range?.[0]} to ${range?.[1]}` };
      }
      return { value };
    },
    key: canonicalDecimal,
    compare: compareDecimals,
    digits: (value) => value,
  };
}

const floatSpace: ValueSpace<number> = {
  label: 'float',
  collapse: true,
  quoted: false,
  parse: (text) => {
    const value = parseFloatLexical(text);
    return value === undefined
      ? { error: 'expected a decimal with optional exponent, INF, -INF or NaN' }
      : { value };
  },
  // XSD float: NaN equals itself for enumeration; 0 and -0 are equal.
  key: (value) => (Number.isNaN(value) ? 'NaN' : String(value === 0 ? 0 : value)),
  compare: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? undefined : a < b ? -1 : a > b ? 1 : 0),
  incomparable: 'NaN has no order',
};

function dateTimeSpace(kind: 'date' | 'dateTime'): ValueSpace<DateTimeValue> {
  return {
    label: kind,
    collapse: true,
    quoted: false,
    parse: (text) => parseDateTime(text, kind),
    key: dateTimeKey,
    compare: compareDateTimes,
    incomparable: 'only one of them has a time zone',
  };
}

/** Compile a descriptor into a reusable check; {@link checkSimpleValue} caches this per descriptor. */
export function compileSimpleType(type: SimpleTypeDescriptor): SimpleValueCheck {
  switch (type.builtin) {
    case 'string':
      return compileWith(type, stringSpace);
    case 'base64Binary':
      return compileWith(type, base64Space);
    case 'boolean':
      return compileWith(type, booleanSpace);
    case 'decimal':
      return compileWith(type, decimalSpace('decimal', false));
    case 'integer':
      return compileWith(type, decimalSpace('integer', true));
    case 'int':
      return compileWith(type, decimalSpace('int', true, INT_RANGE));
    case 'long':
      return compileWith(type, decimalSpace('long', true, LONG_RANGE));
    case 'float':
      return compileWith(type, floatSpace);
    case 'date':
    case 'dateTime':
      return compileWith(type, dateTimeSpace(type.builtin));
    default:
      return unreachable(type.builtin);
  }
}

const INT_RANGE = ['-2147483648', '2147483647'] as const;
const LONG_RANGE = ['-9223372036854775808', '9223372036854775807'] as const;

function unreachable(builtin: never): never {
  throw new Error(`unknown built-in type ${String(builtin as Builtin)}`);
}

/** Builds the message of a failed check from the value as shown to people. */
type Failure = (shown: string) => string;

/**
 * One facet check over the (collapsed) text and its value: undefined when it
 * holds, else the failure. Formatting the value for a message costs more than
 * most checks, so it happens only on failure.
 */
type FacetCheck<V> = (text: string, value: V) => Failure | undefined;

function compileWith<V>(type: SimpleTypeDescriptor, space: ValueSpace<V>): SimpleValueCheck {
  const facets = type.facets;
  const checks: FacetCheck<V>[] = [];
  const fail = (facet: string, why: string): never => {
    throw new Error(`simple type ${type.name}: facet ${facet} ${why}`);
  };
  const bound = (facet: string, lexical: string): V => {
    const parsed = space.parse(space.collapse ? collapseWhitespace(lexical) : lexical);
    return 'value' in parsed ? parsed.value : fail(facet, `value ${lexical} is not a valid ${space.label}`);
  };

  if (space.anyText === true) {
    checks.push((text) => {
      const bad = NOT_XML_CHAR.exec(text);
      return bad === null
        ? undefined
        : (shown) => `${shown} contains ${codePointName(bad[0])}, which XML 1.0 cannot carry`;
    });
  }

  if (facets.enumeration !== undefined && facets.enumeration.length > 0) {
    const allowed = new Set(facets.enumeration.map((e) => space.key(bound('enumeration', e))));
    const list = listValues(facets.enumeration);
    checks.push((_text, value) =>
      allowed.has(space.key(value)) ? undefined : (shown) => `${shown} is not one of: ${list}`,
    );
  }

  const { length, minLength, maxLength } = facets;
  if (length !== undefined || minLength !== undefined || maxLength !== undefined) {
    const measure = space.length ?? fail('length', `does not apply to ${space.label}`);
    const units = (n: number): string => `${n} ${measure.unit}${n === 1 ? '' : 's'}`;
    checks.push((text, value) => {
      const n = measure.of(text, value);
      if (length !== undefined && n !== length)
        return (shown) => `${shown} is not exactly ${units(length)} long (length ${n})`;
      if (maxLength !== undefined && n > maxLength)
        return (shown) => `${shown} is longer than ${units(maxLength)} (length ${n})`;
      if (minLength !== undefined && n < minLength)
        return (shown) => `${shown} is shorter than ${units(minLength)} (length ${n})`;
      return undefined;
    });
  }

  for (const step of facets.patterns ?? []) {
    if (step.length === 0) continue;
    const regexps = step.map(translatePattern);
    const described = step.map((p) => `pattern ${showPattern(p)}`).join(' or ');
    checks.push((text) =>
      regexps.some((re) => re.test(text)) ? undefined : (shown) => `${shown} does not match ${described}`,
    );
  }

  const { minInclusive, maxInclusive } = facets;
  if (minInclusive !== undefined || maxInclusive !== undefined) {
    const compare = space.compare ?? fail('minInclusive/maxInclusive', `does not apply to ${space.label}`);
    const because = space.incomparable === undefined ? '' : ` (${space.incomparable})`;
    if (minInclusive !== undefined) {
      const min = bound('minInclusive', minInclusive);
      checks.push((_text, value) => {
        const order = compare(value, min);
        if (order === undefined)
          return (shown) => `${shown} cannot be compared with the minimum ${minInclusive}${because}`;
        return order < 0 ? (shown) => `${shown} is below the minimum ${minInclusive}` : undefined;
      });
    }
    if (maxInclusive !== undefined) {
      const max = bound('maxInclusive', maxInclusive);
      checks.push((_text, value) => {
        const order = compare(value, max);
        if (order === undefined)
          return (shown) => `${shown} cannot be compared with the maximum ${maxInclusive}${because}`;
        return order > 0 ? (shown) => `${shown} is above the maximum ${maxInclusive}` : undefined;
      });
    }
  }

  const { fractionDigits, totalDigits } = facets;
  if (fractionDigits !== undefined || totalDigits !== undefined) {
    const digits = space.digits ?? fail('fractionDigits/totalDigits', `does not apply to ${space.label}`);
    if (fractionDigits !== undefined) {
      checks.push((_text, value) => {
        const n = fractionDigitCount(digits(value));
        return n > fractionDigits
          ? (shown) => `${shown} has ${plural(n, 'fraction digit')}, at most ${fractionDigits} allowed`
          : undefined;
      });
    }
    if (totalDigits !== undefined) {
      checks.push((_text, value) => {
        const n = totalDigitCount(digits(value));
        return n > totalDigits
          ? (shown) => `${shown} has ${plural(n, 'digit')}, at most ${totalDigits} allowed`
          : undefined;
      });
    }
  }

  return (lexical) => {
    const text = space.collapse ? collapseWhitespace(lexical) : lexical;
    const parsed = space.parse(text);
    if (!('value' in parsed)) return [`${quote(text)} is not a valid ${space.label} (${parsed.error})`];
    const messages: string[] = [];
    let shown: string | undefined;
    for (const check of checks) {
      const failure = check(text, parsed.value);
      if (failure !== undefined) {
        shown ??= space.quoted ? quote(text) : abbreviate(text);
        messages.push(failure(shown));
      }
    }
    return messages;
  };
}

const SHOWN_CODE_POINTS = 60;

/** A value for a message: at most 60 code points, so a megabyte of base64 stays out of logs. */
function abbreviate(text: string): string {
  if (text.length <= SHOWN_CODE_POINTS) return text;
  const head = Array.from(text).slice(0, SHOWN_CODE_POINTS);
  return head.length < SHOWN_CODE_POINTS ? text : `${head.join('')}…`;
}

function quote(text: string): string {
  const shown = abbreviate(text);
  return shown === text ? JSON.stringify(text) : `${JSON.stringify(shown.slice(0, -1))}…`;
}

/** Patterns as written in the schema source: characters outside printable ASCII as `&#N;`, so they can be searched for. */
function showPattern(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    const c = ch.codePointAt(0) ?? 0;
    out += c >= 0x20 && c <= 0x7e ? ch : `&#${c};`;
  }
  return out;
}

function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const LISTED_VALUES = 30;

function listValues(values: readonly string[]): string {
  if (values.length <= LISTED_VALUES) return values.join(', ');
  return `${values.slice(0, LISTED_VALUES).join(', ')}, … (${values.length} values)`;
}
