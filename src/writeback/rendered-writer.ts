/** Writes the rendered tree to the rendered branch: one commit per source revision, stale files removed. */
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import { trailerValue, type BranchStore } from '../git/index.ts';
import type { Plan } from '../plan/index.ts';
import { commitOnTip, type BranchWriteOptions, type BranchWriteResult } from './branch-commit.ts';
import { renderedCommitMessage, sourceTrailer } from './commit-message.ts';
import { renderedChanges } from './rendered-changes.ts';
import { renderedMemo, type RenderedMemo } from './rendered-folders.ts';
import type { RenderedHold } from './rendered-guard.ts';

/** What the rendered tree of a revision is made of. */
export type RenderedPlan = Pick<Plan, 'revision' | 'works' | 'clusters'>;

/** The branch write, and the cluster folders the mass-prune guard kept as on the tip (empty when none). */
export type RenderedWriteResult = BranchWriteResult & { readonly held: readonly RenderedHold[] };

/** What else a rendered write takes: the mass-prune guard, and the memo of serialised files (default: the store's). */
export interface RenderedWriteOptions {
  readonly pruneGuard?: PruneGuard | undefined;
  readonly memo?: RenderedMemo;
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
  const memo = more.memo ?? storeMemo(store);
  const result = await commitOnTip(
    store,
    branch,
    async (tip) => {
      const decided = await renderedChanges(
        store.repo,
        {
          revision,
          works: plan.works,
          clusters: plan.clusters,
          tip: tip.tree,
          guard: more.pruneGuard ?? defaultPruneGuard,
        },
        memo,
      );
      held = decided.held;
      // One commit per source revision; a second only when the same revision renders differently
      // (a failover moved replicas), so Argo CD and Flux follow failovers too.
      const recorded = tip.message !== undefined && trailerValue(tip.message, sourceTrailer) === revision;
      if (recorded && decided.changes.length === 0) return { kind: 'none' };
      return {
        kind: 'commit',
        changes: decided.changes,
        message: renderedCommitMessage(revision, decided.clusters, decided.files),
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
const memos = new WeakMap<BranchStore, RenderedMemo>();

function storeMemo(store: BranchStore): RenderedMemo {
  const memo = memos.get(store) ?? renderedMemo();
  memos.set(store, memo);
  return memo;
}
