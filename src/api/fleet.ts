/** The normalised fleet: what `load` returns and every later stage reads (T1). */
import type { LoadedCronFederatedHPA, LoadedFederatedHPA } from './autoscaling.ts';
import type { SourceRef } from './diagnostics.ts';
import type {
  Cluster,
  ClusterTaintPolicy,
  OverridePolicy,
  PropagationPolicy,
  ResourceInterpreterCustomization,
} from './karmada.ts';
import type { KubeObject } from './object.ts';
import type { WorkloadRebalancer } from './rebalancer.ts';
import type { RolloutSpec } from './rollout.ts';

/** A loaded object with the place it came from. */
export interface Loaded<T extends KubeObject = KubeObject> {
  readonly object: T;
  readonly source: SourceRef;
}

/** Settings from the optional `flotilla.yaml`, with defaults applied. */
export interface Settings {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly sourceBranch: string;
  readonly statusBranch: string;
  readonly renderedBranch: string;
  /** Whether each cluster's rendered folder is also published on its own branch (writeback/cluster-branches.ts). */
  readonly renderedClusterBranches: boolean;
  readonly pollSchedule: string;
}

/**
 * All objects of one revision, each list sorted by its identity (D3). Namespaced objects without a
 * namespace have been given `default`, as `kubectl apply` does.
 */
export interface Fleet {
  readonly clusters: readonly Loaded<Cluster>[];
  /** PropagationPolicy and ClusterPropagationPolicy objects. */
  readonly propagationPolicies: readonly Loaded<PropagationPolicy>[];
  /** OverridePolicy and ClusterOverridePolicy objects. */
  readonly overridePolicies: readonly Loaded<OverridePolicy>[];
  readonly customizations: readonly Loaded<ResourceInterpreterCustomization>[];
  /** RolloutStrategy objects, normalised (docs/rollouts.md), sorted by namespace and name (absent: none). */
  readonly rollouts?: readonly LoadedRollout[];
  /** ClusterTaintPolicies: read by the controller's health pass, not by planning (absent: none). */
  readonly clusterTaintPolicies?: readonly Loaded<ClusterTaintPolicy>[];
  /** Resource templates: every other object. */
  readonly templates: readonly Loaded[];
  /** apps.karmada.io WorkloadRebalancer objects (src/rebalance); absent in fleets built by hand. */
  readonly rebalancers?: readonly Loaded<WorkloadRebalancer>[];
  /** FederatedHPAs, normalised (src/autoscale), sorted by namespace and name (absent: none). */
  readonly federatedHPAs?: readonly LoadedFederatedHPA[];
  /** CronFederatedHPAs, normalised (src/autoscale), sorted by namespace and name (absent: none). */
  readonly cronFederatedHPAs?: readonly LoadedCronFederatedHPA[];
  /** Karmada MultiClusterService objects (networking.karmada.io): hub-side, never propagated; src/mcs acts on them. */
  readonly multiClusterServices?: readonly Loaded[];
  /** Kinds declared cluster-scoped by CustomResourceDefinitions in the repo. */
  readonly clusterScopedKinds: ReadonlySet<string>;
  readonly settings: Settings;
}

/** A normalised RolloutStrategy with the place it came from. */
export interface LoadedRollout {
  readonly spec: RolloutSpec;
  readonly source: SourceRef;
}
