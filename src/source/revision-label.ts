/**
 * The label of a working tree's revision. A commit is labelled by its sha; a working tree has
 * none, so it is `working-tree-<hash of its files>`: two different trees never carry the same
 * `flotilla.io/revision`, and `plan`, `render --out` and `apply` label the same tree alike.
 */
import { formatHash, hashSeed, hashUpdate } from '../api/index.ts';
import type { SourceFile } from '../load/index.ts';

/** The prefix of every working-tree label. */
export const workingTreePrefix = 'working-tree';

/** `working-tree-<FNV-1a of path NUL text NUL path NUL text …>` over the files in the order given (sorted by path). */
export function workingTreeLabel(files: readonly SourceFile[]): string {
  const decoder = new TextDecoder();
  let h = hashSeed;
  files.forEach((f, i) => {
    h = hashUpdate(h, `${i === 0 ? '' : '\u0000'}${f.path}\u0000`);
    h = hashText(h, f.bytes, (b) => decoder.decode(b));
  });
  return `${workingTreePrefix}-${formatHash(h)}`;
}

/**
 * hashUpdate(state, decode(bytes)), without decoding a file of ASCII only (most are): its
 * bytes are its UTF-16 code units. Any other byte (a BOM, UTF-8 beyond ASCII) hashes the decoded text.
 */
function hashText(state: number, bytes: Uint8Array, decode: (bytes: Uint8Array) => string): number {
  let h = state;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) return hashUpdate(state, decode(bytes));
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
