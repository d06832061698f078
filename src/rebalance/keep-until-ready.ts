/**
 * Never to zero (DESIGN principle 4): a cluster a Fresh reschedule takes off a workload keeps its
 * replicas as a Gracefully graceful-eviction task, the shape failover uses (src/status/eviction*.ts),
 * so its Work stays rendered until the replacement is healthy (src/status/purge.ts, which also
 * keeps the last ready copy) or the grace period ends. Karmada's scheduler drops the cluster at
 * once; flotilla keeps this guard for rebalancing and descheduling alike.
 */
import { compareStrings, type GracefulEvictionTask, type TargetCluster } from '../api/index.ts';

/** The reason and producer names on the tasks rebalancing and descheduling create. */
export const rebalanceTaskReason = 'WorkloadRebalance';
export const rebalanceTaskProducer = 'WorkloadRebalancer';
export const deschedulerTaskProducer = 'Descheduler';

/**
 * The binding's tasks after a reschedule from `before` to `after`: one task per cluster that left
 * the schedule (with the replicas it held), unless a task for it exists. Sorted by cluster.
 */
export function keepRemovedClusters(
  before: readonly TargetCluster[] | undefined,
  after: readonly TargetCluster[],
  existing: readonly GracefulEvictionTask[] | undefined,
  why: { readonly producer: string; readonly message: string; readonly now: string | undefined },
): readonly GracefulEvictionTask[] | undefined {
  const placed = new Set(after.map((c) => c.name));
  const held = new Set((existing ?? []).map((t) => t.fromCluster));
  const added = (before ?? [])
    .filter((c) => !placed.has(c.name) && !held.has(c.name) && (c.replicas ?? 0) > 0)
    .map(
      (c): GracefulEvictionTask => ({
        fromCluster: c.name,
        purgeMode: 'Gracefully',
        replicas: c.replicas ?? 0,
        reason: rebalanceTaskReason,
        message: why.message,
        producer: why.producer,
        ...(why.now !== undefined ? { creationTimestamp: why.now } : {}),
      }),
    );
  if (added.length === 0) return existing;
  return [...(existing ?? []), ...added].sort((a, b) => compareStrings(a.fromCluster, b.fromCluster));
}
