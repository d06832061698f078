/**
 * Rescheduling a binding the taint manager evicted, as the controller's next plan does
 * (plan-fleet.ts scheduleTemplates): Karmada's scheduling triggers first, then the same scheduler
 * over the tainted inventory, with the remaining clusters as the previous placement and the
 * evicted ones as eviction tasks. A failed schedule leaves the binding where it was, unless no
 * cluster fits (NoClusterFit), which clears it as Karmada's scheduler does (scheduled-clusters.ts).
 */
import { resourceKey, type TargetCluster } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import { scheduleTrigger } from '../plan/schedule-trigger.ts';
import { clustersAfterSchedule, type ScheduleResult, type Scheduler } from '../scheduler/index.ts';
import type { EvictionBinding } from '../status/index.ts';

/** The schedule after eviction and the clusters the binding ends up with. */
export interface Rescheduled {
  readonly result: ScheduleResult;
  readonly clusters: readonly TargetCluster[];
}

/** Reschedules `binding` whose eviction left `evicted`; `clusterExists` answers for the whole inventory. */
export function reschedule(
  scheduler: Scheduler,
  binding: Binding,
  evicted: EvictionBinding,
  clusterExists: (name: string) => boolean,
): Rescheduled {
  const { spec } = binding;
  const placement = spec.placement ?? {};
  const replicas = spec.replicas ?? 0;
  const requirements = spec.replicaRequirements;
  const isWorkload = replicas > 0 || requirements !== undefined;
  const previous = evicted.clusters;
  const trigger = scheduleTrigger({
    placement,
    applied: spec.placement,
    previous,
    replicas,
    isWorkload,
    clusterExists,
    ...(binding.status.conditions.some((c) => c.type === 'Scheduled' && c.status === 'False')
      ? { unscheduled: true }
      : {}),
    ...(binding.status.schedulerObservingAffinityName
      ? { observedAffinityName: binding.status.schedulerObservingAffinityName }
      : {}),
  });
  if (trigger.kind === 'keep')
    return {
      result: { kind: 'Scheduled', clusters: trigger.clusters, explanation: { attempts: [], kept: trigger.reason } },
      clusters: trigger.clusters,
    };
  const tasks = evicted.gracefulEvictionTasks ?? [];
  const result = scheduler.schedule({
    resource: spec.resource,
    placement,
    replicas,
    ...(requirements ? { requirements } : {}),
    ...(previous.length ? { previous } : {}),
    ...(tasks.length ? { evictingClusters: tasks.map((t) => t.fromCluster) } : {}),
    ...(binding.status.schedulerObservingAffinityName
      ? { observedAffinityName: binding.status.schedulerObservingAffinityName }
      : {}),
  });
  return { result, clusters: clustersAfterSchedule(result, previous) };
}

/** The binding as the taint manager reads it (eviction-task.ts EvictionBinding), keyed by ResourceKey. */
export function evictionBindingOf(b: Binding): EvictionBinding {
  return {
    key: resourceKey(b.spec.resource),
    ...(b.spec.placement ? { placement: b.spec.placement } : {}),
    ...(b.spec.failover ? { failover: b.spec.failover } : {}),
    clusters: b.spec.clusters,
    ...(b.spec.gracefulEvictionTasks ? { gracefulEvictionTasks: b.spec.gracefulEvictionTasks } : {}),
  };
}
