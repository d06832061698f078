/**
 * Reading back what the controller wrote to the status branch (`clusters/*.yaml`,
 * `bindings/**.yaml`) as the failover pass's input: cluster health memory and controller taints,
 * and each binding's placement, failover behaviour, eviction tasks and member health. An entry a
 * person broke by hand is skipped (it loses its memory, never fails the controller).
 */
import {
  isPlainObject,
  resourceKey,
  type Condition,
  type FailoverBehavior,
  type GracefulEvictionTask,
  type Placement,
  type Taint,
  type TargetCluster,
} from '../api/index.ts';
import type { ClusterHealthState, ClusterWorkloadStatus, FailoverBinding } from '../status/index.ts';

/** A cluster file → its health state; undefined when it is not one the controller wrote. */
export function parseClusterHealth(v: unknown): ClusterHealthState | undefined {
  if (!isPlainObject(v) || typeof v['name'] !== 'string' || typeof v['registeredAt'] !== 'string') return undefined;
  const ready = Array.isArray(v['conditions'])
    ? v['conditions'].find(
        (c): c is Condition => isPlainObject(c) && c['type'] === 'Ready' && typeof c['status'] === 'string',
      )
    : undefined;
  const streak =
    isPlainObject(v['streak']) &&
    (v['streak']['status'] === 'True' || v['streak']['status'] === 'False') &&
    typeof v['streak']['since'] === 'string'
      ? ({ status: v['streak']['status'], since: v['streak']['since'] } as const)
      : undefined;
  const taints = Array.isArray(v['taints'])
    ? v['taints'].filter(
        (t): t is Taint => isPlainObject(t) && typeof t['key'] === 'string' && typeof t['effect'] === 'string',
      )
    : [];
  return {
    cluster: v['name'],
    registeredAt: v['registeredAt'],
    ...(ready ? { ready } : {}),
    ...(typeof v['probedAt'] === 'string' ? { probedAt: v['probedAt'] } : {}),
    ...(streak ? { streak } : {}),
    taints,
    ...(isPlainObject(v['removed']) && typeof v['removed']['since'] === 'string'
      ? { removedSince: v['removed']['since'] }
      : {}),
  };
}

/** A binding file → the failover pass's binding (keyed by ResourceKey); undefined when malformed. */
export function parseFailoverBinding(v: unknown): FailoverBinding | undefined {
  const spec = isPlainObject(v) && isPlainObject(v['spec']) ? v['spec'] : undefined;
  const r = spec && isPlainObject(spec['resource']) ? spec['resource'] : undefined;
  if (
    !spec ||
    !r ||
    typeof r['apiVersion'] !== 'string' ||
    typeof r['kind'] !== 'string' ||
    typeof r['name'] !== 'string'
  )
    return undefined;
  const ns = typeof r['namespace'] === 'string' && r['namespace'] !== '' ? r['namespace'] : undefined;
  const status = isPlainObject(v) && isPlainObject(v['status']) ? v['status'] : {};
  const conditions = Array.isArray(status['conditions']) ? status['conditions'] : [];
  const scheduled = conditions.some((c) => isPlainObject(c) && c['type'] === 'Scheduled' && c['status'] === 'True');
  const tasks = Array.isArray(spec['gracefulEvictionTasks'])
    ? spec['gracefulEvictionTasks'].filter(
        (t): t is GracefulEvictionTask =>
          isPlainObject(t) &&
          typeof t['fromCluster'] === 'string' &&
          typeof t['reason'] === 'string' &&
          typeof t['producer'] === 'string',
      )
    : undefined;
  return {
    key: resourceKey({
      apiVersion: r['apiVersion'],
      kind: r['kind'],
      ...(ns ? { namespace: ns } : {}),
      name: r['name'],
    }),
    ...(isPlainObject(spec['placement']) ? { placement: spec['placement'] as Placement } : {}),
    ...(isPlainObject(spec['failover']) ? { failover: spec['failover'] as FailoverBehavior } : {}),
    clusters: targetClusters(spec['clusters']),
    ...(spec['propagateDeps'] === true ? { propagateDeps: true } : {}),
    namespaced: ns !== undefined,
    ...(tasks ? { gracefulEvictionTasks: tasks } : {}),
    scheduled,
    statuses: memberStatuses(status['aggregatedStatus']),
  };
}

function targetClusters(v: unknown): TargetCluster[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c): TargetCluster[] =>
    isPlainObject(c) && typeof c['name'] === 'string'
      ? [typeof c['replicas'] === 'number' ? { name: c['name'], replicas: c['replicas'] } : { name: c['name'] }]
      : [],
  );
}

function memberStatuses(v: unknown): ClusterWorkloadStatus[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s): ClusterWorkloadStatus[] => {
    if (!isPlainObject(s) || typeof s['clusterName'] !== 'string') return [];
    const health = s['health'] === 'Healthy' || s['health'] === 'Unhealthy' ? s['health'] : 'Unknown';
    return [
      {
        cluster: s['clusterName'],
        health,
        ...(typeof s['readyReplicas'] === 'number' ? { readyReplicas: s['readyReplicas'] } : {}),
        ...(typeof s['unhealthySince'] === 'string' ? { unhealthySince: s['unhealthySince'] } : {}),
        ...(isStringRecord(s['preservedLabelState']) ? { preservedLabelState: s['preservedLabelState'] } : {}),
      },
    ];
  });
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string');
}
