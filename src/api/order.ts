/** Total orders used by the core (D2). They compare UTF-16 code units, never locales. */

/** Code-unit comparison of two strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by name. */
export function compareByName<T extends { readonly name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}

/** Returns the keys of a record sorted by code units. */
export function sortedKeys(o: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(o).sort(compareStrings);
}

/** A copy of a string record with keys inserted in sorted order (D5). */
export function sortRecord<V>(o: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of sortedKeys(o)) out[k] = o[k] as V;
  return out;
}
