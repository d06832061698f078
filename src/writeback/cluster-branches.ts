/**
 * The per-cluster rendered branches (opt-in, docs/argocd-flux.md): besides the rendered branch,
 * each cluster of the inventory gets a branch `<rendered branch>-<cluster>` whose tree is that
 * cluster's folder alone, at the same path (`clusters/<cluster>/…`), so the Kustomization or
 * Application path is the same on both branches and a consumer fetches one cluster's files.
 *
 * Why `-` and not `/`: git stores a branch as a file under refs/heads, so `flotilla-rendered`
 * and `flotilla-rendered/<cluster>` cannot both exist (a directory/file conflict). Cluster names
 * are DNS-1123 labels (schemas/cluster.schema.json), so the name is always a valid ref, and the
 * branches follow a renamed rendered branch.
 *
 * Each branch mirrors its folder on the rendered branch's tip, so everything that decides the
 * folder there (the mass-prune guard, suspended Works) decides it here too. A branch moves only
 * when its folder's subtree id differs from the one its tip holds: a change to one cluster commits
 * one branch, at any fleet size.
 */
import { compareStrings } from '../api/index.ts';
import { sourceTrailer } from './commit-message.ts';
import { safeSegment } from './file-name.ts';
import { renderedRoot } from './rendered-tree.ts';

/** The branch carrying `cluster`'s rendered folder alone. */
export function clusterBranchName(renderedBranch: string, cluster: string): string {
  return `${renderedBranch}-${safeSegment(cluster)}`;
}

/** A cluster branch's commit message, with the rendered branch's trailer `Flotilla-Source: <sha>`. */
export function clusterBranchMessage(revision: string, cluster: string): string {
  return `flotilla: render ${revision.slice(0, 7)} for ${cluster}\n\n${sourceTrailer}: ${revision}\n`;
}

/** The path of `cluster`'s folder, on the rendered branch and on its own branch. */
export function clusterFolderPath(cluster: string): string {
  return `${renderedRoot}/${safeSegment(cluster)}`;
}

/**
 * Whether git accepts `name` as a branch (git check-ref-format's rules): no `..`, `@{`, control
 * characters, space or any of `~^:?*[\`; no component starting with `.` or ending in `.lock`;
 * not empty, not `@`, no leading, trailing or doubled `/`, no trailing `.`.
 */
export function isBranchName(name: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a ref must not hold
  if (name === '' || name === '@' || /[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\/\/|^\/|[/.]$/.test(name)) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

/** A cluster branch's tip and the tree it holds. */
export interface ClusterBranchTip {
  readonly commit: string;
  readonly tree: string;
}

/** What the decision reads, all gathered beforehand. */
export interface ClusterBranchInput {
  readonly renderedBranch: string;
  /** The inventory's clusters. */
  readonly clusters: readonly string[];
  /** Branches a cluster branch must not be, nor nest with (the source, status and rendered branches). */
  readonly reserved: readonly string[];
  /** Folder name under `clusters/` → subtree id, on the rendered branch's tip. */
  readonly folders: ReadonlyMap<string, string>;
  /** Branch → its tip, for the cluster branches that exist. */
  readonly tips: ReadonlyMap<string, ClusterBranchTip>;
  /** The tree a branch holding only `folder` at `path` has (folder-tree.ts isolatedTreeId). */
  readonly isolatedTree: (path: string, folder: string) => string;
}

/** A branch to move: to a commit of `tree` on top of `parent` (undefined: a new branch). */
export interface ClusterBranchUpdate {
  readonly cluster: string;
  readonly branch: string;
  readonly folder: string;
  readonly tree: string;
  readonly parent: string | undefined;
}

/**
 * A cluster that gets no branch, and why: `FolderMissing` (the rendered tip has no folder for
 * it), `BranchNameInvalid` (git refuses the name) or `BranchNameTaken` (it is, or nests with, a
 * branch flotilla already writes or follows).
 */
export interface ClusterBranchSkip {
  readonly cluster: string;
  readonly branch: string;
  readonly reason: 'FolderMissing' | 'BranchNameInvalid' | 'BranchNameTaken';
}

/**
 * The branch of a cluster the inventory no longer holds, left as it was, as its folder is on the
 * rendered branch: a deleted branch would make Flux's GitRepository and Argo CD's Application fail.
 */
export interface ClusterBranchKept {
  /** The cluster's folder name on the rendered branch. */
  readonly cluster: string;
  readonly branch: string;
}

/** The branches to move, the clusters skipped and the removed clusters' branches kept, each sorted by cluster name. */
export interface ClusterBranchPlan {
  readonly updates: readonly ClusterBranchUpdate[];
  readonly skipped: readonly ClusterBranchSkip[];
  readonly kept: readonly ClusterBranchKept[];
}

/** The branches whose tips a decision reads: the inventory's, and those of folders the inventory no longer names. */
export function clusterBranchesToRead(
  renderedBranch: string,
  clusters: readonly string[],
  folders: Iterable<string>,
): string[] {
  const names = new Set([...clusters, ...folders].map((c) => clusterBranchName(renderedBranch, c)));
  return [...names].sort(compareStrings);
}

/** Decides which cluster branches move: those whose tip's tree is not their folder alone. */
export function clusterBranchUpdates(input: ClusterBranchInput): ClusterBranchPlan {
  const updates: ClusterBranchUpdate[] = [];
  const skipped: ClusterBranchSkip[] = [];
  for (const cluster of [...new Set(input.clusters)].sort(compareStrings)) {
    const branch = clusterBranchName(input.renderedBranch, cluster);
    const folder = input.folders.get(safeSegment(cluster));
    const skip = (reason: ClusterBranchSkip['reason']) => skipped.push({ cluster, branch, reason });
    if (!isBranchName(branch)) skip('BranchNameInvalid');
    else if (input.reserved.some((r) => nests(r, branch))) skip('BranchNameTaken');
    else if (folder === undefined) skip('FolderMissing');
    else {
      const tree = input.isolatedTree(clusterFolderPath(cluster), folder);
      const tip = input.tips.get(branch);
      if (tip?.tree !== tree) updates.push({ cluster, branch, folder, tree, parent: tip?.commit });
    }
  }
  const current = new Set(input.clusters.map(safeSegment));
  const kept = [...input.folders.keys()]
    .filter((f) => !current.has(f))
    .sort(compareStrings)
    .map((cluster) => ({ cluster, branch: clusterBranchName(input.renderedBranch, cluster) }))
    .filter((k) => input.tips.has(k.branch));
  return { updates, skipped, kept };
}

/** Whether two branch names clash in refs/heads: equal, or one a directory of the other. */
function nests(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
