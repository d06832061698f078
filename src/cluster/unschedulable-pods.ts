/**
 * How many of a Deployment's replicas a member cannot place, as Karmada's scheduler-estimator
 * answers the descheduler (GetUnschedulableReplicas): the workload's pods (owned through its
 * ReplicaSets) that are Pending with condition PodScheduled=False, reason Unschedulable, since
 * at least the threshold. Reading is I/O here (the only folder that talks to members); counting is
 * the pure `countUnschedulable`.
 */
import { compareStrings, type Cluster, type KubeObject } from '../api/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { MemberClient } from './member-client.ts';

/** A Deployment on a member. */
export interface DeploymentRef {
  readonly namespace: string;
  readonly name: string;
}

/** `namespace/name` of a Deployment → its pods unschedulable longer than the threshold. */
export type UnschedulableCounts = ReadonlyMap<string, number>;

/** The key of a Deployment in UnschedulableCounts. */
export function deploymentKey(d: DeploymentRef): string {
  return `${d.namespace}/${d.name}`;
}

/**
 * Unschedulable pods per Deployment (`namespace/name`), for the pods and ReplicaSets of a member:
 * Pending, PodScheduled=False with reason Unschedulable, and that condition's lastTransitionTime at
 * or before `now - thresholdSeconds` (a condition without a time counts: it cannot be shown recent).
 */
export function countUnschedulable(
  pods: readonly KubeObject[],
  replicaSets: readonly KubeObject[],
  nowMs: number,
  thresholdSeconds: number,
): Map<string, number> {
  const rsOwner = new Map<string, string>();
  for (const rs of replicaSets) {
    const owner = controllerOf(rs, 'Deployment');
    if (owner) rsOwner.set(`${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}`, owner);
  }
  const out = new Map<string, number>();
  for (const pod of pods) {
    const status = (
      pod as {
        status?: {
          phase?: string;
          conditions?: { type?: string; status?: string; reason?: string; lastTransitionTime?: string }[];
        };
      }
    ).status;
    if (status?.phase !== 'Pending') continue;
    const c = (status.conditions ?? []).find((x) => x.type === 'PodScheduled');
    if (c?.status !== 'False' || c.reason !== 'Unschedulable') continue;
    const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Number.NaN;
    if (!Number.isNaN(since) && since > nowMs - thresholdSeconds * 1000) continue;
    const rs = controllerOf(pod, 'ReplicaSet');
    const ns = pod.metadata.namespace ?? '';
    const deployment = rs ? rsOwner.get(`${ns}/${rs}`) : undefined;
    if (!deployment) continue;
    const key = `${ns}/${deployment}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return new Map([...out].sort(([a], [b]) => compareStrings(a, b)));
}

function controllerOf(o: KubeObject, kind: string): string | undefined {
  const refs =
    (o.metadata as { ownerReferences?: { kind?: string; name?: string; controller?: boolean }[] }).ownerReferences ??
    [];
  return refs.find((r) => r.kind === kind && r.controller !== false)?.name;
}

/** What reading a member needs. */
export interface UnschedulableObserveOptions {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly nowMs: number;
  readonly thresholdSeconds: number;
}

/**
 * Per cluster, the unschedulable counts of the named Deployments' namespaces; a member that could
 * not be read is absent (the descheduler then takes nothing off it, as for Karmada's
 * UnauthenticReplica).
 */
export async function observeUnschedulable(
  targets: ReadonlyMap<string, readonly DeploymentRef[]>,
  clusters: readonly Cluster[],
  opts: UnschedulableObserveOptions,
): Promise<{ counts: Map<string, UnschedulableCounts>; unreadable: { cluster: string; message: string }[] }> {
  const byName = new Map(clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const names = [...targets.keys()].filter((n) => byName.has(n)).sort(compareStrings);
  const read = await mapLimit(names, 8, async (name) => {
    const namespaces = [...new Set((targets.get(name) ?? []).map((d) => d.namespace))].sort(compareStrings);
    let client: MemberClient | undefined;
    try {
      client = new MemberClient(name, await memberKubeConfig(byName.get(name) as Cluster, opts.credentials), {
        requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs),
        deadline: AbortSignal.timeout(opts.timeoutMs),
      });
      const c = client;
      const pods: KubeObject[] = [];
      const replicaSets: KubeObject[] = [];
      for (const namespace of namespaces) {
        pods.push(...(await c.list('v1', 'Pod', { namespace })));
        replicaSets.push(...(await c.list('apps/v1', 'ReplicaSet', { namespace })));
      }
      return {
        kind: 'read' as const,
        name,
        counts: countUnschedulable(pods, replicaSets, opts.nowMs, opts.thresholdSeconds),
      };
    } catch (err) {
      // An unreadable member reports no count: the descheduler leaves its replicas where they are.
      return { kind: 'unreadable' as const, name, message: err instanceof Error ? err.message : String(err) };
    } finally {
      await client?.close();
    }
  });
  const counts = new Map<string, UnschedulableCounts>();
  const unreadable: { cluster: string; message: string }[] = [];
  for (const r of read) {
    if (r.kind === 'read') counts.set(r.name, r.counts);
    else unreadable.push({ cluster: r.name, message: r.message });
  }
  return { counts, unreadable };
}
