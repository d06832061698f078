/**
 * Fields the member cluster owns or generates, removed from each rendered manifest after its
 * overrides, as Karmada's prune.RemoveIrrelevantFields does
 * (pkg/resourceinterpreter/default/native/prune/prune.go, called by ctrlutil CreateOrUpdateWork).
 */
import { isPlainObject, type JsonObject } from '../api/index.ts';

const generatedMetadata = [
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'resourceVersion',
  'selfLink',
  'uid',
  'ownerReferences',
  'finalizers',
];
const jobControllerLabels = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const jobTemplateLabels = [...jobControllerLabels, 'job-name', 'batch.kubernetes.io/job-name'];

/** Removes generated and member-owned fields in place (the caller passes its own copy). */
export function pruneIrrelevantFields(m: JsonObject): void {
  const meta = m['metadata'];
  if (isPlainObject(meta)) for (const f of generatedMetadata) delete meta[f];
  delete m['status'];
  switch (m['kind']) {
    case 'Deployment':
      deleteAnnotations(m, ['deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history']);
      break;
    case 'Job': {
      const spec = objectAt(m, ['spec']);
      if (spec?.['manualSelector'] !== true) pruneJobSelector(m);
      // Karmada RemoveJobTTLSeconds (applied to every Work, ctrlutil/work.go CreateOrUpdateWork): the
      // member's ttl-after-finished controller would delete the finished Job, and the next apply
      // would create it again and run it once more.
      if (spec) delete spec['ttlSecondsAfterFinished'];
      break;
    }
    case 'Secret':
      if (m['type'] === 'kubernetes.io/service-account-token') {
        deleteAnnotations(m, ['kubernetes.io/service-account.uid']);
        delete m['data'];
      }
      break;
    case 'ServiceAccount':
      pruneTokenSecrets(m);
      break;
    case 'Service': {
      const spec = objectAt(m, ['spec']);
      if (spec && typeof spec['clusterIP'] === 'string' && spec['clusterIP'] !== 'None') {
        delete spec['clusterIP'];
        delete spec['clusterIPs'];
      }
      break;
    }
    case 'PersistentVolumeClaim': {
      const a = objectAt(m, ['metadata', 'annotations']);
      if (a?.['volume.kubernetes.io/selected-node']) delete a['volume.kubernetes.io/selected-node'];
      break;
    }
  }
}

function pruneJobSelector(m: JsonObject): void {
  const matchLabels = objectAt(m, ['spec', 'selector', 'matchLabels']);
  if (matchLabels) for (const l of jobControllerLabels) delete matchLabels[l];
  const labels = objectAt(m, ['spec', 'template', 'metadata', 'labels']);
  if (labels) for (const l of jobTemplateLabels) delete labels[l];
}

function pruneTokenSecrets(m: JsonObject): void {
  const secrets = m['secrets'];
  const name = objectAt(m, ['metadata'])?.['name'];
  if (!Array.isArray(secrets) || typeof name !== 'string') return;
  const prefix = `${name}-token-`;
  m['secrets'] = secrets.filter(
    (s) => !(isPlainObject(s) && typeof s['name'] === 'string' && s['name'].startsWith(prefix)),
  );
}

function deleteAnnotations(m: JsonObject, keys: readonly string[]): void {
  const a = objectAt(m, ['metadata', 'annotations']);
  if (a) for (const k of keys) delete a[k];
}

function objectAt(m: JsonObject, path: readonly string[]): JsonObject | undefined {
  let cur: unknown = m;
  for (const p of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return isPlainObject(cur) ? (cur as JsonObject) : undefined;
}
