/**
 * A cluster's Ready condition from health observations, as Karmada's cluster-status-controller
 * (pkg/controllers/status/cluster_status_controller.go, cluster_condition_cache.go) and
 * cluster-controller (pkg/controllers/cluster/cluster_controller.go, tryUpdateClusterHealth)
 * compute it between them.
 */
import type { Condition } from '../api/index.ts';
import { addSeconds, isAfter } from './time.ts';

/** The controller flags that shape health decisions, in seconds (Karmada defaults in `defaultHealthSettings`). */
export interface HealthSettings {
  /** `--cluster-monitor-grace-period`: an observed cluster not observed again for this long turns Unknown. */
  readonly monitorGracePeriodSeconds: number;
  /** `--cluster-startup-grace-period`: the same for a cluster never observed, counted from registration. */
  readonly startupGracePeriodSeconds: number;
  /** `--failover-eviction-timeout` (Karmada v1.9): how long a NoSchedule taint waits before its NoExecute twin. */
  readonly failoverEvictionTimeoutSeconds: number;
  /** `--cluster-success-threshold`: how long a not-ready cluster must look healthy before it is Ready again. */
  readonly successThresholdSeconds: number;
  /** `--cluster-failure-threshold`: how long a ready cluster must look unhealthy before it is not Ready. */
  readonly failureThresholdSeconds: number;
}

/** Karmada's defaults: grace 40s, startup 60s, eviction timeout 5m, thresholds 30s. */
export const defaultHealthSettings: HealthSettings = {
  monitorGracePeriodSeconds: 40,
  startupGracePeriodSeconds: 60,
  failoverEvictionTimeoutSeconds: 300,
  successThresholdSeconds: 30,
  failureThresholdSeconds: 30,
};

/** One health probe of a member: could it be reached, did `/readyz` (or `/healthz`) answer ok, and when. */
export interface Observation {
  readonly reachable: boolean;
  readonly readyzOk: boolean;
  readonly observedAt: string;
}

/** The last raw probe status and since when it has held (Karmada's clusterConditionStore entry). */
export interface ObservedStreak {
  readonly status: 'True' | 'False';
  readonly since: string;
}

/** Ready condition reasons, as Karmada spells them. */
export const readyReasons = {
  ready: 'ClusterReady',
  notReady: 'ClusterNotReady',
  notReachable: 'ClusterNotReachable',
  statusUnknown: 'ClusterStatusUnknown',
  neverUpdated: 'ClusterStatusNeverUpdated',
} as const;

/** Karmada generateReadyCondition: unreachable → False/ClusterNotReachable, readyz not ok → False/ClusterNotReady. */
export function probeCondition(o: Observation): Condition {
  if (!o.reachable)
    return { type: 'Ready', status: 'False', reason: readyReasons.notReachable, message: 'cluster is not reachable' };
  if (!o.readyzOk)
    return {
      type: 'Ready',
      status: 'False',
      reason: readyReasons.notReady,
      message: 'cluster is reachable but health endpoint responded without ok',
    };
  return {
    type: 'Ready',
    status: 'True',
    reason: readyReasons.ready,
    message: 'cluster is healthy and ready to accept workloads',
  };
}

/**
 * Flap damping (Karmada cluster_condition_cache.go thresholdAdjustedReadyCondition): a probe that
 * would flip Ready between True and not-True is held back until the new status has been seen
 * without a break for the success (→ True) or failure (→ not True) threshold.
 * Worked timeline, thresholds 30s, Ready=True at first:
 *   t=0 probe False → streak False since 0, held (Ready stays True)
 *   t=10 probe True → streak True since 10, already True
 *   t=20 probe False → streak False since 20, held
 *   t=50 probe False → 50 ≥ 20+30: Ready=False, transition at 50
 */
export function dampedCondition(
  current: Condition | undefined,
  streak: ObservedStreak | undefined,
  o: Observation,
  s: HealthSettings,
): { readonly condition: Condition; readonly streak: ObservedStreak } {
  const probed = probeCondition(o);
  const status = probed.status === 'True' ? 'True' : 'False';
  const next: ObservedStreak = streak && streak.status === status ? streak : { status, since: o.observedAt };
  // The first probe of a cluster, or one without a published condition, is taken as it is.
  if (streak === undefined || current === undefined)
    return { condition: withTransition(current, probed, o.observedAt), streak: next };
  const flips = (status === 'True') !== (current.status === 'True');
  const threshold = status === 'True' ? s.successThresholdSeconds : s.failureThresholdSeconds;
  if (flips && !isAtOrAfter(o.observedAt, addSeconds(next.since, threshold)))
    return { condition: current, streak: next };
  return { condition: withTransition(current, probed, o.observedAt), streak: next };
}

/** What staleness is judged from: the published condition, the last probe and the registration time. */
export interface KnownHealth {
  readonly ready: Condition | undefined;
  readonly probedAt: string | undefined;
  readonly registeredAt: string;
}

/**
 * Karmada tryUpdateClusterHealth: when nothing was observed for the grace period (startup grace
 * for a cluster never observed, counted from registration), Ready turns Unknown at `now`.
 */
export function staleCondition(known: KnownHealth, now: string, s: HealthSettings): Condition | undefined {
  const { ready: current, probedAt, registeredAt } = known;
  const grace = probedAt === undefined ? s.startupGracePeriodSeconds : s.monitorGracePeriodSeconds;
  if (!isAfter(now, addSeconds(probedAt ?? registeredAt, grace))) return current;
  if (current === undefined) {
    return {
      type: 'Ready',
      status: 'Unknown',
      reason: readyReasons.neverUpdated,
      message: 'flotilla has never observed the cluster',
      lastTransitionTime: now,
    };
  }
  if (current.status === 'Unknown') return current;
  const since = probedAt ?? registeredAt;
  return {
    type: 'Ready',
    status: 'Unknown',
    reason: readyReasons.statusUnknown,
    message: `flotilla has not observed the cluster since ${since}`,
    lastTransitionTime: now,
  };
}

/** The new condition, keeping the previous transition time unless the status changed (STYLE R5). */
function withTransition(previous: Condition | undefined, next: Condition, at: string): Condition {
  const lastTransitionTime =
    previous && previous.status === next.status && previous.lastTransitionTime !== undefined
      ? previous.lastTransitionTime
      : at;
  return { ...next, lastTransitionTime };
}

function isAtOrAfter(a: string, b: string): boolean {
  return !isAfter(b, a);
}
