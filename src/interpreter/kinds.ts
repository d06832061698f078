/** Kind keys (apiVersion + kind) of the native kinds Karmada's default interpreter handles. */
import type { JsonObject, KubeObject } from '../api/index.ts';

/** `apiVersion/kind`: the key handler tables are indexed by (Karmada indexes by GroupVersionKind). */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** The kind key of an object. */
export function kindKeyOf(obj: KubeObject): string {
  return kindKey(obj.apiVersion, obj.kind);
}

export const deployment = kindKey('apps/v1', 'Deployment');
export const replicaSet = kindKey('apps/v1', 'ReplicaSet');
export const statefulSet = kindKey('apps/v1', 'StatefulSet');
export const daemonSet = kindKey('apps/v1', 'DaemonSet');
export const job = kindKey('batch/v1', 'Job');
export const cronJob = kindKey('batch/v1', 'CronJob');
export const pod = kindKey('v1', 'Pod');
export const service = kindKey('v1', 'Service');
export const serviceAccount = kindKey('v1', 'ServiceAccount');
export const secret = kindKey('v1', 'Secret');
export const persistentVolume = kindKey('v1', 'PersistentVolume');
export const persistentVolumeClaim = kindKey('v1', 'PersistentVolumeClaim');
export const ingress = kindKey('networking.k8s.io/v1', 'Ingress');
export const podDisruptionBudget = kindKey('policy/v1', 'PodDisruptionBudget');
export const horizontalPodAutoscaler = kindKey('autoscaling/v2', 'HorizontalPodAutoscaler');
export const serviceImport = kindKey('multicluster.x-k8s.io/v1alpha1', 'ServiceImport');

/** A nested object field, or undefined when absent or not an object. */
export function objectField(o: unknown, ...path: readonly string[]): JsonObject | undefined {
  let cur: unknown = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as JsonObject) : undefined;
}

/** A nested integer field (Go int64 from JSON), or 0 when absent. */
export function intField(o: unknown, ...path: readonly string[]): number {
  const parent = objectField(o, ...path.slice(0, -1));
  const v = parent?.[path[path.length - 1] ?? ''];
  return typeof v === 'number' ? Math.trunc(v) : 0;
}

/** A nested string field, or '' when absent. */
export function stringField(o: unknown, ...path: readonly string[]): string {
  const parent = objectField(o, ...path.slice(0, -1));
  const v = parent?.[path[path.length - 1] ?? ''];
  return typeof v === 'string' ? v : '';
}
