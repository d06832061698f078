/**
 * Cluster by cluster: which manifests a member gains, loses or gets changed, with a unified diff
 * of each as YAML. Manifests carry no revision, so an object another revision renders the same
 * compares equal.
 */
import { createTwoFilesPatch } from 'diff';
import YAML from 'yaml';
import {
  bindingAnnotation,
  compareStrings,
  executionNamespacePrefix,
  isPlainObject,
  refOf,
  resourceKeyOf,
  type JsonObject,
  type KubeObject,
  type ResourceKey,
} from '../api/index.ts';
import type { Work } from '../render/index.ts';
import type { ChangeKind, ClusterChange, ObjectChange } from './model.ts';
import { jsonEqual } from './placement-diff.ts';

interface Placed {
  readonly work: Work;
  readonly manifest: KubeObject;
}

/** Per-cluster object changes between two sets of Works, clusters and objects in key order. */
export function diffWorks(base: readonly Work[], head: readonly Work[]): ClusterChange[] {
  const before = indexWorks(base);
  const after = indexWorks(head);
  const clusters = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const out: ClusterChange[] = [];
  for (const cluster of clusters) {
    const objects = diffCluster(cluster, before.get(cluster) ?? new Map(), after.get(cluster) ?? new Map());
    if (!objects.length) continue;
    const count = (k: ChangeKind) => objects.filter((o) => o.change === k).length;
    out.push({ cluster, added: count('added'), removed: count('removed'), changed: count('changed'), objects });
  }
  return out;
}

function diffCluster(
  cluster: string,
  before: ReadonlyMap<ResourceKey, Placed>,
  after: ReadonlyMap<ResourceKey, Placed>,
): ObjectChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const out: ObjectChange[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    // A Work the head plan reused from the base plan is the same object: nothing to compare.
    if (a && b && a.work === b.work) continue;
    const bm = b?.manifest;
    const am = a?.manifest;
    if (bm && am && jsonEqual(bm, am)) continue;
    const either = (a ?? b) as Placed;
    out.push({
      change: !b ? 'added' : !a ? 'removed' : 'changed',
      resource: refOf(either.manifest),
      binding: either.work.metadata.annotations[bindingAnnotation] ?? '',
      diff: unifiedDiff(manifestPath(cluster, either.manifest), bm, am),
    });
  }
  return out;
}

/** cluster → resource key → Work; a Work carries exactly one manifest. */
function indexWorks(works: readonly Work[]): Map<string, Map<ResourceKey, Placed>> {
  const out = new Map<string, Map<ResourceKey, Placed>>();
  for (const work of works) {
    const m = work.spec.workload.manifests[0];
    if (!m || !isManifest(m)) continue;
    const cluster = work.metadata.namespace.startsWith(executionNamespacePrefix)
      ? work.metadata.namespace.slice(executionNamespacePrefix.length)
      : work.metadata.namespace;
    let byKey = out.get(cluster);
    if (!byKey) {
      byKey = new Map();
      out.set(cluster, byKey);
    }
    byKey.set(resourceKeyOf(m), { work, manifest: m });
  }
  return out;
}

function isManifest(m: JsonObject): m is JsonObject & KubeObject {
  return typeof m['apiVersion'] === 'string' && typeof m['kind'] === 'string' && isPlainObject(m['metadata']);
}

/** Where the rendered branch keeps the manifest: `<cluster>/<namespace or _cluster>/<Kind>-<name>.yaml`. */
function manifestPath(cluster: string, m: KubeObject): string {
  return `${cluster}/${m.metadata.namespace ?? '_cluster'}/${m.kind}-${m.metadata.name ?? ''}.yaml`;
}

/** A unified diff (3 lines of context) of two manifests as YAML, keys in rendered order (D5). */
export function unifiedDiff(file: string, before: KubeObject | undefined, after: KubeObject | undefined): string {
  const text = (m: KubeObject | undefined) =>
    m ? YAML.stringify(m, { lineWidth: 0, aliasDuplicateObjects: false }) : '';
  const patch = createTwoFilesPatch(
    before ? `a/${file}` : '/dev/null',
    after ? `b/${file}` : '/dev/null',
    text(before),
    text(after),
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop the `====` banner the library puts above the file headers: git and GitHub show none.
  return patch.startsWith('=') ? patch.slice(patch.indexOf('\n') + 1) : patch;
}
