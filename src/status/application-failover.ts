/**
 * Application failover (Karmada pkg/controllers/applicationfailover, rb/crb_application_failover_controller.go
 * and common.go): a binding whose policy sets `failover.application` is evicted from a cluster
 * where its workload has been Unhealthy (InterpretHealth) for longer than
 * `decisionConditions.tolerationSeconds`, with the policy's purge mode and grace period; the
 * scheduler then avoids that cluster while the eviction task lasts.
 *
 * flotilla differs (DESIGN "Git is the database"): Karmada remembers when it first saw the
 * workload unhealthy in controller memory (lost on restart); flotilla keeps it in the binding's
 * status on the status branch (`unhealthySince`), so a restarted controller keeps counting.
 */
import { compareStrings } from '../api/index.ts';
import type { EvictionVerdict } from './eviction.ts';
import type { EvictionBinding, GracefulEvictionTask } from './eviction-task.ts';
import { normalizePurgeMode } from './eviction-task.ts';
import type { ClusterWorkloadStatus } from './purge.ts';
import { addSeconds, isAfter } from './time.ts';

/** Karmada EvictionReasonApplicationFailure. */
export const evictionReasonApplicationFailure = 'ApplicationFailure';
/** Karmada's producer names for application failover tasks (namespaced / cluster-scoped bindings). */
export const applicationFailoverProducers = {
  namespaced: 'resource-binding-application-failover-controller',
  clusterScoped: 'cluster-resource-binding-application-failover-controller',
} as const;

/** A binding as application failover reads it: eviction fields plus the members' observed health. */
export interface ApplicationBinding extends EvictionBinding {
  readonly propagateDeps?: boolean;
  readonly statuses: readonly ClusterWorkloadStatus[];
  /** False for a ClusterResourceBinding (a cluster-scoped template); default true. */
  readonly namespaced?: boolean;
}

/**
 * Evict verdicts for every (binding, cluster) whose workload has been Unhealthy past the
 * tolerance, sorted by binding then cluster. Worked example, tolerationSeconds 60: unhealthy
 * since 10:00:00 → at 10:00:30 nothing; at 10:01:00 nothing (Karmada: strictly after); at
 * 10:01:01 evict.
 */
export function decideApplicationEvictions(bindings: readonly ApplicationBinding[], now: string): EvictionVerdict[] {
  const out: EvictionVerdict[] = [];
  for (const b of bindings.toSorted((x, y) => compareStrings(x.key, y.key))) {
    const app = b.failover?.application;
    // Karmada bindingFilter: application failover needs the behaviour, collected status and propagateDeps.
    if (app === undefined || b.statuses.length === 0 || b.propagateDeps !== true) continue;
    const tolerationSeconds = app.decisionConditions?.tolerationSeconds ?? 300;
    const evicting = new Set((b.gracefulEvictionTasks ?? []).map((t) => t.fromCluster));
    for (const target of b.clusters.toSorted((x, y) => compareStrings(x.name, y.name))) {
      const st = b.statuses.find((s) => s.cluster === target.name);
      if (st?.health !== 'Unhealthy' || st.unhealthySince === undefined || evicting.has(target.name)) continue;
      if (!isAfter(now, addSeconds(st.unhealthySince, tolerationSeconds))) continue;
      const purgeMode = normalizePurgeMode(app.purgeMode);
      const task: GracefulEvictionTask = {
        fromCluster: target.name,
        purgeMode,
        ...(target.replicas !== undefined && target.replicas > 0 ? { replicas: target.replicas } : {}),
        reason: evictionReasonApplicationFailure,
        message: `the workload has been unhealthy on ${target.name} since ${st.unhealthySince}, longer than tolerationSeconds ${tolerationSeconds}`,
        producer:
          b.namespaced === false ? applicationFailoverProducers.clusterScoped : applicationFailoverProducers.namespaced,
        ...(purgeMode === 'Gracefully' ? { gracePeriodSeconds: app.gracePeriodSeconds ?? 600 } : {}),
        ...(purgeMode === 'Never' ? { suppressDeletion: true } : {}),
        creationTimestamp: now,
      };
      out.push({
        kind: 'evict',
        binding: b.key,
        cluster: target.name,
        cause: { kind: 'application-unhealthy', since: st.unhealthySince, tolerationSeconds },
        task,
      });
    }
  }
  return out;
}

/**
 * This pass's member statuses with `unhealthySince` carried over from the recorded ones: kept
 * while the workload stays Unhealthy, started at `now` when it turns Unhealthy, dropped otherwise
 * (Karmada setTimeStamp / deleteIrrelevantClusters). Sorted by cluster.
 */
export function trackUnhealthy(
  observed: readonly ClusterWorkloadStatus[],
  recorded: readonly ClusterWorkloadStatus[],
  now: string,
): ClusterWorkloadStatus[] {
  return observed
    .toSorted((a, b) => compareStrings(a.cluster, b.cluster))
    .map((s) => {
      const { unhealthySince: _drop, ...rest } = s;
      if (s.health !== 'Unhealthy') return rest;
      const before = recorded.find((r) => r.cluster === s.cluster);
      return {
        ...rest,
        unhealthySince: before?.health === 'Unhealthy' && before.unhealthySince ? before.unhealthySince : now,
      };
    });
}
