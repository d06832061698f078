/** Reading single blobs without a checkout: a file of a commit's tree, or a blob by its oid. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** The bytes of `filepath` in `commit`'s tree; undefined when the tree has no such file. */
export async function readBlobAt(repo: GitRepo, commit: string, filepath: string): Promise<Uint8Array | undefined> {
  try {
    return (await git.readBlob({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: commit, filepath })).blob;
  } catch (err) {
    if (err instanceof git.Errors.NotFoundError) return undefined;
    throw new GitRepositoryBroken(
      `cannot read ${filepath} of ${commit} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}

/** The text (UTF-8) of the blob `oid`, which a tree listing named: its absence is a broken repository. */
export async function readBlobText(repo: GitRepo, oid: string): Promise<string> {
  try {
    return new TextDecoder().decode((await git.readBlob({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })).blob);
  } catch (err) {
    throw new GitRepositoryBroken(`cannot read blob ${oid} in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}
