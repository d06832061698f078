/**
 * The Works that create namespaces on members: a namespace follows the namespaced objects placed
 * on a cluster (docs/karmada-differences.md), rendered as Karmada's namespace sync controller
 * renders it (pkg/controllers/namespace buildWorks): from the repo's Namespace when there is one,
 * with the ClusterOverridePolicies that select it applied for each cluster.
 */
import {
  compareStrings,
  type Cluster,
  type Diagnostic,
  type Fleet,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type TargetCluster,
} from '../api/index.ts';
import { selectOverridePolicies } from '../override/index.ts';
import {
  isUnsyncedNamespace,
  renderSyncedNamespace,
  skipsAutoPropagation,
  syncedNamespaceOf,
  type Work,
} from '../render/index.ts';

/** How each namespace is rendered: its repo Namespace (if any) and the override policies selecting it. */
interface NamespaceSources {
  template(ns: string): KubeObject | undefined;
  overrides(ns: string): readonly Loaded<OverridePolicy>[];
}

function sourcesOf(fleet: Fleet): NamespaceSources {
  const templates = new Map(
    fleet.templates
      .filter((t) => t.object.kind === 'Namespace' && t.object.apiVersion === 'v1')
      .map((t) => [t.object.metadata.name ?? '', t.object] as const),
  );
  const overrides = new Map<string, readonly Loaded<OverridePolicy>[]>();
  return {
    template: (ns) => templates.get(ns),
    overrides: (ns) => {
      let selected = overrides.get(ns);
      if (!selected) {
        // Karmada applies the override policies to the Namespace object: only cluster-wide ones can select it.
        selected = selectOverridePolicies(fleet.overridePolicies, syncedNamespaceOf(ns, templates.get(ns)));
        overrides.set(ns, selected);
      }
      return selected;
    },
  };
}

/**
 * Namespace Works for the namespaces of the namespaced objects `works` place on each cluster,
 * unless a Work already places that Namespace there; a failing override adds to `diagnostics`.
 */
export function namespaceWorks(
  works: readonly Work[],
  fleet: Fleet,
  clusters: ReadonlyMap<string, Loaded<Cluster>>,
  diagnostics: Diagnostic[],
): Work[] {
  const placed = new Set<string>();
  const wanted = new Set<string>();
  for (const w of works) {
    const m = w.spec.workload.manifests[0];
    const meta = (m?.['metadata'] ?? {}) as { name?: string; namespace?: string };
    if (m?.['kind'] === 'Namespace') placed.add(`${w.metadata.namespace}|${meta.name ?? ''}`);
    else if (meta.namespace && !isUnsyncedNamespace(meta.namespace))
      wanted.add(`${w.metadata.namespace}|${meta.namespace}`);
  }
  const sources = sourcesOf(fleet);
  const out: Work[] = [];
  for (const k of [...wanted].sort(compareStrings)) {
    if (placed.has(k)) continue;
    const [execNs = '', ns = ''] = k.split('|');
    const cluster = clusters.get(execNs.slice('karmada-es-'.length));
    const r = renderIfSynced(ns, cluster, sources);
    if (r && 'work' in r) out.push(r.work);
    else if (r) diagnostics.push(...r.diagnostics);
  }
  return out;
}

/**
 * What namespaceWorks would report for the given renders, without keeping a Work (a check plan):
 * only namespaces that override policies select can fail, so only they are rendered.
 */
export function checkNamespaceWorks(
  requests: readonly { readonly template: Loaded; readonly clusters: readonly TargetCluster[] }[],
  fleet: Fleet,
  clusters: ReadonlyMap<string, Loaded<Cluster>>,
): Diagnostic[] {
  const sources = sourcesOf(fleet);
  const wanted = new Set<string>();
  const placed = new Set<string>();
  for (const r of requests) {
    const o = r.template.object;
    const ns = o.kind === 'Namespace' ? undefined : o.metadata.namespace;
    for (const c of r.clusters) {
      if (o.kind === 'Namespace') placed.add(`${c.name}|${o.metadata.name ?? ''}`);
      else if (ns && !isUnsyncedNamespace(ns) && sources.overrides(ns).length) wanted.add(`${c.name}|${ns}`);
    }
  }
  const out: Diagnostic[] = [];
  for (const k of [...wanted].sort(compareStrings)) {
    if (placed.has(k)) continue;
    const [name = '', ns = ''] = k.split('|');
    const r = renderIfSynced(ns, clusters.get(name), sources);
    if (r && 'diagnostics' in r) out.push(...r.diagnostics);
  }
  return out;
}

function renderIfSynced(
  ns: string,
  cluster: Loaded<Cluster> | undefined,
  sources: NamespaceSources,
): ReturnType<typeof renderSyncedNamespace> | undefined {
  const template = sources.template(ns);
  if (!cluster || skipsAutoPropagation(template)) return undefined;
  return renderSyncedNamespace(ns, cluster, template, sources.overrides(ns));
}
