/** Writes the rendered tree to the rendered branch: one commit per source revision, stale files removed. */
import { compareStrings } from '../api/index.ts';
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import { trailerValue, type BranchStore } from '../git/index.ts';
import type { Plan } from '../plan/index.ts';
import { commitToBranch, type BranchWriteOptions, type BranchWriteResult } from './branch-commit.ts';
import { renderedCommitMessage, sourceTrailer } from './commit-message.ts';
import { fileChanges } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { renderedHolds, type RenderedHold } from './rendered-guard.ts';
import { suspendedView } from './rendered-suspension.ts';
import { renderedCache, renderedRoot, renderedTree, type RenderedCache } from './rendered-tree.ts';

/** What the rendered tree of a revision is made of. */
export type RenderedPlan = Pick<Plan, 'revision' | 'works' | 'clusters'>;

/** The branch write, and the cluster folders the mass-prune guard kept as on the tip (empty when none). */
export type RenderedWriteResult = BranchWriteResult & { readonly held: readonly RenderedHold[] };

/** What else a rendered write takes: the mass-prune guard, and the memo of serialised files (default: the store's). */
export interface RenderedWriteOptions {
  readonly pruneGuard?: PruneGuard | undefined;
  readonly cache?: RenderedCache;
}

/**
 * Commits the rendered tree of `revision` on `branch` unless the tip already carries
 * `Flotilla-Source: <revision>` (a run that crashed after rendering does not render twice).
 * Files outside `clusters/` (a README someone added) are kept, and so are the folders of clusters
 * no longer in the plan's inventory (a Cluster removed from the fleet repo): flotilla keeps a
 * removed cluster's objects on the member (docs/reliability.md), and dropping its folder would make
 * Argo CD delete them with the Application. To clean such a cluster up, decommission it first
 * (docs/reliability.md), or delete its folder from the rendered branch by hand. A folder
 * whose change the mass-prune guard holds (rendered-guard.ts) is kept as on the tip too, every
 * file of it, and returned in `held`. The file of a suspended Work is kept as on the tip, and a
 * new one is not added (rendered-suspension.ts).
 */
export async function writeRendered(
  store: BranchStore,
  branch: string,
  plan: RenderedPlan,
  opts: BranchWriteOptions,
  more: RenderedWriteOptions = {},
): Promise<RenderedWriteResult> {
  const { revision } = plan;
  let held: readonly RenderedHold[] = [];
  const cache = more.cache ?? storeCache(store);
  const result = await commitToBranch(
    store,
    branch,
    (tip) => {
      const suspended = suspendedView(plan.works, (p) => tip.files.has(p));
      const files = renderedTree(suspended.works, plan.clusters, cache);
      const clusters = new Set([...files.keys()].map((p) => p.split('/')[1])).size;
      const kept = removedFolders(tip.files.keys(), plan.clusters);
      held = renderedHolds({
        revision,
        tip: tip.files.keys(),
        desired: files.keys(),
        clusters: plan.clusters,
        kept,
        guard: more.pruneGuard ?? defaultPruneGuard,
      });
      const frozenFiles = new Set(suspended.frozen);
      const frozen = [...kept, ...held.map((h) => h.folder)];
      const desired = new Map(
        [...files].filter(([p]) => !held.some((h) => p.startsWith(h.folder)) && !frozenFiles.has(p)),
      );
      const changes = fileChanges(
        tip.files,
        desired,
        (p) => p.startsWith(`${renderedRoot}/`) && !frozen.some((k) => p.startsWith(k)) && !frozenFiles.has(p),
      );
      // One commit per source revision; a second only when the same revision renders differently
      // (a failover moved replicas), so Argo CD and Flux follow failovers too.
      const recorded = tip.message !== undefined && trailerValue(tip.message, sourceTrailer) === revision;
      if (recorded && changes.length === 0) return { kind: 'none' };
      return {
        kind: 'commit',
        changes,
        message: renderedCommitMessage(revision, clusters, files.size),
        allowEmpty: !recorded,
      };
    },
    opts,
  );
  return { ...result, held };
}

/**
 * Each store's memo of rendered files: it lives as long as the controller's connection to the
 * repository, so its passes share it without the controller passing it around.
 */
const caches = new WeakMap<BranchStore, RenderedCache>();

function storeCache(store: BranchStore): RenderedCache {
  const cache = caches.get(store) ?? renderedCache();
  caches.set(store, cache);
  return cache;
}

/** The tip's cluster folders (`clusters/<c>/`) of clusters the inventory no longer holds, sorted. */
function removedFolders(tip: Iterable<string>, clusters: readonly string[]): string[] {
  const current = new Set(clusters.map((c) => `${renderedRoot}/${safeSegment(c)}/`));
  const folders = new Set<string>();
  for (const p of tip) {
    const [root, cluster] = p.split('/');
    if (root === renderedRoot && cluster !== undefined && p.length > root.length + cluster.length + 1)
      folders.add(`${root}/${cluster}/`);
  }
  return [...folders].filter((f) => !current.has(f)).sort(compareStrings);
}
