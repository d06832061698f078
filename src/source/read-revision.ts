/**
 * Where a revision is read (issue 22): the one shell function that turns any source of a fleet
 * repo into a snapshot carrying its revision label. A working tree is labelled by
 * `workingTreeLabel`, a git ref or commit by its sha; no other code makes a label.
 */
import path from 'node:path';
import type { TreeReader } from '../git/index.ts';
import type { Snapshot } from '../load/index.ts';
import { readDirectory } from './directory.ts';

/** A source of one revision. */
export type RevisionSource =
  /** The working tree of a directory (`--repo DIR`). */
  | { readonly kind: 'directory'; readonly dir: string }
  /** A ref of the git repository in `dir` (`--repo DIR --ref REF`). */
  | { readonly kind: 'ref'; readonly dir: string; readonly ref: string; readonly gitdir?: string }
  /** A commit of a branch store, through its tree reader (reconcile, controller, render --repo URL). */
  | { readonly kind: 'commit'; readonly reader: TreeReader; readonly commit: string };

/** Reads one revision: its manifest files, read problems, and its label. */
export async function readRevision(source: RevisionSource): Promise<Snapshot> {
  switch (source.kind) {
    case 'directory':
      return readDirectory(source.dir);
    case 'ref':
      // The git engine is loaded only to read a ref: a working tree's plan does not pay for it.
      return (await import('../git/index.ts')).readRef(source.dir, source.ref, source.gitdir);
    case 'commit':
      return source.reader.read(source.commit);
  }
}

/** The source `--repo DIR [--ref REF]` names, relative to `cwd`. */
export function repoRevision(repo: string, ref: string | undefined, cwd: string): RevisionSource {
  const dir = path.resolve(cwd, repo);
  return ref ? { kind: 'ref', dir, ref } : { kind: 'directory', dir };
}
