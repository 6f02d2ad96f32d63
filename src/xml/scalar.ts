/**
 * Simple values between their TypeScript form and their XML lexical form.
 * Numbers are written in plain decimal notation, never with an exponent;
 * nothing is rounded here (the validator rejects excess digits instead).
 */
import type { SimpleTypeDescriptor } from './descriptors.js';
import { formatNumber } from './facets.js';
import { parseBoolean } from './lexical.js';

/** The lexical form of a value, or an explanation of why the JS value has the wrong type. */
export function toLexical(
  value: unknown,
  type: SimpleTypeDescriptor,
): { lexical: string } | { error: string } {
  switch (type.js) {
    case 'string':
      return typeof value === 'string'
        ? { lexical: value }
        : { error: `expected a string, got ${describe(value)}` };
    case 'number':
      // A decimal string is taken as written ('100.00' stays '100.00'): values
      // read from a database or a spreadsheet keep their exact spelling. The
      // facet check that follows rejects anything that is not a number.
      if (typeof value === 'string') return { lexical: value };
      if (typeof value !== 'number') return { error: `expected a number, got ${describe(value)}` };
      if (!Number.isFinite(value) && type.builtin !== 'float')
        return { error: `${value} is not a finite number` };
      if (Number.isNaN(value)) return { lexical: 'NaN' };
      if (!Number.isFinite(value)) return { lexical: value > 0 ? 'INF' : '-INF' };
      return { lexical: formatNumber(value) };
    case 'boolean':
      return typeof value === 'boolean'
        ? { lexical: String(value) }
        : { error: `expected a boolean, got ${describe(value)}` };
  }
}

/**
 * The TypeScript value of a lexical form. XSD collapses whitespace around
 * non-string values before reading them, so this does too.
 */
export function fromLexical(
  lexical: string,
  type: SimpleTypeDescriptor,
  keepLexical = false,
): string | number | boolean {
  if (keepLexical && type.js === 'number') return lexical.trim();
  switch (type.js) {
    case 'string':
      return type.builtin === 'string' ? lexical : lexical.trim();
    case 'number': {
      const text = lexical.trim();
      if (text === 'INF') return Infinity;
      if (text === '-INF') return -Infinity;
      if (text === 'NaN') return NaN;
      const n = Number(text);
      // An unreadable number stays a string: the caller reports the facet
      // problem, and the server's text is never replaced by NaN.
      return text !== '' && !Number.isNaN(n) ? n : lexical;
    }
    case 'boolean':
      return parseBoolean(lexical.trim()) ?? lexical;
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
