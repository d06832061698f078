/**
 * The descheduler's decision (Karmada pkg/descheduler): for each binding it may act on
 * (core/filter.go FilterBindings: an apps/v1 Deployment whose applied placement is dynamically
 * divided, helper.IsReplicaDynamicDivided), the clusters whose ready replicas are below their
 * assignment (core/helper.go GetUndesiredClusters) lose the replicas observed unschedulable there
 * for longer than the threshold (FillUnschedulableReplicas; an unknown count is 0), never below
 * the ready replicas (descheduler.go updateScheduleResult). The reduced assignment no longer adds
 * up to the workload's replicas, so the scheduler's next schedule (src/plan/schedule-trigger.ts,
 * Steady scale-up) places the difference on clusters with room. Pure: the shell observes the
 * Pending pods (src/cluster/unschedulable-pods.ts) and commits the decision.
 */
import { compareStrings, type Placement, type ResourceKey, type TargetCluster } from '../api/index.ts';

/** What the descheduler reads of one binding. */
export interface DeschedulableBinding {
  readonly key: ResourceKey;
  readonly apiVersion: string;
  readonly kind: string;
  /** The placement the current schedule was made with (Karmada's applied-placement annotation). */
  readonly placement: Placement | undefined;
  readonly clusters: readonly TargetCluster[];
  /** Ready replicas per cluster (Karmada aggregatedStatus readyReplicas); a missing cluster is unknown. */
  readonly ready: ReadonlyMap<string, number>;
}

/** One cluster's reduction. */
export interface DescheduledCluster {
  readonly cluster: string;
  readonly from: number;
  readonly to: number;
}

/** A binding's new assignment and what was taken off which cluster. */
export interface DescheduleDecision {
  readonly key: ResourceKey;
  readonly clusters: readonly TargetCluster[];
  readonly reduced: readonly DescheduledCluster[];
}

/** Karmada core/filter.go supportedGVKs and validatePlacement. */
export function isDeschedulable(b: Pick<DeschedulableBinding, 'apiVersion' | 'kind' | 'placement'>): boolean {
  if (b.apiVersion !== 'apps/v1' || b.kind !== 'Deployment' || b.placement === undefined) return false;
  const rs = b.placement.replicaScheduling;
  if ((rs?.replicaSchedulingType ?? 'Divided') !== 'Divided') return false;
  if (rs?.replicaDivisionPreference === 'Aggregated') return true;
  return rs?.replicaDivisionPreference === 'Weighted' && (rs.weightPreference?.dynamicWeight ?? '') !== '';
}

/**
 * The descheduling decisions, sorted by key. `unschedulable(key, cluster)` is the number of the
 * workload's pods on the cluster Pending as Unschedulable for longer than the threshold, or
 * undefined when the member could not say (Karmada's UnauthenticReplica: no reduction).
 */
export function decideDescheduling(
  bindings: readonly DeschedulableBinding[],
  unschedulable: (key: ResourceKey, cluster: string) => number | undefined,
): DescheduleDecision[] {
  const out: DescheduleDecision[] = [];
  for (const b of bindings.toSorted((x, y) => compareStrings(x.key, y.key))) {
    if (!isDeschedulable(b)) continue;
    const reduced: DescheduledCluster[] = [];
    const clusters = b.clusters.map((c): TargetCluster => {
      const spec = c.replicas ?? 0;
      const ready = b.ready.get(c.name);
      // GetUndesiredClusters: ready below the assignment (an unknown ready count is Karmada's UnauthenticReplica, -1).
      if (ready !== undefined && ready >= spec) return c;
      const n = unschedulable(b.key, c.name) ?? 0;
      if (n <= 0 || spec < n) return c;
      let target = spec - n;
      if (ready !== undefined && target < ready && ready <= spec) target = ready;
      if (target === spec) return c;
      reduced.push({ cluster: c.name, from: spec, to: target });
      return { name: c.name, replicas: target };
    });
    if (reduced.length) out.push({ key: b.key, clusters, reduced });
  }
  return out;
}
