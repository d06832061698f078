/**
 * Classes of equivalent target clusters of a binding: clusters whose manifests are made alike.
 *
 * What a cluster's manifest is made of depends on the cluster only through the replicas it is
 * assigned (reviseReplica reads the manifest and the count) and the override rules whose
 * targetCluster matches it (overriders read the manifest, never the cluster; the OverridePolicies
 * are selected against what the ClusterOverridePolicies' rules left). Labels injected after the
 * overrides differ per cluster and are no part of the class: a cluster that gets some is its own.
 */
import type { Cluster, Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { matchingRuleIndexes } from '../override/index.ts';

/**
 * The override rules each candidate list applies to each cluster, computed once per plan (and
 * per distinct candidate list: templates selected by the same policies share it), as a small
 * number: clusters with the same number have the same rules applied.
 */
export class OverrideClasses {
  readonly #clusters: ReadonlyMap<string, Loaded<Cluster>>;
  readonly #position: ReadonlyMap<OverridePolicy, number>;
  readonly #byCandidates = new Map<string, Map<string, number>>();

  /** `policies`: the fleet's override policies (the candidates of every template are among them). */
  constructor(clusters: ReadonlyMap<string, Loaded<Cluster>>, policies: readonly Loaded<OverridePolicy>[]) {
    this.#clusters = clusters;
    this.#position = new Map(policies.map((p, i) => [p.object, i] as const));
  }

  /** The class of each cluster (by name) for a binding with these override candidates; undefined: not in the inventory. */
  forCandidates(overrides: readonly Loaded<OverridePolicy>[]): (cluster: string) => number | undefined {
    const id = overrides.map((p) => this.#position.get(p.object) ?? `?${p.source.file}#${p.source.doc}`).join(',');
    let byCluster = this.#byCandidates.get(id);
    if (byCluster === undefined) {
      byCluster = this.#classify(overrides);
      this.#byCandidates.set(id, byCluster);
    }
    const classes = byCluster;
    return (cluster) => classes.get(cluster);
  }

  #classify(overrides: readonly Loaded<OverridePolicy>[]): Map<string, number> {
    const numbers = new Map<string, number>();
    const out = new Map<string, number>();
    for (const [name, cluster] of this.#clusters) {
      const rules = overrides
        .map((p) =>
          matchingRuleIndexes(p.object, cluster.object)
            .map((i) => (i === undefined ? '-' : String(i)))
            .join(','),
        )
        .join(';');
      let n = numbers.get(rules);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(rules, n);
      }
      out.set(name, n);
    }
    return out;
  }
}

/**
 * One number per class of a binding's target clusters: its override class, with the replicas
 * when the binding is a workload (replicas are integers below 2^31 and classes fewer than the
 * clusters, so the number is exact).
 */
export function renderClassOf(overrideClass: number, target: TargetCluster, isWorkload: boolean): number {
  return isWorkload ? overrideClass * 2 ** 32 + (target.replicas ?? 0) : overrideClass;
}
