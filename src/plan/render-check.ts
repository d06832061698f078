/**
 * The render check of commands that print no Work (`works: 'check'`): a binding's Works are
 * rendered once per class of equivalent target clusters instead of once per cluster.
 *
 * Whether a cluster's manifest renders depends on the cluster only through its class
 * (src/render/override-classes.ts: the replicas and the matching override rules); labels injected
 * after the overrides and the ownership marks cannot fail. So one cluster per class renders what
 * all of that class render; when any of them fails, the binding is rendered in full, so the
 * diagnostics are exactly those of a full plan (one per failed cluster, each naming it).
 */
import type { Diagnostic, TargetCluster } from '../api/index.ts';
import {
  renderBinding,
  renderClassOf,
  type OverrideClasses,
  type RenderContext,
  type RenderRequest,
} from '../render/index.ts';

export { OverrideClasses } from '../render/index.ts';

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
    const key = renderClassOf(rules, target, req.isWorkload);
    if (!representatives.has(key)) representatives.set(key, target);
  }
  if (representatives.size === req.clusters.length) return renderBinding(ctx, req).diagnostics;
  const probe = renderBinding(ctx, { ...req, clusters: [...representatives.values()] });
  return probe.diagnostics.length ? renderBinding(ctx, req).diagnostics : [];
}
