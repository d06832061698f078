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
    h = hashUpdate(h, decoder.decode(f.bytes));
  });
  return `${workingTreePrefix}-${formatHash(h)}`;
}
