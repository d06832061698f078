/**
 * When a graceful-eviction task ends and the old copy on its `fromCluster` may be deleted, as
 * Karmada's graceful-eviction controller assesses it (pkg/controllers/gracefuleviction/
 * evictiontask.go assessEvictionTasks, nextRetry), plus DESIGN's "never make things worse" guard.
 */
import type { TargetCluster } from '../api/index.ts';
import { compareStrings } from '../api/index.ts';
import type { PurgeDecision } from './decision.ts';
import type { EvictionSettings, GracefulEvictionTask } from './eviction-task.ts';
import { addSeconds, instant, isAfter } from './time.ts';

/** The aggregated status of the workload on one cluster (Karmada AggregatedStatusItem, reduced). */
export interface ClusterWorkloadStatus {
  readonly cluster: string;
  readonly health: 'Healthy' | 'Unhealthy' | 'Unknown';
  /** Ready replicas there; absent for templates without replicas (then Healthy counts as one copy). */
  readonly readyReplicas?: number;
  /** When the workload was first seen Unhealthy there, in this unbroken run (application failover). */
  readonly unhealthySince?: string;
  /**
   * The member's object is not flotilla's, so its Work (conflictResolution Abort) leaves it alone:
   * Karmada's aggregatedStatus item `applied: false` with this `appliedMessage`.
   */
  readonly conflict?: string;
  /**
   * The binding's statePreservation rules applied to this copy's status as last observed
   * (state-preservation.ts): what an eviction from this cluster carries to the new one.
   */
  readonly preservedLabelState?: Readonly<Record<string, string>>;
}

/** One binding's eviction tasks with what is known of its new placement. */
export interface TaskAssessmentInput {
  readonly binding: string;
  readonly tasks: readonly GracefulEvictionTask[];
  /** The current schedule (the clusters replacing the evicted ones). */
  readonly clusters: readonly TargetCluster[];
  /** True once the schedule reflects the latest spec (Karmada: schedulerObservedGeneration == generation). */
  readonly scheduled: boolean;
  readonly statuses: readonly ClusterWorkloadStatus[];
}

/** Why a task stays. */
export type KeepReason = 'Stamped' | 'Suppressed' | 'AwaitingReplacement' | 'LastReadyCopy';
/** Why a task ends. */
export type PurgeReason = 'SuppressionLifted' | 'PurgeDirectly' | 'GracePeriodElapsed' | 'ReplacementHealthy';

/** The verdict on one task; `until` is when a kept task's grace period runs out (absent when suppressDeletion is set: a person decides). */
export type TaskVerdict =
  | { readonly kind: 'keep'; readonly task: GracefulEvictionTask; readonly reason: KeepReason; readonly until?: string }
  | { readonly kind: 'purge'; readonly task: GracefulEvictionTask; readonly reason: PurgeReason };

/** The tasks to keep (in input order, new ones stamped), every verdict, and when to look again. */
export interface TaskAssessment {
  readonly binding: string;
  readonly kept: readonly GracefulEvictionTask[];
  readonly verdicts: readonly TaskVerdict[];
  /** The earliest grace-period end of the kept tasks (Karmada nextRetry); absent when none runs out. */
  readonly nextCheck?: string;
}

/**
 * Assesses a binding's eviction tasks at `now`. Order of rules (Karmada assessSingleTask):
 * no creationTimestamp → stamp with `now` and keep; suppressDeletion true → keep, false → purge;
 * purge mode Directly → purge; past creationTimestamp + gracePeriodSeconds (default
 * `--graceful-eviction-timeout`) → purge; scheduled and every scheduled cluster Healthy → purge;
 * otherwise keep. Then the guard: a purge that would leave no ready copy while the old cluster
 * still has one is held (LastReadyCopy).
 * Worked timeline, grace 600s, task created 10:00:00, new cluster member2:
 *   10:03 member2 Unknown → keep until 10:10:00
 *   10:04 member2 Healthy → purge (ReplacementHealthy)
 *   (or, never healthy) 10:10:01 → purge (GracePeriodElapsed), unless member1 is the last ready copy
 */
export function assessEvictionTasks(input: TaskAssessmentInput, now: string, s: EvictionSettings): TaskAssessment {
  const first = input.tasks.map((t) => assessTask(t, input, now, s));
  const verdicts = guardLastReadyCopy(first, input, s);
  const kept = verdicts.flatMap((v) => (v.kind === 'keep' ? [v.task] : []));
  const deadlines = verdicts
    .flatMap((v) => (v.kind === 'keep' && v.until !== undefined ? [v.until] : []))
    .toSorted((a, b) => instant(a) - instant(b));
  return { binding: input.binding, kept, verdicts, ...(deadlines[0] !== undefined ? { nextCheck: deadlines[0] } : {}) };
}

function assessTask(
  task: GracefulEvictionTask,
  input: TaskAssessmentInput,
  now: string,
  s: EvictionSettings,
): TaskVerdict {
  if (task.creationTimestamp === undefined) {
    const stamped = { ...task, creationTimestamp: now };
    return { kind: 'keep', task: stamped, reason: 'Stamped', ...untilOf(stamped, s) };
  }
  if (task.suppressDeletion === true) return { kind: 'keep', task, reason: 'Suppressed' };
  // A person set suppressDeletion false: they confirmed the old copy may go (Karmada).
  if (task.suppressDeletion === false) return { kind: 'purge', task, reason: 'SuppressionLifted' };
  // flotilla differs: Karmada deletes a Directly task's Work at once but keeps the task record
  // until the replacement is healthy or the grace period ends; flotilla ends the task with its
  // copy, since the NoExecute taint already keeps the scheduler off that cluster.
  // A task carrying preserved state is the exception: its record is what the renderer injects the
  // state from (render/state-injection.ts), so it lasts as in Karmada; its copy is gone at once
  // all the same (the planner renders no copy for a Directly task).
  if (task.purgeMode === 'Directly' && !hasPreservedState(task))
    return { kind: 'purge', task, reason: 'PurgeDirectly' };
  const until = deadlineOf(task, s);
  if (isAfter(now, until)) return { kind: 'purge', task, reason: 'GracePeriodElapsed' };
  if (input.scheduled && replacementHealthy(input)) return { kind: 'purge', task, reason: 'ReplacementHealthy' };
  return { kind: 'keep', task, reason: 'AwaitingReplacement', until };
}

/** Karmada allScheduledResourceInHealthyState: every scheduled cluster reports Healthy. */
function replacementHealthy(input: TaskAssessmentInput): boolean {
  return input.clusters.every((c) => input.statuses.some((st) => st.cluster === c.name && st.health === 'Healthy'));
}

function deadlineOf(task: GracefulEvictionTask, s: EvictionSettings): string {
  return addSeconds(task.creationTimestamp ?? '', task.gracePeriodSeconds ?? s.gracefulEvictionTimeoutSeconds);
}

function untilOf(task: GracefulEvictionTask, s: EvictionSettings): { until?: string } {
  return task.suppressDeletion !== undefined ? {} : { until: deadlineOf(task, s) };
}

/**
 * flotilla differs (DESIGN principle 4, "failover never takes a workload to zero ready replicas
 * while a healthy cluster can hold them"): Karmada purges on the grace period alone. Purges are
 * checked one by one in cluster-name order; each must leave a ready copy somewhere (scheduled
 * clusters and the tasks still kept), or find none on its own cluster to lose. A person's
 * explicit confirmation (suppressDeletion false) is never held.
 */
function guardLastReadyCopy(
  verdicts: readonly TaskVerdict[],
  input: TaskAssessmentInput,
  s: EvictionSettings,
): TaskVerdict[] {
  const ready = (cluster: string): number => {
    const st = input.statuses.find((x) => x.cluster === cluster);
    if (st === undefined) return 0;
    return st.readyReplicas ?? (st.health === 'Healthy' ? 1 : 0);
  };
  const holding = new Set([...input.clusters.map((c) => c.name), ...input.tasks.map((t) => t.fromCluster)]);
  const out = [...verdicts];
  const order = out
    .map((v, i) => ({ v, i }))
    .filter((x) => x.v.kind === 'purge')
    .toSorted((a, b) => compareStrings(a.v.task.fromCluster, b.v.task.fromCluster));
  for (const { v, i } of order) {
    const from = v.task.fromCluster;
    const others = [...holding].filter((c) => c !== from).reduce((n, c) => n + ready(c), 0);
    if (others === 0 && ready(from) > 0 && v.reason !== 'SuppressionLifted') {
      out[i] = { kind: 'keep', task: v.task, reason: 'LastReadyCopy', ...untilOf(v.task, s) };
      continue;
    }
    holding.delete(from);
  }
  return out;
}

/** One `purge` decision per evicted cluster, naming the bindings and why, since the earliest task. */
export function purgeDecisions(assessments: readonly TaskAssessment[]): PurgeDecision[] {
  const byCluster = new Map<string, { binding: string; why: string; created: string }[]>();
  for (const a of assessments) {
    for (const v of a.verdicts) {
      if (v.kind !== 'purge') continue;
      const list = byCluster.get(v.task.fromCluster) ?? [];
      list.push({ binding: a.binding, why: purgeWhy(v.reason, v.task), created: v.task.creationTimestamp ?? '' });
      byCluster.set(v.task.fromCluster, list);
    }
  }
  return [...byCluster.keys()].toSorted(compareStrings).map((cluster) => {
    const items = (byCluster.get(cluster) ?? []).toSorted((a, b) => compareStrings(a.binding, b.binding));
    const since =
      items
        .map((x) => x.created)
        .filter((x) => x !== '')
        .toSorted((a, b) => instant(a) - instant(b))[0] ?? '';
    return { kind: 'purge' as const, cluster, since, bindings: items.map(({ binding, why }) => ({ binding, why })) };
  });
}

function purgeWhy(reason: PurgeReason, task: GracefulEvictionTask): string {
  switch (reason) {
    case 'ReplacementHealthy':
      return 'the workload is healthy on every cluster it moved to';
    case 'GracePeriodElapsed':
      return `the grace period of the eviction created ${task.creationTimestamp ?? '?'} ran out before the replacement became healthy`;
    case 'PurgeDirectly':
      return 'purge mode Directly: the old copy is removed at once';
    case 'SuppressionLifted':
      return 'suppressDeletion was set to false: deletion confirmed';
  }
}

/** True for a task that carries state preserved from its evicted copy (state-preservation.ts). */
function hasPreservedState(task: GracefulEvictionTask): boolean {
  return task.preservedLabelState !== undefined && Object.keys(task.preservedLabelState).length > 0;
}
