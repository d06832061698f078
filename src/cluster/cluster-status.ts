/**
 * Observed member state → Karmada `Cluster.status` (pkg/controllers/status/cluster_status_controller.go):
 * Ready from reachability and /readyz, kubernetesVersion, apiEnablements from discovery,
 * nodeSummary and resourceSummary from Nodes and Pods. `overlayClusterStatus` puts observations
 * onto the fleet's Cluster objects so real capacity drives Divided scheduling.
 */
import {
  compareStrings,
  type APIEnablement,
  type Cluster,
  type ClusterStatus,
  type Condition,
  type ResourceSummary,
} from '../api/index.ts';

/** One discovery document: a groupVersion and its resources (subresources included, as served). */
export interface ResourceListDoc {
  readonly groupVersion: string;
  readonly resources: readonly { readonly name: string; readonly kind: string }[];
}

/** What was observed of one member. */
export type Observation =
  | {
      readonly kind: 'reachable';
      readonly cluster: string;
      /** /readyz answered ok. */
      readonly healthy: boolean;
      readonly kubernetesVersion: string;
      readonly apiEnablements: readonly APIEnablement[];
      /** False when some group's discovery failed: the list is partial. */
      readonly apiEnablementsComplete: boolean;
      readonly nodeSummary?: { readonly totalNum: number; readonly readyNum: number };
      readonly resourceSummary?: ResourceSummary;
    }
  | { readonly kind: 'unreachable'; readonly cluster: string; readonly reason: string };

/**
 * Karmada's apiEnablements: one entry per groupVersion, subresources (`deployments/scale`) dropped,
 * resources sorted by name and entries by groupVersion.
 */
export function apiEnablementsOf(docs: readonly ResourceListDoc[]): APIEnablement[] {
  return docs
    .map((d) => ({
      groupVersion: d.groupVersion,
      resources: d.resources
        .filter((r) => !r.name.includes('/'))
        .map((r) => ({ name: r.name, kind: r.kind }))
        .sort((a, b) => compareStrings(a.name, b.name)),
    }))
    .sort((a, b) => compareStrings(a.groupVersion, b.groupVersion));
}

/** Karmada's Ready condition for an observation (reasons ClusterReady, ClusterNotReady, ClusterNotReachable). */
export function readyCondition(o: Observation): Omit<Condition, 'lastTransitionTime'> {
  if (o.kind === 'unreachable')
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ClusterNotReachable',
      message: `cluster is not reachable: ${o.reason}`,
    };
  if (!o.healthy)
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ClusterNotReady',
      message: 'cluster is reachable but health endpoint responded without ok',
    };
  return {
    type: 'Ready',
    status: 'True',
    reason: 'ClusterReady',
    message: 'cluster is healthy and ready to accept workloads',
  };
}

function apiCondition(o: Observation & { kind: 'reachable' }): Omit<Condition, 'lastTransitionTime'> {
  if (o.apiEnablements.length === 0)
    return {
      type: 'CompleteAPIEnablements',
      status: 'False',
      reason: 'Empty',
      message: 'collected empty APIEnablements from the cluster',
    };
  if (!o.apiEnablementsComplete)
    return {
      type: 'CompleteAPIEnablements',
      status: 'False',
      reason: 'Partial',
      message: `might collect partial APIEnablements(${o.apiEnablements.length}) from the cluster`,
    };
  return {
    type: 'CompleteAPIEnablements',
    status: 'True',
    reason: 'Complete',
    message: 'collected complete APIEnablements from the cluster',
  };
}

/**
 * The status a Cluster gets from an observation. An unreachable member keeps what was known of it
 * (its capacity is not zero just because it cannot be read; DESIGN principle 4) and turns Ready
 * False. A condition's transition time moves only when its status changes (R5); `now` comes from the shell.
 */
export function observedStatus(previous: ClusterStatus | undefined, o: Observation, now: string): ClusterStatus {
  const conds = o.kind === 'reachable' ? [apiCondition(o), readyCondition(o)] : [readyCondition(o)];
  const conditions = mergeConditions(previous?.conditions ?? [], conds, now);
  if (o.kind === 'unreachable') return { ...previous, conditions };
  return {
    kubernetesVersion: o.kubernetesVersion,
    apiEnablements: o.apiEnablements,
    conditions,
    ...(o.nodeSummary
      ? { nodeSummary: o.nodeSummary }
      : previous?.nodeSummary
        ? { nodeSummary: previous.nodeSummary }
        : {}),
    ...(o.resourceSummary
      ? { resourceSummary: o.resourceSummary }
      : previous?.resourceSummary
        ? { resourceSummary: previous.resourceSummary }
        : {}),
  };
}

/** Conditions sorted by type; lastTransitionTime kept while the status stays the same. */
function mergeConditions(
  previous: readonly Condition[],
  next: readonly Omit<Condition, 'lastTransitionTime'>[],
  now: string,
): Condition[] {
  const byType = new Map(previous.map((c) => [c.type, c] as const));
  for (const c of next) {
    const old = byType.get(c.type);
    byType.set(c.type, {
      ...c,
      lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now,
    });
  }
  return [...byType.values()].sort((a, b) => compareStrings(a.type, b.type));
}

/** The fleet's Clusters with observed status overlaid; clusters without an observation are unchanged. */
export function overlayClusterStatus(
  clusters: readonly Cluster[],
  observations: readonly Observation[],
  now: string,
): Cluster[] {
  const byName = new Map(observations.map((o) => [o.cluster, o] as const));
  return clusters.map((c) => {
    const o = byName.get(c.metadata.name ?? '');
    return o ? { ...c, status: observedStatus(c.status, o, now) } : c;
  });
}
