/**
 * Karmada's own API groups and kinds. Karmada never propagates objects of these groups
 * (pkg/util/apigroup.go NewSkippedResourceConfig disables the groups cluster, policy, work, config,
 * networking, autoscaling, remedy and apps .karmada.io, plus Events and coordination.k8s.io/v1
 * Leases), so a fleet repo's object in one of them is either a kind flotilla reads (Cluster, the
 * policies, ResourceInterpreterCustomization), a Karmada kind flotilla does not act on (a warning),
 * or a kind Karmada does not have (an error: most likely a typo).
 * Kinds and scopes: the `+kubebuilder:resource` types of pkg/apis/<group>/v1alpha1 (and v1alpha2 for work).
 */
import { suggestionFor } from './schema/issue.ts';

export type KarmadaScope = 'Namespaced' | 'Cluster';

const N: KarmadaScope = 'Namespaced';
const C: KarmadaScope = 'Cluster';

/** Every kind of each Karmada API group, with its scope. */
export const karmadaKinds: Readonly<Record<string, Readonly<Record<string, KarmadaScope>>>> = {
  'apps.karmada.io': { WorkloadRebalancer: C },
  'autoscaling.karmada.io': { FederatedHPA: N, CronFederatedHPA: N },
  'cluster.karmada.io': { Cluster: C },
  'config.karmada.io': { ResourceInterpreterCustomization: C, ResourceInterpreterWebhookConfiguration: C },
  'networking.karmada.io': { MultiClusterIngress: N, MultiClusterService: N },
  'policy.karmada.io': {
    PropagationPolicy: N,
    ClusterPropagationPolicy: C,
    OverridePolicy: N,
    ClusterOverridePolicy: C,
    ClusterTaintPolicy: C,
    FederatedResourceQuota: N,
  },
  'remedy.karmada.io': { Remedy: C },
  'work.karmada.io': { ResourceBinding: N, ClusterResourceBinding: C, Work: N },
};

/** True for a group Karmada never propagates because it is Karmada's own. */
export function isKarmadaGroup(group: string): boolean {
  return Object.hasOwn(karmadaKinds, group);
}

/** The scope of a known Karmada kind; undefined for other groups and for kinds Karmada does not have. */
export function karmadaScope(group: string, kind: string): KarmadaScope | undefined {
  const kinds = karmadaKinds[group];
  return kinds && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
}

/** Objects Karmada never propagates outside its own groups (apigroup.go): Events and Leases. */
export function isNeverPropagated(group: string, version: string, kind: string): boolean {
  return (
    group === 'events.k8s.io' ||
    (group === '' && version === 'v1' && kind === 'Event') ||
    (group === 'coordination.k8s.io' && version === 'v1')
  );
}

/** A hint for a kind a Karmada group does not have: a near spelling in that group, or the group that has it. */
export function unknownKarmadaKindHint(group: string, kind: string): string {
  const typo = suggestionFor(kind, Object.keys(karmadaKinds[group] ?? {}));
  if (typo !== undefined) return ` (did you mean "${typo}"?)`;
  const home = Object.keys(karmadaKinds).find((g) => karmadaScope(g, kind) !== undefined);
  if (home !== undefined) return ` (${kind} belongs to ${home})`;
  const elsewhere = Object.keys(karmadaKinds).flatMap((g) => Object.keys(karmadaKinds[g] ?? {}).map((k) => ({ g, k })));
  const near = suggestionFor(
    kind,
    elsewhere.map((e) => e.k),
  );
  const nearGroup = elsewhere.find((e) => e.k === near)?.g;
  return near !== undefined && nearGroup !== undefined ? ` (did you mean "${near}" of ${nearGroup}?)` : '';
}
