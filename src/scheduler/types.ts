/**
 * The scheduler's public data shapes: requests, results and the Explanation (X1, X2).
 * Every array in an Explanation is sorted: clusters by name, attempts by affinity-term order.
 */
import type { Placement, ReplicaRequirements, ResourceRef, TargetCluster } from '../api/index.ts';

/** What the plan stage asks the scheduler for one resource template. */
export interface SchedulingRequest {
  /** Template identity: apiVersion, kind, namespace (namespaced only), name. */
  readonly resource: ResourceRef;
  /** The matched policy's spec.placement (`{}` when absent). */
  readonly placement: Placement;
  /** From the interpreter's GetReplicas; 0 for kinds without replicas. */
  readonly replicas: number;
  /** Per-replica requirements from GetReplicas (resourceRequest etc.). */
  readonly requirements?: ReplicaRequirements;
  /** The binding's earlier placement (Karmada `spec.clusters`), for stability and scaling. */
  readonly previous?: readonly TargetCluster[];
  /** Clusters in the binding's graceful-eviction tasks. */
  readonly evictingClusters?: readonly string[];
  /**
   * The clusterAffinities term the previous schedule used (Karmada
   * `status.schedulerObservingAffinityName`); scheduling starts from it. Absent: the first term.
   */
  readonly observedAffinityName?: string;
  /**
   * Karmada's Fresh assignment mode (a WorkloadRebalancer stamped `rescheduleTriggeredAt`):
   * dynamic division disregards the previous assignment and counts its replicas back as free
   * (division_algorithm.go dynamicFreshScale); the previous clusters still pass the filters.
   */
  readonly fresh?: boolean;
  /**
   * Where the other workloads of this binding's workload-affinity groups are (src/plan/workload-groups.ts):
   * the clusters every affinity peer targets (absent: no peer yet) and those an anti-affinity peer targets.
   */
  readonly workloadGroups?: WorkloadGroupConstraint;
}

/** The WorkloadAffinity / WorkloadAntiAffinity filters' view of a binding's peers. */
export interface WorkloadGroupConstraint {
  /** Clusters every affinity peer targets; undefined when the group has no scheduled peer (the first is free). */
  readonly allowed?: ReadonlySet<string>;
  /** Clusters some anti-affinity peer targets. */
  readonly denied: ReadonlySet<string>;
}

/** Karmada binding_types.go Scheduled-condition reasons for a failed schedule. */
export type UnschedulableReason = 'NoClusterFit' | 'Unschedulable' | 'SchedulerError';

/** The outcome of scheduling one template. */
export type ScheduleResult =
  | { readonly kind: 'Scheduled'; readonly clusters: readonly TargetCluster[]; readonly explanation: Explanation }
  | {
      readonly kind: 'Unschedulable';
      readonly reason: UnschedulableReason;
      readonly message: string;
      readonly explanation: Explanation;
    };

/** The scheduler bound to one fleet inventory. */
export interface Scheduler {
  /** Schedules one template; pure and deterministic. */
  schedule(req: SchedulingRequest): ScheduleResult;
}

/** Filter plugin names, in the order flotilla runs them (Karmada plugins/registry.go order). */
export const filterNames = [
  'APIEnablement',
  'TaintToleration',
  'ClusterAffinity',
  'SpreadConstraint',
  'ClusterEviction',
  'WorkloadAntiAffinity',
  'WorkloadAffinity',
] as const;
/** A filter plugin name. */
export type FilterName = (typeof filterNames)[number];

/** A cluster a filter removed: `reason` is Karmada's wording, `detail` the concrete cause. */
export interface FilteredCluster {
  readonly cluster: string;
  readonly filter: FilterName;
  readonly reason: string;
  readonly detail: string;
}

/** One cluster's score. */
export interface ClusterScore {
  readonly cluster: string;
  readonly score: number;
}

/** ClusterLocality scores: clusters not listed in `scored` scored 0. */
export interface ScoreSummary {
  readonly plugin: 'ClusterLocality';
  readonly feasible: number;
  readonly scored: readonly ClusterScore[];
}

/** A cluster as spread selection saw it. */
export interface RankedCluster {
  readonly cluster: string;
  readonly score: number;
  /** Estimated free replicas plus the replicas it already holds (Karmada AvailableReplicas). */
  readonly availableReplicas: number;
}

/** A topology group (region) with its Karmada group score. */
export interface GroupScore {
  readonly name: string;
  readonly score: number;
  readonly clusters: number;
}

/** How the candidate clusters were chosen from the feasible ones. */
export type SelectionExplanation =
  | {
      readonly kind: 'All';
      readonly reason: 'NoSpreadConstraints' | 'StaticWeightIgnoresSpread';
      readonly count: number;
    }
  | {
      readonly kind: 'ByCluster';
      readonly minGroups: number;
      readonly maxGroups: number;
      /** Replicas the chosen clusters must hold together; null for Duplicated (capacity ignored). */
      readonly needReplicas: number | null;
      readonly selected: readonly RankedCluster[];
    }
  | {
      readonly kind: 'ByRegion';
      readonly regions: readonly GroupScore[];
      readonly selectedRegions: readonly string[];
      readonly selected: readonly RankedCluster[];
    };

/** One input of a division: a cluster and its weight (static weight, free replicas or previous replicas). */
export interface DivisionInput {
  readonly cluster: string;
  readonly weight: number;
}

/** Which way Webster ties between equal clusters were broken (by the resource-key hash). */
export type TieBreak = 'NameAscending' | 'NameDescending';

/** Replica arithmetic: strategy, inputs and result. */
export type DivisionExplanation =
  | { readonly strategy: 'NonWorkload'; readonly count: number }
  | {
      /** Overflow affinities: each tier (0 the term's own clusters) takes what it can hold, in order. */
      readonly strategy: 'Overflow';
      readonly replicas: number;
      readonly tiers: readonly {
        readonly order: number;
        readonly available: number;
        readonly replicas: number;
        readonly division: DivisionExplanation;
      }[];
    }
  | { readonly strategy: 'Duplicated'; readonly replicas: number; readonly count: number }
  | {
      readonly strategy: 'StaticWeight';
      readonly replicas: number;
      readonly inputs: readonly DivisionInput[];
      readonly tieBreak: TieBreak;
      readonly result: readonly TargetClusterCount[];
    }
  | {
      readonly strategy: 'DynamicWeight' | 'Aggregated';
      readonly mode: 'ScaleUp' | 'ScaleDown' | 'Unchanged' | 'Fresh';
      readonly replicas: number;
      /** Replicas kept from the previous placement (Steady mode). */
      readonly kept: readonly TargetClusterCount[];
      /** Replicas divided in this round. */
      readonly target: number;
      readonly inputs: readonly DivisionInput[];
      readonly tieBreak: TieBreak;
      readonly result: readonly TargetClusterCount[];
    };

/** A cluster and a replica count. */
export interface TargetClusterCount {
  readonly name: string;
  readonly replicas: number;
}

/** One scheduling attempt: with `clusterAffinity` there is one; with `clusterAffinities` one per term tried. */
export interface AttemptExplanation {
  readonly affinityName?: string;
  readonly filtered: readonly FilteredCluster[];
  readonly scores: ScoreSummary;
  readonly selection?: SelectionExplanation;
  readonly division?: DivisionExplanation;
  readonly failure?: { readonly reason: UnschedulableReason; readonly message: string };
}

/** Why a template went where it went (or nowhere). */
export interface Explanation {
  /** The clusterAffinities term that produced the placement, when terms were used and one succeeded. */
  readonly affinityName?: string;
  readonly attempts: readonly AttemptExplanation[];
  /** Set when the previous schedule was kept without scheduling: why (the plan stage's trigger). */
  readonly kept?: string;
  /** Set when a WorkloadRebalancer had the template scheduled from scratch (Karmada's Fresh mode): its name. */
  readonly rebalancedBy?: string;
}
