/**
 * Test support: a SchedulingRequest for a template as the plan stage builds it, with replicas and
 * requirements as Karmada's native GetReplicas computes them for pod-template workloads.
 */
import { parseMilli } from '../api/index.ts';
import type { KubeObject, Placement, ReplicaRequirements, ResourceRef, TargetCluster } from '../api/index.ts';
import type { SchedulingRequest } from './types.ts';

interface Container {
  readonly resources?: {
    readonly requests?: Record<string, string | number>;
    readonly limits?: Record<string, string | number>;
  };
}
interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly overhead?: Record<string, string | number>;
}

/** Builds the request for a template matched by a placement. */
export function requestOf(
  t: KubeObject,
  ref: ResourceRef,
  placement: Placement,
  previous?: readonly TargetCluster[],
): SchedulingRequest {
  const spec = (t['spec'] ?? {}) as Record<string, unknown>;
  const pod = ((spec['template'] as { spec?: PodSpec } | undefined)?.spec ?? undefined) as PodSpec | undefined;
  let replicas = 0;
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(t.kind))
    replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
  if (t.kind === 'Job') replicas = typeof spec['parallelism'] === 'number' ? spec['parallelism'] : 1;
  const requirements =
    pod && replicas >= 0 && ['Deployment', 'StatefulSet', 'ReplicaSet', 'Job'].includes(t.kind)
      ? podRequirements(pod)
      : undefined;
  return {
    resource: ref,
    placement,
    replicas,
    ...(requirements ? { requirements } : {}),
    ...(previous ? { previous } : {}),
  };
}

/** Per resource: max(largest init container, sum of containers) + overhead; requests default to limits. */
function podRequirements(pod: PodSpec): ReplicaRequirements | undefined {
  const sum = new Map<string, bigint>();
  const add = (into: Map<string, bigint>, list: Record<string, string | number>) => {
    for (const [k, v] of Object.entries(list)) into.set(k, (into.get(k) ?? 0n) + (parseMilli(v) ?? 0n));
  };
  const requestsOf = (c: Container) => ({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
  for (const c of pod.containers ?? []) add(sum, requestsOf(c));
  for (const c of pod.initContainers ?? []) {
    const one = new Map<string, bigint>();
    add(one, requestsOf(c));
    for (const [k, v] of one) if (v > (sum.get(k) ?? 0n)) sum.set(k, v);
  }
  add(sum, pod.overhead ?? {});
  if (sum.size === 0) return undefined;
  const resourceRequest: Record<string, string> = {};
  for (const [k, v] of [...sum].sort((a, b) => (a[0] < b[0] ? -1 : 1))) resourceRequest[k] = `${v}m`;
  return { resourceRequest };
}
