/**
 * Text from the server (TXT answers, SOAP faults, messages, HTTP bodies) is
 * hostile: it may carry terminal escape sequences, bidirectional overrides
 * or megabytes of filler. Everything of it that goes into an error message,
 * a log line or the terminal passes through {@link printable} first; the raw
 * text stays available in the error's own fields.
 */

// C0 controls except tab and line feed, DEL, C1 controls (U+009B is a
// terminal's CSI), and the bidirectional embedding, override and isolate marks.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Longest server text quoted in a message, in characters. */
export const MAX_QUOTED_CHARS = 2000;

/**
 * `text` safe to print: unprintable characters become `?`, and text longer
 * than `max` characters is cut with a note of how much was left out.
 */
export function printable(text: string, max: number = MAX_QUOTED_CHARS): string {
  // Never end on the first half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  const cut = text.length > max ? text.slice(0, end) : text;
  const clean = cut.replace(UNPRINTABLE, '?');
  return text.length > max ? `${clean}… (${text.length - end} more characters)` : clean;
}
