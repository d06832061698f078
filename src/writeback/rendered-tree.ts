/**
 * The rendered tree Argo CD and Flux consume (DESIGN "Rendered branch"):
 * `clusters/<cluster>/<namespace or _cluster>/<kind>-<name>.yaml` plus one `kustomization.yaml`
 * per cluster listing its files. Pure: the same Works give the same bytes.
 */
import YAML from 'yaml';
import { compareStrings, executionNamespacePrefix, isPlainObject, type JsonObject } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { safeSegment } from './file-name.ts';

/** The folder of the rendered tree that flotilla owns: everything under it is replaced each revision. */
export const renderedRoot = 'clusters';

/** The folder name of cluster-scoped objects (a namespace can never be named so: `_` is not a DNS label character). */
export const clusterScopedFolder = '_cluster';

/** Path → file text of the rendered tree, sorted by path. */
export function renderedFiles(works: readonly Work[]): Map<string, string> {
  const perCluster = new Map<string, Map<string, string>>();
  for (const work of works) {
    const cluster = work.metadata.namespace.startsWith(executionNamespacePrefix) ? work.metadata.namespace.slice(executionNamespacePrefix.length) : work.metadata.namespace;
    const files = perCluster.get(cluster) ?? new Map<string, string>();
    perCluster.set(cluster, files);
    for (const manifest of work.spec.workload.manifests) addManifest(files, manifest);
  }
  const out = new Map<string, string>();
  for (const cluster of [...perCluster.keys()].sort(compareStrings)) {
    const files = perCluster.get(cluster) ?? new Map<string, string>();
    const dir = `${renderedRoot}/${safeSegment(cluster)}`;
    const names = [...files.keys()].sort(compareStrings);
    for (const name of names) out.set(`${dir}/${name}`, files.get(name) ?? '');
    out.set(`${dir}/kustomization.yaml`, kustomization(names));
  }
  return new Map([...out].sort(([a], [b]) => compareStrings(a, b)));
}

/**
 * Adds one manifest under its relative path. Two objects that sanitise to the same name (same
 * kind and name in different API groups) get the apiVersion's hash appended to the later one.
 */
function addManifest(files: Map<string, string>, manifest: JsonObject): void {
  const meta = isPlainObject(manifest['metadata']) ? manifest['metadata'] : {};
  const ns = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : 'Object';
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const folder = ns === undefined ? clusterScopedFolder : safeSegment(ns);
  const base = safeSegment(`${kind.toLowerCase()}-${name}`);
  let rel = `${folder}/${base}.yaml`;
  if (files.has(rel)) rel = `${folder}/${base}-${safeSegment(String(manifest['apiVersion'] ?? '')).replace(/[^a-z0-9]/gi, '').toLowerCase()}.yaml`;
  files.set(rel, YAML.stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false }));
}

function kustomization(resources: readonly string[]): string {
  return YAML.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] }, { lineWidth: 0 });
}
