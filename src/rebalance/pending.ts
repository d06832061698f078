/**
 * Which workloads a revision's WorkloadRebalancers still have to reschedule, after Karmada's
 * RebalancerController (pkg/controllers/workloadrebalancer/workloadrebalancer_controller.go):
 * syncWorkloadsFromSpecToStatus lists every workload of the spec, keeping the recorded outcome of
 * those that have one; triggerReschedule then acts only on workloads without a result, so each
 * workload of a rebalancer is rescheduled exactly once (a Failed one is not retried either).
 * Karmada marks the binding (`rescheduleTriggeredAt`) and the scheduler runs a Fresh assignment;
 * here the plan does the Fresh schedule for the keys this returns.
 */
import {
  compareStrings,
  resourceKey,
  type Loaded,
  type RebalanceWorkloadRef,
  type ResourceKey,
  type WorkloadRebalancer,
  type WorkloadRebalancerStatus,
} from '../api/index.ts';

/** What the status branch recorded for each rebalancer, by name. */
export type RebalanceRecords = ReadonlyMap<string, WorkloadRebalancerStatus>;

/** The key of the template a rebalancer's workload reference names (an empty namespace is cluster-scoped). */
export function workloadKey(ref: RebalanceWorkloadRef): ResourceKey {
  return resourceKey({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
  });
}

/** True when the record already holds an outcome for this workload (Karmada skips it). */
export function hasOutcome(record: WorkloadRebalancerStatus | undefined, ref: RebalanceWorkloadRef): boolean {
  const key = workloadKey(ref);
  return (record?.observedWorkloads ?? []).some((o) => o.result !== undefined && workloadKey(o.workload) === key);
}

/**
 * Workload key → the rebalancer that reschedules it in this plan, for every workload without a
 * recorded outcome. Rebalancers are visited by name, so two naming one workload resolve alike (D3).
 */
export function pendingRebalance(
  rebalancers: readonly Loaded<WorkloadRebalancer>[],
  records: RebalanceRecords,
): ReadonlyMap<ResourceKey, string> {
  const out = new Map<ResourceKey, string>();
  const byName = rebalancers.toSorted((a, b) =>
    compareStrings(a.object.metadata.name ?? '', b.object.metadata.name ?? ''),
  );
  for (const r of byName) {
    const name = r.object.metadata.name ?? '';
    for (const ref of r.object.spec.workloads) {
      const key = workloadKey(ref);
      if (!hasOutcome(records.get(name), ref) && !out.has(key)) out.set(key, name);
    }
  }
  return out;
}
