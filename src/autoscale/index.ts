/** The public surface of src/autoscale: FederatedHPA and CronFederatedHPA decisions, pure. */
export { decideScale, type MetricValue, type ScaleDecision, type ScaleObservation } from './decide-scale.ts';
export type { Recommendation, ScaleCondition, ScaleEvent, ScaleHistory } from './behavior.ts';
export { normaliseCronFederatedHPA, normaliseFederatedHPA } from './autoscaler-shape.ts';
export { podKey, type PodObservation, type PodReadiness, type PodUsage } from './pods.ts';
export {
  type CronAction,
  type CronDecision,
  type CronTarget,
  decideCron,
  type ExecutionHistory,
  type FailedExecution,
  type SuccessfulExecution,
} from './cron-rules.ts';
export { scheduleProblem } from './cron-schedule.ts';
export type { AutoscalerRecord, CronLimits, CronRecord, ReplicasInForce } from './records.ts';
export { replicasInForce, targetTemplate, templateReplicas, withReplicasInForce } from './records.ts';
export { type AutoscalePassInput, type AutoscalePassResult, runAutoscalePass } from './autoscale-pass.ts';
export { workloadSelector } from './workload-selector.ts';
