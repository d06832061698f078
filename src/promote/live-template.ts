/**
 * A live object read from a member → a resource template for the fleet repo (karmadactl promote
 * copies the object the same way before creating it in Karmada): what the cluster generated
 * (status, uid, resourceVersion, generation, managedFields, creationTimestamp: render's
 * pruneIrrelevantFields), what it assigned (a Service's clusterIP and nodePorts, a claim's
 * bound volume), client bookkeeping, and fields equal to the server's defaults are left out.
 */
import { cloneJson, compareStrings, isPlainObject, type JsonObject, type KubeObject } from '../api/index.ts';
import { pruneIrrelevantFields } from '../render/index.ts';
import { dropServerDefaults } from './server-defaults.ts';

/** Annotations written by clients and controllers, never by the person who owns the object. */
const bookkeepingAnnotations = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
];

/** The template for a live object: a copy without generated, assigned and defaulted fields. */
export function templateFromLive(live: KubeObject): KubeObject {
  const m = cloneJson(live) as unknown as JsonObject;
  pruneIrrelevantFields(m);
  dropAssigned(m);
  dropServerDefaults(m);
  const meta = m['metadata'];
  if (isPlainObject(meta)) {
    const annotations = meta['annotations'];
    if (isPlainObject(annotations)) {
      for (const a of bookkeepingAnnotations) delete annotations[a];
      if (Object.keys(annotations).length === 0) delete meta['annotations'];
    }
    if (isPlainObject(meta['labels']) && Object.keys(meta['labels']).length === 0) delete meta['labels'];
  }
  return m as unknown as KubeObject;
}

/** Values the cluster allocated: nodePorts, a LoadBalancer's health-check port, a claim's volume. */
function dropAssigned(m: JsonObject): void {
  const spec = m['spec'];
  if (!isPlainObject(spec)) return;
  if (m['kind'] === 'Service') {
    delete spec['healthCheckNodePort'];
    if (Array.isArray(spec['ports'])) for (const p of spec['ports']) if (isPlainObject(p)) delete p['nodePort'];
  }
  if (m['kind'] === 'PersistentVolumeClaim') delete spec['volumeName'];
}

/**
 * A Secret's template for git: its name, labels, annotations and type, never its values (`data`
 * and `stringData` left out). Applied, it takes over the Secret's metadata and leaves the values
 * on the member to their current owner; the keys are returned so the caller can name them.
 */
export function secretWithoutValues(live: KubeObject): { template: KubeObject; keys: string[] } {
  const t = templateFromLive(live) as unknown as JsonObject;
  const keys = [
    ...new Set([
      ...Object.keys(isPlainObject(t['data']) ? t['data'] : {}),
      ...Object.keys(isPlainObject(t['stringData']) ? t['stringData'] : {}),
    ]),
  ].sort(compareStrings);
  delete t['data'];
  delete t['stringData'];
  return { template: t as unknown as KubeObject, keys };
}
