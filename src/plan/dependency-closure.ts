/**
 * propagateDeps ties bindings together: a dependency is rendered wherever the bindings that
 * require it go, and records them (Karmada's dependencies distributor, `requiredBy`). So when a
 * requirer is re-planned, its dependencies (old and new) are too, and a re-planned dependency
 * needs every requirer in the same plan to get its full `requiredBy`. A requirer's own binding
 * never depends on its dependencies, so this closes after one step.
 */
import { resourceKey, resourceKeyOf, type Fleet, type Loaded, type ResourceKey } from '../api/index.ts';
import { createInterpreter, InterpreterScriptError } from '../interpreter/index.ts';
import { bindingId, type Binding } from './binding.ts';
import type { Plan } from './plan-fleet.ts';
import type { Reach } from './affected-templates.ts';

/** The base plan's dependency graph, by template key. */
interface Graph {
  readonly requirersOf: ReadonlyMap<ResourceKey, readonly ResourceKey[]>;
  readonly depsOf: ReadonlyMap<ResourceKey, readonly ResourceKey[]>;
}

/**
 * The templates to re-plan: the affected ones, the dependencies of affected requirers, and the
 * requirers of every dependency re-planned. Undefined when a dependency cannot be interpreted
 * (the caller plans in full).
 */
export function closeOverDependencies(basePlan: Plan, head: Fleet, reach: Reach): Set<ResourceKey> | undefined {
  const out = new Set(reach.affected);
  if (!reach.requirers.size && !basePlan.bindings.some((b) => b.spec.requiredBy?.length)) return out;
  const graph = graphOf(basePlan.bindings);
  const headTemplates = new Map(head.templates.map((t) => [resourceKeyOf(t.object), t] as const));
  const present = (k: ResourceKey) => headTemplates.has(k);
  const interpreter = createInterpreter(head.customizations);
  const changedRequirers = [...reach.affected, ...reach.removed].filter(
    (k) => graph.depsOf.has(k) || reach.requirers.has(k),
  );
  // A new or relabelled template may be a dependency that unchanged requirers of its namespace
  // name or select (a script's labelSelector): they are re-planned too.
  const newNamespaces = new Set([...reach.added, ...reach.relabelled].map(namespaceOfKey));
  const extra = [...reach.requirers].filter((k) => newNamespaces.has(namespaceOfKey(k)));
  // A removed dependency leaves its requirers with a missing-dependency warning.
  for (const d of reach.removed) for (const r of graph.requirersOf.get(d) ?? []) if (present(r)) extra.push(r);
  for (const k of [...changedRequirers, ...extra]) {
    for (const d of graph.depsOf.get(k) ?? []) if (present(d)) out.add(d);
    const t = headTemplates.get(k);
    if (!t || !reach.requirers.has(k)) continue;
    out.add(k);
    let deps: ReturnType<typeof interpreter.interpretDependency>;
    try {
      deps = interpreter.interpretDependency(t.object);
    } catch (err) {
      if (err instanceof InterpreterScriptError) return undefined;
      throw err;
    }
    for (const dep of deps) for (const d of candidates(head, dep, t)) out.add(d);
  }
  for (const d of [...out]) for (const r of graph.requirersOf.get(d) ?? []) if (present(r)) out.add(r);
  return out;
}

/** Head templates a dependency reference can name: by name, or every object of its kind (a label selector). */
function candidates(
  head: Fleet,
  dep: { apiVersion: string; kind: string; namespace?: string; name?: string },
  requirer: Loaded,
): ResourceKey[] {
  const ns = dep.namespace ?? requirer.object.metadata.namespace;
  if (dep.name)
    return [
      resourceKey({ apiVersion: dep.apiVersion, kind: dep.kind, ...(ns ? { namespace: ns } : {}), name: dep.name }),
    ];
  return head.templates
    .filter(
      (t) => t.object.apiVersion === dep.apiVersion && t.object.kind === dep.kind && t.object.metadata.namespace === ns,
    )
    .map((t) => resourceKeyOf(t.object));
}

function graphOf(bindings: readonly Binding[]): Graph {
  const keyOfId = new Map(bindings.map((b) => [bindingId(b), resourceKey(b.spec.resource)] as const));
  const requirersOf = new Map<ResourceKey, ResourceKey[]>();
  const depsOf = new Map<ResourceKey, ResourceKey[]>();
  for (const b of bindings) {
    const d = resourceKey(b.spec.resource);
    for (const r of b.spec.requiredBy ?? []) {
      const rk = keyOfId.get(r.namespace ? `${r.namespace}/${r.name}` : r.name);
      if (!rk) continue;
      requirersOf.set(d, [...(requirersOf.get(d) ?? []), rk]);
      depsOf.set(rk, [...(depsOf.get(rk) ?? []), d]);
    }
  }
  return { requirersOf, depsOf };
}

function namespaceOfKey(k: ResourceKey): string {
  return k.split('|')[2] ?? '';
}
