/**
 * `observations/<cluster>.yaml` on the status branch: what a shard that applies to and observes a
 * member reports to the decider (shard 0), which plans and fails over for the whole fleet. Each
 * file has exactly one writer, the cluster's shard, so writers never conflict. A report is
 * rewritten when what it says changes, or as a heartbeat when it is older than half the monitor
 * grace period; a report older than the grace period reads as no observation (the shard is gone).
 */
import YAML from 'yaml';
import { canonicalJson, isPlainObject, type ClusterStatus } from '../api/index.ts';
import type { ClusterWorkloadStatus } from '../status/index.ts';
import { safeSegment } from './file-name.ts';

/** The folder of cluster reports. */
export const reportsRoot = 'observations';

/** One workload's state on the reported cluster, by the template's ResourceKey. */
export interface ReportedWorkload extends Omit<ClusterWorkloadStatus, 'cluster' | 'unhealthySince'> {
  readonly key: string;
}

/** What a shard observed of one member. */
export interface ClusterReport {
  readonly cluster: string;
  readonly shard: number;
  readonly observedAt: string;
  readonly reachable: boolean;
  readonly healthy: boolean;
  /** The observed Cluster.status (capacity, API enablements) when it could be read. */
  readonly status?: ClusterStatus;
  readonly workloads: readonly ReportedWorkload[];
}

/** The path of a cluster's report. */
export function reportPath(cluster: string): string {
  return `${reportsRoot}/${safeSegment(cluster)}.yaml`;
}

/** The report as YAML (fixed key order, D5). */
export function formatClusterReport(r: ClusterReport): string {
  return YAML.stringify(
    {
      cluster: r.cluster,
      shard: r.shard,
      observedAt: r.observedAt,
      reachable: r.reachable,
      healthy: r.healthy,
      ...(r.status ? { status: r.status } : {}),
      workloads: r.workloads,
    },
    { lineWidth: 0, aliasDuplicateObjects: false },
  );
}

/** A parsed report, or undefined when the value is not one. */
export function parseClusterReport(v: unknown): ClusterReport | undefined {
  if (
    !isPlainObject(v) ||
    typeof v['cluster'] !== 'string' ||
    typeof v['observedAt'] !== 'string' ||
    typeof v['reachable'] !== 'boolean' ||
    typeof v['healthy'] !== 'boolean'
  )
    return undefined;
  const workloads = Array.isArray(v['workloads'])
    ? v['workloads'].flatMap((w): ReportedWorkload[] => {
        if (!isPlainObject(w) || typeof w['key'] !== 'string') return [];
        const health = w['health'] === 'Healthy' || w['health'] === 'Unhealthy' ? w['health'] : 'Unknown';
        return [
          {
            key: w['key'],
            health,
            ...(typeof w['readyReplicas'] === 'number' ? { readyReplicas: w['readyReplicas'] } : {}),
          },
        ];
      })
    : [];
  return {
    cluster: v['cluster'],
    shard: typeof v['shard'] === 'number' ? v['shard'] : 0,
    observedAt: v['observedAt'],
    reachable: v['reachable'],
    healthy: v['healthy'],
    ...(isPlainObject(v['status']) ? { status: v['status'] as ClusterStatus } : {}),
    workloads,
  };
}

/** True when `next` says something `previous` did not, or `previous` is older than the heartbeat. */
export function reportDue(next: ClusterReport, previous: ClusterReport | undefined, heartbeatSeconds: number): boolean {
  if (!previous) return true;
  const same = canonicalJson({ ...next, observedAt: '' }) === canonicalJson({ ...previous, observedAt: '' });
  return !same || Date.parse(next.observedAt) - Date.parse(previous.observedAt) >= heartbeatSeconds * 1000;
}
