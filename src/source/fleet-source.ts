/**
 * Where a fleet repo comes from (`--repo URL|DIR`): a remote over smart HTTP(S), mirrored in a
 * bare cache; a local git repository (its own branches); or a plain directory (working tree only,
 * nothing to write back to).
 */
import path from 'node:path';
import {
  createTreeReader,
  currentBranch,
  findGitDir,
  localStore,
  openLocal,
  remoteHeadBranch,
  remoteOf,
  remoteStore,
  type BranchStore,
  type Credentials,
  type LockPolicy,
  type Remote,
  type TreeReader,
} from '../git/index.ts';

/** A fleet repo that flotilla follows. */
export type FleetSource =
  | {
      readonly kind: 'git';
      readonly store: BranchStore;
      readonly branch: string;
      readonly reader: TreeReader;
      readonly remote: Remote | undefined;
      readonly dir: string | undefined;
    }
  | { readonly kind: 'directory'; readonly dir: string };

/** How to open a source. */
export interface SourceOptions {
  readonly repo: string;
  readonly cwd: string;
  /** The branch to follow; default: the remote's HEAD branch, or the local checkout's branch, or `main`. */
  readonly branch: string | undefined;
  readonly cacheRoot: string;
  readonly credentials: Credentials | undefined;
  /** When a ref lock left by a dead writer in a local repository is reclaimed (default: defaultLockPolicy). */
  readonly locks?: LockPolicy;
}

/** Whether `--repo` names a remote (http:// or https://) rather than a directory. */
export function isRemoteUrl(repo: string): boolean {
  return /^https?:\/\//i.test(repo);
}

/** Opens the source `--repo` names. */
export async function openSource(o: SourceOptions): Promise<FleetSource> {
  if (isRemoteUrl(o.repo)) {
    const remote: Remote = remoteOf(o.repo, o.credentials);
    const store = await remoteStore({ url: o.repo, credentials: o.credentials }, o.cacheRoot);
    return {
      kind: 'git',
      store,
      branch: o.branch ?? (await remoteHeadBranch(remote)),
      reader: createTreeReader(store.repo),
      remote,
      dir: undefined,
    };
  }
  const dir = path.resolve(o.cwd, o.repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir) return { kind: 'directory', dir };
  const repo = openLocal(gitdir);
  return {
    kind: 'git',
    store: localStore(repo, dir, o.locks),
    branch: o.branch ?? (await currentBranch(repo)) ?? 'main',
    reader: createTreeReader(repo),
    remote: undefined,
    dir,
  };
}
