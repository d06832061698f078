/**
 * Serialised values remembered between passes. A value is looked up first by identity (an object
 * a pass hands back unchanged, as a controller reusing the previous pass's Works does, costs no
 * JSON), then by its JSON: a one-template change then serialises and hashes only the files that
 * changed, and a manifest Duplicated to hundreds of clusters unchanged is serialised once. JSON
 * identifies a JSON value (same keys in the same order, same scalars); manifests and binding
 * records are JSON values (no NaN, Infinity, -0 or undefined: Kubernetes' JSON has none), so equal
 * keys serialise equally. Values are never mutated once handed to a memo (the core returns new
 * values, STYLE T3), so an object seen before still has the JSON it had. Each memo has one
 * serialiser, fixed when it is made. An entry lives while passes use it: one a pass did not use
 * is dropped when that pass settles.
 */
import { blobOid } from '../git/index.ts';
import type { DesiredFile } from './file-changes.ts';

/** A memo of one serialiser's results (see the file comment). */
export interface SerialCache<V, T> {
  /**
   * What the serialiser makes of `value`, from the memo when the same object (or `identity`,
   * which stands for it: the value is a pure function of it) or a value with the same JSON was seen.
   */
  get(value: V, identity?: object): T;
  /** Ends a pass: entries this pass did not use are dropped. */
  settle(): void;
}

/** What the memo keeps of a serialised value: its JSON (the key), and what the serialiser made. */
interface Entry<T> {
  readonly key: string;
  readonly made: T;
}

/**
 * A new, empty memo of `serialise`. `keyOf` names a value's content (default its JSON; a string
 * can be its own key: a string handed back by another memo is the same instance, whose hash V8
 * keeps, so looking it up costs no pass over its text).
 */
export function serialCache<V, T>(
  serialise: (value: V) => T,
  keyOf: (value: V) => string = (v) => JSON.stringify(v),
): SerialCache<V, T> {
  let current = new Map<string, Entry<T>>();
  let previous = new Map<string, Entry<T>>();
  let seen = new WeakMap<object, Entry<T>>();
  let seenBefore = new WeakMap<object, Entry<T>>();
  return {
    get(value, identity) {
      const id = identity ?? (typeof value === 'object' && value !== null ? value : undefined);
      const known = id === undefined ? undefined : (seen.get(id) ?? seenBefore.get(id));
      if (known !== undefined) {
        // The key is the string the entry was made with: its hash is cached, so keeping it costs no JSON.
        current.set(known.key, known);
        if (id !== undefined) seen.set(id, known);
        return known.made;
      }
      const key = keyOf(value);
      // One entry per distinct key, shared by every object that has it: an equal object's own key
      // string is not kept (at the hard shape, hundreds of megabytes of JSON held for nothing).
      const entry = current.get(key) ?? previous.get(key) ?? { key, made: serialise(value) };
      current.set(entry.key, entry);
      if (id !== undefined) seen.set(id, entry);
      return entry.made;
    },
    settle() {
      previous = current;
      current = new Map();
      seenBefore = seen;
      seen = new WeakMap();
    },
  };
}

/** A text file's bytes and blob id. */
export function desiredFile(text: string): DesiredFile {
  const bytes = new TextEncoder().encode(text);
  return { bytes, oid: blobOid(bytes) };
}
