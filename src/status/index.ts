/** The public surface of src/status: pure failover decisions (cluster health, eviction, purge). */
/** Cluster health folded into a Ready condition and controller taints. */
export { observeClusterHealth, compareTaints, notReadyTaintKey, unreachableTaintKey } from './cluster-health.ts';
export type { ClusterHealthState, ClusterHealthResult } from './cluster-health.ts';
/** Karmada's probe → Ready condition, flap damping and staleness, with its flags' defaults. */
export { defaultHealthSettings, probeCondition, dampedCondition, staleCondition, readyReasons } from './ready-condition.ts';
export type { HealthSettings, Observation, ObservedStreak, KnownHealth } from './ready-condition.ts';
/** Decisions as data and their commit-message form. */
export { describeDecision, compareDecisions } from './decision.ts';
export type { Decision, DecisionKind, DecisionDescription, FailoverDecision, RecoverDecision, EvictDecision, EvictedBinding, PurgeDecision, PurgedTask } from './decision.ts';
/** RFC 3339 arithmetic on `now` arguments. */
export { instant, addSeconds, formatInstant, isAfter } from './time.ts';
/** Taint-manager eviction verdicts for (binding, cluster) pairs, and their effect on a binding. */
export { decideEvictions, applyEvictions, evictDecisions } from './eviction.ts';
export type { EvictionVerdict, EvictionCause, TaintedCluster } from './eviction.ts';
/** Karmada's GracefulEvictionTask shape, purge modes and eviction flags. */
export { clusterPurgeMode, normalizePurgeMode, taintEvictionTask, defaultEvictionSettings, evictionReasonTaintUntolerated, evictionProducerTaintManager } from './eviction-task.ts';
export type { GracefulEvictionTask, PurgeMode, EvictionBinding, EvictionSettings } from './eviction-task.ts';
/** Graceful-eviction task assessment (keep, purge, the last-ready-copy guard) and purge decisions. */
export { assessEvictionTasks, purgeDecisions } from './purge.ts';
export type { ClusterWorkloadStatus, TaskAssessmentInput, TaskAssessment, TaskVerdict, KeepReason, PurgeReason } from './purge.ts';
/** One whole failover pass: health, taints, evictions, task assessment and decisions. */
export { decideFailover } from './failover.ts';
export type { FailoverInput, FailoverOutcome, FailoverCluster, FailoverBinding } from './failover.ts';
