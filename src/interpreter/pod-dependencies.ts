/**
 * Objects a pod spec refers to: Karmada helper.GetDependenciesFromPodTemplate (pkg/util/helper/pod.go)
 * with lifted.VisitPodSecretNames / VisitPodConfigmapNames (pkg/util/lifted/visitpod.go).
 */
import { compareStrings, isPlainObject, type JsonObject, type JsonValue } from '../api/index.ts';
import type { DependencyRef } from './types.ts';

/**
 * ConfigMaps, then Secrets, then ServiceAccounts, then PVCs (Karmada's order of kinds), each
 * deduplicated and sorted by name (Karmada iterates Go sets, so its order within a kind is
 * random). The `default` ServiceAccount is not a dependency: every namespace has one.
 */
export function podDependencies(spec: JsonObject | undefined, namespace: string | undefined): DependencyRef[] {
  const s = spec ?? {};
  const sa =
    typeof s['serviceAccountName'] === 'string' && s['serviceAccountName'] !== 'default'
      ? [s['serviceAccountName']]
      : [];
  const groups: readonly [string, readonly string[]][] = [
    ['ConfigMap', configMapNames(s)],
    ['Secret', secretNames(s)],
    ['ServiceAccount', sa],
    ['PersistentVolumeClaim', pvcNames(s)],
  ];
  const out: DependencyRef[] = [];
  for (const [kind, names] of groups) {
    for (const name of [...new Set(names.filter((n) => n !== ''))].sort(compareStrings)) {
      out.push({ apiVersion: 'v1', kind, ...(namespace ? { namespace } : {}), name });
    }
  }
  return out;
}

const objectAt = (v: JsonValue | undefined): JsonObject | undefined =>
  isPlainObject(v) ? (v as JsonObject) : undefined;
const listAt = (v: JsonValue | undefined): JsonObject[] =>
  Array.isArray(v) ? v.map(objectAt).filter((x): x is JsonObject => x !== undefined) : [];
const nameAt = (v: JsonValue | undefined, field = 'name'): string[] => {
  const o = objectAt(v);
  const n = o?.[field];
  return typeof n === 'string' ? [n] : o ? [''] : [];
};

/** Init, app and ephemeral containers, in Karmada's visiting order. */
function allContainers(spec: JsonObject): JsonObject[] {
  return [...listAt(spec['initContainers']), ...listAt(spec['containers']), ...listAt(spec['ephemeralContainers'])];
}

function containerRefs(
  spec: JsonObject,
  fromField: 'configMapRef' | 'secretRef',
  keyRefField: 'configMapKeyRef' | 'secretKeyRef',
): string[] {
  const names: string[] = [];
  for (const c of allContainers(spec)) {
    for (const e of listAt(c['envFrom'])) names.push(...nameAt(e[fromField]));
    for (const e of listAt(c['env'])) names.push(...nameAt(objectAt(e['valueFrom'])?.[keyRefField]));
  }
  return names;
}

function configMapNames(spec: JsonObject): string[] {
  const names = containerRefs(spec, 'configMapRef', 'configMapKeyRef');
  for (const v of listAt(spec['volumes'])) {
    const projected = objectAt(v['projected']);
    if (projected) for (const src of listAt(projected['sources'])) names.push(...nameAt(src['configMap']));
    else names.push(...nameAt(v['configMap']));
  }
  return names;
}

/** Volume sources whose secret reference Karmada follows, in its switch order. */
const secretVolumeRefs: readonly [string, string, string][] = [
  ['azureFile', '', 'secretName'],
  ['cephfs', 'secretRef', 'name'],
  ['cinder', 'secretRef', 'name'],
  ['flexVolume', 'secretRef', 'name'],
  ['projected', '', ''],
  ['rbd', 'secretRef', 'name'],
  ['secret', '', 'secretName'],
  ['scaleIO', 'secretRef', 'name'],
  ['iscsi', 'secretRef', 'name'],
  ['storageos', 'secretRef', 'name'],
  ['csi', 'nodePublishSecretRef', 'name'],
];

function secretNames(spec: JsonObject): string[] {
  const names = listAt(spec['imagePullSecrets']).flatMap((r) => nameAt(r));
  names.push(...containerRefs(spec, 'secretRef', 'secretKeyRef'));
  for (const v of listAt(spec['volumes'])) {
    const match = secretVolumeRefs.find(([source]) => objectAt(v[source]) !== undefined);
    if (!match) continue;
    const [source, refField, nameField] = match;
    const src = objectAt(v[source]) ?? {};
    if (source === 'projected') for (const p of listAt(src['sources'])) names.push(...nameAt(p['secret']));
    else if (refField === '') names.push(...nameAt(src, nameField));
    else names.push(...nameAt(src[refField], nameField));
  }
  return names;
}

function pvcNames(spec: JsonObject): string[] {
  return listAt(spec['volumes']).flatMap((v) => {
    const claim = objectAt(v['persistentVolumeClaim'])?.['claimName'];
    return typeof claim === 'string' ? [claim] : [];
  });
}
