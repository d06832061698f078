/** ResourceBinding / ClusterResourceBinding objects in Karmada's shape (work.karmada.io/v1alpha2). */
import { cppNameAnnotation, ppNameAnnotation, ppNamespaceAnnotation } from './binding-record.ts';
import type { WorkloadGroups } from './workload-groups.ts';
import {
  bindingApiVersion,
  managedByLabel,
  managedByValue,
  type Condition,
  type FailoverBehavior,
  type GracefulEvictionTask,
  type KubeObject,
  type Placement,
  type PropagationPolicy,
  type ReplicaRequirements,
  type ResourceRef,
  type Suspension,
  type TargetCluster,
} from '../api/index.ts';
import type { DispatchPolicy } from '../render/index.ts';

/** A binding that required this object as a dependency (Karmada BindingSnapshot). */
export interface BindingSnapshot {
  readonly namespace?: string;
  readonly name: string;
  readonly clusters: readonly TargetCluster[];
}

/** The binding of one template, as `plan -o json` prints it (fixed key order, D5). */
export interface Binding {
  readonly apiVersion: typeof bindingApiVersion;
  readonly kind: 'ResourceBinding' | 'ClusterResourceBinding';
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly resource: ResourceRef;
    readonly replicas?: number;
    readonly replicaRequirements?: ReplicaRequirements;
    readonly clusters: readonly TargetCluster[];
    readonly placement?: Placement;
    readonly propagateDeps?: boolean;
    /** Clusters being evicted from: the copy there stays until the task is purged (status stage). */
    readonly gracefulEvictionTasks?: readonly GracefulEvictionTask[];
    readonly requiredBy?: readonly BindingSnapshot[];
    /** The scheduler the policy names, when it is not default-scheduler (flotilla then does not schedule it). */
    readonly schedulerName?: string;
    /** The binding's workload-affinity groups (Karmada `spec.workloadAffinityGroups`). */
    readonly workloadAffinityGroups?: WorkloadGroups;
    /** The policy's failover behaviour, as Karmada copies it onto the binding. */
    readonly failover?: FailoverBehavior;
    /** The policy's dispatch fields, as Karmada's detector copies them onto the binding (render/dispatch.ts reads them). */
    readonly conflictResolution?: 'Overwrite' | 'Abort';
    readonly suspension?: Suspension;
    readonly preserveResourcesOnDeletion?: boolean;
  };
  readonly status: {
    readonly schedulerObservingAffinityName?: string;
    readonly conditions: readonly Condition[];
  };
}

/** Karmada's binding name: `<name>-<kind>` in lower case (names.GenerateBindingName). */
export function bindingName(kind: string, name: string): string {
  return `${name}-${kind}`.toLowerCase();
}

/** `namespace/name` of a binding, or its name when cluster-scoped: the ownership annotation's value. */
export function bindingId(b: Pick<Binding, 'metadata'>): string {
  return b.metadata.namespace ? `${b.metadata.namespace}/${b.metadata.name}` : b.metadata.name;
}

/** Annotations naming the claiming policy, as Karmada's detector writes them. */
export function policyAnnotations(policy: PropagationPolicy): Record<string, string> {
  return policy.kind === 'ClusterPropagationPolicy'
    ? { [cppNameAnnotation]: policy.metadata.name ?? '' }
    : { [ppNameAnnotation]: policy.metadata.name ?? '', [ppNamespaceAnnotation]: policy.metadata.namespace ?? '' };
}

/**
 * Karmada's TargetCluster.replicas is `omitempty` (work/v1alpha2 binding_types.go): a cluster of a
 * template without replicas (a ConfigMap, a Service) or holding none is written `{name}` alone.
 */
function omitZeroReplicas(c: TargetCluster): TargetCluster {
  return c.replicas ? c : { name: c.name };
}

/** Builds a binding object; `scheduled` carries the Scheduled condition. */
export function buildBinding(args: {
  readonly template: KubeObject;
  readonly resource: ResourceRef;
  readonly annotations: Record<string, string>;
  readonly replicas: number;
  readonly requirements: ReplicaRequirements | undefined;
  readonly clusters: readonly TargetCluster[];
  readonly placement: Placement | undefined;
  readonly propagateDeps: boolean;
  readonly requiredBy: readonly BindingSnapshot[];
  readonly condition: Condition;
  readonly affinityName: string | undefined;
  readonly failover?: FailoverBehavior | undefined;
  readonly evictionTasks?: readonly GracefulEvictionTask[] | undefined;
  readonly schedulerName?: string | undefined;
  readonly workloadAffinityGroups?: WorkloadGroups | undefined;
  readonly dispatch?: DispatchPolicy | undefined;
}): Binding {
  const d = args.dispatch;
  const ns = args.resource.namespace;
  return {
    apiVersion: bindingApiVersion,
    kind: ns ? 'ResourceBinding' : 'ClusterResourceBinding',
    metadata: {
      name: bindingName(args.resource.kind, args.resource.name),
      ...(ns ? { namespace: ns } : {}),
      labels: { [managedByLabel]: managedByValue },
      annotations: args.annotations,
    },
    spec: {
      resource: args.resource,
      ...(args.replicas > 0 ? { replicas: args.replicas } : {}),
      ...(args.requirements ? { replicaRequirements: args.requirements } : {}),
      clusters: args.clusters.map(omitZeroReplicas),
      ...(args.placement ? { placement: args.placement } : {}),
      ...(args.propagateDeps ? { propagateDeps: true } : {}),
      ...(args.evictionTasks?.length ? { gracefulEvictionTasks: args.evictionTasks } : {}),
      ...(args.requiredBy.length ? { requiredBy: args.requiredBy } : {}),
      ...(args.schedulerName ? { schedulerName: args.schedulerName } : {}),
      ...(args.workloadAffinityGroups ? { workloadAffinityGroups: args.workloadAffinityGroups } : {}),
      ...(args.failover ? { failover: args.failover } : {}),
      ...(d?.conflictResolution ? { conflictResolution: d.conflictResolution } : {}),
      ...(d?.suspension ? { suspension: d.suspension } : {}),
      ...(d?.preserveResourcesOnDeletion !== undefined
        ? { preserveResourcesOnDeletion: d.preserveResourcesOnDeletion }
        : {}),
    },
    status: {
      ...(args.affinityName ? { schedulerObservingAffinityName: args.affinityName } : {}),
      conditions: [args.condition],
    },
  };
}
