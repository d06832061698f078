/**
 * The one logger of the long-running commands (`reconcile`, `controller`): pino, levelled, as JSON
 * lines (pino's own) or as text (`time=… level="info" msg="…" key=value`), always on stderr so
 * stdout keeps only the requested output (K4).
 */
import pino from 'pino';
import { flag } from './flags.ts';

/** The levels a user can choose, least severe first. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The two line formats. */
export const logFormats = ['json', 'text'] as const;
export type LogFormat = (typeof logFormats)[number];

/** --log-level and --log-format; `format` is the command's default (the controller's is json, for log collectors). */
export function logFlags<const F extends LogFormat>(format: F) {
  return {
    'log-level': flag.oneOf(logLevels, 'log this level and the more severe ones', { default: 'info' }),
    'log-format': flag.oneOf(
      logFormats,
      'json: one pino JSON object per line (level 20 debug, 30 info, 40 warn, 50 error); text: key=value lines',
      { default: format },
    ),
  };
}

/** Key/value fields of one log line; `level` (default info) chooses the level and is not repeated. */
export type LogLine = Readonly<Record<string, unknown>>;

/** A levelled log: `log({ level: 'error', msg, ... })`, and the pino logger behind it. */
export interface Log {
  readonly log: (fields: LogLine) => void;
  readonly logger: pino.Logger;
}

/** The logger of a command: level, format, the fields every line carries, and where lines go. */
export function createLog(opts: {
  readonly level: LogLevel;
  readonly format: LogFormat;
  readonly base: Readonly<Record<string, string>>;
  readonly write: (line: string) => void;
}): Log {
  // Text lines leave out the base fields: they would stand between msg and the fields logged.
  const logger =
    opts.format === 'json'
      ? pino({ level: opts.level, base: opts.base }, { write: opts.write })
      : pino({ level: opts.level, base: null }, { write: (line: string) => opts.write(toText(line)) });
  return { logger, log: (fields) => logAt(logger, fields) };
}

/** Logs at the level a `level` field names (info otherwise), without repeating the field. */
function logAt(logger: pino.Logger, fields: LogLine): void {
  const { level, ...rest } = fields;
  switch (level) {
    case 'error':
      logger.error(rest);
      break;
    case 'warn':
      logger.warn(rest);
      break;
    case 'debug':
      logger.debug(rest);
      break;
    default:
      logger.info(rest);
  }
}

const levelNames: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** One pino JSON line as `time=… level="…" msg="…" key=value …` (fields in the order logged; undefined ones left out). */
export function toText(jsonLine: string): string {
  const { time, level, msg, ...rest } = JSON.parse(jsonLine) as Record<string, unknown>;
  const head: [string, unknown][] = [
    ['time', typeof time === 'number' ? new Date(time).toISOString() : time],
    ['level', levelNames[Number(level)] ?? level],
    ['msg', msg],
  ];
  return `${[...head, ...Object.entries(rest)]
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ')}\n`;
}
