/**
 * JST wall-clock values. Every MMS date and time is Japan Standard Time
 * written without an offset (MMS-PROTOCOL.md §8). These helpers turn an
 * instant (a JavaScript Date) into those strings and back, using fixed
 * UTC+9 arithmetic (Japan has no daylight saving time), so the host's time
 * zone never enters the result.
 *
 * Reading goes through the validator's own parser (src/xml/lexical.ts), so a
 * value the request validator accepts is a value these helpers read, and the
 * other way round; the only extra refusals are values a Date cannot hold.
 */

import { MmsError } from '../errors.js';
import { collapseWhitespace, parseDateTime, type DateTimeValue } from '../xml/lexical.js';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;
/** The largest distance from 1970 a Date can hold (ECMA-262, time values). */
const MAX_DATE_MS = 8.64e15;

/** A date or time that is not valid, or an instant the MMS cannot take. */
export class MmsTimeError extends MmsError {
  declare readonly code: 'INVALID_TIME';
  constructor(message: string) {
    super('INVALID_TIME', message);
  }
}

function checkInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw new MmsTimeError('expected a valid Date');
  return ms;
}

/** The JST wall-clock fields of an instant: the UTC fields of the instant shifted by +9 h. */
function jstIso(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString();
}

/**
 * `2024-03-15T12:00:00` for the instant 2024-03-15T03:00:00Z.
 *
 * The MMS writes whole seconds, so milliseconds are dropped (the second the
 * instant falls in, never rounded up into the next one): `new Date()` just
 * works. With `{ milliseconds: 'refuse' }` an instant that is not a whole
 * second throws instead, for callers who want to know.
 */
export function toJstDateTime(
  instant: Date,
  options: { readonly milliseconds?: 'drop' | 'refuse' } = {},
): string {
  const ms = checkInstant(instant);
  const milliseconds = options.milliseconds ?? 'drop';
  if (milliseconds !== 'drop' && milliseconds !== 'refuse') {
    throw new MmsTimeError(`options.milliseconds must be 'drop' or 'refuse', got ${String(milliseconds)}`);
  }
  const whole = Math.floor(ms / 1000) * 1000;
  if (whole !== ms && milliseconds === 'refuse') {
    throw new MmsTimeError(
      `${instant.toISOString()} has milliseconds; the MMS takes whole seconds (milliseconds: 'refuse')`,
    );
  }
  return jstIso(whole).slice(0, 19);
}

/** The JST calendar date of an instant: `2024-03-15`. */
export function toJstDate(instant: Date): string {
  return jstIso(checkInstant(instant)).slice(0, 10);
}

/** The instant of a parsed value: JST when it has no time zone, its own offset otherwise. */
function instantOf(v: DateTimeValue, lexical: string): Date {
  // Not Date.UTC, which reads years 0–99 as 1900–1999. Hours after the
  // date, so `24:00:00` rolls over to the next day's midnight (XSD 1.0 §3.2.7).
  const wall = new Date(0);
  wall.setUTCFullYear(v.year, v.month - 1, v.day);
  wall.setUTCHours(v.hour, v.minute, v.second, 0);
  const offsetMs = v.timezone === undefined ? JST_OFFSET_MS : v.timezone * 60_000;
  const ms = wall.getTime() - offsetMs + (v.fraction === '' ? 0 : Number(v.fraction.padEnd(3, '0')));
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
    throw new MmsTimeError(`${JSON.stringify(lexical)} is valid but outside the range of a Date`);
  }
  return new Date(ms);
}

function parse(lexical: string, kind: 'date' | 'dateTime'): DateTimeValue {
  if (typeof lexical !== 'string') throw new MmsTimeError(`expected a string, got ${typeof lexical}`);
  const parsed = parseDateTime(collapseWhitespace(lexical), kind);
  if ('error' in parsed) {
    throw new MmsTimeError(`${JSON.stringify(lexical)} is not a valid xs:${kind}: ${parsed.error}`);
  }
  const { value } = parsed;
  // A Date holds milliseconds; more digits would be silently lost.
  if (value.fraction.length > 3) {
    throw new MmsTimeError(
      `${JSON.stringify(lexical)} is a valid xs:dateTime, but a Date cannot hold more than 3 fraction digits`,
    );
  }
  return value;
}

/**
 * The instant of an MMS date-time. Accepts exactly what the request validator
 * accepts as xs:dateTime, `…T24:00:00` (the next day's midnight) included.
 * Without an offset (the MMS form) it is read as JST; an explicit offset, if
 * present, is honoured.
 */
export function fromJstDateTime(lexical: string): Date {
  return instantOf(parse(lexical, 'dateTime'), lexical);
}

/** The instant at which a JST calendar date begins (00:00 JST, or 00:00 in the date's own zone if it has one). */
export function fromJstDate(lexical: string): Date {
  return instantOf(parse(lexical, 'date'), lexical);
}

/**
 * Add whole days to a JST calendar date: `addJstDays('2024-03-31', 1)` is
 * `2024-04-01`. A day count that is not an integer is refused, not truncated.
 */
export function addJstDays(date: string, days: number): string {
  if (typeof days !== 'number' || !Number.isSafeInteger(days)) {
    throw new MmsTimeError(`days must be a whole number of days, got ${String(days)}`);
  }
  const ms = fromJstDate(date).getTime() + days * DAY_MS;
  if (Math.abs(ms) > MAX_DATE_MS)
    throw new MmsTimeError(`${date} plus ${days} days is outside the range of a Date`);
  return toJstDate(new Date(ms));
}
