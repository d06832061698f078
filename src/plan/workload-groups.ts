/**
 * Workload affinity groups (`placement.workloadAffinity`), as Karmada's detector names them
 * (pkg/detector/detector.go getWorkloadAffinityGroups: `<groupByLabelKey>=<label value>` of the
 * template, on ResourceBindings only) and as its WorkloadAffinity / WorkloadAntiAffinity filters
 * see the peers (framework/plugins/workloadaffinity obeyAffinityGroup, workloadantiaffinity
 * obeyAntiAffinityGroup): the other bindings of the same namespace and group, where they are now.
 * Karmada schedules bindings one by one from its queue; flotilla schedules a revision's templates in
 * resource-key order, so a peer is where this pass put it, or where its previous binding was when
 * this pass has not reached it yet. Karmada acts on the field only with its alpha WorkloadAffinity
 * feature gate; flotilla honours it as written (docs/karmada-differences.md).
 */
import {
  resourceKeyOf,
  type Fleet,
  type KubeObject,
  type Placement,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import { matchClaimed, type PolicyIndex } from '../policy/index.ts';
import type { WorkloadGroupConstraint } from '../scheduler/index.ts';
import { activeSpec } from './activation.ts';
import type { PreviousPlacement, PreviousRecords } from './previous.ts';

/** A binding's instantiated groups (Karmada WorkloadAffinityGroups). */
export interface WorkloadGroups {
  readonly affinityGroup?: string;
  readonly antiAffinityGroup?: string;
}

/** The template's groups under `placement`, or undefined (no workloadAffinity, no label, or a cluster-scoped template). */
export function workloadGroupsOf(template: KubeObject, placement: Placement | undefined): WorkloadGroups | undefined {
  const wa = placement?.workloadAffinity;
  if (wa === undefined || template.metadata.namespace === undefined) return undefined;
  const labels = template.metadata.labels ?? {};
  const group = (key: string | undefined): string | undefined =>
    key !== undefined && Object.hasOwn(labels, key) ? `${key}=${labels[key]}` : undefined;
  const affinityGroup = group(wa.affinity?.groupByLabelKey);
  const antiAffinityGroup = group(wa.antiAffinity?.groupByLabelKey);
  if (affinityGroup === undefined && antiAffinityGroup === undefined) return undefined;
  return { ...(affinityGroup ? { affinityGroup } : {}), ...(antiAffinityGroup ? { antiAffinityGroup } : {}) };
}

interface Peer {
  readonly groups: WorkloadGroups;
  clusters: readonly string[];
}

/** Where each grouped binding is, by namespace; updated as the pass schedules. */
export class GroupPeers {
  readonly #byNamespace = new Map<string, Map<ResourceKey, Peer>>();

  /** Registers a binding with its groups and its clusters so far (its previous placement). */
  add(key: ResourceKey, namespace: string, groups: WorkloadGroups, clusters: readonly TargetCluster[]): void {
    let m = this.#byNamespace.get(namespace);
    if (m === undefined) {
      m = new Map();
      this.#byNamespace.set(namespace, m);
    }
    m.set(key, { groups, clusters: clusters.map((c) => c.name) });
  }

  /** Records where the pass placed a binding. */
  place(key: ResourceKey, namespace: string, clusters: readonly TargetCluster[]): void {
    const p = this.#byNamespace.get(namespace)?.get(key);
    if (p) p.clusters = clusters.map((c) => c.name);
  }

  /** The filters' view of `key`'s peers: the clusters all affinity peers target, the clusters anti-affinity peers target. */
  constraint(key: ResourceKey, namespace: string, groups: WorkloadGroups): WorkloadGroupConstraint {
    let allowed: Set<string> | undefined;
    const denied = new Set<string>();
    for (const [other, peer] of this.#byNamespace.get(namespace) ?? []) {
      if (other === key) continue;
      // obeyAffinityGroup: a peer without clusters does not constrain (the group's first workload is free).
      if (
        groups.affinityGroup !== undefined &&
        peer.groups.affinityGroup === groups.affinityGroup &&
        peer.clusters.length > 0
      ) {
        allowed =
          allowed === undefined ? new Set(peer.clusters) : new Set(peer.clusters.filter((c) => allowed?.has(c)));
      }
      if (groups.antiAffinityGroup !== undefined && peer.groups.antiAffinityGroup === groups.antiAffinityGroup)
        for (const c of peer.clusters) denied.add(c);
    }
    return allowed === undefined ? { denied } : { allowed, denied };
  }
}

/**
 * The peers of a revision, each where its previous binding was; undefined when no policy uses
 * workloadAffinity (then nothing is computed).
 */
export function collectPeers(
  fleet: Fleet,
  index: PolicyIndex,
  history: { readonly previous: PreviousPlacement | undefined; readonly records: PreviousRecords | undefined },
): GroupPeers | undefined {
  if (!fleet.propagationPolicies.some((p) => p.object.spec.placement?.workloadAffinity !== undefined)) return undefined;
  const peers = new GroupPeers();
  for (const t of fleet.templates) {
    const key = resourceKeyOf(t.object);
    const record = history.records?.get(key);
    const match = matchClaimed(index, t.object, record?.claim);
    const groups = match
      ? workloadGroupsOf(t.object, activeSpec(match.policy.object, t.object, record).placement)
      : undefined;
    if (groups) peers.add(key, t.object.metadata.namespace ?? '', groups, history.previous?.get(key) ?? []);
  }
  return peers;
}
