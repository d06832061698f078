/**
 * What turns a written tree into a hashed one (tree-hash.ts), read one folder at a time: a
 * subtree whose id equals the hashed one's is skipped unread, so a change to a few files of a
 * tree of hundreds of thousands reads only the folders on their paths.
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';
import { isHashedTree, type HashedTree } from './tree-hash.ts';
import { listFiles } from './tree-listing.ts';
import type { FileChange } from './tree-writer.ts';

/** One entry of a written tree's folder. */
export interface FolderEntry {
  readonly oid: string;
  readonly type: 'blob' | 'tree' | 'commit';
}

/** The entries of the folder `path` (`''`: the root) of `tree`, by name; empty when the tree or folder is missing. */
export async function readFolder(
  repo: GitRepo,
  tree: string | undefined,
  path: string,
): Promise<ReadonlyMap<string, FolderEntry>> {
  let at = tree;
  for (const part of path === '' ? [] : path.split('/')) {
    if (at === undefined) break;
    const entry: FolderEntry | undefined = (await readEntries(repo, at)).get(part);
    at = entry?.type === 'tree' ? entry.oid : undefined;
  }
  return at === undefined ? new Map() : readEntries(repo, at);
}

/**
 * The file changes that make `actual` (a written tree, undefined: none) equal to `desired`, with
 * paths under `prefix` (`clusters/eu`); sorted by path within each folder. Files `actual` has and
 * `desired` lacks, whole folders included, are deleted one file at a time.
 */
export async function changesToTree(
  repo: GitRepo,
  actual: string | undefined,
  desired: HashedTree,
  prefix: string,
): Promise<FileChange[]> {
  if (actual === desired.oid) return [];
  const have = actual === undefined ? new Map<string, FolderEntry>() : await readEntries(repo, actual);
  const out: FileChange[] = [];
  for (const [name, want] of desired.entries) {
    const path = `${prefix}/${name}`;
    const got = have.get(name);
    if (isHashedTree(want))
      out.push(...(await changesToTree(repo, got?.type === 'tree' ? got.oid : undefined, want, path)));
    else if (got?.type !== 'blob' || got.oid !== want.oid) out.push({ path, content: want.bytes, oid: want.oid });
  }
  for (const [name, got] of have) {
    if (desired.entries.has(name)) continue;
    const path = `${prefix}/${name}`;
    if (got.type === 'tree')
      for (const file of (await listFiles(repo, got.oid)).keys()) out.push({ path: `${path}/${file}`, content: null });
    else out.push({ path, content: null });
  }
  return out;
}

async function readEntries(repo: GitRepo, tree: string): Promise<Map<string, FolderEntry>> {
  try {
    const { tree: entries } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: tree });
    return new Map(entries.map((e) => [e.path, { oid: e.oid, type: e.type }]));
  } catch (err) {
    throw new GitRepositoryBroken(
      `cannot read tree ${tree} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}
