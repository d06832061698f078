/**
 * The glue between what a controller pass gathered (observations, the status branch's memory)
 * and the pure stages: the failover pass's input, and the planner's view of it (controller
 * taints on the Clusters, previous placement and eviction tasks per template).
 */
import {
  canonicalJson,
  isPlainObject,
  resourceKey,
  type Cluster,
  type Fleet,
  type GracefulEvictionTask,
  type Placement,
  type ResourceKey,
  type StatePreservationRule,
  type TargetCluster,
} from '../api/index.ts';
import type { BindingStatus } from '../cluster/binding-status.ts';
import type { Observation as MemberObservation } from '../cluster/cluster-status.ts';
import type { ClusterReport } from '../writeback/index.ts';
import {
  keepPreservedState,
  readPreservedLabels,
  statePreservationRules,
  trackUnhealthy,
  type ClusterHealthState,
  type ClusterWorkloadStatus,
  type EvictionBinding,
  type FailoverBinding,
  type FailoverCluster,
} from '../status/index.ts';

/**
 * The failover pass's clusters: each fleet Cluster with its remembered health and this pass's
 * probe, taken from this process's observation or, for a cluster another shard owns, from that
 * shard's report when it is newer than the last probe remembered (an old report is no probe, so
 * a dead shard's clusters go stale and Unknown after the monitor grace period).
 */
export function failoverClusters(
  clusters: readonly Cluster[],
  remembered: ReadonlyMap<string, ClusterHealthState>,
  observations: readonly MemberObservation[],
  reports: readonly ClusterReport[],
  now: string,
  ownsAll = true,
): FailoverCluster[] {
  const observed = new Map(observations.map((o) => [o.cluster, o] as const));
  const reported = new Map(reports.map((r) => [r.cluster, r] as const));
  return clusters.flatMap((c): FailoverCluster[] => {
    const name = c.metadata.name ?? '';
    const o = observed.get(name);
    const r = reported.get(name);
    // Another shard's cluster that nobody has reported yet is left alone (no state, no taints)
    // until its shard reports: a decider starting before its workers must not taint their clusters.
    if (o === undefined && r === undefined && !remembered.has(name) && !ownsAll) return [];
    // A cluster flotilla has not seen before registers now: Karmada's startup grace counts from creation.
    const state = remembered.get(name) ?? { cluster: name, registeredAt: now, taints: [] };
    const fresh =
      r !== undefined && (state.probedAt === undefined || Date.parse(r.observedAt) > Date.parse(state.probedAt));
    const observation = o
      ? { reachable: o.kind === 'reachable', readyzOk: o.kind === 'reachable' && o.healthy, observedAt: now }
      : fresh
        ? { reachable: r.reachable, readyzOk: r.reachable && r.healthy, observedAt: r.observedAt }
        : null;
    return [{ state, observation, specTaints: c.spec?.taints ?? [], cluster: c }];
  });
}

/** The observed Clusters: this process's, plus the status other shards reported for theirs. */
export function observedClusters(
  fleet: readonly Cluster[],
  own: readonly Cluster[],
  reports: readonly ClusterReport[],
): Cluster[] {
  const mine = new Map(own.map((c) => [c.metadata.name ?? '', c] as const));
  const reported = new Map(reports.map((r) => [r.cluster, r] as const));
  return fleet.map((c) => {
    const name = c.metadata.name ?? '';
    const r = reported.get(name);
    return mine.get(name) ?? (r?.status ? { ...c, status: r.status } : c);
  });
}

/** The fleet with each Cluster's observed status and its controller taints added to `spec.taints`. */
export function fleetWithClusterState(
  fleet: Fleet,
  observed: readonly Cluster[],
  states: readonly ClusterHealthState[],
): Fleet {
  const byName = new Map(observed.map((c) => [c.metadata.name ?? '', c] as const));
  const taints = new Map(states.map((s) => [s.cluster, s.taints] as const));
  return {
    ...fleet,
    clusters: fleet.clusters.map((l) => {
      const name = l.object.metadata.name ?? '';
      const base = byName.get(name) ?? l.object;
      const extra = taints.get(name) ?? [];
      if (extra.length === 0) return { ...l, object: base };
      return { ...l, object: { ...base, spec: { ...base.spec, taints: [...(base.spec?.taints ?? []), ...extra] } } };
    }),
  };
}

/** Previous placement and eviction tasks per template, from the bindings after the failover pass. */
export function placementHistory(bindings: readonly EvictionBinding[]): {
  previous: Map<ResourceKey, readonly TargetCluster[]>;
  applied: Map<ResourceKey, Placement>;
  evictions: Map<ResourceKey, readonly GracefulEvictionTask[]>;
} {
  const previous = new Map<ResourceKey, readonly TargetCluster[]>();
  const applied = new Map<ResourceKey, Placement>();
  const evictions = new Map<ResourceKey, readonly GracefulEvictionTask[]>();
  for (const b of bindings) {
    const key = b.key as ResourceKey;
    previous.set(key, b.clusters);
    if (b.placement) applied.set(key, b.placement);
    if (b.gracefulEvictionTasks?.length) evictions.set(key, b.gracefulEvictionTasks);
  }
  return { previous, applied, evictions };
}

/**
 * What each member reported of each binding's workload, by ResourceKey: health, ready replicas,
 * and since when it has been Unhealthy (carried over from the recorded bindings).
 */
export function workloadStatuses(
  bindings: readonly BindingStatus[],
  recorded: readonly FailoverBinding[],
  reports: readonly ClusterReport[],
  now: string,
): Map<string, ClusterWorkloadStatus[]> {
  const before = new Map(recorded.map((b) => [b.key, b.statuses] as const));
  const rules = new Map(
    recorded.map((b) => [b.key, statePreservationRules(b.failover)] as const).filter(([, r]) => r.length > 0),
  );
  const observed = observedStatuses(bindings, rules);
  for (const r of reports) {
    for (const w of r.workloads) {
      const list = observed.get(w.key) ?? [];
      if (!list.some((x) => x.cluster === r.cluster))
        list.push({
          cluster: r.cluster,
          health: w.health,
          ...(w.readyReplicas !== undefined ? { readyReplicas: w.readyReplicas } : {}),
        });
      observed.set(w.key, list);
    }
  }
  // Stateful failover: a copy's state outlives its member's outage (state-preservation.ts keepPreservedState).
  for (const b of recorded) if (rules.has(b.key) && !observed.has(b.key)) observed.set(b.key, []);
  const placedOn = new Map(
    recorded.map(
      (b) =>
        [
          b.key,
          new Set([...b.clusters.map((c) => c.name), ...(b.gracefulEvictionTasks ?? []).map((t) => t.fromCluster)]),
        ] as const,
    ),
  );
  return new Map(
    [...observed]
      .map(([key, list]) => {
        const tracked = trackUnhealthy(list, before.get(key) ?? [], now);
        return [
          key,
          rules.has(key) ? keepPreservedState(tracked, before.get(key) ?? [], placedOn.get(key) ?? new Set()) : tracked,
        ] as const;
      })
      .filter(([, list]) => list.length > 0),
  );
}

function observedStatuses(
  bindings: readonly BindingStatus[],
  rules: ReadonlyMap<string, readonly StatePreservationRule[]>,
): Map<string, ClusterWorkloadStatus[]> {
  const out = new Map<string, ClusterWorkloadStatus[]>();
  for (const b of bindings) {
    const key = resourceKey(b.resource);
    const list = out.get(key) ?? [];
    for (const m of b.clusters) {
      const ready = isPlainObject(m.status) ? m.status['readyReplicas'] : undefined;
      const r = rules.get(key);
      const state = r ? readPreservedLabels(r, m.status) : undefined;
      list.push({
        cluster: m.clusterName,
        health: m.health,
        ...(typeof ready === 'number' ? { readyReplicas: ready } : {}),
        ...(m.conflict ? { conflict: m.appliedMessage ?? '' } : {}),
        ...(state ? { preservedLabelState: state } : {}),
      });
    }
    out.set(key, list);
  }
  return out;
}

/** Recorded bindings whose schedule is current (`scheduled`) with the statuses observed last pass. */
export function failoverBindings(recorded: readonly FailoverBinding[]): FailoverBinding[] {
  return recorded.filter((b) => b.clusters.length > 0 || (b.gracefulEvictionTasks?.length ?? 0) > 0);
}

/**
 * The state to write for a cluster: when nothing but the probe time changed, the recorded state
 * is kept, so a healthy fleet makes no status commit per pass (DESIGN: commits only on change).
 */
export function stableHealthState(
  next: ClusterHealthState,
  recorded: ClusterHealthState | undefined,
): ClusterHealthState {
  if (!recorded) return next;
  return canonicalJson({ ...next, probedAt: undefined }) === canonicalJson({ ...recorded, probedAt: undefined })
    ? recorded
    : next;
}
