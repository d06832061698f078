/**
 * The PropagationPolicy that adopts promoted objects where they already run: pinned to the one
 * cluster they were read from, `conflictResolution: Overwrite` so that flotilla takes over objects
 * it did not create (Karmada's default, Abort, would refuse them), Duplicated so a workload keeps
 * its replicas. Named as karmadactl promote names its policies (<name>-<kind>).
 */
import { compareStrings, type KubeObject, type PropagationPolicy } from '../api/index.ts';

/**
 * A PropagationPolicy selecting `objects` (all in one namespace, the first the workload) on
 * `cluster`; a ClusterPropagationPolicy when the first object is cluster-scoped.
 */
export function promotionPolicy(objects: readonly KubeObject[], cluster: string): PropagationPolicy {
  const [main] = objects;
  const name = `${main?.metadata.name ?? ''}-${(main?.kind ?? '').toLowerCase()}`;
  const selectors = objects
    .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' }))
    .toSorted((a, b) => compareStrings(`${a.apiVersion}/${a.kind}/${a.name}`, `${b.apiVersion}/${b.kind}/${b.name}`));
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: main?.metadata.namespace ? 'PropagationPolicy' : 'ClusterPropagationPolicy',
    metadata: { name, ...(main?.metadata.namespace ? { namespace: main.metadata.namespace } : {}) },
    spec: {
      conflictResolution: 'Overwrite',
      resourceSelectors: selectors,
      placement: {
        clusterAffinity: { clusterNames: [cluster] },
        replicaScheduling: { replicaSchedulingType: 'Duplicated' },
      },
    },
  };
}
