/**
 * Every file of a tree, remembered for the few trees a process last listed or wrote: a branch of
 * hundreds of thousands of files (the rendered branch at thousands of clusters) is read from git
 * once, and each commit's listing is derived from its parent's plus the commit's changes instead
 * of being read again. A tree id names its content, so a remembered listing can never be stale.
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import type { GitRepo } from './repository.ts';

/** path → blob oid; callers never mutate a listing (it may be shared). */
export type TreeListing = ReadonlyMap<string, string>;

/** What a tree write did, for deriving its listing. */
export interface WrittenTree {
  /** path → blob oid of every file the write set. */
  readonly files: ReadonlyMap<string, string>;
  /** Whether a change replaced a directory by a file or the reverse, or deleted a directory: no listing is derived. */
  readonly reshaped: boolean;
}

/** How many listings each repository keeps (the rendered and the status branch, before and after a commit). */
const kept = 4;
const listings = new WeakMap<GitRepo, Map<string, TreeListing>>();

/** Every file of a tree: path → blob oid, in no particular order. Symlinks and submodules are skipped. */
export async function listFiles(repo: GitRepo, tree: string | undefined): Promise<TreeListing> {
  if (tree === undefined) return new Map();
  const known = listings.get(repo)?.get(tree);
  if (known !== undefined) {
    remember(repo, tree, known);
    return known;
  }
  const out = new Map<string, string>();
  await readInto(repo, tree, '', out);
  remember(repo, tree, out);
  return out;
}

/** Derives and remembers the listing of `tree`, written as `base` plus `changes`, when `base`'s is remembered. */
export function rememberListing(
  repo: GitRepo,
  base: string | undefined,
  tree: string,
  changes: readonly { readonly path: string; readonly content: Uint8Array | null }[],
  written: WrittenTree,
): void {
  const before = base === undefined ? new Map<string, string>() : listings.get(repo)?.get(base);
  if (before === undefined || written.reshaped) return;
  const after = new Map(before);
  for (const c of changes) {
    const oid = written.files.get(c.path);
    if (c.content === null) after.delete(c.path);
    else if (oid !== undefined) after.set(c.path, oid);
  }
  remember(repo, tree, after);
}

function remember(repo: GitRepo, tree: string, files: TreeListing): void {
  const mine = listings.get(repo) ?? new Map<string, TreeListing>();
  listings.set(repo, mine);
  mine.delete(tree);
  mine.set(tree, files);
  for (const oldest of mine.keys()) {
    if (mine.size <= kept) break;
    mine.delete(oldest);
  }
}

async function readInto(repo: GitRepo, tree: string, prefix: string, out: Map<string, string>): Promise<void> {
  const { tree: entries } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: tree });
  for (const e of entries) {
    const path = prefix ? `${prefix}/${e.path}` : e.path;
    if (e.type === 'tree') await readInto(repo, e.oid, path, out);
    else if (e.type === 'blob' && e.mode !== '120000') out.set(path, e.oid);
  }
}
