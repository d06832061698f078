/**
 * Which (binding, cluster) pairs the NoExecute taints evict, as Karmada's taint manager decides
 * (pkg/controllers/cluster/taint_manager.go needEviction, pkg/util/helper/taint.go
 * GetMatchingTolerations and GetMinTolerationTimeWithCurrentTime).
 */
import type { Taint, Toleration } from '../api/index.ts';
import { compareStrings } from '../api/index.ts';
import { formatTaint, tolerates } from '../scheduler/filters/index.ts';
import type { EvictDecision } from './decision.ts';
import type { EvictionBinding, EvictionSettings, GracefulEvictionTask } from './eviction-task.ts';
import { clusterPurgeMode, taintEvictionTask } from './eviction-task.ts';
import { compareTaints } from './cluster-health.ts';
import { addSeconds, instant } from './time.ts';

/** A cluster and all its taints (from git and from flotilla's controller). */
export interface TaintedCluster {
  readonly name: string;
  readonly taints: readonly Taint[];
}

/** Why a pair is evicted: a NoExecute taint no toleration matches, or a toleration that ran out. */
export type EvictionCause =
  | { readonly kind: 'untolerated'; readonly taint: Taint }
  | { readonly kind: 'expired'; readonly taint: Taint; readonly tolerationSeconds: number; readonly deadline: string }
  | { readonly kind: 'application-unhealthy'; readonly since: string; readonly tolerationSeconds: number };

/** The verdict for one binding on one NoExecute-tainted cluster it is scheduled to. */
export type EvictionVerdict =
  | {
      readonly kind: 'evict';
      readonly binding: string;
      readonly cluster: string;
      readonly cause: EvictionCause;
      readonly task: GracefulEvictionTask;
    }
  | {
      readonly kind: 'tolerate';
      readonly binding: string;
      readonly cluster: string;
      readonly until: string;
      readonly taint: Taint;
      readonly tolerationSeconds: number;
    }
  | {
      readonly kind: 'tolerate-forever';
      readonly binding: string;
      readonly cluster: string;
      readonly taints: readonly Taint[];
    };

/**
 * Verdicts for every binding on every cluster of its schedule that has NoExecute taints, sorted
 * by binding then cluster. Clusters without NoExecute taints get no verdict (nothing to decide).
 * Worked example: taint not-ready:NoExecute added 10:00:00, toleration {key not-ready,
 * Exists, NoExecute, 300s}: at 10:04:00 → tolerate until 10:05:00; at 10:05:00 → evict.
 */
export function decideEvictions(
  bindings: readonly EvictionBinding[],
  clusters: readonly TaintedCluster[],
  now: string,
  s: EvictionSettings,
): EvictionVerdict[] {
  // Karmada taint_manager.go: with eviction disabled, NoExecute taints are ignored altogether.
  if (!s.enableNoExecuteTaintEviction) return [];
  const byName = new Map(clusters.map((c) => [c.name, c] as const));
  const out: EvictionVerdict[] = [];
  for (const b of bindings.toSorted((x, y) => compareStrings(x.key, y.key))) {
    for (const target of b.clusters.toSorted((x, y) => compareStrings(x.name, y.name))) {
      // Sorted so the reported taint never depends on the order taints were written (D3).
      const noExecute = (byName.get(target.name)?.taints ?? [])
        .filter((t) => t.effect === 'NoExecute')
        .toSorted(compareTaints);
      if (noExecute.length === 0) continue;
      const v = tolerationVerdict(noExecute, b.placement?.clusterTolerations ?? [], now);
      if (v.kind === 'tolerate')
        out.push({
          kind: 'tolerate',
          binding: b.key,
          cluster: target.name,
          until: v.until,
          taint: v.taint,
          tolerationSeconds: v.tolerationSeconds,
        });
      else if (v.kind === 'tolerate-forever')
        out.push({ kind: 'tolerate-forever', binding: b.key, cluster: target.name, taints: noExecute });
      else {
        const task = taintEvictionTask(
          target,
          { purgeMode: clusterPurgeMode(b.failover, s), message: causeMessage(target.name, v.cause) },
          now,
          s,
        );
        out.push({ kind: 'evict', binding: b.key, cluster: target.name, cause: v.cause, task });
      }
    }
  }
  return out;
}

type TolerationOutcome =
  | { kind: 'evict'; cause: Exclude<EvictionCause, { kind: 'application-unhealthy' }> }
  | { kind: 'tolerate'; until: string; taint: Taint; tolerationSeconds: number }
  | { kind: 'tolerate-forever' };

/**
 * Karmada: every taint needs a matching toleration (the first that matches is the one "used");
 * the deadline is the earliest timeAdded + tolerationSeconds over the used tolerations that have
 * seconds and every taint each tolerates; a deadline at or before `now` evicts. A taint without
 * timeAdded cannot start a clock (Karmada skips it).
 */
function tolerationVerdict(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  now: string,
): TolerationOutcome {
  const used: Toleration[] = [];
  for (const t of taints) {
    const match = tolerations.find((tol) => tolerates(tol, t));
    if (match === undefined) return { kind: 'evict', cause: { kind: 'untolerated', taint: t } };
    used.push(match);
  }
  let earliest: { at: number; until: string; taint: Taint; seconds: number } | undefined;
  for (const tol of used) {
    if (tol.tolerationSeconds === undefined) continue;
    for (const t of taints) {
      if (t.timeAdded === undefined || !tolerates(tol, t)) continue;
      // As written, a negative value included (Karmada adds it to timeAdded unclamped).
      const until = addSeconds(t.timeAdded, tol.tolerationSeconds);
      const at = instant(until);
      if (earliest === undefined || at < earliest.at)
        earliest = { at, until, taint: t, seconds: tol.tolerationSeconds };
    }
  }
  if (earliest === undefined) return { kind: 'tolerate-forever' };
  if (earliest.at <= instant(now))
    return {
      kind: 'evict',
      cause: { kind: 'expired', taint: earliest.taint, tolerationSeconds: earliest.seconds, deadline: earliest.until },
    };
  return { kind: 'tolerate', until: earliest.until, taint: earliest.taint, tolerationSeconds: earliest.seconds };
}

/** When the cause began: the taint's timeAdded, or when the workload turned unhealthy. */
function causeTime(c: EvictionCause): string[] {
  if (c.kind === 'application-unhealthy') return [c.since];
  return c.taint.timeAdded ? [c.taint.timeAdded] : [];
}

function causeMessage(cluster: string, c: Exclude<EvictionCause, { kind: 'application-unhealthy' }>): string {
  const added = c.taint.timeAdded ? ` (added ${c.taint.timeAdded})` : '';
  if (c.kind === 'untolerated')
    return `cluster ${cluster} has taint ${formatTaint(c.taint)}${added}, which the placement does not tolerate`;
  return `cluster ${cluster} has taint ${formatTaint(c.taint)}${added}, tolerated for ${c.tolerationSeconds}s until ${c.deadline}`;
}

/**
 * A binding after Karmada's GracefulEvictCluster for each of its evict verdicts: the cluster
 * leaves `clusters`, and a task is appended unless one for that cluster already exists.
 */
export function applyEvictions(b: EvictionBinding, verdicts: readonly EvictionVerdict[]): EvictionBinding {
  const evicts = verdicts.filter((v) => v.kind === 'evict' && v.binding === b.key);
  if (evicts.length === 0) return b;
  const gone = new Set(evicts.map((v) => v.cluster));
  const existing = b.gracefulEvictionTasks ?? [];
  const added = evicts.flatMap((v) =>
    v.kind === 'evict' && !existing.some((t) => t.fromCluster === v.cluster) ? [v.task] : [],
  );
  return {
    ...b,
    clusters: b.clusters.filter((c) => !gone.has(c.name)),
    gracefulEvictionTasks: [...existing, ...added],
  };
}

/** One `evict` decision per cluster with evictions, naming its bindings and the earliest taint time. */
export function evictDecisions(verdicts: readonly EvictionVerdict[]): EvictDecision[] {
  const byCluster = new Map<string, Extract<EvictionVerdict, { kind: 'evict' }>[]>();
  for (const v of verdicts) if (v.kind === 'evict') byCluster.set(v.cluster, [...(byCluster.get(v.cluster) ?? []), v]);
  return [...byCluster.keys()].toSorted(compareStrings).map((cluster) => {
    const vs = (byCluster.get(cluster) ?? []).toSorted((a, b) => compareStrings(a.binding, b.binding));
    const times = vs.flatMap((v) => causeTime(v.cause)).toSorted((a, b) => instant(a) - instant(b));
    return {
      kind: 'evict' as const,
      cluster,
      since: times[0] ?? vs[0]?.task.creationTimestamp ?? '',
      ...(vs.every((v) => v.cause.kind === 'application-unhealthy') ? { cause: 'application' as const } : {}),
      bindings: vs.map((v) => ({
        binding: v.binding,
        ...(v.task.replicas !== undefined ? { replicas: v.task.replicas } : {}),
        purgeMode: v.task.purgeMode ?? 'Gracefully',
        why: v.task.message ?? '',
      })),
    };
  });
}
