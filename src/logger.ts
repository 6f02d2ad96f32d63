/**
 * A minimal pluggable logger. mms-client is silent unless the caller passes
 * one. The client calls `logger.warn(message, fields)`: `console` takes that
 * as it is. pino (`(fields, message)`) and winston (`(message, meta)` with
 * its own key rules) type-check against it too, because their methods accept
 * almost anything, yet pino would print the message and drop the fields: so
 * they go through an adapter, `Logger.fromPino(p)` or `Logger.fromWinston(w)`.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = keyof Logger;
const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

/** The methods the client needs from a pino logger: merging object first, message second. */
export type PinoLike = Record<Level, (fields: object, message: string) => unknown>;
/** The methods the client needs from a winston logger: message first, metadata second. */
export type WinstonLike = Record<Level, (message: string, meta: object) => unknown>;

function adapt(call: (level: Level, message: string, fields: Record<string, unknown>) => void): Logger {
  const out = {} as Record<Level, Logger[Level]>;
  // A fresh object per line: a logger that mutates its argument (winston
  // adds `level` and `message`) never touches the client's own record.
  for (const level of LEVELS) out[level] = (message, fields) => call(level, message, { ...fields });
  return Object.freeze(out);
}

/** winston reads these keys of the metadata as its own: a field so named would replace the line's level or text. */
const WINSTON_RESERVED = new Set(['level', 'message']);

const noop = (): void => undefined;

/** The default logger: drops everything. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });

/**
 * Adapters from the common Node loggers to the `Logger` interface, on a value of the
 * same name (the root entry keeps to 50 names).
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * const client = new MmsClient({ ...options, logger: Logger.fromPino(pino()) });
 * ```
 */
export const Logger = Object.freeze({
  /** Every line as `pinoLogger[level](fields, message)`, so the fields arrive as properties of the JSON line. */
  fromPino(pino: PinoLike): Logger {
    return adapt((level, message, fields) => void pino[level](fields, message));
  },
  /**
   * Every line as `winstonLogger[level](message, fields)`, the fields as
   * metadata; a field named `level` or `message` is renamed `field.level` /
   * `field.message` rather than overwriting winston's own.
   */
  fromWinston(winston: WinstonLike): Logger {
    return adapt((level, message, fields) => {
      for (const key of Object.keys(fields)) {
        if (!WINSTON_RESERVED.has(key)) continue;
        fields[`field.${key}`] = fields[key];
        delete fields[key];
      }
      void winston[level](message, fields);
    });
  },
  /** Drops everything: the default. */
  silent: silentLogger,
});
