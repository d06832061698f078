/**
 * What a revision changes on the rendered branch, decided one cluster folder at a time: a folder
 * whose hashed tree (rendered-folders.ts) has the tip's id is neither listed nor compared, so a
 * one-template change reads and compares only the folders it touches. The rules are those of
 * writeRendered: folders of clusters the inventory no longer holds are kept, the mass-prune guard
 * holds a folder that would lose everything (read in full only when it loses a file), files of
 * suspended Works stay as on the tip, and a file directly under `clusters/` is removed.
 */
import { compareStrings } from '../api/index.ts';
import type { PruneGuard } from '../cluster/prune-guard.ts';
import {
  changesToTree,
  listFiles,
  readFolder,
  type FolderChange,
  type FolderEntry,
  type GitRepo,
} from '../git/index.ts';
import type { Work } from '../render/index.ts';
import type { PathChange } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { renderedFolders, type RenderedFolder, type RenderedMemo } from './rendered-folders.ts';
import { renderedHolds, type RenderedHold } from './rendered-guard.ts';
import { suspendedView } from './rendered-suspension.ts';
import { renderedRoot, workCluster } from './rendered-tree.ts';

/** What renderedChanges compares. */
export interface RenderedChangeInput {
  readonly revision: string;
  readonly works: readonly Work[];
  /** The inventory's cluster names. */
  readonly clusters: readonly string[];
  /** The tip's tree (undefined: a new branch). */
  readonly tip: string | undefined;
  readonly guard: PruneGuard;
}

/**
 * The changes (sorted by path): a changed cluster folder is set whole to its hashed tree (its
 * unchanged files and subfolders keep their ids), one holding a suspended Work's file file by
 * file; the folders held; and the size of the revision's tree for the message.
 */
export interface RenderedChanges {
  readonly changes: readonly (PathChange | FolderChange)[];
  readonly held: readonly RenderedHold[];
  readonly clusters: number;
  readonly files: number;
}

/** Compares the revision's rendered tree with the tip's, folder by folder (see the file comment). */
export async function renderedChanges(
  repo: GitRepo,
  x: RenderedChangeInput,
  memo: RenderedMemo,
): Promise<RenderedChanges> {
  const onTip = await readFolder(repo, x.tip, renderedRoot);
  const suspended = suspendedView(x.works, await suspendedTipFiles(repo, x.works, onTip));
  const folders = renderedFolders(suspended.works, x.clusters, memo);
  const current = new Set(x.clusters.map(safeSegment));
  const kept = [...onTip].filter(([name, e]) => e.type === 'tree' && !current.has(name)).map(([name]) => name);
  const perFolder = new Map<string, PathChange[]>();
  const added: FolderChange[] = [];
  for (const [segment, folder] of folders) {
    if (kept.includes(segment)) continue;
    const entry = onTip.get(segment);
    // A folder the tip lacks is written whole: nothing of it is on the tip to compare, keep or guard.
    if (entry?.type !== 'tree') added.push({ path: `${renderedRoot}/${segment}`, tree: folder.tree });
    else {
      const changes = await changesToTree(repo, entry.oid, folder.tree, `${renderedRoot}/${segment}`);
      if (changes.length) perFolder.set(segment, changes);
    }
  }
  const loose = [...onTip]
    .filter(([name, e]) => e.type !== 'tree' && !folders.has(name))
    .map(([name]) => ({ path: `${renderedRoot}/${name}`, content: null }));
  const held = await guardedFolders(repo, x, { onTip, folders, perFolder, kept });
  const frozen = new Set(suspended.frozen);
  const changes = [...perFolder]
    .filter(([segment]) => !held.some((h) => h.folder === `${renderedRoot}/${segment}/`))
    .flatMap(([segment, list]): (PathChange | FolderChange)[] => {
      const tree = folders.get(segment)?.tree;
      if (tree === undefined || list.some((c) => frozen.has(c.path))) return list.filter((c) => !frozen.has(c.path));
      return [{ path: `${renderedRoot}/${segment}`, tree }];
    });
  let files = 0;
  for (const f of folders.values()) files += f.files.size;
  return {
    changes: [...added, ...changes, ...loose].sort((a, b) => compareStrings(a.path, b.path)),
    held,
    clusters: folders.size,
    files,
  };
}

/** Which paths the tip has in the folders of suspended Works (only those are listed). */
async function suspendedTipFiles(
  repo: GitRepo,
  works: readonly Work[],
  onTip: ReadonlyMap<string, FolderEntry>,
): Promise<(path: string) => boolean> {
  const paths = new Set<string>();
  const listed = new Set<string>();
  for (const w of works) {
    if (w.spec.suspendDispatching !== true) continue;
    const segment = safeSegment(workCluster(w));
    const entry = onTip.get(segment);
    if (listed.has(segment) || entry?.type !== 'tree') continue;
    listed.add(segment);
    for (const p of (await listFiles(repo, entry.oid)).keys()) paths.add(`${renderedRoot}/${segment}/${p}`);
  }
  return (p) => paths.has(p);
}

/**
 * The mass-prune guard over the folders that lose a file: their tip files are listed, and the
 * revision's whole tree is what a withdrawn file may have moved to.
 */
async function guardedFolders(
  repo: GitRepo,
  x: RenderedChangeInput,
  seen: {
    readonly onTip: ReadonlyMap<string, FolderEntry>;
    readonly folders: ReadonlyMap<string, RenderedFolder>;
    readonly perFolder: ReadonlyMap<string, readonly PathChange[]>;
    readonly kept: readonly string[];
  },
): Promise<RenderedHold[]> {
  const losing = [...seen.perFolder].filter(([, list]) => list.some((c) => c.content === null)).map(([s]) => s);
  if (losing.length === 0) return [];
  const tip: string[] = [];
  for (const segment of losing) {
    const entry = seen.onTip.get(segment);
    if (entry?.type !== 'tree') continue;
    for (const p of (await listFiles(repo, entry.oid)).keys()) tip.push(`${renderedRoot}/${segment}/${p}`);
  }
  const desired = [...seen.folders].flatMap(([segment, f]) =>
    [...f.files.keys()].map((p) => `${renderedRoot}/${segment}/${p}`),
  );
  return renderedHolds({
    revision: x.revision,
    tip,
    desired,
    clusters: x.clusters,
    kept: seen.kept.map((k) => `${renderedRoot}/${k}/`),
    guard: x.guard,
  });
}
