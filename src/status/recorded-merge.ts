/**
 * Making a pass's failover state and decisions idempotent against what the status branch already
 * records (pure). Two controllers that both decide (no leader election, a handover, a retry after
 * a rejected push) each commit on the tip they find; this rule makes the second commit add only
 * what is new:
 * - a time the branch already records for the same thing wins over ours (a controller taint's
 *   timeAdded, a cluster's registeredAt, its Ready transition and streak start while the status
 *   is the same, an eviction task's creationTimestamp, a workload's unhealthySince): recorded
 *   times never move, so a toleration or graceful-eviction timeout never restarts;
 * - a decision whose effect the branch already shows is dropped (failover: the taints are there;
 *   recover: they are gone; evict: the task from that cluster is there; purge: it is gone).
 */
import type { Condition, GracefulEvictionTask, Taint } from '../api/index.ts';
import type { ClusterHealthState } from './cluster-health.ts';
import type { Decision } from './decision.ts';
import type { FailoverBinding } from './failover.ts';
import type { ClusterWorkloadStatus } from './purge.ts';

/** What the status branch records, as the failover pass reads it. */
export interface RecordedState {
  readonly clusters: readonly ClusterHealthState[];
  readonly bindings: readonly FailoverBinding[];
}

/** A cluster state with every time the branch already records for the same thing taken from it. */
export function keepRecordedClusterTimes(
  ours: ClusterHealthState,
  recorded: ClusterHealthState | undefined,
): ClusterHealthState {
  if (!recorded) return ours;
  const taints = ours.taints.map((t) => withRecordedTaintTime(t, recorded.taints));
  const ready = ours.ready && recorded.ready ? withRecordedTransition(ours.ready, recorded.ready) : ours.ready;
  const streak = ours.streak && recorded.streak?.status === ours.streak.status ? recorded.streak : ours.streak;
  return {
    ...ours,
    registeredAt: recorded.registeredAt,
    ...(ready ? { ready } : {}),
    ...(streak ? { streak } : {}),
    taints,
  };
}

/** Eviction tasks with the recorded creationTimestamp of a task from the same cluster. */
export function keepRecordedTaskTimes(
  ours: readonly GracefulEvictionTask[],
  recorded: readonly GracefulEvictionTask[] | undefined,
): GracefulEvictionTask[] {
  return ours.map((t) => {
    const r = recorded?.find((x) => x.fromCluster === t.fromCluster);
    return r?.creationTimestamp !== undefined ? { ...t, creationTimestamp: r.creationTimestamp } : t;
  });
}

/** Workload statuses with the recorded unhealthySince of a workload still unhealthy on the same cluster. */
export function keepRecordedUnhealthySince(
  ours: readonly ClusterWorkloadStatus[],
  recorded: readonly ClusterWorkloadStatus[] | undefined,
): ClusterWorkloadStatus[] {
  return ours.map((s) => {
    const r = recorded?.find((x) => x.cluster === s.cluster);
    return s.unhealthySince !== undefined && r?.unhealthySince !== undefined
      ? { ...s, unhealthySince: r.unhealthySince }
      : s;
  });
}

/** The decisions the branch does not record yet, each reduced to its new part (sorted as given). */
export function unrecordedDecisions(
  decisions: readonly Decision[],
  recorded: RecordedState,
): { readonly kept: Decision[]; readonly duplicates: Decision[] } {
  const clusters = new Map(recorded.clusters.map((c) => [c.cluster, c] as const));
  const bindings = new Map(recorded.bindings.map((b) => [b.key, b] as const));
  const hasTask = (binding: string, cluster: string) =>
    (bindings.get(binding)?.gracefulEvictionTasks ?? []).some((t) => t.fromCluster === cluster);
  const kept: Decision[] = [];
  const duplicates: Decision[] = [];
  for (const d of decisions) {
    const next = unrecordedPart(d, clusters.get(d.cluster), hasTask);
    if (next) kept.push(next);
    if (next !== d) duplicates.push(d);
  }
  return { kept, duplicates };
}

function unrecordedPart(
  d: Decision,
  cluster: ClusterHealthState | undefined,
  hasTask: (binding: string, cluster: string) => boolean,
): Decision | undefined {
  switch (d.kind) {
    case 'failover':
      return cluster &&
        d.taintsAdded.every((t) => hasTaint(cluster.taints, t)) &&
        !d.taintsRemoved.some((t) => hasTaint(cluster.taints, t))
        ? undefined
        : d;
    case 'recover':
      return cluster && !d.taintsRemoved.some((t) => hasTaint(cluster.taints, t)) ? undefined : d;
    case 'evict': {
      const left = d.bindings.filter((b) => !hasTask(b.binding, d.cluster));
      return left.length === 0 ? undefined : left.length === d.bindings.length ? d : { ...d, bindings: left };
    }
    case 'purge': {
      const left = d.bindings.filter((b) => hasTask(b.binding, d.cluster));
      return left.length === 0 ? undefined : left.length === d.bindings.length ? d : { ...d, bindings: left };
    }
  }
}

function hasTaint(list: readonly Taint[], t: Taint): boolean {
  return list.some((x) => x.key === t.key && x.effect === t.effect);
}

function withRecordedTaintTime(t: Taint, recorded: readonly Taint[]): Taint {
  const r = recorded.find((x) => x.key === t.key && x.effect === t.effect);
  return r?.timeAdded !== undefined ? { ...t, timeAdded: r.timeAdded } : t;
}

function withRecordedTransition(ours: Condition, recorded: Condition): Condition {
  return ours.status === recorded.status && recorded.lastTransitionTime !== undefined
    ? { ...ours, lastTransitionTime: recorded.lastTransitionTime }
    : ours;
}
