/**
 * Writes a new tree from a base tree plus file changes, without a checkout or an index: only the
 * directories on a changed path are rewritten, every other subtree keeps its oid.
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import { compareStrings } from '../api/index.ts';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** Set a file to `content`, or delete it (`content: null`). Paths use `/` and are already safe names. */
export interface FileChange {
  readonly path: string;
  readonly content: Uint8Array | null;
}

/** Every file of a tree: path → blob oid (sorted by path). Symlinks and submodules are skipped. */
export async function listFiles(repo: GitRepo, tree: string | undefined, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (tree === undefined) return out;
  const { tree: entries } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: tree });
  for (const e of entries) {
    const path = prefix ? `${prefix}/${e.path}` : e.path;
    if (e.type === 'tree') for (const [p, oid] of await listFiles(repo, e.oid, path)) out.set(p, oid);
    else if (e.type === 'blob' && e.mode !== '120000') out.set(path, e.oid);
  }
  return out;
}

/** The tree oid of the result of applying `changes` to `base` (undefined base: an empty tree). */
export async function writeTreeWithChanges(
  repo: GitRepo,
  base: string | undefined,
  changes: readonly FileChange[],
): Promise<string> {
  try {
    return (
      (await rewrite(
        repo,
        base,
        changes.map((c) => ({ parts: c.path.split('/'), content: c.content })),
      )) ?? (await git.writeTree({ fs, gitdir: repo.gitdir, tree: [] }))
    );
  } catch (err) {
    throw new GitRepositoryBroken(`cannot write a tree in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}

interface Change {
  readonly parts: readonly string[];
  readonly content: Uint8Array | null;
}
type TreeEntry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' | 'commit' };

/** Rewrites one directory level; returns undefined when the directory ends up empty (git has no empty trees). */
async function rewrite(
  repo: GitRepo,
  oid: string | undefined,
  changes: readonly Change[],
): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>();
  if (oid !== undefined)
    for (const e of (await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })).tree)
      entries.set(e.path, e);
  const nested = new Map<string, Change[]>();
  for (const c of changes) {
    const [head, ...rest] = c.parts;
    if (head === undefined) continue;
    if (rest.length === 0) {
      if (c.content === null) entries.delete(head);
      else
        entries.set(head, {
          mode: '100644',
          path: head,
          type: 'blob',
          oid: await git.writeBlob({ fs, gitdir: repo.gitdir, blob: c.content }),
        });
    } else {
      const list = nested.get(head) ?? [];
      list.push({ parts: rest, content: c.content });
      nested.set(head, list);
    }
  }
  for (const [name, list] of nested) {
    const existing = entries.get(name);
    const sub = await rewrite(repo, existing?.type === 'tree' ? existing.oid : undefined, list);
    if (sub === undefined) entries.delete(name);
    else entries.set(name, { mode: '040000', path: name, type: 'tree', oid: sub });
  }
  if (entries.size === 0) return undefined;
  // git sorts tree entries by name, a directory as if its name ended in '/'; isomorphic-git re-sorts too.
  const tree = [...entries.values()].sort((a, b) =>
    compareStrings(a.type === 'tree' ? `${a.path}/` : a.path, b.type === 'tree' ? `${b.path}/` : b.path),
  );
  return git.writeTree({ fs, gitdir: repo.gitdir, tree });
}
