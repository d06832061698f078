/**
 * Writes a new tree from a base tree plus file changes, without a checkout or an index: only the
 * directories on a changed path are rewritten, every other subtree keeps its oid.
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import { hasLooseObject, objectOid, treeContent, writeLooseObject, type TreeEntry } from './loose-object.ts';
import { isHashedTree, type HashedTree } from './tree-hash.ts';
import type { GitRepo } from './repository.ts';
import { rememberListing, type WrittenTree } from './tree-listing.ts';

/**
 * Set a file to `content`, or delete it (`content: null`). Paths use `/` and are already safe
 * names. `oid`, when given, is the blob id of `content` (the caller hashed it already).
 */
export interface FileChange {
  readonly path: string;
  readonly content: Uint8Array | null;
  readonly oid?: string;
}

/**
 * Set the folder at `path` to a hashed tree (tree-hash.ts): its objects the repository lacks are
 * written, and the folder takes its id whatever it held before.
 */
export interface FolderChange {
  readonly path: string;
  readonly tree: HashedTree;
}

/** The tree oid of the result of applying `changes` to `base` (undefined base: an empty tree). */
export async function writeTreeWithChanges(
  repo: GitRepo,
  base: string | undefined,
  changes: readonly (FileChange | FolderChange)[],
): Promise<string> {
  try {
    const written: Written = {
      files: new Map(),
      blobs: new Map(),
      trees: new Map(),
      // A folder set whole is not listed file by file: no listing is derived from this write.
      reshaped: changes.some((c) => 'tree' in c),
      io: ioLimit(objectWrites),
    };
    const tree =
      (await rewrite(
        repo,
        base,
        changes.map((c) => ({ parts: c.path.split('/'), change: c })),
        written,
      )) ?? (await writeLooseObject(repo, 'tree', treeContent([])));
    rememberListing(
      repo,
      base,
      tree,
      changes.filter((c) => 'content' in c),
      written,
    );
    return tree;
  } catch (err) {
    throw new GitRepositoryBroken(`cannot write a tree in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}

interface Change {
  readonly parts: readonly string[];
  readonly change: FileChange | FolderChange;
}

/** How many object reads and writes one tree write keeps in flight (the directories are written concurrently). */
const objectWrites = 16;

/** What one tree write did so far: the listing's facts, the blobs already written (each once per write), its I/O bound. */
interface Written extends WrittenTree {
  readonly files: Map<string, string>;
  /** Blob writes by oid, each started once per tree write. */
  readonly blobs: Map<string, Promise<string>>;
  /** Hashed tree writes by oid, each started once per tree write. */
  readonly trees: Map<string, Promise<void>>;
  reshaped: boolean;
  readonly io: <T>(op: () => Promise<T>) => Promise<T>;
}

/** Runs at most `n` operations at once; an operation never waits for another one (no deadlock). */
function ioLimit(n: number): <T>(op: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (op) => {
    while (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await op();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** A blob's id, written once per tree write however many paths share its content. */
async function blobFor(repo: GitRepo, c: FileChange, content: Uint8Array, written: Written): Promise<string> {
  const oid = c.oid ?? objectOid('blob', content);
  const write = written.blobs.get(oid) ?? written.io(() => writeLooseObject(repo, 'blob', content, oid));
  written.blobs.set(oid, write);
  written.files.set(c.path, oid);
  return write;
}

/**
 * Writes the objects of a hashed tree the repository lacks. A tree object present is taken to
 * have its whole content (git, like this writer, writes a tree only after what it holds).
 */
function writeHashed(repo: GitRepo, tree: HashedTree, written: Written): Promise<void> {
  const known = written.trees.get(tree.oid);
  if (known !== undefined) return known;
  const write = (async () => {
    if (await written.io(() => hasLooseObject(repo, tree.oid))) return;
    await Promise.all(
      [...tree.entries.values()].map((e) =>
        isHashedTree(e)
          ? writeHashed(repo, e, written)
          : (written.blobs.get(e.oid) ??
            setBlob(
              written,
              e.oid,
              written.io(() => writeLooseObject(repo, 'blob', e.bytes, e.oid)),
            )),
      ),
    );
    await written.io(() => writeLooseObject(repo, 'tree', tree.content, tree.oid));
  })();
  written.trees.set(tree.oid, write);
  return write;
}

function setBlob(written: Written, oid: string, write: Promise<string>): Promise<string> {
  written.blobs.set(oid, write);
  return write;
}

/** Rewrites one directory level; returns undefined when the directory ends up empty (git has no empty trees). */
async function rewrite(
  repo: GitRepo,
  oid: string | undefined,
  changes: readonly Change[],
  written: Written,
): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>();
  if (oid !== undefined) {
    const read = await written.io(() => git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid }));
    for (const e of read.tree) entries.set(e.path, e);
  }
  const nested = new Map<string, Change[]>();
  const leaves = new Map<string, FileChange | FolderChange>();
  for (const c of changes) {
    const [head, ...rest] = c.parts;
    if (head === undefined) continue;
    if (rest.length === 0) leaves.set(head, c.change);
    else {
      const list = nested.get(head) ?? [];
      list.push({ parts: rest, change: c.change });
      nested.set(head, list);
    }
  }
  const blobs: Promise<void>[] = [];
  for (const [head, change] of leaves) {
    if ('tree' in change) {
      const { tree } = change;
      blobs.push(writeHashed(repo, tree, written).then(() => void entries.set(head, treeEntry(head, tree.oid))));
      continue;
    }
    if (entries.get(head)?.type === 'tree') written.reshaped = true;
    const content = change.content;
    if (content === null) entries.delete(head);
    else {
      const write = blobFor(repo, change, content, written);
      blobs.push(write.then((oid) => void entries.set(head, { mode: '100644', path: head, type: 'blob', oid })));
    }
  }
  const subtrees = [...nested].map(async ([name, list]) => {
    const existing = entries.get(name);
    if (existing !== undefined && existing.type !== 'tree') written.reshaped = true;
    return [name, await rewrite(repo, existing?.type === 'tree' ? existing.oid : undefined, list, written)] as const;
  });
  // Both awaited at once: a failed write rejects the whole rewrite, and no rejection goes unhandled.
  const [, rewritten] = await Promise.all([Promise.all(blobs), Promise.all(subtrees)]);
  for (const [name, sub] of rewritten) {
    // A folder emptied leaves the name to a file the same changes put there (a folder became a file).
    if (sub !== undefined) entries.set(name, treeEntry(name, sub));
    else if (entries.get(name)?.type === 'tree') entries.delete(name);
  }
  if (entries.size === 0) return undefined;
  const content = treeContent([...entries.values()]);
  return written.io(() => writeLooseObject(repo, 'tree', content));
}

function treeEntry(name: string, oid: string): TreeEntry {
  return { mode: '040000', path: name, type: 'tree', oid };
}
