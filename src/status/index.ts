/** The public surface of src/status: pure failover decisions (cluster health, eviction, purge). */

/** Folds a probe (or none) into a cluster's Ready condition and controller taints. */
export { observeClusterHealth, compareTaints, notReadyTaintKey, unreachableTaintKey } from './cluster-health.ts';
/** The remembered health of a cluster and the result of one observation. */
export type { ClusterHealthState, ClusterHealthResult } from './cluster-health.ts';
/** Karmada's probe → Ready condition, flap damping, staleness, reasons and flag defaults. */
export {
  defaultHealthSettings,
  probeCondition,
  dampedCondition,
  staleCondition,
  readyReasons,
} from './ready-condition.ts';
/** Health flags, one probe, the damping streak and what staleness is judged from. */
export type { HealthSettings, Observation, ObservedStreak, KnownHealth } from './ready-condition.ts';
/** Decisions as commit-message parts (trailer failover|recover|evict|purge) and their order. */
export { describeDecision, compareDecisions } from './decision.ts';
/** Failover, recover, evict and purge decisions: which cluster, since when, which bindings, why. */
export type {
  Decision,
  DecisionKind,
  DecisionDescription,
  FailoverDecision,
  RecoverDecision,
  EvictDecision,
  EvictedBinding,
  PurgeDecision,
  PurgedTask,
} from './decision.ts';
/** Taint-manager verdicts per (binding, cluster), their effect on a binding, and evict decisions. */
export { decideEvictions, applyEvictions, evictDecisions } from './eviction.ts';
/** An eviction verdict, its cause, and a cluster with all its taints. */
export type { EvictionVerdict, EvictionCause, TaintedCluster } from './eviction.ts';
/** Purge-mode resolution, the taint manager's GracefulEvictionTask, eviction defaults and constants. */
export {
  clusterPurgeMode,
  normalizePurgeMode,
  taintEvictionTask,
  defaultEvictionSettings,
  evictionReasonTaintUntolerated,
  evictionProducerTaintManager,
} from './eviction-task.ts';
/** Karmada's GracefulEvictionTask, purge modes, the binding eviction reads, and eviction flags. */
export type { GracefulEvictionTask, PurgeMode, EvictionBinding, EvictionSettings } from './eviction-task.ts';
/** Graceful-eviction task assessment with the last-ready-copy guard, and purge decisions. */
export { assessEvictionTasks, purgeDecisions } from './purge.ts';
/** Per-cluster workload status, assessment input and output, verdicts and their reasons. */
export type {
  ClusterWorkloadStatus,
  TaskAssessmentInput,
  TaskAssessment,
  TaskVerdict,
  KeepReason,
  PurgeReason,
} from './purge.ts';
/** One whole failover pass: health, taints, evictions, task assessment and decisions. */
export { decideFailover } from './failover.ts';
/** The pass's input (clusters, bindings, now, settings) and outcome. */
export type { FailoverInput, FailoverOutcome, FailoverCluster, FailoverBinding } from './failover.ts';
/** Idempotent decisions: times the status branch records win, and decisions it already shows are dropped. */
export {
  keepRecordedClusterTimes,
  keepRecordedTaskTimes,
  keepRecordedUnhealthySince,
  unrecordedDecisions,
} from './recorded-merge.ts';
/** The recorded failover state the merge reads. */
export type { RecordedState } from './recorded-merge.ts';
/** Clusters removed from the fleet repo: remembered as removed, never pruned. */
export { declaredAgain, removedClusters } from './removed-clusters.ts';
/** RFC 3339 arithmetic on `now` arguments (no clock). */
export { instant, addSeconds, formatInstant, isAfter } from './time.ts';
/** Application failover: evictions of workloads unhealthy past tolerationSeconds, and the unhealthy-since memory. */
export {
  decideApplicationEvictions,
  trackUnhealthy,
  evictionReasonApplicationFailure,
  applicationFailoverProducers,
} from './application-failover.ts';
/** A binding as application failover reads it. */
export type { ApplicationBinding } from './application-failover.ts';
export { applyTaintPolicies, conditionMatches } from './cluster-taint-policy.ts';
export {
  buildPreservedLabelState,
  keepPreservedState,
  readPreservedLabels,
  statePreservationRules,
} from './state-preservation.ts';
