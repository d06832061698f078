/**
 * Binding by binding: where each resource runs before and after, which policy claims it, what
 * changed in that policy's placement, and whether it can still be scheduled.
 */
import { compareStrings, isPlainObject, resourceKey, type ResourceKey } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import type { ClusterPlacement, ResourceChange, SchedulingState } from './model.ts';

/** Placement changes of every resource whose binding differs, sorted by resource key. */
export function diffBindings(base: readonly Binding[], head: readonly Binding[]): ResourceChange[] {
  const before = new Map(base.map((b) => [resourceKey(b.spec.resource), b] as const));
  const after = new Map(head.map((b) => [resourceKey(b.spec.resource), b] as const));
  const keys = [...new Set<ResourceKey>([...before.keys(), ...after.keys()])].sort(compareStrings);
  const out: ResourceChange[] = [];
  for (const key of keys) {
    const change = diffBinding(before.get(key), after.get(key));
    if (change) out.push(change);
  }
  return out;
}

/** The change of one binding, or undefined when nothing a reviewer sees differs. */
export function diffBinding(before: Binding | undefined, after: Binding | undefined): ResourceChange | undefined {
  const either = after ?? before;
  if (!either) return undefined;
  const clusters = diffClusters(before, after);
  const replaced = clusters.some((c) => c.before !== c.after);
  const policy = { before: before ? policyOf(before) : null, after: after ? policyOf(after) : null };
  const placementPaths =
    before && after ? differingPaths(before.spec.placement, after.spec.placement, 'placement') : [];
  const replicas = { before: before?.spec.replicas ?? null, after: after?.spec.replicas ?? null };
  const scheduling = { before: before ? schedulingOf(before) : null, after: after ? schedulingOf(after) : null };
  const schedulingChanged =
    scheduling.before?.scheduled !== scheduling.after?.scheduled ||
    scheduling.before?.reason !== scheduling.after?.reason ||
    scheduling.before?.message !== scheduling.after?.message;
  const change = !before ? 'added' : !after ? 'removed' : 'changed';
  if (
    change === 'changed' &&
    !replaced &&
    policy.before === policy.after &&
    !placementPaths.length &&
    replicas.before === replicas.after &&
    !schedulingChanged
  )
    return undefined;
  const becameUnschedulable =
    scheduling.after !== null &&
    !scheduling.after.scheduled &&
    (scheduling.before === null || scheduling.before.scheduled);
  return {
    change,
    resource: either.spec.resource,
    policy,
    placementPaths,
    replicas,
    clusters,
    scheduling,
    becameUnschedulable,
    replaced,
  };
}

/** Every cluster in either placement, with its replicas on each side. */
function diffClusters(before: Binding | undefined, after: Binding | undefined): ClusterPlacement[] {
  const b = placementOf(before);
  const a = placementOf(after);
  const names = [...new Set([...b.keys(), ...a.keys()])].sort(compareStrings);
  return names.map((cluster) => ({ cluster, before: b.get(cluster) ?? null, after: a.get(cluster) ?? null }));
}

/**
 * Cluster → replicas of a binding. A dependency (Karmada's attached binding) has no clusters of
 * its own: it goes wherever the bindings that require it go (`spec.requiredBy`), so those count.
 */
function placementOf(b: Binding | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!b) return out;
  for (const c of b.spec.clusters) out.set(c.name, c.replicas ?? 0);
  for (const r of b.spec.requiredBy ?? []) for (const c of r.clusters) if (!out.has(c.name)) out.set(c.name, 0);
  return out;
}

/** `Kind namespace/name` of the claiming policy, from the annotations Karmada's detector writes. */
export function policyOf(b: Binding): string | null {
  const a = b.metadata.annotations;
  const cluster = a['clusterpropagationpolicy.karmada.io/name'];
  if (cluster !== undefined) return `ClusterPropagationPolicy ${cluster}`;
  const name = a['propagationpolicy.karmada.io/name'];
  if (name === undefined) return null;
  const ns = a['propagationpolicy.karmada.io/namespace'];
  return `PropagationPolicy ${ns ? `${ns}/` : ''}${name}`;
}

function schedulingOf(b: Binding): SchedulingState {
  const c = b.status.conditions.find((x) => x.type === 'Scheduled');
  if (!c) return { scheduled: true, reason: '', message: '' };
  return { scheduled: c.status === 'True', reason: c.reason ?? '', message: c.message ?? '' };
}

const maxPaths = 12;
const maxDepth = 6;

/**
 * Dotted paths where two JSON values differ, for example
 * `placement.replicaScheduling.weightPreference.staticWeightList[1].weight`. Objects and
 * equal-length arrays are compared member by member down to a few levels; anything else is a leaf.
 * At most a dozen paths, in key order.
 */
export function differingPaths(a: unknown, b: unknown, path: string, depth = 0): string[] {
  if (jsonEqual(a, b)) return [];
  if (depth >= maxDepth) return [path];
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
    return keys.flatMap((k) => differingPaths(a[k], b[k], `${path}.${k}`, depth + 1)).slice(0, maxPaths);
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => differingPaths(x, b[i], `${path}[${i}]`, depth + 1)).slice(0, maxPaths);
  }
  return [path];
}

/** Structural equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
