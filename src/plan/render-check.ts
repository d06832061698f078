/**
 * The render check of commands that print no Work (`works: 'check'`): a binding's Works are
 * rendered once per class of equivalent target clusters instead of once per cluster.
 *
 * What a cluster's manifest is made of, and so whether it renders, depends on the cluster only
 * through the replicas it is assigned (reviseReplica reads the manifest and the count) and the
 * override rules whose targetCluster matches it (overriders read the manifest, never the cluster;
 * the OverridePolicies are selected against what the ClusterOverridePolicies' rules left). Labels
 * injected after the overrides and the ownership marks cannot fail. So one cluster per (replicas,
 * matching rules) renders what all of that class render; when any of them fails, the binding is
 * rendered in full, so the diagnostics are exactly those of a full plan (one per failed cluster,
 * each naming it).
 */
import type { Cluster, Diagnostic, Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { matchingRuleIndexes } from '../override/index.ts';
import { renderBinding, type RenderContext, type RenderRequest } from '../render/index.ts';

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
 * The diagnostics renderBinding(ctx, req) would give, rendering one cluster of each class; the
 * whole binding only when one of them fails.
 */
export function checkBindingRenders(ctx: RenderContext, req: RenderRequest, classes: OverrideClasses): Diagnostic[] {
  const classOf = classes.forCandidates(req.overrides);
  const representatives = new Map<number, TargetCluster>();
  for (const target of req.clusters) {
    const rules = classOf(target.name);
    if (rules === undefined) continue; // not in the inventory: renderBinding skips it too
    // Replicas are integers below 2^31 and classes fewer than the clusters: one exact number.
    const key = req.isWorkload ? rules * 2 ** 32 + (target.replicas ?? 0) : rules;
    if (!representatives.has(key)) representatives.set(key, target);
  }
  if (representatives.size === req.clusters.length) return renderBinding(ctx, req).diagnostics;
  const probe = renderBinding(ctx, { ...req, clusters: [...representatives.values()] });
  return probe.diagnostics.length ? renderBinding(ctx, req).diagnostics : [];
}
