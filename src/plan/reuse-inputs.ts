/**
 * What else than the templates and policies a reused plan depends on: the inputs a binding is
 * planned from beside its template. Karmada schedules one binding at a time from its own
 * history (pkg/scheduler/core/assignment.go reads the binding's previous clusters; the graceful
 * eviction tasks and the claiming policy live on the binding), so a template whose history is
 * unchanged plans as before; inputs every binding reads (the clusters, the interpreters, the
 * WorkloadRebalancers and the pass's time) force a full plan when they differ.
 */
import {
  compareStrings,
  type Fleet,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type ResourceKey,
} from '../api/index.ts';
import type { PlanInput } from './plan-fleet.ts';

/**
 * Why every template must be re-planned, or undefined when every fleet-wide input but the
 * clusters is the same (capacity-change.ts compares those).
 */
export function fleetWideChange(base: PlanInput, head: PlanInput): string | undefined {
  const a = base.fleet;
  const b = head.fleet;
  if (!sameList(a.customizations, b.customizations)) return 'resource interpreter customizations changed';
  if (
    [...a.clusterScopedKinds].sort(compareStrings).join(',') !==
    [...b.clusterScopedKinds].sort(compareStrings).join(',')
  )
    return 'CustomResourceDefinitions changed';
  const namespaces = (f: Fleet) => f.templates.filter((t) => isNamespaceTemplate(t.object));
  if (!sameList(namespaces(a), namespaces(b))) return 'Namespace templates changed';
  // Namespace Works take the ClusterOverridePolicies that select Namespaces (namespace-works.ts),
  // and a namespace with no template is no template a changed policy could mark affected.
  if (!sameList(a.overridePolicies.filter(selectsNamespaces), b.overridePolicies.filter(selectsNamespaces)))
    return 'ClusterOverridePolicies of Namespaces changed';
  if (!sameList(a.rebalancers ?? [], b.rebalancers ?? [])) return 'WorkloadRebalancers changed';
  // A WorkloadRebalancer's outcome and the eviction tasks it creates carry the pass's time.
  if (b.rebalancers?.length && !sameMap(base.rebalanced, head.rebalanced)) return 'WorkloadRebalancer records changed';
  if (b.rebalancers?.length && base.now !== head.now) return 'a WorkloadRebalancer reads the pass time';
  if ((base.works ?? 'keep') !== (head.works ?? 'keep')) return 'the plans render differently';
  // A workload-affinity group's placements depend on each other (src/plan/workload-groups.ts).
  if (b.propagationPolicies.some((p) => p.object.spec.placement?.workloadAffinity !== undefined))
    return 'a propagation policy uses workloadAffinity';
  return undefined;
}

/**
 * The templates whose own history differs between the two inputs: the previous placement (the
 * status branch's, or a descheduler's reduced one), the placement it was scheduled with, the
 * recorded claim and template version, and the graceful-eviction tasks.
 */
export function historyChanges(base: PlanInput, head: PlanInput): Set<ResourceKey> {
  const out = new Set<ResourceKey>();
  const compare = <V>(x: ReadonlyMap<ResourceKey, V> | undefined, y: ReadonlyMap<ResourceKey, V> | undefined) => {
    if (x === y) return;
    for (const k of differingKeys(x ?? new Map(), y ?? new Map())) out.add(k);
  };
  compare(base.previous, head.previous);
  compare(base.applied, head.applied);
  compare(base.records, head.records);
  compare(base.evictions, head.evictions);
  return out;
}

/** Whether an override policy may select a Namespace: a ClusterOverridePolicy naming the kind, or selecting everything. */
function selectsNamespaces(p: Loaded<OverridePolicy>): boolean {
  const selectors = p.object.spec.resourceSelectors;
  return (
    p.object.kind === 'ClusterOverridePolicy' &&
    (!selectors?.length || selectors.some((s) => s.kind === 'Namespace' && s.apiVersion === 'v1'))
  );
}

/** Whether a template is a Namespace (planFleet renders the namespace Works from them). */
export function isNamespaceTemplate(o: KubeObject): boolean {
  return o.kind === 'Namespace' && o.apiVersion === 'v1';
}

function differingKeys<K, V>(x: ReadonlyMap<K, V>, y: ReadonlyMap<K, V>): K[] {
  const out: K[] = [];
  for (const [k, v] of x) if (!y.has(k) || !sameValue(v, y.get(k))) out.push(k);
  for (const k of y.keys()) if (!x.has(k)) out.push(k);
  return out;
}

function sameMap<K, V>(x: ReadonlyMap<K, V> | undefined, y: ReadonlyMap<K, V> | undefined): boolean {
  return x === y || differingKeys(x ?? new Map(), y ?? new Map()).length === 0;
}

/** The same objects, in the same order, from the same places. */
export function sameList(a: readonly Loaded[], b: readonly Loaded[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && sameLoaded(x, y);
    })
  );
}

/**
 * The same object read from the same place (diagnostics and explanations carry the position).
 * The loader hands an unchanged file's objects back as the same values, so most compare by reference.
 */
export function sameLoaded(a: Loaded, b: Loaded): boolean {
  return (
    a === b || (a.object === b.object && a.source === b.source) || sameValue([a.object, a.source], [b.object, b.source])
  );
}

/**
 * Whether two JSON values are equal, keys in the same order (as JSON.stringify would print
 * them: a value can reach a plan's bytes). Anything else (undefined members, NaN) counts as different.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Number.isFinite(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return sameArray(a, b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k === undefined || k !== kb[i]) return false;
    const x: unknown = Reflect.get(a, k);
    const y: unknown = Reflect.get(b, k);
    if (x === undefined || !sameValue(x, y)) return false;
  }
  return true;
}

function sameArray(a: object, b: object): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    if (x === undefined || !sameValue(x, b[i])) return false;
  }
  return true;
}
