/**
 * JST wall-clock values. Every MMS date and time is Japan Standard Time
 * written without an offset (MMS-PROTOCOL.md §8). These helpers turn an
 * instant (a JavaScript Date) into those strings and back, using fixed
 * UTC+9 arithmetic (Japan has no daylight saving time), so the host's time
 * zone never enters the result.
 */

import { MmsError } from '../errors.js';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

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
function jstIso(instant: Date): string {
  return new Date(checkInstant(instant) + JST_OFFSET_MS).toISOString();
}

/** `2024-03-15T12:00:00` for the instant 2024-03-15T03:00:00Z. Milliseconds are dropped only if zero; otherwise an error. */
export function toJstDateTime(instant: Date): string {
  const iso = jstIso(instant);
  if (!iso.endsWith('.000Z')) {
    throw new MmsTimeError(`${instant.toISOString()} has milliseconds; the MMS takes whole seconds`);
  }
  return iso.slice(0, 19);
}

/** The JST calendar date of an instant: `2024-03-15`. */
export function toJstDate(instant: Date): string {
  return jstIso(instant).slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function instantFrom(
  fields: number[],
  fraction: string | undefined,
  zone: string | undefined,
  lexical: string,
): Date {
  const [y, mo, d, h = 0, mi = 0, s = 0] = fields as [number, number, number, number?, number?, number?];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, fraction ? Math.round(Number(fraction) * 1000) : 0);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    throw new MmsTimeError(`${lexical} is not a valid date or time`);
  }
  let offsetMs = JST_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return new Date(utc - offsetMs);
}

/**
 * The instant of an MMS date-time. Without an offset (the MMS form) it is
 * read as JST; an explicit offset, if present, is honoured.
 */
export function fromJstDateTime(lexical: string): Date {
  const m = DATE_TIME.exec(lexical.trim());
  if (!m) throw new MmsTimeError(`${JSON.stringify(lexical)} is not an xs:dateTime (YYYY-MM-DDThh:mm:ss)`);
  return instantFrom(m.slice(1, 7).map(Number), m[7], m[8], lexical);
}

/** The instant at which a JST calendar date begins (00:00 JST). */
export function fromJstDate(lexical: string): Date {
  const m = DATE.exec(lexical.trim());
  if (!m) throw new MmsTimeError(`${JSON.stringify(lexical)} is not an xs:date (YYYY-MM-DD)`);
  return instantFrom(m.slice(1, 4).map(Number), undefined, undefined, lexical);
}

/** Add whole days to a JST calendar date: `addJstDays('2024-03-31', 1)` is `2024-04-01`. */
export function addJstDays(date: string, days: number): string {
  return toJstDate(new Date(fromJstDate(date).getTime() + days * 86_400_000));
}
