/**
 * Compare-and-swap of a branch in a local repository, with git's own lock-file protocol
 * (`<ref>.lock` created exclusively, then renamed): a concurrent `git commit` or another flotilla
 * process makes the update fail instead of being overwritten.
 */
import fs from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';
import type { PushOutcome } from './remote.ts';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** Moves `refs/heads/<branch>` from `expected` (undefined: must not exist) to `next`, or reports a rejection. */
export async function compareAndSwapBranch(repo: GitRepo, branch: string, expected: string | undefined, next: string): Promise<PushOutcome> {
  const ref = `refs/heads/${branch}`;
  const file = path.join(repo.gitdir, ref);
  const lock = `${file}.lock`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    let handle;
    try {
      handle = await open(lock, 'wx');
    } catch (err) {
      if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST') return { kind: 'rejected', reason: `${ref} is locked by another writer` };
      throw err;
    }
    try {
      const current = await git.resolveRef({ fs, gitdir: repo.gitdir, ref, depth: 2 }).catch((e: unknown) => {
        if (e instanceof git.Errors.NotFoundError) return undefined;
        throw e;
      });
      if (current !== expected) return { kind: 'rejected', reason: `${ref} moved to ${current ?? 'nothing'}` };
      await handle.writeFile(`${next}\n`);
      await handle.close();
      handle = undefined;
      await rename(lock, file);
      return { kind: 'pushed' };
    } finally {
      if (handle) {
        await handle.close();
        await unlink(lock);
      }
    }
  } catch (err) {
    throw new GitRepositoryBroken(`cannot update ${ref} in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}
