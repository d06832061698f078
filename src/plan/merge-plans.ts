/**
 * Joins the part of a base plan a change left alone with a plan of the re-planned templates, in
 * the order planFleet sorts its output (plan-fleet.ts `finish`), so the result reads exactly as a
 * full plan would. Both inputs are sorted already: the Works are merged in one linear pass, as
 * a fleet's Works run to hundreds of thousands.
 */
import { compareDiagnostics, compareStrings, resourceKey, type Diagnostic, type ResourceKey } from '../api/index.ts';
import { isUnsyncedNamespace, type Work } from '../render/index.ts';
import { bindingId, type Binding } from './binding.ts';
import type { Plan } from './plan-fleet.ts';

const namespaceBindingPrefix = 'Namespace/';

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
  const keptIds = new Set(kept.map((b) => bindingId(b)));
  const fresh = subset.works.filter((w) => !isNamespaceWork(w));
  // The namespaces whose Works change: those of the base's dropped Works and of the re-planned ones.
  const touched = new Set(fresh.map(namespaceOfWork));
  for (const w of base.works) if (!isNamespaceWork(w) && !keptIds.has(bindingOf(w))) touched.add(namespaceOfWork(w));
  const baseKept = base.works.filter((w) =>
    isNamespaceWork(w) ? !touched.has(namespaceOfWork(w)) : keptIds.has(bindingOf(w)),
  );
  const derived = namespaceWorksNeeded(
    [...baseKept, ...fresh],
    touched,
    [...base.works, ...subset.works].filter(isNamespaceWork),
  );
  if (derived === undefined) return undefined;
  const keptKeys = new Set(kept.map(keyOfBinding));
  return {
    revision: subset.revision,
    bindings: [...kept, ...subset.bindings].sort((a, b) => compareStrings(keyOfBinding(a), keyOfBinding(b))),
    works: mergeFew(baseKept, [...fresh, ...derived].sort(compareWorks), compareWorks),
    errors: [],
    warnings: [...warnings].sort(compareDiagnostics),
    explanations: [...base.explanations.filter((e) => keptKeys.has(e.key)), ...subset.explanations].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    clusters: subset.clusters,
  };
}

/** The ResourceKey of a binding's template. */
export function keyOfBinding(b: Binding): ResourceKey {
  return resourceKey(b.spec.resource);
}

/**
 * The namespace Works of the `touched` namespaces the Works need (a namespaced object on a
 * cluster where no Namespace binding places its namespace), from those either plan rendered;
 * undefined when one is missing.
 */
function namespaceWorksNeeded(
  works: readonly Work[],
  touched: ReadonlySet<string>,
  rendered: readonly Work[],
): Work[] | undefined {
  const autos = new Map(rendered.map((w) => [pairOf(w.metadata.namespace, namespaceOfWork(w)), w] as const));
  const placed = new Set<string>();
  const wanted = new Set<string>();
  for (const w of works) {
    const manifest = w.spec.workload.manifests[0];
    const meta = (manifest?.['metadata'] ?? {}) as { name?: string; namespace?: string };
    if (manifest?.['kind'] === 'Namespace') {
      if (touched.has(meta.name ?? '')) placed.add(pairOf(w.metadata.namespace, meta.name ?? ''));
    } else if (meta.namespace && touched.has(meta.namespace) && !isUnsyncedNamespace(meta.namespace))
      wanted.add(pairOf(w.metadata.namespace, meta.namespace));
  }
  const out: Work[] = [];
  for (const pair of wanted) {
    if (placed.has(pair)) continue;
    const w = autos.get(pair);
    if (!w) return undefined;
    out.push(w);
  }
  return out;
}

/** Whether planFleet derived this Work for a namespace its objects need (plan-fleet.ts namespaceWorks). */
function isNamespaceWork(w: Work): boolean {
  return bindingOf(w).startsWith(namespaceBindingPrefix);
}

function bindingOf(w: Work): string {
  return w.metadata.annotations['flotilla.io/binding'] ?? '';
}

/** The namespace a Work's object lives in, or the one it is (a Namespace). */
function namespaceOfWork(w: Work): string {
  const manifest = w.spec.workload.manifests[0];
  const meta = (manifest?.['metadata'] ?? {}) as { name?: string; namespace?: string };
  return (manifest?.['kind'] === 'Namespace' ? meta.name : meta.namespace) ?? '';
}

/** Works in planFleet's order: by execution namespace, then name. */
function compareWorks(a: Work, b: Work): number {
  return compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name);
}

/**
 * A long sorted list with a few sorted elements inserted in order (each found by binary search),
 * the long list's element first on a tie.
 */
function mergeFew<T extends object>(many: readonly T[], few: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let from = 0;
  for (const x of few) {
    let lo = from;
    let hi = many.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = many[mid];
      if (m !== undefined && compare(m, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) {
      const m = many[i];
      if (m !== undefined) out.push(m);
    }
    out.push(x);
    from = lo;
  }
  for (let i = from; i < many.length; i++) {
    const m = many[i];
    if (m !== undefined) out.push(m);
  }
  return out;
}

function pairOf(executionNamespace: string, namespace: string): string {
  return `${executionNamespace}|${namespace}`;
}
