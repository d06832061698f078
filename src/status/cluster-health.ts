/**
 * Cluster health → Ready condition and controller taints (Karmada cluster_controller.go:
 * taintClusterByCondition for NoSchedule, and v1.9's processTaintBaseEviction for NoExecute
 * after `--failover-eviction-timeout`).
 *
 * As in Karmada's push mode, an unreachable probe makes Ready False (ClusterNotReachable), so the
 * cluster gets the `not-ready` taint; `unreachable` (Ready Unknown) means flotilla has observed
 * nothing for the monitor grace period, as when Karmada's status controller stops posting.
 */
import type { Condition, Taint } from '../api/index.ts';
import { compareStrings } from '../api/index.ts';
import type { FailoverDecision, RecoverDecision } from './decision.ts';
import type { HealthSettings, Observation, ObservedStreak } from './ready-condition.ts';
import { dampedCondition, staleCondition } from './ready-condition.ts';
import { addSeconds, isAfter } from './time.ts';

/** Karmada TaintClusterNotReady: Ready is False. */
export const notReadyTaintKey = 'cluster.karmada.io/not-ready';
/** Karmada TaintClusterUnreachable: Ready is Unknown. */
export const unreachableTaintKey = 'cluster.karmada.io/unreachable';

/** What the status branch keeps of one cluster's health between reconciles. */
export interface ClusterHealthState {
  readonly cluster: string;
  /** When flotilla first knew the cluster (Karmada's creationTimestamp, for the startup grace period). */
  readonly registeredAt: string;
  readonly ready?: Condition;
  /** When the cluster was last observed (Karmada's probeTimestamp). */
  readonly probedAt?: string;
  readonly streak?: ObservedStreak;
  /** Taints flotilla's controller owns (not-ready / unreachable), with the time each was added. */
  readonly taints: readonly Taint[];
  /** When the Cluster was first seen missing from the fleet repo (its objects are kept; see removed-clusters.ts). */
  readonly removedSince?: string;
}

/** The new state, the taint changes and, when taints changed, the failover or recover decision. */
export interface ClusterHealthResult {
  readonly state: ClusterHealthState;
  readonly taintsAdded: readonly Taint[];
  readonly taintsRemoved: readonly Taint[];
  readonly decision: FailoverDecision | RecoverDecision | null;
}

/**
 * Folds one observation (or none, on a tick without a probe) into the state at `now`.
 * Worked timeline, Karmada defaults (failure threshold 30s, eviction timeout 300s), member
 * Ready since 00:00:00:
 *   00:01:00 unreachable → held by the failure threshold, no taints
 *   00:01:30 unreachable → Ready False since 00:01:30, taint not-ready:NoSchedule (failover)
 *   00:06:31 unreachable → taint not-ready:NoExecute added at 00:06:31 (failover)
 *   00:07:00 ok, 00:07:30 ok → Ready True since 00:07:30, both taints removed (recover)
 */
export function observeClusterHealth(
  state: ClusterHealthState,
  observation: Observation | null,
  now: string,
  s: HealthSettings,
): ClusterHealthResult {
  let ready = state.ready;
  let streak = state.streak;
  let probedAt = state.probedAt;
  if (observation !== null) {
    ({ condition: ready, streak } = dampedCondition(ready, streak, observation, s));
    probedAt = observation.observedAt;
  }
  ready = staleCondition({ ready, probedAt, registeredAt: state.registeredAt }, now, s);
  const wanted = wantedTaints(ready, probedAt ?? state.registeredAt, now, s);
  const { taints, added, removed } = reconcileTaints(state.taints, wanted, now);
  const next: ClusterHealthState = {
    cluster: state.cluster,
    registeredAt: state.registeredAt,
    ...(ready ? { ready } : {}),
    ...(probedAt !== undefined ? { probedAt } : {}),
    ...(streak ? { streak } : {}),
    taints,
  };
  return { state: next, taintsAdded: added, taintsRemoved: removed, decision: healthDecision(next, added, removed) };
}

interface WantedTaints {
  readonly add: readonly Taint[];
  readonly remove: readonly Taint[];
}

/** Karmada's add/remove lists for the Ready status: NoSchedule at once, NoExecute after the eviction timeout. */
function wantedTaints(ready: Condition | undefined, probedAt: string, now: string, s: HealthSettings): WantedTaints {
  const t = (key: string, effect: Taint['effect']): Taint => ({ key, effect });
  switch (ready?.status) {
    case undefined:
      return { add: [t(notReadyTaintKey, 'NoSchedule')], remove: [] };
    case 'True':
      return {
        add: [],
        remove: [
          t(notReadyTaintKey, 'NoSchedule'),
          t(unreachableTaintKey, 'NoSchedule'),
          t(notReadyTaintKey, 'NoExecute'),
          t(unreachableTaintKey, 'NoExecute'),
        ],
      };
    case 'False': {
      // v1.9 processTaintBaseEviction: NoExecute once the condition has been False past the timeout.
      const since = ready.lastTransitionTime ?? now;
      const expired = isAfter(now, addSeconds(since, s.failoverEvictionTimeoutSeconds));
      return {
        add: [t(notReadyTaintKey, 'NoSchedule'), ...(expired ? [t(notReadyTaintKey, 'NoExecute')] : [])],
        remove: [t(unreachableTaintKey, 'NoSchedule'), ...(expired ? [t(unreachableTaintKey, 'NoExecute')] : [])],
      };
    }
    case 'Unknown': {
      // v1.9: for Unknown the timeout counts from the last probe, not from the transition.
      const expired = isAfter(now, addSeconds(probedAt, s.failoverEvictionTimeoutSeconds));
      return {
        add: [t(unreachableTaintKey, 'NoSchedule'), ...(expired ? [t(unreachableTaintKey, 'NoExecute')] : [])],
        remove: [t(notReadyTaintKey, 'NoSchedule'), ...(expired ? [t(notReadyTaintKey, 'NoExecute')] : [])],
      };
    }
  }
}

/**
 * Karmada helper.SetCurrentClusterTaints: taints match by key and effect; kept taints keep their
 * timeAdded, new ones get `now`. The result is sorted by key, then effect (D2).
 */
function reconcileTaints(
  current: readonly Taint[],
  wanted: WantedTaints,
  now: string,
): { taints: Taint[]; added: Taint[]; removed: Taint[] } {
  const has = (list: readonly Taint[], t: Taint): boolean => list.some((x) => x.key === t.key && x.effect === t.effect);
  const removed = current.filter((t) => has(wanted.remove, t));
  const added = wanted.add.filter((t) => !has(current, t)).map((t) => ({ ...t, timeAdded: now }));
  const taints = [...current.filter((t) => !has(removed, t)), ...added].toSorted(compareTaints);
  return { taints, added: added.toSorted(compareTaints), removed: removed.toSorted(compareTaints) };
}

/** Total order on taints: key, effect, value. */
export function compareTaints(a: Taint, b: Taint): number {
  return (
    compareStrings(a.key, b.key) || compareStrings(a.effect, b.effect) || compareStrings(a.value ?? '', b.value ?? '')
  );
}

/** The failover (taints added) or recover (only removed) decision of a taint change; null when none changed. */
export function healthDecision(
  state: ClusterHealthState,
  added: readonly Taint[],
  removed: readonly Taint[],
): FailoverDecision | RecoverDecision | null {
  if (added.length === 0 && removed.length === 0) return null;
  const ready = state.ready;
  const condition = ready
    ? {
        status: ready.status,
        ...(ready.reason ? { reason: ready.reason } : {}),
        ...(ready.message ? { message: ready.message } : {}),
      }
    : { status: 'Unknown' as const, message: 'not observed yet' };
  const since =
    ready?.status === 'Unknown'
      ? (state.probedAt ?? state.registeredAt)
      : (ready?.lastTransitionTime ?? state.registeredAt);
  if (added.length === 0) return { kind: 'recover', cluster: state.cluster, since, condition, taintsRemoved: removed };
  return { kind: 'failover', cluster: state.cluster, since, condition, taintsAdded: added, taintsRemoved: removed };
}
