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
 * Namespace Works follow the merged Works (as planFleet derives them); each is taken from either
 * plan, both having rendered it from the same Namespace template. Undefined when one is in neither plan.
 */
export function mergePlans(
  base: Plan,
  subset: Plan,
  kept: readonly Binding[],
  warnings: readonly Diagnostic[],
): Plan | undefined {
  const keptIds = new Set(kept.map((b) => bindingId(b)));
  const bindingOf = (w: Work) => w.metadata.annotations['flotilla.io/binding'] ?? '';
  const isAuto = (w: Work) => bindingOf(w).startsWith(namespaceBindingPrefix);
  const works = mergeSorted(
    base.works.filter((w) => !isAuto(w) && keptIds.has(bindingOf(w))),
    subset.works.filter((w) => !isAuto(w)),
    compareWorks,
  );
  const autos = namespaceWorksNeeded(works, [...base.works, ...subset.works].filter(isAuto));
  if (autos === undefined) return undefined;
  const keptKeys = new Set(kept.map(keyOfBinding));
  return {
    revision: subset.revision,
    bindings: [...kept, ...subset.bindings].sort((a, b) => compareStrings(keyOfBinding(a), keyOfBinding(b))),
    works: mergeSorted(works, autos.sort(compareWorks), compareWorks),
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
 * The namespace Works the merged Works need (a namespaced object on a cluster where no Namespace
 * binding places its namespace), from those either plan rendered; undefined when one is missing.
 */
function namespaceWorksNeeded(works: readonly Work[], rendered: readonly Work[]): Work[] | undefined {
  const autos = new Map<string, Work>();
  for (const w of rendered)
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
  const out: Work[] = [];
  for (const pair of wanted) {
    if (placed.has(pair)) continue;
    const w = autos.get(pair);
    if (!w) return undefined;
    out.push(w);
  }
  return out;
}

/** Works in planFleet's order: by execution namespace, then name. */
function compareWorks(a: Work, b: Work): number {
  return compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name);
}

/** Two sorted lists as one sorted list (the first list's element first on a tie). */
function mergeSorted<T extends object>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let j = 0;
  for (const x of a) {
    for (let y = b[j]; y !== undefined && compare(y, x) < 0; y = b[++j]) out.push(y);
    out.push(x);
  }
  return j < b.length ? out.concat(b.slice(j)) : out;
}

function pairOf(executionNamespace: string, namespace: string): string {
  return `${executionNamespace}|${namespace}`;
}
