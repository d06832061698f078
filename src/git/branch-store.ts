/**
 * Where branches are read and published: the bare cache of a remote (fetch, push) or a local
 * repository (its own refs, compare-and-swap). Both publish without ever forcing, so a writer
 * that lost a race gets `rejected` and re-applies its change on the new tip.
 *
 * While a remote is unreachable, a commit can be kept in the cache instead (`defer`): the
 * branch's tip in the local view is then that pending commit, so the next decisions build on it,
 * and `flush` pushes it once the remote answers again (exactly once: a pending commit the remote
 * already has, or one it moved away from, is dropped).
 */
import git from 'isomorphic-git';
import { gitFs as fs } from './git-fs.ts';
import { compareAndSwapBranch } from './local-ref.ts';
import { defaultLockPolicy, type LockPolicy } from './ref-lock.ts';
import { pushBranches, type BranchUpdate } from './push-refs.ts';
import { resolveRefs } from './ref-table.ts';
import { fetchRemote, listRemoteBranches, pushCommit, remoteOf, type PushOutcome, type Remote } from './remote.ts';
import { openCache, remoteName, removeCache, tryResolve, type GitRepo } from './repository.ts';
import { InternalError } from '../api/index.ts';

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
  /** `tip` of many branches at once (a thousand cluster branches read in one pass over the refs). */
  tips(branches: readonly string[]): Promise<ReadonlyMap<string, string | undefined>>;
  /** Moves `branch` from `expected` to `commit` (objects already written to `repo`), never forcing. */
  publish(branch: string, expected: string | undefined, commit: string): Promise<PushOutcome>;
  /**
   * Moves many branches as publish moves one, in one push where the remote allows it; outcomes in
   * `updates`' order. `alongside` names branches whose tips hold most of the new commits' objects.
   * Branches moved this way are never deferred: nothing pending is published or dropped.
   */
  publishAll(updates: readonly BranchUpdate[], alongside?: readonly string[]): Promise<PushOutcome[]>;
  /** Keeps `commit` (which descends from `branch`'s tip) as the branch's pending tip in the local view, to publish later. */
  defer(branch: string, commit: string): Promise<void>;
  /** Publishes `branch`'s pending commit, if any (see the file comment). */
  flush(branch: string): Promise<FlushOutcome>;
}

/**
 * What a flush did: nothing pending; `pushed` the pending commit; `superseded` when the remote
 * branch moved away from it meanwhile (someone else wrote it: the pending commit is dropped and
 * the next pass decides on the remote's tip); `rejected` when a concurrent push won the race.
 */
export type FlushOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'pushed' | 'superseded' | 'rejected'; readonly commit: string };

/**
 * A remote repository mirrored in a bare cache under `cacheRoot`. Credentials in the URL are
 * moved out of it first (remoteOf): nothing written to the cache or reported holds them.
 */
export async function remoteStore(given: Remote, cacheRoot: string): Promise<BranchStore> {
  const remote = remoteOf(given.url, given.credentials);
  // Versions before this one kept a cache per URL as given, credentials and all (in its name's
  // hash and its config): remove it, it holds the password in plain text.
  if (remote.url !== given.url) await removeCache(given.url, cacheRoot);
  const repo = await openCache(remote.url, cacheRoot);
  const tracking = (branch: string) => `refs/remotes/${remoteName}/${branch}`;
  const store: BranchStore = {
    repo,
    location: remote.url,
    refresh: () => fetchRemote(repo, remote),
    async isStale(branches) {
      const heads = await listRemoteBranches(remote);
      for (const b of branches) if (heads.get(b) !== (await tryResolve(repo, tracking(b)))) return true;
      return false;
    },
    async tip(branch) {
      const remoteTip = await tryResolve(repo, tracking(branch));
      const pending = await tryResolve(repo, pendingRef(branch));
      return pending !== undefined && (await descends(repo, pending, remoteTip)) ? pending : remoteTip;
    },
    // The server checks the old value itself (receive-pack's ref lock); `expected` is what the
    // commit was built on, and isomorphic-git refuses a non-fast-forward before sending.
    async publish(branch, _expected, commit) {
      const outcome = await pushCommit(repo, remote, branch, commit);
      if (outcome.kind === 'pushed') await dropPending(repo, branch);
      return outcome;
    },
    async tips(branches) {
      const tracked = await resolveRefs(repo, branches.map(tracking));
      const pending = await resolveRefs(repo, branches.map(pendingRef));
      const out = new Map<string, string | undefined>();
      for (const b of branches)
        out.set(b, pending.get(pendingRef(b)) === undefined ? tracked.get(tracking(b)) : await store.tip(b));
      return out;
    },
    publishAll: (updates, alongside) => pushBranches(repo, remote, updates, alongside),
    defer: (branch, commit) =>
      git.writeRef({ fs, gitdir: repo.gitdir, ref: pendingRef(branch), value: commit, force: true }),
    async flush(branch) {
      const pending = await tryResolve(repo, pendingRef(branch));
      if (pending === undefined) return { kind: 'none' };
      const remoteTip = await tryResolve(repo, tracking(branch));
      if (pending === remoteTip || !(await descends(repo, pending, remoteTip))) {
        await dropPending(repo, branch);
        return pending === remoteTip || (remoteTip !== undefined && (await descends(repo, remoteTip, pending)))
          ? { kind: 'none' }
          : { kind: 'superseded', commit: pending };
      }
      const outcome = await pushCommit(repo, remote, branch, pending);
      if (outcome.kind === 'rejected') return { kind: 'rejected', commit: pending };
      await dropPending(repo, branch);
      return { kind: 'pushed', commit: pending };
    },
  };
  return store;
}

/** Where a deferred commit of `branch` waits in the cache. */
const pendingRef = (branch: string) => `refs/flotilla/pending/${branch}`;

async function dropPending(repo: GitRepo, branch: string): Promise<void> {
  await git.deleteRef({ fs, gitdir: repo.gitdir, ref: pendingRef(branch) });
}

/** Whether `commit` is `base` or a descendant of it (an undefined base: the branch does not exist yet). */
async function descends(repo: GitRepo, commit: string, base: string | undefined): Promise<boolean> {
  if (base === undefined || commit === base) return true;
  return git
    .isDescendent({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: commit, ancestor: base, depth: -1 })
    .catch((err: unknown) => {
      if (err instanceof git.Errors.NotFoundError) return false;
      throw err;
    });
}

/**
 * A local repository (a clone's `.git`, or a bare repository) whose own branches are read and
 * written; `locks` says when a ref lock left by a dead writer is reclaimed, and who is told.
 */
export function localStore(repo: GitRepo, dir: string, locks: LockPolicy = defaultLockPolicy): BranchStore {
  return {
    repo,
    location: dir,
    refresh: async () => {
      // a local directory is always current: nothing to fetch
    },
    isStale: async () => false,
    tip: (branch) => tryResolve(repo, `refs/heads/${branch}`),
    async tips(branches) {
      const found = await resolveRefs(
        repo,
        branches.map((b) => `refs/heads/${b}`),
      );
      return new Map(branches.map((b) => [b, found.get(`refs/heads/${b}`)]));
    },
    publish: (branch, expected, commit) => compareAndSwapBranch(repo, branch, expected, commit, locks),
    async publishAll(updates) {
      const outcomes: PushOutcome[] = [];
      for (const u of updates) outcomes.push(await compareAndSwapBranch(repo, u.branch, u.expected, u.commit, locks));
      return outcomes;
    },
    // A local repository is never unreachable, so nothing is ever deferred to it.
    defer: async (branch) => {
      throw new InternalError(`a commit to ${branch} of the local repository ${dir} was deferred`);
    },
    flush: async () => ({ kind: 'none' }),
  };
}
