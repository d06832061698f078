/**
 * Joins the part of a base plan a change left alone with a plan of the re-planned templates, in
 * the order planFleet sorts its output (plan-fleet.ts `finish`), so the result reads exactly as a
 * full plan would. The base's Works index (work-index.ts) says which Works to drop and which
 * namespaces need a derived Work, so the other Works are only copied, never read: a fleet's Works
 * run to hundreds of thousands.
 */
import { compareDiagnostics, compareStrings, resourceKey, type Diagnostic, type ResourceKey } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { bindingId, type Binding } from './binding.ts';
import type { Plan } from './plan-fleet.ts';
import {
  bindingOf,
  clustersNeeding,
  namespaceBindingPrefix,
  namespaceOfWork,
  rememberWorkIndex,
  updatedIndex,
  workIndexOf,
} from './work-index.ts';

/**
 * The base plan's kept bindings and their Works, plus the subset plan, with the given warnings.
 * Namespace Works follow the merged Works (as planFleet derives them): kept from the base where
 * no Work of their namespace changed, else derived again, each taken from either plan (both
 * rendered it from the same Namespace template). Undefined when one is in neither plan.
 */
export function mergePlans(
  base: Plan,
  subset: Plan,
  kept: readonly Binding[],
  warnings: readonly Diagnostic[],
): Plan | undefined {
  const works = mergeWorks(base, subset, kept);
  if (works === undefined) return undefined;
  const keptKeys = new Set(kept.map(keyOfBinding));
  const plan: Plan = {
    revision: subset.revision,
    bindings: mergeByKey(kept, subset.bindings, keyOfBinding),
    works: works.works,
    errors: [],
    warnings: [...warnings].sort(compareDiagnostics),
    explanations: mergeByKey(
      base.explanations.filter((e) => keptKeys.has(e.key)),
      subset.explanations,
      (e) => e.key,
    ),
    clusters: subset.clusters,
  };
  rememberWorkIndex(plan, works.index);
  return plan;
}

/** Two lists sorted by a string key as one (the first list's element first on a tie); each key computed once. */
function mergeByKey<T>(a: readonly T[], b: readonly T[], keyOf: (x: T) => string): T[] {
  const tagged = (xs: readonly T[]) => xs.map((x) => ({ x, key: keyOf(x) }));
  const left = tagged(a);
  const right = tagged(b);
  const out: T[] = [];
  let j = 0;
  for (const l of left) {
    for (let r = right[j]; r !== undefined && compareStrings(r.key, l.key) < 0; r = right[++j]) out.push(r.x);
    out.push(l.x);
  }
  for (const r of right.slice(j)) out.push(r.x);
  return out;
}

/** The ResourceKey of a binding's template. */
export function keyOfBinding(b: Binding): ResourceKey {
  return resourceKey(b.spec.resource);
}

/** The merged Works and their index; undefined when a namespace Work is in neither plan. */
function mergeWorks(
  base: Plan,
  subset: Plan,
  kept: readonly Binding[],
): { works: Work[]; index: ReturnType<typeof workIndexOf> } | undefined {
  const index = workIndexOf(base);
  const keptIds = new Set(kept.map((b) => bindingId(b)));
  const dropped = [...index.byBinding.keys()].filter(
    (id) => !id.startsWith(namespaceBindingPrefix) && !keptIds.has(id),
  );
  const fresh = subset.works.filter((w) => !bindingOf(w).startsWith(namespaceBindingPrefix));
  // The namespaces whose Works change: those of the dropped Works and of the re-planned ones.
  const touched = new Set(fresh.map(namespaceOfWork));
  for (const id of dropped) for (const w of index.byBinding.get(id) ?? []) touched.add(namespaceOfWork(w));
  const staleNamespaceWorks = [...touched].map((ns) => `${namespaceBindingPrefix}${ns}`);
  const updated = updatedIndex(index, [...dropped, ...staleNamespaceWorks], fresh, touched);
  const rendered = new Map<string, Work>();
  for (const w of [...subset.works, ...staleNamespaceWorks.flatMap((id) => index.byBinding.get(id) ?? [])])
    if (bindingOf(w).startsWith(namespaceBindingPrefix))
      rendered.set(`${w.metadata.namespace}|${namespaceOfWork(w)}`, w);
  const derived: Work[] = [];
  for (const ns of touched)
    for (const execNs of clustersNeeding(updated, ns)) {
      const w = rendered.get(`${execNs}|${ns}`);
      if (!w) return undefined;
      derived.push(w);
    }
  const removed = [...dropped, ...staleNamespaceWorks].flatMap((id) => index.byBinding.get(id) ?? []);
  const works = spliceSorted(base.works, removed, [...fresh, ...derived]);
  if (works === undefined) return undefined;
  return { works, index: updatedIndex(updated, [], derived, new Set()) };
}

/**
 * `sorted` without the `removed` Works and with the `added` ones, in planFleet's order; each
 * position is found by binary search. Undefined when a removed Work is not where its order says.
 */
function spliceSorted(sorted: readonly Work[], removed: readonly Work[], added: readonly Work[]): Work[] | undefined {
  const cuts: number[] = [];
  for (const w of removed) {
    const at = lowerBound(sorted, w);
    if (sorted[at] !== w) return undefined;
    cuts.push(at);
  }
  cuts.sort((a, b) => a - b);
  const inserts = [...added].sort(compareWorks).map((w) => ({ at: lowerBound(sorted, w), w }));
  const out: Work[] = [];
  let from = 0;
  let c = 0;
  let i = 0;
  while (from <= sorted.length) {
    const nextCut = cuts[c] ?? sorted.length;
    const nextInsert = inserts[i]?.at ?? sorted.length;
    const until = Math.min(nextCut, nextInsert);
    for (let k = from; k < until; k++) {
      const w = sorted[k];
      if (w !== undefined) out.push(w);
    }
    from = until;
    const insert = inserts[i];
    if (insert !== undefined && insert.at === until) {
      out.push(insert.w);
      i++;
    } else if (c < cuts.length && nextCut === until) {
      from = until + 1;
      c++;
    } else break;
  }
  return out;
}

/** The first position in `sorted` whose Work does not order before `w`. */
function lowerBound(sorted: readonly Work[], w: Work): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = sorted[mid];
    if (m !== undefined && compareWorks(m, w) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Works in planFleet's order: by execution namespace, then name. */
function compareWorks(a: Work, b: Work): number {
  return compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name);
}
