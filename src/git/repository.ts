/**
 * A git repository on disk that flotilla reads and writes without a checkout: either the bare
 * cache of a remote (`~/.cache/flotilla/repos/<hash of url>`) or the `.git` of a local clone.
 */
import { createHash } from 'node:crypto';
import { gitFs as fs } from './git-fs.ts';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';

/** A repository handle: its git directory plus isomorphic-git's pack cache, shared by every call. */
export interface GitRepo {
  readonly gitdir: string;
  /** isomorphic-git memoises parsed pack indexes in this object; reusing it makes reads fast. */
  readonly cache: object;
}

/** The name flotilla gives the remote in its bare cache. */
export const remoteName = 'origin';

/** The default cache root: `$XDG_CACHE_HOME/flotilla/repos` or `~/.cache/flotilla/repos`. */
export function defaultCacheRoot(env: Readonly<Record<string, string | undefined>>): string {
  const base = env['XDG_CACHE_HOME'] || path.join(env['HOME'] || os.homedir(), '.cache');
  return path.join(base, 'flotilla', 'repos');
}

/** The cache directory of a remote URL: one bare repository per URL, named by a hash of it. */
export function cacheDirFor(url: string, root: string): string {
  return path.join(root, createHash('sha256').update(url).digest('hex').slice(0, 24) + '.git');
}

/** Opens (creating on first use) the bare cache of `url` under `root`, with `origin` pointing at it. */
export async function openCache(url: string, root: string): Promise<GitRepo> {
  const gitdir = cacheDirFor(url, root);
  try {
    await mkdir(gitdir, { recursive: true });
    const initialised = await stat(path.join(gitdir, 'HEAD')).then(
      () => true,
      () => false,
    );
    if (!initialised) await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
    const current = await git.getConfig({ fs, gitdir, path: `remote.${remoteName}.url` });
    if (current !== url) {
      await git.setConfig({ fs, gitdir, path: `remote.${remoteName}.url`, value: url });
      await git.setConfig({
        fs,
        gitdir,
        path: `remote.${remoteName}.fetch`,
        value: `+refs/heads/*:refs/remotes/${remoteName}/*`,
      });
    }
  } catch (err) {
    throw new GitRepositoryBroken(`cannot prepare the git cache ${gitdir}`, { gitdir }, { cause: err });
  }
  return { gitdir, cache: {} };
}

/** Deletes the cache directory of `url` under `root`, if there is one. */
export async function removeCache(url: string, root: string): Promise<void> {
  const gitdir = cacheDirFor(url, root);
  try {
    await rm(gitdir, { recursive: true, force: true });
  } catch (err) {
    throw new GitRepositoryBroken(`cannot remove the git cache ${gitdir}`, { gitdir }, { cause: err });
  }
}

/** The git directory of `dir` when `dir` itself is a repository root (a clone, or a bare repo); undefined otherwise. */
export async function findGitDir(dir: string): Promise<string | undefined> {
  const dotGit = path.join(dir, '.git');
  const isDir = async (p: string) =>
    stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    );
  const isFile = async (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );
  if (await isDir(dotGit)) return dotGit;
  if (
    (await isFile(path.join(dir, 'HEAD'))) &&
    (await isDir(path.join(dir, 'objects'))) &&
    (await isDir(path.join(dir, 'refs')))
  )
    return dir;
  return undefined;
}

/** A handle on an existing local repository. */
export function openLocal(gitdir: string): GitRepo {
  return { gitdir, cache: {} };
}

/** The commit `ref` points at, or undefined when the ref does not exist. */
export async function tryResolve(repo: GitRepo, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs, gitdir: repo.gitdir, ref });
  } catch (err) {
    if (err instanceof git.Errors.NotFoundError) return undefined;
    throw new GitRepositoryBroken(`cannot resolve ${ref} in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}

/** The branch HEAD names in a local repository (`main` for a detached or unborn HEAD without one). */
export async function currentBranch(repo: GitRepo): Promise<string | undefined> {
  const name = await git.currentBranch({ fs, gitdir: repo.gitdir, fullname: false }).catch(() => undefined);
  return name ?? undefined;
}
