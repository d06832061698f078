/**
 * A controller pass's status write redone on a status tip another writer moved (a second
 * controller without leader election, a handover, a retry after a rejected push): the pass's
 * cluster states, eviction tasks and workload statuses keep every time the branch already
 * records, and decisions the branch already shows are not committed again (status/recorded-merge).
 * A cluster removed from the fleet repo is written only while the branch still has its file: a
 * person who deleted that file meanwhile acknowledged the removal (docs/reliability.md), and the
 * pass, which read the branch before, must not bring it back.
 */
import { resourceKey } from '../api/index.ts';
import type { Plan } from '../plan/index.ts';
import {
  describeDecision,
  keepRecordedClusterTimes,
  keepRecordedTaskTimes,
  keepRecordedUnhealthySince,
  unrecordedDecisions,
  type ClusterHealthState,
  type ClusterWorkloadStatus,
  type Decision,
} from '../status/index.ts';
import { statusFiles, type RebasedStatus, type StatusReader } from '../writeback/index.ts';

/** What the pass decided, before it is written. */
export interface PassStatus {
  readonly sourceBranch: string;
  readonly plan: Plan;
  readonly inForce: Plan | undefined;
  readonly previous: Parameters<typeof statusFiles>[0]['previous'];
  readonly clusters: readonly ClusterHealthState[];
  readonly statuses: ReadonlyMap<string, readonly ClusterWorkloadStatus[]>;
  readonly decisions: readonly Decision[];
}

/** The pass's status and decisions against the status branch at `tip`. */
export async function rebaseStatus(reader: StatusReader, tip: string, pass: PassStatus): Promise<RebasedStatus> {
  const recorded = await reader.failoverState(tip);
  const clusters = new Map(recorded.clusters.map((c) => [c.cluster, c] as const));
  const bindings = new Map(recorded.bindings.map((b) => [b.key, b] as const));
  const withTaskTimes = (plan: Plan): Plan => ({
    ...plan,
    bindings: plan.bindings.map((b) => {
      const tasks = b.spec.gracefulEvictionTasks;
      if (!tasks?.length) return b;
      return {
        ...b,
        spec: {
          ...b.spec,
          gracefulEvictionTasks: keepRecordedTaskTimes(
            tasks,
            bindings.get(resourceKey(b.spec.resource))?.gracefulEvictionTasks,
          ),
        },
      };
    }),
  });
  const statuses = new Map(
    [...pass.statuses].map(
      ([key, list]) => [key, keepRecordedUnhealthySince(list, bindings.get(key)?.statuses)] as const,
    ),
  );
  const inForce = pass.inForce ? withTaskTimes(pass.inForce) : undefined;
  const status = statusFiles({
    sourceBranch: pass.sourceBranch,
    plan: inForce ? pass.plan : withTaskTimes(pass.plan),
    previous: pass.previous,
    observed: [],
    failover: {
      clusters: stillRecorded(pass.clusters, clusters).map((c) => keepRecordedClusterTimes(c, clusters.get(c.cluster))),
      statuses,
      ...(inForce ? { inForce } : {}),
    },
  });
  const { kept, duplicates } = unrecordedDecisions(pass.decisions, recorded);
  return { status, decisions: kept.map(describeDecision), duplicates: duplicates.map(describeDecision) };
}

/** The pass's cluster states without the removed clusters whose file `tip` no longer has (acknowledged). */
function stillRecorded(
  ours: readonly ClusterHealthState[],
  recorded: ReadonlyMap<string, ClusterHealthState>,
): ClusterHealthState[] {
  return ours.filter((c) => c.removedSince === undefined || recorded.has(c.cluster));
}
