/**
 * apps.karmada.io/v1alpha1 WorkloadRebalancer (pkg/apis/apps/v1alpha1/workloadrebalancer_types.go),
 * Karmada's shape unchanged: the workloads to reschedule once from scratch, and the status
 * Karmada's controller writes (flotilla writes it to the status branch instead).
 */
import type { KubeObject } from './object.ts';

/** Karmada ObjectReference: the workload a rebalancer names (namespace empty for cluster-scoped). */
export interface RebalanceWorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Karmada RebalanceResult. */
export type RebalanceResult = 'Successful' | 'Failed';

/** Karmada ObservedWorkload: one workload's outcome. */
export interface ObservedWorkload {
  readonly workload: RebalanceWorkloadRef;
  readonly result?: RebalanceResult;
  /** Karmada RebalanceFailedReason, e.g. `ReferencedBindingNotFound`. */
  readonly reason?: string;
}

/** Karmada WorkloadRebalancerStatus. */
export interface WorkloadRebalancerStatus {
  readonly observedWorkloads: readonly ObservedWorkload[];
  readonly finishTime?: string;
}

export interface WorkloadRebalancer extends KubeObject {
  readonly spec: {
    readonly workloads: readonly RebalanceWorkloadRef[];
    readonly ttlSecondsAfterFinished?: number;
  };
}
