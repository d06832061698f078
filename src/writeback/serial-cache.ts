/**
 * Serialised values remembered between passes, keyed by the value's JSON: a one-template change
 * then serialises and hashes only the files that changed, and a manifest Duplicated to hundreds of
 * clusters unchanged is serialised once. JSON identifies a JSON value (same keys in the same order,
 * same scalars); manifests and binding records are JSON values (no NaN, Infinity, -0 or undefined:
 * Kubernetes' JSON has none), so equal keys serialise equally. Each memo has one serialiser, fixed
 * when it is made. An entry lives while passes use it: one a pass did not use is dropped when that pass settles.
 */
import { blobOid } from '../git/index.ts';
import type { DesiredFile } from './file-changes.ts';

/** A memo of one serialiser's results (see the file comment). */
export interface SerialCache<V, T> {
  /** What the serialiser makes of `value`, from the memo when a value with the same JSON was seen. */
  get(value: V): T;
  /** Ends a pass: entries this pass did not use are dropped. */
  settle(): void;
}

/** A new, empty memo of `serialise`. */
export function serialCache<V, T>(serialise: (value: V) => T): SerialCache<V, T> {
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  return {
    get(value) {
      const key = JSON.stringify(value);
      const hit = current.get(key) ?? previous.get(key);
      if (hit !== undefined) {
        current.set(key, hit);
        return hit;
      }
      const made = serialise(value);
      current.set(key, made);
      return made;
    },
    settle() {
      previous = current;
      current = new Map();
    },
  };
}

/** A text file's bytes and blob id. */
export function desiredFile(text: string): DesiredFile {
  const bytes = new TextEncoder().encode(text);
  return { bytes, oid: blobOid(bytes) };
}
