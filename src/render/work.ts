/** Karmada Work objects: one per (binding, cluster), in the cluster's execution namespace. */
import { bindingAnnotation, executionNamespacePrefix, managedByLabel, managedByValue, stableHash, workApiVersion, type JsonObject, type ResourceRef } from '../api/index.ts';

/** A Work as flotilla emits it (work.karmada.io/v1alpha1, fixed key order: D5). */
export interface Work {
  readonly apiVersion: typeof workApiVersion;
  readonly kind: 'Work';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly spec: { readonly workload: { readonly manifests: readonly JsonObject[] } };
}

/** The execution namespace of a cluster: `karmada-es-<cluster>`. */
export function executionNamespace(cluster: string): string {
  return `${executionNamespacePrefix}${cluster}`;
}

/** A Work name unique per object: `<name>-<hash of kind/namespace/name>`, as Karmada's GenerateWorkName. */
export function workName(r: ResourceRef): string {
  const base = r.name.toLowerCase().slice(0, 53).replace(/[^a-z0-9.-]/g, '-');
  return `${base}-${stableHash(`${r.kind}/${r.namespace ?? ''}/${r.name}`)}`;
}

/** Builds the Work that carries `manifest` to `cluster`. */
export function buildWork(cluster: string, ref: ResourceRef, binding: string, manifest: JsonObject): Work {
  return {
    apiVersion: workApiVersion,
    kind: 'Work',
    metadata: {
      name: workName(ref),
      namespace: executionNamespace(cluster),
      labels: { [managedByLabel]: managedByValue },
      annotations: { [bindingAnnotation]: binding },
    },
    spec: { workload: { manifests: [manifest] } },
  };
}
