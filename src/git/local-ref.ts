/**
 * Compare-and-swap of a branch in a local repository, with git's own lock-file protocol
 * (`<ref>.lock` created exclusively, then renamed): a concurrent `git commit` or another flotilla
 * process makes the update fail instead of being overwritten, and a lock left by a writer that
 * was killed holding it is reclaimed (ref-lock.ts) instead of blocking the branch forever.
 */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import type { PushOutcome } from './remote.ts';
import { GitRepositoryBroken } from './errors.ts';
import { acquireRefLock, defaultLockPolicy, type LockPolicy } from './ref-lock.ts';
import type { GitRepo } from './repository.ts';

/** Moves `refs/heads/<branch>` from `expected` (undefined: must not exist) to `next`, or reports a rejection. */
export async function compareAndSwapBranch(
  repo: GitRepo,
  branch: string,
  expected: string | undefined,
  next: string,
  policy: LockPolicy = defaultLockPolicy,
): Promise<PushOutcome> {
  const ref = `refs/heads/${branch}`;
  const file = path.join(repo.gitdir, ref);
  try {
    const attempt = await acquireRefLock(file, policy);
    if (attempt.kind === 'busy') return { kind: 'rejected', reason: attempt.reason };
    try {
      const current = await git.resolveRef({ fs, gitdir: repo.gitdir, ref, depth: 2 }).catch((e: unknown) => {
        if (e instanceof git.Errors.NotFoundError) return undefined;
        throw e;
      });
      if (current !== expected) return { kind: 'rejected', reason: `${ref} moved to ${current ?? 'nothing'}` };
      if (!(await attempt.lock.commit(`${next}\n`)))
        return { kind: 'rejected', reason: `${ref}.lock was taken away as stale while held` };
      return { kind: 'pushed' };
    } finally {
      await attempt.lock.release();
    }
  } catch (err) {
    throw new GitRepositoryBroken(`cannot update ${ref} in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}
