/**
 * Canonical XML 1.0 output primitives (W3C C14N, without comments). The
 * encoder writes documents through these, so its output is already in the
 * canonical form that gets signed: no declaration, attributes sorted by name,
 * empty elements as a start and end tag, and C14N escaping.
 */

/**
 * A character XML 1.0 cannot carry, even escaped: C0 controls other than
 * tab, line feed and carriage return, U+FFFE, U+FFFF, and a lone half of a
 * surrogate pair (which UTF-8 cannot encode; TextEncoder would silently
 * write U+FFFD instead).
 */
export const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** C14N §1.1 text node escaping: `&`, `<`, `>`, and CR. */
export function escapeText(text: string): string {
  return /[&<>\r]/.test(text)
    ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;')
    : text;
}

/** C14N attribute value escaping: `&`, `<`, `"`, TAB, LF, CR. */
export function escapeAttribute(value: string): string {
  return /[&<"\t\n\r]/.test(value)
    ? value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&quot;')
        .replace(/\t/g, '&#x9;')
        .replace(/\n/g, '&#xA;')
        .replace(/\r/g, '&#xD;')
    : value;
}

/**
 * Attributes in C14N order. All MMS payload attributes are unqualified, and
 * C14N orders unqualified attributes by local name in code-point order
 * (which is what a plain `<` comparison of strings without surrogates
 * gives; XML names here are ASCII).
 */
export function startTag(name: string, attributes: readonly (readonly [string, string])[]): string {
  if (attributes.length === 0) return `<${name}>`;
  const sorted = [...attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let out = `<${name}`;
  for (const [key, value] of sorted) out += ` ${key}="${escapeAttribute(value)}"`;
  return out + '>';
}

export function endTag(name: string): string {
  return `</${name}>`;
}
