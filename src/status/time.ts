/**
 * RFC 3339 instants as the status stage reads and writes them. Time always arrives as an
 * argument (`now`, `observedAt`); nothing here reads a clock (STYLE D1).
 */
import { InternalError } from '../api/index.ts';

/** Milliseconds since the epoch of an RFC 3339 instant; throws InternalError on a malformed one. */
export function instant(s: string): number {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new InternalError(`not an RFC 3339 time: ${JSON.stringify(s)}`);
  return ms;
}

/** The instant `seconds` after `s`, in Kubernetes' second-precision UTC form (`2026-01-02T03:04:05Z`). */
export function addSeconds(s: string, seconds: number): string {
  return formatInstant(instant(s) + seconds * 1000);
}

/** Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (fractions kept only when present). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** True when instant `a` is strictly after instant `b` (metav1.Time.After). */
export function isAfter(a: string, b: string): boolean {
  return instant(a) > instant(b);
}
