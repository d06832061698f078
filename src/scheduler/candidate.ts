/** A feasible cluster as selection and division see it (Karmada spreadconstraint.ClusterDetailInfo). */
import type { IndexedCluster } from './fleet-index.ts';

/** A scored, estimated cluster. */
export interface Candidate {
  readonly cluster: IndexedCluster;
  readonly name: string;
  /** Sum of score plugins (ClusterLocality: 100 when the cluster holds the template, else 0). */
  readonly score: number;
  /** Estimated free replicas plus the replicas already assigned here (AvailableReplicas). */
  readonly available: number;
  /** Estimated free replicas alone (AllocatableReplicas). */
  readonly allocatable: number;
  /** 0 for the affinity term's own clusters, n for its n-th overflow group (ClusterDetailInfo.OverflowOrder); absent is 0. */
  readonly overflowOrder?: number;
}

/**
 * Karmada spreadconstraint/util.go sortClusters with the AvailableReplicas comparator: overflow
 * order ascending, score descending, then available replicas descending, then name ascending.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if ((a.overflowOrder ?? 0) !== (b.overflowOrder ?? 0)) return (a.overflowOrder ?? 0) - (b.overflowOrder ?? 0);
  if (a.score !== b.score) return b.score - a.score;
  if (a.available !== b.available) return b.available - a.available;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A step failed: Karmada's error class mapped to its Scheduled reason, and its message. */
export interface StepFailure {
  readonly ok: false;
  readonly reason: 'Unschedulable' | 'SchedulerError' | 'NoClusterFit';
  readonly message: string;
}
