/**
 * Plans the head revision of a preview by re-planning only the templates a change can affect and
 * taking everything else from the base plan. Karmada schedules and renders each binding on its
 * own (pkg/scheduler/scheduler.go handles one binding per queue item; the binding controller
 * renders its Works alone), so with the same clusters, interpreter customizations and previous
 * placement, a template whose content, claiming policy and selecting override policies are
 * unchanged plans exactly as in the base. Anything fleet-wide that differs falls back to a full plan.
 */
import {
  compareDiagnostics,
  compareStrings,
  resourceKey,
  resourceKeyOf,
  type Fleet,
  type KubeObject,
  type Loaded,
  type ResourceKey,
} from '../api/index.ts';
import { bindingId, type Binding } from './binding.ts';
import { planFleet, type Plan, type PlanInput } from './plan-fleet.ts';
import { coverageCodes, coverageWarnings } from './policy-coverage.ts';
import { isUnsyncedNamespace, type Work } from '../render/index.ts';
import { reachOf } from './affected-templates.ts';
import { closeOverDependencies } from './dependency-closure.ts';

/** The base revision as already loaded and planned. */
export interface PlannedBase {
  readonly fleet: Fleet;
  readonly plan: Plan;
}

/** How the head plan was made: in full (and why), or by re-planning part of it. */
export type Reuse =
  | { readonly kind: 'full'; readonly reason: string }
  | { readonly kind: 'partial'; readonly replanned: number; readonly reused: number };

/** The head plan and how it was made. Warnings of a partial plan cover only the re-planned templates. */
export interface HeadPlan {
  readonly plan: Plan;
  readonly reuse: Reuse;
}

/** Above this share of re-planned templates a full plan is as cheap and simpler. */
const maxReplannedShare = 0.5;
const namespaceBindingPrefix = 'Namespace/';

/** Plans `head`, reusing the base plan's bindings and Works for every template the change cannot affect. */
export function planHeadReusingBase(base: PlannedBase, head: PlanInput): HeadPlan {
  const full = (reason: string): HeadPlan => ({ plan: planFleet(head), reuse: { kind: 'full', reason } });
  if (base.plan.errors.length) return full('the base revision is invalid');
  if (head.diagnostics.some((d) => d.severity === 'error')) return full('the head revision is invalid');
  const fleetWide = fleetWideChange(base.fleet, head.fleet);
  if (fleetWide) return full(fleetWide);
  const affected = closeOverDependencies(base.plan, head.fleet, reachOf(base.fleet, head.fleet));
  if (affected === undefined) return full('a dependency could not be interpreted');
  // Namespace templates are always re-planned: planFleet renders namespace Works from them.
  for (const t of head.fleet.templates) if (isNamespaceTemplate(t.object)) affected.add(resourceKeyOf(t.object));
  if (affected.size > head.fleet.templates.length * maxReplannedShare)
    return full(`${affected.size} of ${head.fleet.templates.length} templates are affected`);
  const subset = planFleet({
    ...head,
    fleet: { ...head.fleet, templates: head.fleet.templates.filter((t) => affected.has(resourceKeyOf(t.object))) },
  });
  if (subset.errors.length) return { plan: subset, reuse: { kind: 'partial', replanned: affected.size, reused: 0 } };
  const headKeys = new Set(head.fleet.templates.map((t) => resourceKeyOf(t.object)));
  const kept = base.plan.bindings.filter((b) => {
    const k = keyOfBinding(b);
    return headKeys.has(k) && !affected.has(k);
  });
  const merged = mergePlans(base.plan, subset, kept);
  // Same rebalancers and records as the base (fleetWideChange): their outcomes are the base's.
  const withRebalancers = merged && base.plan.rebalancers ? { ...merged, rebalancers: base.plan.rebalancers } : merged;
  return withRebalancers
    ? {
        plan: withFleetCoverage(withRebalancers, head.fleet),
        reuse: { kind: 'partial', replanned: affected.size, reused: kept.length },
      }
    : full('a namespace Work could not be reused');
}

/** Why the whole fleet must be re-planned, or undefined when clusters, interpreters and kinds are equal. */
function fleetWideChange(a: Fleet, b: Fleet): string | undefined {
  if (!sameObjects(a.clusters, b.clusters)) return 'the cluster inventory changed';
  if (!sameObjects(a.customizations, b.customizations)) return 'resource interpreter customizations changed';
  if (
    [...a.clusterScopedKinds].sort(compareStrings).join(',') !==
    [...b.clusterScopedKinds].sort(compareStrings).join(',')
  )
    return 'CustomResourceDefinitions changed';
  const namespaces = (f: Fleet) => f.templates.filter((t) => isNamespaceTemplate(t.object));
  if (!sameObjects(namespaces(a), namespaces(b))) return 'Namespace templates changed';
  if (!sameObjects(a.rebalancers ?? [], b.rebalancers ?? [])) return 'WorkloadRebalancers changed';
  // A workload-affinity group's placements depend on each other (src/plan/workload-groups.ts).
  if (b.propagationPolicies.some((p) => p.object.spec.placement?.workloadAffinity !== undefined))
    return 'a propagation policy uses workloadAffinity';
  return undefined;
}

/**
 * The coverage warnings (templates no policy selects, idle policies, priority ties) are about the
 * whole fleet: the subset plan's are replaced by the whole head fleet's.
 */
function withFleetCoverage(plan: Plan, fleet: Fleet): Plan {
  const propagated = new Set(plan.bindings.map(keyOfBinding));
  const others = plan.warnings.filter((w) => !coverageCodes.has(w.code));
  return { ...plan, warnings: [...others, ...coverageWarnings(fleet, propagated)].sort(compareDiagnostics) };
}

function isNamespaceTemplate(o: KubeObject): boolean {
  return o.kind === 'Namespace' && o.apiVersion === 'v1';
}

function sameObjects(a: readonly Loaded[], b: readonly Loaded[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(x.object) === JSON.stringify(b[i]?.object));
}

function keyOfBinding(b: Binding): ResourceKey {
  return resourceKey(b.spec.resource);
}

/**
 * The base plan's kept bindings and their Works, plus the subset plan. Namespace Works follow the
 * merged Works (as planFleet derives them); each is taken from either plan, both having rendered
 * it from the same Namespace template. Undefined when one is in neither plan.
 */
function mergePlans(base: Plan, subset: Plan, kept: readonly Binding[]): Plan | undefined {
  const keptIds = new Set(kept.map((b) => bindingId(b)));
  const isAuto = (w: Work) => (w.metadata.annotations['flotilla.io/binding'] ?? '').startsWith(namespaceBindingPrefix);
  const works = [
    ...base.works.filter((w) => !isAuto(w) && keptIds.has(w.metadata.annotations['flotilla.io/binding'] ?? '')),
    ...subset.works.filter((w) => !isAuto(w)),
  ];
  const autos = new Map<string, Work>();
  for (const w of [...base.works, ...subset.works])
    if (isAuto(w))
      autos.set(
        pairOf(
          w.metadata.namespace,
          w.metadata.annotations['flotilla.io/binding']?.slice(namespaceBindingPrefix.length) ?? '',
        ),
        w,
      );
  const placed = new Set<string>();
  const wanted = new Set<string>();
  for (const w of works) {
    const meta = (w.spec.workload.manifests[0]?.['metadata'] ?? {}) as { name?: string; namespace?: string };
    if (w.spec.workload.manifests[0]?.['kind'] === 'Namespace')
      placed.add(pairOf(w.metadata.namespace, meta.name ?? ''));
    else if (meta.namespace && !isUnsyncedNamespace(meta.namespace))
      wanted.add(pairOf(w.metadata.namespace, meta.namespace));
  }
  for (const pair of wanted) {
    if (placed.has(pair)) continue;
    const w = autos.get(pair);
    if (!w) return undefined;
    works.push(w);
  }
  const keptKeys = new Set(kept.map(keyOfBinding));
  return {
    revision: subset.revision,
    bindings: [...kept, ...subset.bindings].sort((a, b) => compareStrings(keyOfBinding(a), keyOfBinding(b))),
    works: works.sort(
      (a, b) =>
        compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name),
    ),
    errors: [],
    warnings: subset.warnings,
    explanations: [...base.explanations.filter((e) => keptKeys.has(e.key)), ...subset.explanations].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    clusters: subset.clusters,
  };
}

function pairOf(executionNamespace: string, namespace: string): string {
  return `${executionNamespace}|${namespace}`;
}
