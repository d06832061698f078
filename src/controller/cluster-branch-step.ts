/**
 * The per-cluster rendered branches of a reconcile or a controller pass (opt-in:
 * `--rendered-cluster-branches` or flotilla.yaml `renderedClusterBranches: true`), published
 * right after the rendered branch they mirror, and logged: what moved, what was skipped and why.
 * A branch the remote keeps rejecting is logged as an error and left to the next pass.
 */
import { writeClusterBranches, type BranchWriteOptions, type ClusterBranchesResult } from '../writeback/index.ts';
import { GitPushRejected } from '../git/index.ts';
import { describeError, type ReconcileContext, type ReconcileState } from './reconcile.ts';
import { InternalError } from '../api/index.ts';

/** Publishes the cluster branches of `clusters` when they are enabled (undefined when not). */
export async function publishClusterBranches(
  ctx: ReconcileContext,
  state: ReconcileState,
  clusters: readonly string[],
  options: BranchWriteOptions,
): Promise<ClusterBranchesResult | undefined> {
  if (state.clusterBranches !== true) return undefined;
  const { renderedBranch, statusBranch } = state;
  if (renderedBranch === undefined || statusBranch === undefined)
    throw new InternalError('the cluster branches were published before the settings step named the branches');
  const result = await writeClusterBranches(
    ctx.target,
    { renderedBranch, clusters, reserved: [ctx.source.branch, statusBranch, renderedBranch] },
    options,
  ).catch((err: unknown) => {
    // A branch the remote keeps refusing (a protected branch, a hook) must not hold up the status
    // branch: the others moved, and every later pass tries it again. An outage still fails the step.
    if (!(err instanceof GitPushRejected)) throw err;
    ctx.log({
      level: 'error',
      msg: 'cluster branches not all published: the remote kept refusing some; a later pass tries again',
      reason: 'PushRejected',
      renderedBranch,
      error: describeError(err),
    });
    return undefined;
  });
  if (result === undefined) return undefined;
  for (const s of result.skipped)
    ctx.log({
      level: 'warn',
      msg: 'cluster branch not published',
      reason: s.reason,
      cluster: s.cluster,
      branch: s.branch,
    });
  for (const k of result.kept)
    ctx.log({
      level: 'warn',
      msg: 'cluster branch of a cluster no longer in the inventory kept as it was; delete it by hand once the cluster is cleaned up',
      cluster: k.cluster,
      branch: k.branch,
    });
  if (result.moved.length > 0)
    ctx.log({
      msg: 'cluster branches published',
      renderedBranch,
      moved: result.moved.length,
      branches: result.moved
        .slice(0, 5)
        .map((m) => m.branch)
        .join(','),
    });
  // Nothing is kept for them: the next pass compares every branch with its folder again. The
  // rendered branch's own write already logged the outage and backs the remote off.
  if (result.deferred.branches.length > 0)
    ctx.log({
      level: 'warn',
      msg: 'cluster branches left for a later pass: the git remote is unreachable',
      renderedBranch,
      deferred: result.deferred.branches.length,
    });
  return result;
}
