/** Sorts loaded objects into the fleet's kinds by apiVersion group and kind. */
import { splitApiVersion } from '../api/index.ts';
import { isKarmadaGroup, isNeverPropagated, karmadaScope } from './karmada-kinds.ts';

export const objectClasses = [
  'cluster',
  'propagationPolicy',
  'overridePolicy',
  'customization',
  'clusterTaintPolicy',
  'workloadRebalancer',
  'rolloutStrategy',
  // Karmada's FederatedHPA and CronFederatedHPA: read by the autoscaler (src/autoscale), never propagated.
  'federatedHPA',
  'cronFederatedHPA',
  'ignored',
  // Karmada's MultiClusterService: read by the multi-cluster service step (src/mcs), never propagated.
  'multiClusterService',
  // A Karmada kind flotilla does not act on, or an object Karmada never propagates: a warning.
  'notPropagated',
  // A kind a Karmada group does not have: an error.
  'unknownKarmadaKind',
  'template',
] as const;
export type ObjectClass = (typeof objectClasses)[number];

/** The class of an object with this apiVersion and kind. */
export function classify(apiVersion: string, kind: string): ObjectClass {
  const { group, version } = splitApiVersion(apiVersion);
  if (group === 'cluster.karmada.io' && kind === 'Cluster') return 'cluster';
  if (group === 'policy.karmada.io' && (kind === 'PropagationPolicy' || kind === 'ClusterPropagationPolicy'))
    return 'propagationPolicy';
  if (group === 'policy.karmada.io' && (kind === 'OverridePolicy' || kind === 'ClusterOverridePolicy'))
    return 'overridePolicy';
  if (group === 'config.karmada.io' && kind === 'ResourceInterpreterCustomization') return 'customization';
  if (group === 'flotilla.io' && kind === 'RolloutStrategy') return 'rolloutStrategy';
  if (group === 'policy.karmada.io' && kind === 'ClusterTaintPolicy') return 'clusterTaintPolicy';
  if (group === 'networking.karmada.io' && kind === 'MultiClusterService') return 'multiClusterService';
  if (group === 'apps.karmada.io' && kind === 'WorkloadRebalancer') return 'workloadRebalancer';
  if (group === 'autoscaling.karmada.io' && kind === 'FederatedHPA') return 'federatedHPA';
  if (group === 'autoscaling.karmada.io' && kind === 'CronFederatedHPA') return 'cronFederatedHPA';
  // Kustomize's own files sit beside manifests in many repos; they configure a build, they are not objects.
  if (group === 'kustomize.config.k8s.io' || group === 'flotilla.io') return 'ignored';
  // Karmada pkg/util/apigroup.go: its own groups, Events and Leases are never propagated.
  if (isKarmadaGroup(group)) return karmadaScope(group, kind) === undefined ? 'unknownKarmadaKind' : 'notPropagated';
  if (isNeverPropagated(group, version, kind)) return 'notPropagated';
  return 'template';
}
