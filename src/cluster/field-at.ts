/** Reading fields of objects as the API returns them (untyped JSON). */
import { isPlainObject } from '../api/index.ts';

/** The value at a path of nested plain objects, or undefined when any step is missing. */
export function fieldAt(o: unknown, ...path: readonly string[]): unknown {
  let cur = o;
  for (const k of path) cur = isPlainObject(cur) ? cur[k] : undefined;
  return cur;
}
