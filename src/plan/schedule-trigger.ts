/**
 * Whether a binding with a previous schedule is scheduled again (Karmada pkg/scheduler/scheduler.go
 * doScheduleBinding): when the policy's placement changed since the schedule was made, when the
 * replicas no longer add up (scaling, or a cluster taken away by an eviction), when a scheduled
 * cluster is gone, and always for Duplicated and non-workload bindings. A Divided workload whose
 * placement and replicas are unchanged keeps its clusters: Karmada does not reschedule it when
 * clusters change, so a recovered cluster does not pull replicas back and a purged eviction task
 * does not send them back to the cluster they were evicted from.
 */
import { canonicalJson, type Placement, type TargetCluster } from '../api/index.ts';

/** What the trigger compares. */
export interface TriggerInput {
  readonly placement: Placement;
  /** The placement the previous schedule was made with (Karmada's applied-placement annotation). */
  readonly applied: Placement | undefined;
  readonly previous: readonly TargetCluster[] | undefined;
  readonly replicas: number;
  readonly isWorkload: boolean;
  readonly clusterExists: (name: string) => boolean;
  /**
   * The previous schedule failed (its Scheduled condition is False). Karmada then patched neither the
   * clusters (but for NoClusterFit) nor the applied-placement annotation, so whatever triggered that
   * schedule still holds and the binding is scheduled again; flotilla records the placement on every
   * binding, so it keeps the failure instead.
   */
  readonly unscheduled?: boolean;
  /** The clusterAffinities term the previous schedule used (Karmada `status.schedulerObservingAffinityName`). */
  readonly observedAffinityName?: string;
}

/** Why the binding is scheduled, or `keep` with the reason the previous schedule stands. */
export type TriggerVerdict =
  | { readonly kind: 'schedule' }
  | { readonly kind: 'keep'; readonly clusters: readonly TargetCluster[]; readonly reason: string };

const schedule: TriggerVerdict = { kind: 'schedule' };

/** Karmada's scheduling triggers, in its order (placement changed, replicas changed, duplicated, deleted clusters). */
export function scheduleTrigger(t: TriggerInput): TriggerVerdict {
  if (t.unscheduled || t.applied === undefined || t.previous === undefined || t.previous.length === 0) return schedule;
  if (placementChanged(t.placement, t.applied, t.observedAffinityName)) return schedule;
  // Placement.ReplicaSchedulingType: no replicaScheduling block is Duplicated.
  const type =
    t.placement.replicaScheduling === undefined
      ? 'Duplicated'
      : (t.placement.replicaScheduling.replicaSchedulingType ?? 'Divided');
  if (type === 'Duplicated' || !t.isWorkload) return schedule;
  const sum = t.previous.reduce((n, c) => n + (c.replicas ?? 0), 0);
  if (sum !== t.replicas) return schedule;
  if (t.previous.some((c) => !t.clusterExists(c.name))) return schedule;
  return {
    kind: 'keep',
    clusters: t.previous,
    reason:
      'placement and replicas unchanged since the last schedule: a Divided workload is not rescheduled on cluster changes (Karmada doScheduleBinding)',
  };
}

/**
 * Karmada scheduler/helper.go placementChanged: an identical placement has not changed; a change of
 * clusterAffinity, clusterTolerations, spreadConstraints or replicaScheduling has; otherwise only the
 * clusterAffinities term the binding was scheduled with counts (any change when none is observed, or
 * when that term is missing from either placement). Adding, changing or removing another term is no change.
 */
export function placementChanged(placement: Placement, applied: Placement, observed: string | undefined): boolean {
  if (canonicalJson(placement) === canonicalJson(applied)) return false;
  for (const field of ['clusterAffinity', 'clusterTolerations', 'spreadConstraints', 'replicaScheduling'] as const)
    if (canonicalJson(placement[field] ?? null) !== canonicalJson(applied[field] ?? null)) return true;
  if (!observed) return true;
  const term = placement.clusterAffinities?.find((a) => a.affinityName === observed);
  const appliedTerm = applied.clusterAffinities?.find((a) => a.affinityName === observed);
  if (term === undefined || appliedTerm === undefined) return true;
  return canonicalJson(term) !== canonicalJson(appliedTerm);
}
