/**
 * One failover pass at `now` (STYLE B3: the shell gathers, this decides): cluster health →
 * controller taints → taint-manager evictions → graceful-eviction task assessment, with every
 * decision as data. Rescheduling the evicted replicas is the scheduler's job, not this one's.
 */
import type { Cluster, ClusterTaintPolicy, Taint } from '../api/index.ts';
import { withTaintPolicies } from './cluster-taint-policy.ts';
import { withPreservedState } from './state-preservation.ts';
import { compareStrings } from '../api/index.ts';
import type { ClusterHealthResult, ClusterHealthState } from './cluster-health.ts';
import { compareTaints, observeClusterHealth } from './cluster-health.ts';
import type { Decision } from './decision.ts';
import { compareDecisions } from './decision.ts';
import type { EvictionVerdict } from './eviction.ts';
import { applyEvictions, decideEvictions, evictDecisions } from './eviction.ts';
import type { EvictionBinding, EvictionSettings } from './eviction-task.ts';
import type { TaskAssessment } from './purge.ts';
import { decideApplicationEvictions, type ApplicationBinding } from './application-failover.ts';
import { assessEvictionTasks, purgeDecisions } from './purge.ts';
import type { HealthSettings, Observation } from './ready-condition.ts';

/** A cluster as the pass sees it: its remembered health, this pass's probe (if any) and its taints from git. */
export interface FailoverCluster {
  readonly state: ClusterHealthState;
  readonly observation: Observation | null;
  readonly specTaints: readonly Taint[];
  /** The Cluster as loaded (labels and fields for a ClusterTaintPolicy's targetClusters, its repo conditions). */
  readonly cluster?: Cluster;
}

/** A binding with what the status branch knows of it: whether its schedule is current and its per-cluster status. */
export interface FailoverBinding extends ApplicationBinding {
  readonly scheduled: boolean;
}

/** Everything one pass needs. */
export interface FailoverInput {
  readonly clusters: readonly FailoverCluster[];
  readonly bindings: readonly FailoverBinding[];
  readonly now: string;
  readonly health: HealthSettings;
  readonly eviction: EvictionSettings;
  /** The revision's ClusterTaintPolicies (cluster-taint-policy.ts); absent: none. */
  readonly taintPolicies?: readonly ClusterTaintPolicy[];
}

/** The pass's results, each array sorted (clusters and bindings by name/key, decisions by kind then cluster). */
export interface FailoverOutcome {
  readonly clusters: readonly ClusterHealthResult[];
  readonly evictions: readonly EvictionVerdict[];
  /** Bindings after eviction (clusters removed, tasks added) and task assessment (ended tasks removed). */
  readonly bindings: readonly EvictionBinding[];
  readonly assessments: readonly TaskAssessment[];
  readonly decisions: readonly Decision[];
}

/** Runs one failover pass; the same input always gives the same outcome. */
export function decideFailover(input: FailoverInput): FailoverOutcome {
  const clusters = input.clusters
    .toSorted((a, b) => compareStrings(a.state.cluster, b.state.cluster))
    .map((c) =>
      withTaintPolicies(
        observeClusterHealth(c.state, c.observation, input.now, input.health),
        {
          cluster: c.cluster ?? {
            apiVersion: 'cluster.karmada.io/v1alpha1',
            kind: 'Cluster',
            metadata: { name: c.state.cluster },
          },
          specTaints: c.specTaints,
          policies: input.taintPolicies ?? [],
        },
        input.now,
      ),
    );
  const specTaints = new Map(input.clusters.map((c) => [c.state.cluster, c.specTaints] as const));
  const tainted = clusters.map((r) => ({
    name: r.state.cluster,
    taints: [...(specTaints.get(r.state.cluster) ?? []), ...r.state.taints].toSorted(compareTaints),
  }));
  const bindings = input.bindings.toSorted((a, b) => compareStrings(a.key, b.key));
  const taintEvictions = decideEvictions(bindings, tainted, input.now, input.eviction);
  // Application failover looks at the clusters the taint manager left (Karmada runs both on the binding).
  const appEvictions = decideApplicationEvictions(
    bindings.map((b) => ({ ...b, ...applyEvictions(b, taintEvictions) })),
    input.now,
  );
  const evictions = withPreservedState([...taintEvictions, ...appEvictions], bindings).toSorted(
    (a, b) => compareStrings(a.binding, b.binding) || compareStrings(a.cluster, b.cluster),
  );
  const assessments: TaskAssessment[] = [];
  const after: EvictionBinding[] = [];
  for (const b of bindings) {
    const evicted = applyEvictions(b, evictions);
    // A binding that just lost a cluster waits for the scheduler before its replacement is judged (Karmada hasScheduled).
    const scheduled = b.scheduled && evicted === b;
    const tasks = evicted.gracefulEvictionTasks ?? [];
    const a = assessEvictionTasks(
      { binding: b.key, tasks, clusters: evicted.clusters, scheduled, statuses: b.statuses },
      input.now,
      input.eviction,
    );
    if (tasks.length > 0) assessments.push(a);
    after.push(
      withoutStatus(
        tasks.length > 0 || evicted.gracefulEvictionTasks ? { ...evicted, gracefulEvictionTasks: a.kept } : evicted,
      ),
    );
  }
  const decisions = [
    ...clusters.flatMap((r) => (r.decision ? [r.decision] : [])),
    ...evictDecisions(evictions),
    ...purgeDecisions(assessments),
  ].toSorted(compareDecisions);
  return { clusters, evictions, bindings: after, assessments, decisions };
}

/** The binding fields eviction owns, without the status inputs of the pass. */
function withoutStatus(b: EvictionBinding & Partial<Pick<FailoverBinding, 'scheduled' | 'statuses'>>): EvictionBinding {
  const {
    scheduled: _scheduled,
    statuses: _statuses,
    propagateDeps: _deps,
    namespaced: _ns,
    ...rest
  } = b as EvictionBinding & Partial<Pick<FailoverBinding, 'scheduled' | 'statuses' | 'propagateDeps' | 'namespaced'>>;
  return rest;
}
