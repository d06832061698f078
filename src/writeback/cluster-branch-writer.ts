/**
 * Publishes the per-cluster rendered branches (cluster-branches.ts) from the rendered branch's
 * tip: each changed cluster's branch gets a commit of its folder alone (two small tree objects
 * and a commit: the folder's subtree is the rendered branch's own), and every changed branch goes
 * in one push. Nothing is kept between passes: a pass compares each branch with its folder again,
 * so a branch whose push failed or was rejected is simply moved by the next pass (or the next
 * attempt of this one, after a refresh).
 */
import {
  GitPushRejected,
  GitRemoteUnreachable,
  isolatedTreeId,
  readCommitInfo,
  subfolderIds,
  trailerValue,
  writeCommit,
  writeIsolatedTree,
  type BranchStore,
} from '../git/index.ts';
import { mapLimit } from '../cluster/concurrency.ts';
import { defaultAttempts, type BranchWriteOptions } from './branch-commit.ts';
import {
  clusterBranchesToRead,
  clusterBranchMessage,
  clusterBranchUpdates,
  clusterFolderPath,
  type ClusterBranchKept,
  type ClusterBranchPlan,
  type ClusterBranchSkip,
  type ClusterBranchTip,
  type ClusterBranchUpdate,
} from './cluster-branches.ts';
import { sourceTrailer } from './commit-message.ts';
import { renderedRoot } from './rendered-tree.ts';

/** Which branches: those of `clusters`, mirrored from `renderedBranch`; none may be one of `reserved`. */
export interface ClusterBranchesWrite {
  readonly renderedBranch: string;
  readonly clusters: readonly string[];
  readonly reserved: readonly string[];
}

/** A cluster branch moved to `commit`. */
export interface MovedClusterBranch {
  readonly cluster: string;
  readonly branch: string;
  readonly commit: string;
}

/**
 * What a write did: the branches moved, the clusters skipped (see ClusterBranchSkip), the
 * branches of clusters no longer in the inventory left as they were (ClusterBranchKept), and the
 * branches left behind because the remote could not be reached (the next pass moves them).
 */
export interface ClusterBranchesResult {
  readonly moved: readonly MovedClusterBranch[];
  readonly skipped: readonly ClusterBranchSkip[];
  readonly kept: readonly ClusterBranchKept[];
  readonly deferred: { readonly branches: readonly string[]; readonly error: GitRemoteUnreachable | undefined };
  readonly attempts: number;
}

/**
 * Moves every cluster branch whose tree is not its folder on the rendered branch's tip, in one
 * push; branches the remote rejects (another writer moved them) are decided again after a refresh,
 * up to `opts.attempts`. While the remote is unreachable (`opts.deferPublish`), nothing is kept:
 * the branches are listed in `deferred` and the next pass decides them again.
 */
export async function writeClusterBranches(
  store: BranchStore,
  write: ClusterBranchesWrite,
  opts: BranchWriteOptions,
): Promise<ClusterBranchesResult> {
  const attempts = opts.attempts ?? defaultAttempts;
  const moved: MovedClusterBranch[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await store.refresh();
    const decided = await decide(store, write);
    const { updates, skipped, kept } = decided;
    const done = (branches: readonly string[], error?: GitRemoteUnreachable) => ({
      moved,
      skipped,
      kept,
      deferred: { branches, error },
      attempts: attempt,
    });
    if (updates.length === 0) return done([]);
    const deferred = (error: GitRemoteUnreachable | undefined) =>
      done(
        updates.map((u) => u.branch),
        error,
      );
    // The remote is known to be down: nothing is written, the next pass decides again.
    if (opts.deferPublish === 'always') return deferred(undefined);
    const commits = await commitAll(store, updates, decided.source, opts);
    if (opts.beforePublish) await opts.beforePublish(`${write.renderedBranch}-*`, attempt);
    const outcomes = await store
      .publishAll(
        updates.map((u, i) => ({ branch: u.branch, expected: u.parent, commit: commits[i] ?? '' })),
        [write.renderedBranch],
      )
      .catch((err: unknown) => {
        if (opts.deferPublish === 'on-unreachable' && err instanceof GitRemoteUnreachable) return err;
        throw err;
      });
    if (outcomes instanceof GitRemoteUnreachable) return deferred(outcomes);
    const trees = treesOf.get(store);
    updates.forEach((u, i) => {
      const commit = commits[i] ?? '';
      if (outcomes[i]?.kind !== 'pushed') return;
      moved.push({ cluster: u.cluster, branch: u.branch, commit });
      trees?.set(commit, u.tree);
    });
    if (outcomes.every((o) => o.kind === 'pushed')) return done([]);
  }
  throw new GitPushRejected(
    `${store.location}: the cluster branches of ${write.renderedBranch} kept moving; gave up after ${attempts} attempts`,
    { branch: `${write.renderedBranch}-*`, attempts },
  );
}

/** Reads the rendered tip's folders and every cluster branch's tip, then decides (B3). */
async function decide(
  store: BranchStore,
  write: ClusterBranchesWrite,
): Promise<ClusterBranchPlan & { readonly source: string }> {
  const tip = await store.tip(write.renderedBranch);
  if (tip === undefined) return { updates: [], skipped: [], kept: [], source: '' };
  const info = await readCommitInfo(store.repo, tip);
  const folders = await subfolderIds(store.repo, info.tree, renderedRoot);
  const tips = new Map<string, ClusterBranchTip>();
  const known = treesOf.get(store) ?? new Map<string, string>();
  const trees = new Map<string, string>();
  const current = await store.tips(clusterBranchesToRead(write.renderedBranch, write.clusters, folders.keys()));
  for (const [branch, commit] of current) {
    if (commit === undefined) continue;
    const tree = known.get(commit) ?? (await readCommitInfo(store.repo, commit)).tree;
    trees.set(commit, tree);
    tips.set(branch, { commit, tree });
  }
  treesOf.set(store, trees);
  const plan = clusterBranchUpdates({ ...write, folders, tips, isolatedTree: isolatedTreeId });
  return { ...plan, source: trailerValue(info.message, sourceTrailer) ?? tip };
}

/** Writes each update's tree and commit; commit ids in the updates' order (D6). */
async function commitAll(
  store: BranchStore,
  updates: readonly ClusterBranchUpdate[],
  source: string,
  opts: BranchWriteOptions,
): Promise<string[]> {
  // Concurrently: each branch is three small object writes, and a thousand of them wait on the disk.
  return mapLimit(updates, objectWrites, async (u) =>
    writeCommit(store.repo, {
      tree: await writeIsolatedTree(store.repo, clusterFolderPath(u.cluster), u.folder),
      parents: u.parent === undefined ? [] : [u.parent],
      message: clusterBranchMessage(source, u.cluster),
      identity: opts.identity,
      time: opts.now(),
    }),
  );
}

/** How many branches' objects are written at once. */
const objectWrites = 16;

/**
 * Commit → tree of the cluster branches' tips of the last pass, per store: a commit's tree never
 * changes, and at a thousand clusters reading every tip's commit on each pass would be most of
 * what a pass costs. Only the tips of the last pass and the commits it pushed are kept.
 */
const treesOf = new WeakMap<BranchStore, Map<string, string>>();
