/** Per cluster, which revision's manifests of a strategy's templates are in force (docs/rollouts.md "In force"). */
import type { RevisionContent, RolloutState } from './state.ts';

/**
 * `Target`: the newest revision's; `Baseline`: the last fully rolled-out revision's; `Current`: an
 * intermediate revision the cluster already runs (a newer revision restarted the rollout); `None`:
 * nothing of the strategy's templates is applied there yet.
 */
export type InForceSource = 'Baseline' | 'Target' | 'Current' | 'None';

/** One cluster's manifests in force. */
export interface InForce {
  readonly cluster: string;
  readonly source: InForceSource;
  /** The revision whose manifests are in force (undefined for None). */
  readonly revision: string | undefined;
  /** True for a failover target: its replica count is the newest plan's, whatever the source (failover is never blocked). */
  readonly replicasFromTarget: boolean;
}

/**
 * The manifests in force per cluster of the scope, sorted by cluster (the scope comes sorted). A
 * failover target with nothing in force gets the target: availability comes before staging.
 */
export function inForceOf(
  state: RolloutState,
  baseline: RevisionContent | undefined,
  scope: readonly string[],
  failoverTargets: readonly string[],
): InForce[] {
  return scope.map((cluster): InForce => {
    const failover = failoverTargets.includes(cluster);
    const rec = state.clusters.find((c) => c.name === cluster);
    let revision = rec?.revision ?? (baseline?.contents[cluster] !== undefined ? baseline.revision : undefined);
    if (state.phase === 'Done') revision = state.target.revision;
    if (revision === undefined && failover) revision = state.target.revision;
    const source: InForceSource =
      revision === undefined
        ? 'None'
        : revision === state.target.revision
          ? 'Target'
          : revision === state.baselineRevision
            ? 'Baseline'
            : 'Current';
    return { cluster, source, revision, replicasFromTarget: failover && source !== 'Target' };
  });
}
