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
 * per distinct candidate list: templates selected by the same policies share it).
 */
export class OverrideClasses {
  readonly #position: ReadonlyMap<OverridePolicy, number>;
  readonly #byCandidates = new Map<string, Map<Cluster, string>>();

  /** `policies`: the fleet's override policies (the candidates of every template are among them). */
  constructor(policies: readonly Loaded<OverridePolicy>[]) {
    this.#position = new Map(policies.map((p, i) => [p.object, i] as const));
  }

  /** The clusters' classes for a binding with these override candidates (a lookup per cluster). */
  forCandidates(overrides: readonly Loaded<OverridePolicy>[]): (cluster: Cluster) => string {
    const id = overrides.map((p) => this.#position.get(p.object) ?? `?${p.source.file}#${p.source.doc}`).join(',');
    let byCluster = this.#byCandidates.get(id);
    if (byCluster === undefined) {
      byCluster = new Map();
      this.#byCandidates.set(id, byCluster);
    }
    const cache = byCluster;
    return (cluster) => {
      let key = cache.get(cluster);
      if (key === undefined) {
        key = overrides
          .map((p) =>
            matchingRuleIndexes(p.object, cluster)
              .map((i) => (i === undefined ? '-' : String(i)))
              .join(','),
          )
          .join(';');
        cache.set(cluster, key);
      }
      return key;
    };
  }
}

/**
 * The diagnostics renderBinding(ctx, req) would give, rendering one cluster of each class; the
 * whole binding only when one of them fails.
 */
export function checkBindingRenders(ctx: RenderContext, req: RenderRequest, classes: OverrideClasses): Diagnostic[] {
  const classOf = classes.forCandidates(req.overrides);
  const representatives = new Map<string, TargetCluster>();
  for (const target of req.clusters) {
    const cluster = ctx.clusters.get(target.name);
    if (!cluster) continue; // renderBinding skips it too
    const rules = classOf(cluster.object);
    const key = req.isWorkload ? `${target.replicas ?? 0}|${rules}` : rules;
    if (!representatives.has(key)) representatives.set(key, target);
  }
  if (representatives.size === req.clusters.length) return renderBinding(ctx, req).diagnostics;
  const probe = renderBinding(ctx, { ...req, clusters: [...representatives.values()] });
  return probe.diagnostics.length ? renderBinding(ctx, req).diagnostics : [];
}
