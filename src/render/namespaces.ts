/**
 * Namespaces follow the namespaced objects placed on a cluster, as Karmada's namespace sync
 * controller does (it skips `default` and reserved namespaces). A Namespace template in the repo
 * gives the content (labels, annotations); otherwise a bare Namespace is rendered.
 */
import {
  cloneJson,
  pruneAnnotation,
  sortRecord,
  type Cluster,
  type Diagnostic,
  type JsonObject,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
} from '../api/index.ts';
import { applyOverrides } from '../override/index.ts';
import { markedCopy, markOwnership } from './ownership-marks.ts';
import { pruneIrrelevantFields } from './prune-fields.ts';
import { defaultDispatch } from './dispatch.ts';
import { buildWork, type Work } from './work.ts';

/** True when Karmada would not sync this namespace to members. */
export function isUnsyncedNamespace(ns: string): boolean {
  return (
    ns === 'default' ||
    ns === 'karmada-system' ||
    ns === 'karmada-cluster' ||
    ns.startsWith('karmada-es-') ||
    ns.startsWith('kube-')
  );
}

/**
 * True when the repo's Namespace opts out of being created on members: label
 * `namespace.karmada.io/skip-auto-propagation: "true"`, any case (Karmada namespace sync controller
 * Reconcile, policy/v1alpha1 NamespaceSkipAutoPropagationLabel). A policy may still place it.
 */
export function skipsAutoPropagation(template: KubeObject | undefined): boolean {
  return template?.metadata.labels?.[skipAutoPropagationLabel]?.toLowerCase() === 'true';
}

const skipAutoPropagationLabel = 'namespace.karmada.io/skip-auto-propagation';

/**
 * The Work that creates namespace `ns` on `cluster`. Namespaces flotilla creates this way are
 * never pruned (`flotilla.io/prune: disabled`): deleting one would delete everything inside it.
 */
export function renderNamespaceWork(ns: string, cluster: string, template: KubeObject | undefined): Work {
  const m = cloneJson(syncedNamespaceOf(ns, template)) as unknown as JsonObject;
  pruneIrrelevantFields(m);
  delete m['spec'];
  const binding = `Namespace/${ns}`;
  markOwnership(m, { binding });
  const meta = m['metadata'] as JsonObject;
  meta['annotations'] = sortRecord({
    ...(meta['annotations'] as Record<string, string>),
    [pruneAnnotation]: 'disabled',
  });
  // flotilla differs: Karmada's namespace sync Work names no conflict resolution, so a namespace
  // made on the member by hand is never taken over (objectwatcher.go allowUpdate). flotilla
  // takes it over (it only adds its marks, and never prunes a namespace it made): the objects
  // placed in it need it, and a hand-made namespace is the usual way to start a fleet.
  return buildWork(cluster, { apiVersion: 'v1', kind: 'Namespace', name: ns }, binding, m, {
    ...defaultDispatch,
    conflictResolution: 'Overwrite',
  });
}

/** The Namespace object synced for `ns`: the repo's, or a bare one. */
export function syncedNamespaceOf(ns: string, template: KubeObject | undefined): KubeObject {
  return template ?? ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as KubeObject);
}

/**
 * renderNamespaceWork with the override policies that select the namespace applied for `cluster`
 * first, as Karmada's namespace sync controller does (buildWorks: ApplyOverridePolicies, then
 * CreateOrUpdateWork). The ownership marks are set before the overrides, as for every manifest
 * (render-binding.ts), so a patch on /metadata/labels/x finds the map. A failing override is a
 * diagnostic, as anywhere else (DESIGN "Deliberate differences").
 */
export function renderSyncedNamespace(
  ns: string,
  cluster: Loaded<Cluster>,
  template: KubeObject | undefined,
  overrides: readonly Loaded<OverridePolicy>[],
): { work: Work } | { diagnostics: readonly Diagnostic[] } {
  const name = cluster.object.metadata.name ?? '';
  if (!overrides.length) return { work: renderNamespaceWork(ns, name, template) };
  const base = markedCopy(syncedNamespaceOf(ns, template) as unknown as JsonObject, { binding: `Namespace/${ns}` });
  const out = applyOverrides(base, cluster.object, overrides);
  if (out.kind === 'Failed') return { diagnostics: out.diagnostics };
  return { work: renderNamespaceWork(ns, name, out.manifest as unknown as KubeObject) };
}
