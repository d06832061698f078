/** Karmada Work objects: one per (binding, cluster), in the cluster's execution namespace. */
import {
  bindingAnnotation,
  conflictResolutionAnnotation,
  executionNamespacePrefix,
  managedByLabel,
  managedByValue,
  stableHash,
  workApiVersion,
  type JsonObject,
  type ResourceRef,
} from '../api/index.ts';
import { defaultDispatch, type WorkDispatch } from './dispatch.ts';

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
  readonly spec: {
    readonly workload: { readonly manifests: readonly JsonObject[] };
    /** Karmada Work `spec.suspendDispatching`: the member keeps what it has (written only when true). */
    readonly suspendDispatching?: true;
    /** Karmada Work `spec.preserveResourcesOnDeletion`: released, not deleted, when withdrawn (written only when true). */
    readonly preserveResourcesOnDeletion?: true;
  };
}

/** The execution namespace of a cluster: `karmada-es-<cluster>`. */
export function executionNamespace(cluster: string): string {
  return `${executionNamespacePrefix}${cluster}`;
}

/** A Work name unique per object: `<name>-<hash of kind/namespace/name>`, as Karmada's GenerateWorkName. */
export function workName(r: ResourceRef): string {
  const base = r.name
    .toLowerCase()
    .slice(0, 53)
    .replace(/[^a-z0-9.-]/g, '-');
  return `${base}-${stableHash(`${r.kind}/${r.namespace ?? ''}/${r.name}`)}`;
}

/** Builds the Work that carries `manifest` to `cluster`, dispatched as `dispatch` says (dispatch.ts). */
export function buildWork(
  cluster: string,
  ref: ResourceRef,
  binding: string,
  manifest: JsonObject,
  dispatch: WorkDispatch = defaultDispatch,
): Work {
  return workBuilder(ref, binding)(cluster, manifest, dispatch);
}

/** The Work's label map; one object for every Work (nothing changes a Work once built). */
const workLabels: Readonly<Record<string, string>> = { [managedByLabel]: managedByValue };

/**
 * buildWork for the Works of one binding: the name is computed once, and the label and
 * annotation maps are shared between its Works (per conflict resolution).
 */
export function workBuilder(
  ref: ResourceRef,
  binding: string,
): (cluster: string, manifest: JsonObject, dispatch?: WorkDispatch) => Work {
  const name = workName(ref);
  const annotations = new Map<string, Readonly<Record<string, string>>>();
  return (cluster, manifest, dispatch = defaultDispatch) => {
    let shared = annotations.get(dispatch.conflictResolution);
    if (!shared) {
      shared = { [bindingAnnotation]: binding, [conflictResolutionAnnotation]: dispatch.conflictResolution };
      annotations.set(dispatch.conflictResolution, shared);
    }
    return workOf(cluster, name, shared, manifest, dispatch);
  };
}

function workOf(
  cluster: string,
  name: string,
  annotations: Readonly<Record<string, string>>,
  manifest: JsonObject,
  dispatch: WorkDispatch,
): Work {
  return {
    apiVersion: workApiVersion,
    kind: 'Work',
    metadata: { name, namespace: executionNamespace(cluster), labels: workLabels, annotations },
    spec: {
      workload: { manifests: [manifest] },
      ...(dispatch.suspendDispatching ? { suspendDispatching: true as const } : {}),
      ...(dispatch.preserveResourcesOnDeletion ? { preserveResourcesOnDeletion: true as const } : {}),
    },
  };
}
