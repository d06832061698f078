/**
 * The rendered tree Argo CD and Flux consume (DESIGN "Rendered branch"):
 * `clusters/<cluster>/<namespace or _cluster>/<kind>-<name>.yaml` plus one `kustomization.yaml`
 * per cluster of the inventory listing its files (`resources: []` when nothing is placed there).
 * Pure: the same Works and clusters give the same bytes, and a file changes only when its object does.
 */
import { compareStrings, executionNamespacePrefix, isPlainObject, sortRecord, type JsonObject } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { safeSegment } from './file-name.ts';
import { portableYaml } from './rendered-yaml.ts';

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
 * Makes a file of `value`; `identity`, when given, is an object `value` is a pure function of
 * (the template manifest a Namespace file adds annotations to).
 */
export type ToFile<T> = (value: JsonObject, identity?: object) => T;

/** The rendered tree's layout with each file made by `toFile` from the value it holds. */
function renderedLayout<T>(works: readonly Work[], clusters: readonly string[], toFile: ToFile<T>): Map<string, T> {
  const perCluster = worksByCluster(works, clusters);
  const out = new Map<string, T>();
  for (const cluster of [...perCluster.keys()].sort(compareStrings)) {
    const dir = `${renderedRoot}/${safeSegment(cluster)}`;
    const placed = (perCluster.get(cluster) ?? []).flatMap((w) => w.spec.workload.manifests.map(manifestPlace));
    for (const [name, file] of folderLayout(placed, toFile)) out.set(`${dir}/${name}`, file);
  }
  return new Map([...out].sort(([a], [b]) => compareStrings(a, b)));
}

/** Each cluster's Works (cluster name → Works, in plan order); every cluster of `clusters` has an entry. */
export function worksByCluster(works: readonly Work[], clusters: readonly string[]): Map<string, Work[]> {
  const perCluster = new Map<string, Work[]>(clusters.map((c) => [c, []]));
  for (const work of works) {
    const cluster = workCluster(work);
    const list = perCluster.get(cluster) ?? [];
    perCluster.set(cluster, list);
    list.push(work);
  }
  return perCluster;
}

/** The cluster a Work is for: its namespace without Karmada's execution-space prefix. */
export function workCluster(work: Work): string {
  const ns = work.metadata.namespace;
  return ns.startsWith(executionNamespacePrefix) ? ns.slice(executionNamespacePrefix.length) : ns;
}

/**
 * Where a manifest goes in its cluster's folder and what the file holds. `rel` is its path, or,
 * when an earlier object of the folder has `rel` already (same kind and name in another API
 * group), `rel` with the apiVersion's letters appended (clashRel). `identity` stands for
 * `value` in a memo when `value` is made from the manifest (a Namespace's kept marks).
 */
export interface ManifestPlace {
  readonly rel: string;
  /** The manifest's apiVersion, which names `clashRel`. */
  readonly apiVersion: string;
  readonly value: JsonObject;
  readonly identity?: object;
}

/** The place and content of one rendered manifest (see ManifestPlace). */
export function manifestPlace(manifest: JsonObject): ManifestPlace {
  const meta = isPlainObject(manifest['metadata']) ? manifest['metadata'] : {};
  const ns = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : 'Object';
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const folder = ns === undefined ? clusterScopedFolder : safeSegment(ns);
  const base = safeSegment(`${kind.toLowerCase()}-${name}`);
  const rel = `${folder}/${base}.yaml`;
  const apiVersion = String(manifest['apiVersion'] ?? '');
  const namespace = manifest['kind'] === 'Namespace' && manifest['apiVersion'] === 'v1';
  return namespace
    ? { rel, apiVersion, value: keptNamespace(manifest, meta), identity: manifest }
    : { rel, apiVersion, value: manifest };
}

/**
 * One cluster folder: relative path → file of each placed manifest in order (a later object whose
 * path is taken gets its `clashRel`), then `kustomization.yaml` listing them sorted. `made` gives
 * each manifest's file (the i-th of `placed`), so a caller can take it from a memo.
 */
export function folderLayout<T>(
  placed: readonly ManifestPlace[],
  toFile: ToFile<T>,
  made: (place: ManifestPlace, i: number) => T = (place) => toFile(place.value, place.identity),
): Map<string, T> {
  const files = new Map<string, T>();
  placed.forEach((place, i) => {
    files.set(files.has(place.rel) ? clashRel(place) : place.rel, made(place, i));
  });
  const names = [...files.keys()].sort(compareStrings);
  const out = new Map<string, T>();
  for (const name of names) {
    const file = files.get(name);
    if (file !== undefined) out.set(name, file);
  }
  out.set('kustomization.yaml', toFile(kustomization(names)));
  return out;
}

/** The path a manifest takes when an earlier object of its folder has its `rel`: the apiVersion's letters appended. */
function clashRel(place: ManifestPlace): string {
  const suffix = safeSegment(place.apiVersion)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
  return place.rel.replace(/\.yaml$/, `-${suffix}.yaml`);
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
