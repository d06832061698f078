/**
 * One folder of a tree, by id, and the tree that holds that folder alone at the same path: what
 * a branch carrying a single cluster's rendered folder is made of. The folder's own subtree is
 * reused as it is (no file is read or written again), so such a tree costs one tree object per
 * level of its path, however many files the folder holds.
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import { objectOid, treeContent, writeLooseObject } from './loose-object.ts';
import type { GitRepo } from './repository.ts';

/** Name → subtree id of the folders directly under `dir` (a `/`-separated path) of `tree`; empty when `dir` is absent. */
export async function subfolderIds(repo: GitRepo, tree: string, dir: string): Promise<ReadonlyMap<string, string>> {
  let oid: string | undefined = tree;
  try {
    for (const part of dir.split('/')) {
      const level: Awaited<ReturnType<typeof git.readTree>> = await git.readTree({
        fs,
        gitdir: repo.gitdir,
        cache: repo.cache,
        oid,
      });
      oid = level.tree.find((e) => e.path === part && e.type === 'tree')?.oid;
      if (oid === undefined) return new Map();
    }
    const { tree: entries } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid });
    return new Map(entries.filter((e) => e.type === 'tree').map((e) => [e.path, e.oid]));
  } catch (err) {
    throw new GitRepositoryBroken(
      `cannot read tree ${tree} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}

/** The tree objects, root last, of a tree holding only `folder` (a subtree id) at `path` (`a/b/c`). */
function isolatedLevels(path: string, folder: string): { oid: string; content: Uint8Array }[] {
  const parts = path.split('/');
  const levels: { oid: string; content: Uint8Array }[] = [];
  let oid = folder;
  for (const name of parts.toReversed()) {
    const content = treeContent([{ mode: '040000', path: name, oid, type: 'tree' }]);
    oid = objectOid('tree', content);
    levels.push({ oid, content });
  }
  return levels;
}

/** The id of a tree holding only `folder` at `path`, computed without writing anything. */
export function isolatedTreeId(path: string, folder: string): string {
  return isolatedLevels(path, folder).at(-1)?.oid ?? folder;
}

/** Writes the tree holding only `folder` at `path` (one small tree object per level) and returns its id. */
export async function writeIsolatedTree(repo: GitRepo, path: string, folder: string): Promise<string> {
  try {
    let root = folder;
    for (const level of isolatedLevels(path, folder)) root = await writeLooseObject(repo, 'tree', level.content);
    return root;
  } catch (err) {
    throw new GitRepositoryBroken(`cannot write a tree in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}
