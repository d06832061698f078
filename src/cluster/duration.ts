/**
 * Go-style durations of the command line (`30s`, `2m`, `1m30s`, `500ms`), in a file of their own so
 * that a command parsing a duration flag does not load the Kubernetes client.
 */
import { UsageError } from '../api/index.ts';

/** Parses a Go-style duration (`30s`, `2m`, `1m30s`, `500ms`) or plain seconds into milliseconds. */
export function parseDuration(text: string, flag = '--timeout'): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[m[2] as 'ms' | 's' | 'm' | 'h'];
    end = re.lastIndex;
  }
  if (end !== text.length || text === '' || total <= 0)
    throw new UsageError(`${flag} must be a duration such as 30s, 2m or 1m30s (got "${text}")`);
  return total;
}
