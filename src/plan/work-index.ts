/**
 * Where a plan's Works are, by binding, and which namespaces they need on which cluster: what a
 * reused plan (reuse-plan.ts) must know to drop a re-planned binding's Works and derive the
 * namespace Works again without reading the hundreds of thousands of other Works. Built once from
 * a plan made in full; a merged plan's index is derived from its base's, at the cost of the change.
 */
import { compareStrings } from '../api/index.ts';
import { isUnsyncedNamespace, type Work } from '../render/index.ts';
import type { Plan } from './plan-fleet.ts';

/** The `flotilla.io/binding` of the Works planFleet derives for a namespace its objects need (render/namespaces.ts). */
export const namespaceBindingPrefix = 'Namespace/';

/** Per namespace, per execution namespace (cluster): a count. An index's maps are never changed once made (updatedIndex copies). */
type PairCounts = Map<string, Map<string, number>>;

/** A plan's Works by binding, and per namespace and cluster the Works that need it and place it. */
export interface WorkIndex {
  /** Each binding's Works, by `flotilla.io/binding` (derived namespace Works under `Namespace/<name>`). */
  readonly byBinding: ReadonlyMap<string, readonly Work[]>;
  /** Works of a namespaced object in a synced namespace (they need it on their cluster). */
  readonly needing: PairCounts;
  /** Works of a Namespace that a binding places (no derived Work is needed there). */
  readonly placing: PairCounts;
}

const indexes = new WeakMap<Plan, WorkIndex>();

/** The index of a plan's Works: remembered, or read from every Work once. */
export function workIndexOf(plan: Plan): WorkIndex {
  const known = indexes.get(plan);
  if (known) return known;
  const built = indexOfWorks(plan.works);
  indexes.set(plan, built);
  return built;
}

/** Remembers the index of a plan made by merging (so the next reuse reads no Work). */
export function rememberWorkIndex(plan: Plan, index: WorkIndex): void {
  indexes.set(plan, index);
}

/** An index read from every Work. */
export function indexOfWorks(works: readonly Work[]): WorkIndex {
  const byBinding = new Map<string, Work[]>();
  const needing = new Map<string, Map<string, number>>();
  const placing = new Map<string, Map<string, number>>();
  for (const w of works) {
    const id = bindingOf(w);
    const list = byBinding.get(id);
    if (list) list.push(w);
    else byBinding.set(id, [w]);
    if (!id.startsWith(namespaceBindingPrefix)) count(needing, placing, w, 1);
  }
  return { byBinding, needing, placing };
}

/**
 * The index after dropping the Works of `dropped` bindings and adding `added` Works (none a
 * derived namespace Work); `touched` are the namespaces whose counts change, copied before they are.
 */
export function updatedIndex(
  index: WorkIndex,
  dropped: readonly string[],
  added: readonly Work[],
  touched: ReadonlySet<string>,
): WorkIndex {
  const byBinding = new Map(index.byBinding);
  const needing = copyTouched(index.needing, touched);
  const placing = copyTouched(index.placing, touched);
  for (const id of dropped) {
    for (const w of index.byBinding.get(id) ?? [])
      if (!id.startsWith(namespaceBindingPrefix)) count(needing, placing, w, -1);
    byBinding.delete(id);
  }
  for (const w of added) {
    const id = bindingOf(w);
    byBinding.set(id, [...(byBinding.get(id) ?? []), w]);
    if (!id.startsWith(namespaceBindingPrefix)) count(needing, placing, w, 1);
  }
  return { byBinding, needing, placing };
}

/**
 * The execution namespaces where namespace `ns` needs a derived Work: a Work there needs it and no
 * binding's Work places it (plan-fleet.ts namespaceWorks), sorted.
 */
export function clustersNeeding(index: WorkIndex, ns: string): string[] {
  const placed = index.placing.get(ns);
  return [...(index.needing.get(ns) ?? new Map<string, number>())]
    .filter(([execNs, n]) => n > 0 && !((placed?.get(execNs) ?? 0) > 0))
    .map(([execNs]) => execNs)
    .sort(compareStrings);
}

/** The Work's `flotilla.io/binding`. */
export function bindingOf(w: Work): string {
  return w.metadata.annotations['flotilla.io/binding'] ?? '';
}

/** The namespace a Work's object lives in, or the one it is (a Namespace). */
export function namespaceOfWork(w: Work): string {
  const manifest = w.spec.workload.manifests[0];
  const meta = (manifest?.['metadata'] ?? {}) as { name?: string; namespace?: string };
  return (manifest?.['kind'] === 'Namespace' ? meta.name : meta.namespace) ?? '';
}

/** Adds `by` to the pair a binding's Work needs or places. */
function count(
  needing: Map<string, Map<string, number>>,
  placing: Map<string, Map<string, number>>,
  w: Work,
  by: number,
): void {
  const manifest = w.spec.workload.manifests[0];
  const ns = namespaceOfWork(w);
  if (manifest?.['kind'] === 'Namespace') add(placing, ns, w.metadata.namespace, by);
  else if (ns && !isUnsyncedNamespace(ns)) add(needing, ns, w.metadata.namespace, by);
}

function add(counts: Map<string, Map<string, number>>, ns: string, execNs: string, by: number): void {
  let inner = counts.get(ns);
  if (!inner) {
    inner = new Map();
    counts.set(ns, inner);
  }
  inner.set(execNs, (inner.get(execNs) ?? 0) + by);
}

/** The outer map copied, and the inner maps of the touched namespaces (the others are shared). */
function copyTouched(counts: PairCounts, touched: ReadonlySet<string>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [ns, inner] of counts) out.set(ns, touched.has(ns) ? new Map(inner) : inner);
  return out;
}
