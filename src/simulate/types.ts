/**
 * The shapes of failure-impact analysis (`flotilla simulate`): which clusters fail, and what the
 * failover the controller would run does to each workload and to the surviving clusters.
 * Every array is sorted (D2): workloads by ResourceKey, clusters and moves by name.
 */
import type { ResourceKey, ResourceRef, TargetCluster } from '../api/index.ts';

/** The cluster property a failure selector matches. */
export type FailureKey = 'cluster' | 'region' | 'zone' | 'provider';
/** The keys, in the order `--each` and the docs list them. */
export const failureKeys: readonly FailureKey[] = ['cluster', 'region', 'zone', 'provider'];

/** One `--fail K=V`: every cluster whose K is V fails. */
export interface FailureSelector {
  readonly key: FailureKey;
  readonly value: string;
}

/** A failure scenario: the union of its selectors fails at once. */
export interface Scenario {
  /** `region=us-east`, or the selectors joined with `+`. */
  readonly name: string;
  readonly selectors: readonly FailureSelector[];
}

/**
 * Why replicas are lost:
 * - NoFallback: no other cluster of the policy can take them (affinity, taints, APIs);
 * - InsufficientCapacity: the survivors cannot hold them (the estimator's numbers);
 * - SpreadUnsatisfiable: the spread constraints can no longer be met by the survivors;
 * - ToleratesFailure: the placement tolerates the NoExecute taint forever, so they stay on the failed cluster.
 */
export type LossReason =
  | { readonly kind: 'NoFallback'; readonly message: string }
  | {
      readonly kind: 'InsufficientCapacity';
      readonly message: string;
      readonly cluster?: string;
      readonly free?: number;
      readonly needed?: number;
    }
  | { readonly kind: 'SpreadUnsatisfiable'; readonly message: string }
  | { readonly kind: 'ToleratesFailure'; readonly message: string };

/** Replicas that leave one cluster for another. */
export interface ReplicaMove {
  readonly from: string;
  readonly to: string;
  readonly replicas: number;
}

/** How a workload fares: moved (all replicas still run), degraded (some lost), down (none left). */
export type WorkloadVerdict = 'moved' | 'degraded' | 'down';

/** What one failure does to one workload that had replicas on a failed cluster. */
export interface WorkloadImpact {
  readonly key: ResourceKey;
  readonly resource: ResourceRef;
  readonly strategy: 'Duplicated' | 'Divided';
  readonly before: readonly TargetCluster[];
  readonly after: readonly TargetCluster[];
  /** Replicas that keep running where they ran. */
  readonly kept: number;
  readonly moved: readonly ReplicaMove[];
  readonly lost: number;
  readonly reasons: readonly LossReason[];
  readonly verdict: WorkloadVerdict;
}

/** A resource's quantity on a surviving cluster, before and after the moved replicas (milli-units for cpu, units otherwise). */
export interface UsedCapacity {
  readonly allocatable: number;
  readonly before: number;
  readonly after: number;
}

/** A surviving cluster that receives replicas. */
export interface ClusterLoad {
  readonly cluster: string;
  readonly movedIn: number;
  readonly cpu?: UsedCapacity;
  readonly memory?: UsedCapacity;
  readonly pods?: UsedCapacity;
}

/** Totals of a scenario. */
export interface ScenarioSummary {
  readonly failedClusters: number;
  readonly affectedWorkloads: number;
  readonly movedReplicas: number;
  readonly lostReplicas: number;
  readonly degradedWorkloads: number;
  readonly downWorkloads: number;
}

/** The impact of one scenario. */
export interface ScenarioImpact {
  readonly scenario: Scenario;
  readonly failed: readonly string[];
  readonly workloads: readonly WorkloadImpact[];
  readonly clusters: readonly ClusterLoad[];
  readonly summary: ScenarioSummary;
  /** One line: survives or not, and the worst of it. */
  readonly verdict: string;
}
