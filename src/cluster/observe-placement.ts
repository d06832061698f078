/**
 * The previous placement of a stateless `flotilla apply` (no status branch), read back from the
 * members: each object flotilla applied carries `flotilla.io/binding` and the replicas its member
 * was given, and each member's inventory holds the placement record of the apply that wrote it
 * (placement-record.ts), which also says what went to members that were unreachable then. The
 * controller and `reconcile` read the same from the status branch (writeback/status-reader.ts);
 * without it a Divided workload with dynamic weights would be divided afresh by the members'
 * current free capacity on every apply, capacity its own pods used up (Karmada keeps the
 * previous assignment: plan/schedule-trigger.ts, scheduler/dynamic-division.ts).
 *
 * Gather, then decide (B3): this runs after observing and before planning. What a reachable
 * member holds wins over any record; a member unreachable now contributes only what a record says.
 */
import {
  bindingAnnotation,
  compareStrings,
  managedByLabel,
  managedByValue,
  resourceKeyOf,
  type Cluster,
  type KubeObject,
  type Placement,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { inventoryName, inventoryNamespace, readPlacementRecord } from './inventory.ts';
import { MemberClient } from './member-client.ts';
import type { PlacementRecord } from './placement-record.ts';

/** One workload object found on one member: its key, and its replicas there. */
export interface PlacedObject {
  readonly cluster: string;
  readonly key: ResourceKey;
  readonly replicas: number;
}

/** What one reachable member holds: its workload objects and its inventory's placement record. */
export interface MemberPlacement {
  readonly cluster: string;
  readonly objects: readonly PlacedObject[];
  readonly record: PlacementRecord;
}

/** The planner's history (plan-fleet.ts PlanInput previous / applied). */
export interface PreviousFromMembers {
  readonly previous: Map<ResourceKey, TargetCluster[]>;
  readonly applied: Map<ResourceKey, Placement>;
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

/**
 * Merges what the reachable members hold into the planner's history. Pure. Per workload: the live
 * replicas on reachable members, plus the recorded replicas of members not among them (from the
 * record of the first member by name that has one); its recorded placement becomes `applied` only
 * when the record agrees with every reachable member, so that a hand-scaled or half-applied
 * workload is scheduled again rather than kept.
 */
export function previousPlacement(members: readonly MemberPlacement[]): PreviousFromMembers {
  const sorted = members.toSorted((a, b) => compareStrings(a.cluster, b.cluster));
  const reachable = new Set(sorted.map((m) => m.cluster));
  const live = new Map<ResourceKey, TargetCluster[]>();
  for (const m of sorted)
    for (const o of m.objects) live.set(o.key, [...(live.get(o.key) ?? []), { name: m.cluster, replicas: o.replicas }]);
  const keys = [...new Set([...live.keys(), ...sorted.flatMap((m) => [...m.record.keys()])])].sort(compareStrings);
  const previous = new Map<ResourceKey, TargetCluster[]>();
  const applied = new Map<ResourceKey, Placement>();
  for (const key of keys) {
    const here = live.get(key) ?? [];
    const rec = sorted.map((m) => m.record.get(key)).find((r) => r !== undefined);
    const elsewhere = (rec?.clusters ?? []).filter((c) => !reachable.has(c.name));
    const clusters = [...here, ...elsewhere].sort((a, b) => compareStrings(a.name, b.name));
    if (clusters.length) previous.set(key, clusters);
    const agrees =
      rec !== undefined &&
      sameReplicas(
        rec.clusters.filter((c) => reachable.has(c.name)),
        here,
      );
    if (agrees && rec.placement) applied.set(key, rec.placement);
  }
  return { previous, applied };
}

function sameReplicas(a: readonly TargetCluster[], b: readonly TargetCluster[]): boolean {
  const key = (xs: readonly TargetCluster[]) =>
    xs
      .filter((c) => (c.replicas ?? 0) > 0)
      .map((c) => `${c.name}=${c.replicas ?? 0}`)
      .sort(compareStrings)
      .join(',');
  return key(a) === key(b);
}

/**
 * Reads, on each member, the objects of the given workload templates that carry flotilla's marks
 * (one LIST per apiVersion and kind, by the managed-by label) and the inventory's placement record.
 * A member that fails to answer is left out, never an error: the apply reports it anyway.
 */
export async function readPlacement(
  templates: readonly KubeObject[],
  clusters: readonly Cluster[],
  opts: PlacementReadOptions,
): Promise<PreviousFromMembers> {
  const wanted = new Set(templates.map(resourceKeyOf));
  const kinds = [
    ...new Map(
      templates.map((t) => [`${t.apiVersion}|${t.kind}`, { apiVersion: t.apiVersion, kind: t.kind }] as const),
    ).entries(),
  ]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, k]) => k);
  const read = await mapLimit(clusters, opts.concurrency, (c) => readMember(c, kinds, wanted, opts));
  return previousPlacement(read.filter((m) => m !== undefined));
}

async function readMember(
  cluster: Cluster,
  kinds: readonly { apiVersion: string; kind: string }[],
  wanted: ReadonlySet<string>,
  opts: PlacementReadOptions,
): Promise<MemberPlacement | undefined> {
  const name = cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    client = new MemberClient(name, await memberKubeConfig(cluster, opts.credentials), {
      requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs),
      deadline: AbortSignal.timeout(opts.timeoutMs),
    });
    const c = client;
    const lists = await mapLimit(kinds, 4, async (k) =>
      (await c.serves(k.apiVersion, k.kind))
        ? c.list(k.apiVersion, k.kind, { labelSelector: `${managedByLabel}=${managedByValue}` })
        : [],
    );
    const objects: PlacedObject[] = [];
    for (const live of lists.flat()) {
      const key = resourceKeyOf(live);
      const replicas =
        live.metadata.annotations?.[bindingAnnotation] && wanted.has(key) ? opts.replicasOf(live) : undefined;
      if (replicas !== undefined && replicas > 0) objects.push({ cluster: name, key, replicas });
    }
    const inventory = await c.get({
      group: '',
      version: 'v1',
      kind: 'ConfigMap',
      namespace: inventoryNamespace,
      name: inventoryName,
    });
    const record = new Map([...readPlacementRecord(inventory)].filter(([k]) => wanted.has(k)));
    return { cluster: name, objects, record };
  } catch {
    // An unreachable or failing member tells nothing: the others' records still may.
    return undefined;
  } finally {
    await client?.close();
  }
}
