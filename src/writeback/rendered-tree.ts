/**
 * The rendered tree Argo CD and Flux consume (DESIGN "Rendered branch"):
 * `clusters/<cluster>/<namespace or _cluster>/<kind>-<name>.yaml` plus one `kustomization.yaml`
 * per cluster of the inventory listing its files (`resources: []` when nothing is placed there).
 * Pure: the same Works and clusters give the same bytes, and a file changes only when its object does.
 */
import { compareStrings, executionNamespacePrefix, isPlainObject, sortRecord, type JsonObject } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import type { DesiredFile } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { portableYaml } from './rendered-yaml.ts';
import { desiredFile, serialCache, type SerialCache } from './serial-cache.ts';

/** The folder of the rendered tree that flotilla owns: a file under it that a revision does not render is removed. */
export const renderedRoot = 'clusters';

/** The folder name of cluster-scoped objects (a namespace can never be named so: `_` is not a DNS label character). */
export const clusterScopedFolder = '_cluster';

/**
 * The annotations that keep Flux (kustomize-controller `.spec.prune`) and Argo CD (sync options
 * `Prune` and `Delete`) from deleting a Namespace whose file leaves the tree, or whose
 * Application is deleted with its resources: deleting it would delete
 * everything inside, hand-made Secrets included. Both tools read them from the live object they
 * applied from this tree. flotilla's own apply never prunes the Namespaces it renders
 * (`flotilla.io/prune: disabled`, src/render/namespaces.ts), so these marks are a property of the
 * hand-off to those tools and live here, not in the Works of `flotilla plan`.
 */
export const fluxPruneAnnotation = 'kustomize.toolkit.fluxcd.io/prune';
export const argoSyncOptionsAnnotation = 'argocd.argoproj.io/sync-options';

/**
 * Path → file text of the rendered tree, sorted by path. Every cluster of `clusters` (the
 * inventory) gets a `kustomization.yaml`, even with nothing placed there: a missing folder makes
 * a Flux Kustomization fail with "path not found" and prune nothing.
 */
export function renderedFiles(works: readonly Work[], clusters: readonly string[]): Map<string, string> {
  return renderedLayout(works, clusters, portableYaml);
}

/**
 * The same tree as renderedFiles, as bytes and blob ids, each distinct object serialised once
 * and taken from `cache` when an earlier pass serialised it (serial-cache.ts).
 */
export function renderedTree(
  works: readonly Work[],
  clusters: readonly string[],
  cache: RenderedCache,
): Map<string, DesiredFile> {
  const files = renderedLayout(works, clusters, (value, identity) => cache.get(value, identity));
  cache.settle();
  return files;
}

/** The memo renderedTree takes: rendered files by object. */
export type RenderedCache = SerialCache<JsonObject, DesiredFile>;

/** A new memo for renderedTree. */
export function renderedCache(): RenderedCache {
  return serialCache((value: JsonObject) => desiredFile(portableYaml(value)));
}

/**
 * Makes a file of `value`; `identity`, when given, is an object `value` is a pure function of
 * (the template manifest a Namespace file adds annotations to).
 */
type ToFile<T> = (value: JsonObject, identity?: object) => T;

/** The rendered tree's layout with each file made by `toFile` from the value it holds. */
function renderedLayout<T>(works: readonly Work[], clusters: readonly string[], toFile: ToFile<T>): Map<string, T> {
  const perCluster = new Map<string, Map<string, T>>(clusters.map((c) => [c, new Map<string, T>()]));
  for (const work of works) {
    const cluster = work.metadata.namespace.startsWith(executionNamespacePrefix)
      ? work.metadata.namespace.slice(executionNamespacePrefix.length)
      : work.metadata.namespace;
    const files = perCluster.get(cluster) ?? new Map<string, T>();
    perCluster.set(cluster, files);
    for (const manifest of work.spec.workload.manifests) addManifest(files, manifest, toFile);
  }
  const out = new Map<string, T>();
  for (const cluster of [...perCluster.keys()].sort(compareStrings)) {
    const files = perCluster.get(cluster) ?? new Map<string, T>();
    const dir = `${renderedRoot}/${safeSegment(cluster)}`;
    const names = [...files.keys()].sort(compareStrings);
    for (const name of names) {
      const file = files.get(name);
      if (file !== undefined) out.set(`${dir}/${name}`, file);
    }
    out.set(`${dir}/kustomization.yaml`, toFile(kustomization(names)));
  }
  return new Map([...out].sort(([a], [b]) => compareStrings(a, b)));
}

/**
 * Adds one manifest under its relative path. Two objects that sanitise to the same name (same
 * kind and name in different API groups) get the apiVersion's hash appended to the later one.
 */
function addManifest<T>(files: Map<string, T>, manifest: JsonObject, toFile: ToFile<T>): void {
  const meta = isPlainObject(manifest['metadata']) ? manifest['metadata'] : {};
  const ns = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : 'Object';
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const folder = ns === undefined ? clusterScopedFolder : safeSegment(ns);
  const base = safeSegment(`${kind.toLowerCase()}-${name}`);
  let rel = `${folder}/${base}.yaml`;
  if (files.has(rel))
    rel = `${folder}/${base}-${safeSegment(String(manifest['apiVersion'] ?? ''))
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}.yaml`;
  const namespace = manifest['kind'] === 'Namespace' && manifest['apiVersion'] === 'v1';
  files.set(rel, namespace ? toFile(keptNamespace(manifest, meta), manifest) : toFile(manifest));
}

/**
 * The Namespace with the annotations that stop Flux and Argo CD from pruning it. Other Argo CD
 * sync options the template sets (`ServerSideApply=true`) are kept; its own `Prune=` and `Delete=` are replaced.
 */
function keptNamespace(manifest: JsonObject, meta: JsonObject): JsonObject {
  const annotations = isPlainObject(meta['annotations']) ? meta['annotations'] : {};
  const own = typeof annotations[argoSyncOptionsAnnotation] === 'string' ? annotations[argoSyncOptionsAnnotation] : '';
  const options = [
    ...own
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '' && !/^(Prune|Delete)=/.test(o)),
    'Prune=false',
    'Delete=false',
  ];
  const kept = { ...annotations, [fluxPruneAnnotation]: 'disabled', [argoSyncOptionsAnnotation]: options.join(',') };
  return { ...manifest, metadata: { ...meta, annotations: sortRecord(kept) } };
}

function kustomization(resources: readonly string[]): JsonObject {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] };
}
