/** A stable 32-bit FNV-1a hash of a string, as hex: the same on every machine and run (D4). */
export function stableHash(s: string): string {
  return formatHash(hashUpdate(hashSeed, s));
}

/** FNV-1a's offset basis: the state `hashUpdate` starts from. */
export const hashSeed = 0x811c9dc5;

/** Feeds `s` (its UTF-16 code units) into an FNV-1a state: hashing parts in turn equals hashing their concatenation. */
export function hashUpdate(state: number, s: string): number {
  let h = state;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** An FNV-1a state as the 8 hex digits `stableHash` prints. */
export function formatHash(state: number): string {
  return state.toString(16).padStart(8, '0');
}
