/** Writes the rendered tree to the rendered branch: one commit per source revision, stale files removed. */
import { trailerValue, type BranchStore } from '../git/index.ts';
import type { Plan } from '../plan/index.ts';
import { commitToBranch, type BranchWriteOptions, type BranchWriteResult } from './branch-commit.ts';
import { renderedCommitMessage, sourceTrailer } from './commit-message.ts';
import { fileChanges } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { renderedFiles, renderedRoot } from './rendered-tree.ts';
import { toDesired } from './status-writer.ts';

/** What the rendered tree of a revision is made of. */
export type RenderedPlan = Pick<Plan, 'revision' | 'works' | 'clusters'>;

/**
 * Commits the rendered tree of `revision` on `branch` unless the tip already carries
 * `Flotilla-Source: <revision>` (a run that crashed after rendering does not render twice).
 * Files outside `clusters/` (a README someone added) are kept, and so are the folders of
 * `keptClusters`: clusters removed from the fleet repo, whose objects flotilla keeps on the member
 * (docs/reliability.md) — dropping their folder would make Argo CD or Flux prune them.
 */
export async function writeRendered(store: BranchStore, branch: string, plan: RenderedPlan, opts: BranchWriteOptions, keptClusters: readonly string[] = []): Promise<BranchWriteResult> {
  const { revision } = plan;
  const files = renderedFiles(plan.works, plan.clusters);
  const desired = toDesired(files);
  const clusters = new Set([...files.keys()].map((p) => p.split('/')[1])).size;
  return commitToBranch(store, branch, (tip) => {
    const kept = keptClusters.map((c) => `${renderedRoot}/${safeSegment(c)}/`);
    const changes = fileChanges(tip.files, desired, (p) => p.startsWith(`${renderedRoot}/`) && !kept.some((k) => p.startsWith(k)));
    // One commit per source revision; a second only when the same revision renders differently
    // (a failover moved replicas), so Argo CD and Flux follow failovers too.
    const recorded = tip.message !== undefined && trailerValue(tip.message, sourceTrailer) === revision;
    if (recorded && changes.length === 0) return { kind: 'none' };
    return { kind: 'commit', changes, message: renderedCommitMessage(revision, clusters, files.size), allowEmpty: !recorded };
  }, opts);
}
