/**
 * Checks of numeric options. A timeout of `NaN`, `Infinity` or 3e9 ms
 * would make Node fire the timer at once (it clamps anything it cannot
 * hold to 1 ms), and a size limit of `NaN` would switch the limit off: each
 * is refused with `INVALID_OPTION` naming the option and what it accepts.
 */
import { MmsClientError } from './errors.js';
import { describe } from './xml/scalar.js';

/** The longest delay a Node timer holds (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** The largest response accepted at all: 512 MiB (a V8 string of more cannot be decoded). */
export const MAX_RESPONSE_BYTES_LIMIT = 512 * 1024 * 1024;

/** A whole number in `[min, max]`, or an `INVALID_OPTION` error. */
export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `${name} must be a whole number from ${min} to ${max}, got ${describe(value)}.`,
    );
  }
  return value;
}

/** A duration in milliseconds a timer can hold: finite, above 0, at most {@link MAX_TIMEOUT_MS}. */
export function checkTimeout(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `${name} must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, got ${describe(value)}.`,
    );
  }
  return value;
}

/** A delay in milliseconds: finite, 0 or more, at most {@link MAX_TIMEOUT_MS}. */
export function checkDelay(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `${name} must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, got ${describe(value)}.`,
    );
  }
  return value;
}

/** A value that must be one of `allowed` when given. */
export function checkChoice<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MmsClientError(
      'INVALID_OPTION',
      `${name} must be one of ${allowed.join(', ')}, got ${describe(value)}.`,
    );
  }
  return value as T;
}

/** A boolean when given. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new MmsClientError('INVALID_OPTION', `${name} must be true or false, got ${describe(value)}.`);
  return value;
}
