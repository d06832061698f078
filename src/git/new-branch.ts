/**
 * A commit of a few files on top of a local repository's commit, on a branch that must not exist
 * yet (`flotilla rebalance --branch`): the working tree and index are not touched, so the operator
 * pushes the branch (`git push origin NAME`) and opens a pull request from it.
 */
import { FlotillaError } from '../api/index.ts';
import { readCommitInfo, writeCommit, type Identity } from './commit.ts';
import { compareAndSwapBranch } from './local-ref.ts';
import type { GitRepo } from './repository.ts';
import { writeTreeWithChanges, type FileChange } from './tree-writer.ts';

/** The branch exists already, or moved while it was being created. Terminal: choose another name. */
export class GitBranchExists extends FlotillaError<{ branch: string; reason: string }> {}

/** What to commit, and on which new branch. */
export interface NewBranchCommit {
  readonly branch: string;
  /** The commit the branch starts from (the repository's HEAD). */
  readonly from: string;
  readonly changes: readonly FileChange[];
  readonly message: string;
  readonly identity: Identity;
  readonly time: Date;
}

/** Writes the commit and creates the branch at it; returns the commit. */
export async function commitOnNewBranch(repo: GitRepo, c: NewBranchCommit): Promise<string> {
  const base = await readCommitInfo(repo, c.from);
  const tree = await writeTreeWithChanges(repo, base.tree, c.changes);
  const commit = await writeCommit(repo, {
    tree,
    parents: [c.from],
    message: c.message,
    identity: c.identity,
    time: c.time,
  });
  const moved = await compareAndSwapBranch(repo, c.branch, undefined, commit);
  if (moved.kind !== 'pushed')
    throw new GitBranchExists(`branch ${c.branch} already exists (${moved.reason})`, {
      branch: c.branch,
      reason: moved.reason,
    });
  return commit;
}
