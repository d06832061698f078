/**
 * Native Retain (Karmada default/native/retain.go, pkg/util/lifted/retain.go): fields the member
 * cluster owns are copied from the observed object into the desired one before it is applied.
 */
import { cloneJson, type JsonObject, type JsonValue, type KubeObject } from '../api/index.ts';
import {
  deployment,
  intField,
  job,
  kindKeyOf,
  objectField,
  persistentVolume,
  persistentVolumeClaim,
  pod,
  secret,
  service,
  serviceAccount,
  stringField,
} from './kinds.ts';

type Retainer = (desired: JsonObject, observed: JsonObject) => void;

/** Karmada util.RetainReplicasLabel: a workload whose replicas the member (e.g. an HPA) owns. */
export const retainReplicasLabel = 'resourcetemplate.karmada.io/retain-replicas';

function setIn(o: JsonObject, path: readonly string[], value: JsonValue): void {
  let cur = o;
  for (const p of path.slice(0, -1)) {
    const next = cur[p];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as JsonObject;
  }
  cur[path[path.length - 1] ?? ''] = value;
}

/** Deployment: spec.replicas stays the member's when the template carries the retain-replicas label. */
const retainWorkloadReplicas: Retainer = (desired, observed) => {
  if (objectField(desired, 'metadata', 'labels')?.[retainReplicasLabel] !== 'true') return;
  const replicas = objectField(observed, 'spec')?.['replicas'];
  if (typeof replicas === 'number') setIn(desired, ['spec', 'replicas'], replicas);
};

/** Whether Go's typed Pod omits the value (`omitempty`: absent, null, '' or an empty list). */
const omitted = (v: JsonValue | undefined): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Pod: nodeName, serviceAccountName, volumes and each container's volumeMounts are the member's;
 * Karmada writes them through its typed Pod, so an empty one is left out.
 */
const retainPodFields: Retainer = (desired, observed) => {
  const spec = objectField(desired, 'spec') ?? {};
  const observedSpec = objectField(observed, 'spec') ?? {};
  for (const field of ['nodeName', 'serviceAccountName', 'volumes'] as const) {
    const v = observedSpec[field];
    if (omitted(v)) delete spec[field];
    else spec[field] = v ?? null;
  }
  for (const field of ['containers', 'initContainers'] as const) {
    const observedContainers = Array.isArray(observedSpec[field]) ? observedSpec[field] : [];
    const desiredContainers = Array.isArray(spec[field]) ? spec[field] : [];
    for (const oc of observedContainers) {
      const name = objectField({ c: oc }, 'c')?.['name'];
      const dc = desiredContainers.find((c) => objectField({ c }, 'c')?.['name'] === name);
      const target = objectField({ c: dc }, 'c');
      if (!target) continue;
      const mounts = objectField({ c: oc }, 'c')?.['volumeMounts'];
      if (omitted(mounts)) delete target['volumeMounts'];
      else target['volumeMounts'] = mounts ?? null;
    }
  }
  desired['spec'] = spec;
};

/** Service: the member allocates clusterIP and healthCheckNodePort (lifted.RetainServiceFields). */
const retainServiceFields: Retainer = (desired, observed) => {
  const healthCheckNodePort = intField(observed, 'spec', 'healthCheckNodePort');
  if (healthCheckNodePort > 0) setIn(desired, ['spec', 'healthCheckNodePort'], healthCheckNodePort);
  const clusterIP = stringField(observed, 'spec', 'clusterIP');
  if (clusterIP !== '') setIn(desired, ['spec', 'clusterIP'], clusterIP);
};

/**
 * ServiceAccount: secrets and imagePullSecrets become the desired entries followed by the observed
 * ones not already named, so tokens the member generated are kept (lifted.RetainServiceAccountFields).
 */
const retainServiceAccountFields: Retainer = (desired, observed) => {
  for (const field of ['secrets', 'imagePullSecrets'] as const) {
    const merged: JsonValue[] = [];
    const seen = new Set<string>();
    for (const list of [desired[field], observed[field]]) {
      for (const entry of Array.isArray(list) ? list : []) {
        const name = stringField({ e: entry }, 'e', 'name');
        if (seen.has(name)) continue;
        seen.add(name);
        merged.push(entry);
      }
    }
    // Karmada writes an empty merge as null; an absent field says the same.
    if (merged.length > 0) desired[field] = merged;
    else delete desired[field];
  }
};

/** PVC: the bound volumeName is the member's and immutable. */
const retainPersistentVolumeClaimFields: Retainer = (desired, observed) => {
  const volumeName = stringField(observed, 'spec', 'volumeName');
  if (volumeName !== '') setIn(desired, ['spec', 'volumeName'], volumeName);
};

/** PV: claimRef is written by the member's controller manager. */
const retainPersistentVolumeFields: Retainer = (desired, observed) => {
  const claimRef = objectField(observed, 'spec')?.['claimRef'];
  if (claimRef !== undefined) setIn(desired, ['spec', 'claimRef'], claimRef);
};

/** Job: the selector and template labels carry the member's generated controller-uid. */
const retainJobSelectorFields: Retainer = (desired, observed) => {
  const matchLabels = objectField(observed, 'spec', 'selector', 'matchLabels');
  if (matchLabels) setIn(desired, ['spec', 'selector', 'matchLabels'], matchLabels);
  const templateLabels = objectField(observed, 'spec', 'template', 'metadata', 'labels');
  if (templateLabels) setIn(desired, ['spec', 'template', 'metadata', 'labels'], templateLabels);
};

/** Secret of type service-account-token: the token data the member generated is kept. */
const retainSecretServiceAccountToken: Retainer = (desired, observed) => {
  if (desired['type'] !== 'kubernetes.io/service-account-token') return;
  const data = objectField(observed, 'data');
  if (data) desired['data'] = data;
};

const retainers: ReadonlyMap<string, Retainer> = new Map([
  [deployment, retainWorkloadReplicas],
  [pod, retainPodFields],
  [service, retainServiceFields],
  [serviceAccount, retainServiceAccountFields],
  [persistentVolumeClaim, retainPersistentVolumeClaimFields],
  [persistentVolume, retainPersistentVolumeFields],
  [job, retainJobSelectorFields],
  [secret, retainSecretServiceAccountToken],
]);

/** Native Retain; undefined for kinds without a handler. */
export function nativeRetain(desired: KubeObject, observed: KubeObject): KubeObject | undefined {
  const retainer = retainers.get(kindKeyOf(desired));
  if (!retainer) return undefined;
  const out = cloneJson(desired) as unknown as JsonObject;
  retainer(out, cloneJson(observed) as unknown as JsonObject);
  return out as unknown as KubeObject;
}
