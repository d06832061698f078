/**
 * propagateDeps: objects a workload references (ConfigMaps, Secrets, ServiceAccounts, PVCs …, as
 * the interpreter's InterpretDependency reports them) follow it to its clusters. As in Karmada's
 * dependencies distributor, each dependency records the bindings that require it (requiredBy),
 * and is rendered onto the union of their clusters and its own. A dependency the repo lacks is a
 * warning: it may be created on the members by other means.
 */
import {
  compareStrings,
  matchesLabelSelector,
  resourceKey,
  resourceKeyOf,
  warningAt,
  type Diagnostic,
  type Loaded,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import type { DependencyRef, Interpreter } from '../interpreter/index.ts';
import type { BindingSnapshot } from './binding.ts';

/** A scheduled binding that propagates its dependencies. */
export interface DependencySource {
  readonly template: Loaded;
  readonly bindingName: string;
  readonly clusters: readonly TargetCluster[];
}

/** For every dependency found: who requires it, keyed by resource key, each list sorted. */
export function resolveDependencies(
  sources: readonly DependencySource[],
  templates: ReadonlyMap<ResourceKey, Loaded>,
  byNamespace: ReadonlyMap<string, readonly Loaded[]>,
  interpreter: Interpreter,
): { requiredBy: Map<ResourceKey, BindingSnapshot[]>; diagnostics: Diagnostic[] } {
  const requiredBy = new Map<ResourceKey, BindingSnapshot[]>();
  const diagnostics: Diagnostic[] = [];
  for (const src of sources) {
    const ns = src.template.object.metadata.namespace;
    for (const dep of interpreter.interpretDependency(src.template.object)) {
      const found = findDependency(dep, ns, templates, byNamespace);
      if (found.length === 0) {
        if (madeByServiceStep(src.template)) continue;
        diagnostics.push(
          warningAt(
            'DependencyMissing',
            src.template.source,
            `${src.template.object.kind} ${ns ? `${ns}/` : ''}${src.template.object.metadata.name} depends on ${describeDep(dep, ns)}, which the repo does not contain; it is expected to exist on the member clusters`,
          ),
        );
        continue;
      }
      for (const t of found) {
        const key = resourceKeyOf(t.object);
        if (key === resourceKeyOf(src.template.object)) continue;
        const list = requiredBy.get(key) ?? [];
        list.push({ ...(ns ? { namespace: ns } : {}), name: src.bindingName, clusters: src.clusters });
        requiredBy.set(key, list);
      }
    }
  }
  for (const list of requiredBy.values())
    list.sort((a, b) => compareStrings(a.namespace ?? '', b.namespace ?? '') || compareStrings(a.name, b.name));
  return { requiredBy, diagnostics };
}

/**
 * A ServiceImport's dependencies (its `derived-<name>` Service and that Service's EndpointSlices)
 * are never in the repo: the controller's multi-cluster service step writes them into the
 * consumers (src/mcs), as Karmada's mcs controllers make them in its control plane.
 */
function madeByServiceStep(template: Loaded): boolean {
  return template.object.kind === 'ServiceImport' && template.object.apiVersion.startsWith('multicluster.x-k8s.io/');
}

function findDependency(
  dep: DependencyRef,
  ns: string | undefined,
  templates: ReadonlyMap<ResourceKey, Loaded>,
  byNamespace: ReadonlyMap<string, readonly Loaded[]>,
): Loaded[] {
  const depNs = dep.namespace ?? ns;
  if (dep.name) {
    const t = templates.get(
      resourceKey({
        apiVersion: dep.apiVersion,
        kind: dep.kind,
        ...(depNs ? { namespace: depNs } : {}),
        name: dep.name,
      }),
    );
    return t ? [t] : [];
  }
  if (!dep.labelSelector) return [];
  return (byNamespace.get(depNs ?? '') ?? []).filter(
    (t) =>
      t.object.apiVersion === dep.apiVersion &&
      t.object.kind === dep.kind &&
      matchesLabelSelector(dep.labelSelector, t.object.metadata.labels),
  );
}

function describeDep(dep: DependencyRef, ns: string | undefined): string {
  const where = dep.namespace ?? ns;
  return `${dep.kind} ${where ? `${where}/` : ''}${dep.name ?? `(labels ${JSON.stringify(dep.labelSelector)})`}`;
}

/** Union of target clusters, own first, then those of the requiring bindings (Karmada mergeTargetClusters). */
export function mergeTargetClusters(
  own: readonly TargetCluster[],
  requiredBy: readonly BindingSnapshot[],
): TargetCluster[] {
  const seen = new Set(own.map((c) => c.name));
  const out = [...own];
  for (const r of requiredBy)
    for (const c of r.clusters)
      if (!seen.has(c.name)) {
        seen.add(c.name);
        out.push(c);
      }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}
