/**
 * The previous placement of a stateless `flotilla apply` (no status branch), read back from the
 * members: each object flotilla applied carries `flotilla.io/binding` and the replicas its member
 * was given, so the reachable members together say where every workload ran and with how many
 * replicas. The controller and `reconcile` read the same thing from the status branch
 * (writeback/status-reader.ts); without it a Divided workload with dynamic weights would be divided
 * afresh by the members' current free capacity on every apply, which its own pods used up
 * (Karmada keeps the previous assignment in Steady mode: scheduler/dynamic-division.ts).
 *
 * Gather, then decide (B3): this runs after observing and before planning. An unreachable member
 * contributes nothing, so its share is scheduled afresh, as it would be with no history.
 */
import { bindingAnnotation, compareStrings, managedByLabel, managedByValue, resourceKeyOf, type Cluster, type KubeObject, type ResourceKey, type TargetCluster } from '../api/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { MemberClient } from './member-client.ts';

/** One workload object found on one member: its key, and its replicas there. */
export interface PlacedObject {
  readonly cluster: string;
  readonly key: ResourceKey;
  readonly replicas: number;
}

/** Options of reading the placement back. */
export interface PlacementReadOptions {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
  /** The replicas of a live object (the interpreter's GetReplicas), undefined when it cannot tell. */
  readonly replicasOf: (live: KubeObject) => number | undefined;
}

/** The previous placement by resource key: the members holding each object, sorted by name. Pure. */
export function previousPlacement(found: readonly PlacedObject[]): Map<ResourceKey, TargetCluster[]> {
  const out = new Map<ResourceKey, TargetCluster[]>();
  for (const f of found.toSorted((a, b) => compareStrings(a.key, b.key) || compareStrings(a.cluster, b.cluster))) {
    out.set(f.key, [...(out.get(f.key) ?? []), { name: f.cluster, replicas: f.replicas }]);
  }
  return out;
}

/**
 * Reads, on each member, the objects of the given workload templates that carry flotilla's marks:
 * one LIST per (apiVersion, kind) with the managed-by label selector. A member that fails to answer
 * is left out (its share is scheduled afresh), never an error: the apply reports it anyway.
 */
export async function readPlacement(templates: readonly KubeObject[], clusters: readonly Cluster[], opts: PlacementReadOptions): Promise<Map<ResourceKey, TargetCluster[]>> {
  const wanted = new Set(templates.map(resourceKeyOf));
  const kinds = [...new Map(templates.map((t) => [`${t.apiVersion}|${t.kind}`, { apiVersion: t.apiVersion, kind: t.kind }] as const)).entries()]
    .sort(([a], [b]) => compareStrings(a, b)).map(([, k]) => k);
  const perCluster = await mapLimit(clusters, opts.concurrency, (c) => readCluster(c, kinds, wanted, opts));
  return previousPlacement(perCluster.flat());
}

async function readCluster(cluster: Cluster, kinds: readonly { apiVersion: string; kind: string }[], wanted: ReadonlySet<string>, opts: PlacementReadOptions): Promise<PlacedObject[]> {
  const name = cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    client = new MemberClient(name, await memberKubeConfig(cluster, opts.credentials), { requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs), deadline: AbortSignal.timeout(opts.timeoutMs) });
    const c = client;
    const lists = await mapLimit(kinds, 4, async (k) => ((await c.serves(k.apiVersion, k.kind)) ? c.list(k.apiVersion, k.kind, { labelSelector: `${managedByLabel}=${managedByValue}` }) : []));
    const out: PlacedObject[] = [];
    for (const live of lists.flat()) {
      const key = resourceKeyOf(live);
      const replicas = live.metadata.annotations?.[bindingAnnotation] && wanted.has(key) ? opts.replicasOf(live) : undefined;
      if (replicas !== undefined && replicas > 0) out.push({ cluster: name, key, replicas });
    }
    return out;
  } catch {
    // An unreachable or failing member holds no known placement: its replicas are scheduled afresh.
    return [];
  } finally {
    await client?.close();
  }
}
