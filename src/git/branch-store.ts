/**
 * Where branches are read and published: the bare cache of a remote (fetch, push) or a local
 * repository (its own refs, compare-and-swap). Both publish without ever forcing, so a writer
 * that lost a race gets `rejected` and re-applies its change on the new tip.
 */
import { compareAndSwapBranch } from './local-ref.ts';
import { defaultLockPolicy, type LockPolicy } from './ref-lock.ts';
import { fetchRemote, listRemoteBranches, pushCommit, remoteOf, type PushOutcome, type Remote } from './remote.ts';
import { openCache, remoteName, tryResolve, type GitRepo } from './repository.ts';

/** A repository whose branches flotilla reads and publishes. */
export interface BranchStore {
  readonly repo: GitRepo;
  /** For logs and messages: the URL without credentials, or the directory. */
  readonly location: string;
  /** Brings the local view up to date with the remote (no-op for a local repository). */
  refresh(): Promise<void>;
  /** Whether the local view may be stale: the remote's heads differ from what was last fetched. */
  isStale(branches: readonly string[]): Promise<boolean>;
  /** The commit `branch` points at in the local view. */
  tip(branch: string): Promise<string | undefined>;
  /** Moves `branch` from `expected` to `commit` (objects already written to `repo`), never forcing. */
  publish(branch: string, expected: string | undefined, commit: string): Promise<PushOutcome>;
}

/**
 * A remote repository mirrored in a bare cache under `cacheRoot`. Credentials in the URL are
 * moved out of it first (remoteOf): nothing written to the cache or reported holds them.
 */
export async function remoteStore(given: Remote, cacheRoot: string): Promise<BranchStore> {
  const remote = remoteOf(given.url, given.credentials);
  const repo = await openCache(remote.url, cacheRoot);
  const tracking = (branch: string) => `refs/remotes/${remoteName}/${branch}`;
  return {
    repo,
    location: remote.url,
    refresh: () => fetchRemote(repo, remote),
    async isStale(branches) {
      const heads = await listRemoteBranches(remote);
      for (const b of branches) if (heads.get(b) !== (await tryResolve(repo, tracking(b)))) return true;
      return false;
    },
    tip: (branch) => tryResolve(repo, tracking(branch)),
    // The server checks the old value itself (receive-pack's ref lock); `expected` is what the
    // commit was built on, and isomorphic-git refuses a non-fast-forward before sending.
    publish: (branch, _expected, commit) => pushCommit(repo, remote, branch, commit),
  };
}

/**
 * A local repository (a clone's `.git`, or a bare repository) whose own branches are read and
 * written; `locks` says when a ref lock left by a dead writer is reclaimed, and who is told.
 */
export function localStore(repo: GitRepo, dir: string, locks: LockPolicy = defaultLockPolicy): BranchStore {
  return {
    repo,
    location: dir,
    refresh: async () => {},
    isStale: async () => false,
    tip: (branch) => tryResolve(repo, `refs/heads/${branch}`),
    publish: (branch, expected, commit) => compareAndSwapBranch(repo, branch, expected, commit, locks),
  };
}
