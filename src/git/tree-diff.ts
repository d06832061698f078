/** Which files differ between two commits: subtrees with equal oids are skipped without being read. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { compareStrings } from '../api/index.ts';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** One changed file between two trees. */
export interface FileDelta {
  readonly path: string;
  readonly change: 'added' | 'modified' | 'deleted';
}

interface Entry {
  readonly oid: string;
  readonly isTree: boolean;
}

/** The files that differ between commits `from` and `to`, sorted by path (empty for equal trees). */
export async function changedPaths(repo: GitRepo, from: string, to: string): Promise<FileDelta[]> {
  try {
    const [a, b] = await Promise.all([treeOf(repo, from), treeOf(repo, to)]);
    const out: FileDelta[] = [];
    await diffTrees(repo, a, b, '', out);
    return out.sort((x, y) => compareStrings(x.path, y.path));
  } catch (err) {
    throw new GitRepositoryBroken(
      `cannot compare ${from} and ${to} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}

async function treeOf(repo: GitRepo, commit: string): Promise<string> {
  return (await git.readCommit({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: commit })).commit.tree;
}

async function entries(repo: GitRepo, oid: string | undefined): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  if (oid === undefined) return out;
  const { tree } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid });
  for (const e of tree) if (e.type !== 'commit') out.set(e.path, { oid: e.oid, isTree: e.type === 'tree' });
  return out;
}

async function diffTrees(
  repo: GitRepo,
  a: string | undefined,
  b: string | undefined,
  prefix: string,
  out: FileDelta[],
): Promise<void> {
  if (a === b) return;
  const [ea, eb] = await Promise.all([entries(repo, a), entries(repo, b)]);
  const names = [...new Set([...ea.keys(), ...eb.keys()])].sort(compareStrings);
  for (const name of names) {
    const x = ea.get(name);
    const y = eb.get(name);
    if (x?.oid === y?.oid && x?.isTree === y?.isTree) continue;
    const path = prefix ? `${prefix}/${name}` : name;
    if (x?.isTree || y?.isTree) {
      // A file replaced by a directory (or back) is a deletion plus additions.
      if (x && !x.isTree) out.push({ path, change: 'deleted' });
      if (y && !y.isTree) out.push({ path, change: 'added' });
      await diffTrees(repo, x?.isTree ? x.oid : undefined, y?.isTree ? y.oid : undefined, path, out);
    } else {
      out.push({ path, change: x === undefined ? 'added' : y === undefined ? 'deleted' : 'modified' });
    }
  }
}
