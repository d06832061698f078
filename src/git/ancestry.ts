/** Commit ancestry: whether one commit descends from another. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/**
 * Whether `commit` descends from `ancestor` (false for the same commit). A commit that is not in
 * this repository (status kept in another repository, a force-pushed source) has no known order:
 * false. Any other failure (a corrupt object) is a broken repository, never "not newer".
 */
export async function descendsFrom(repo: GitRepo, commit: string, ancestor: string): Promise<boolean> {
  try {
    return await git.isDescendent({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: commit, ancestor, depth: -1 });
  } catch (err) {
    if (err instanceof git.Errors.NotFoundError) return false;
    throw new GitRepositoryBroken(
      `cannot tell whether ${commit} descends from ${ancestor} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}
