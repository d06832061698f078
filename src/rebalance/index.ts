/** The public surface of src/rebalance: WorkloadRebalancer and descheduler decisions, pure. */
export { pendingRebalance, workloadKey, hasOutcome, type RebalanceRecords } from './pending.ts';
export { rebalancerOutcome, referencedBindingNotFound, type RebalancerOutcome } from './rebalancer-status.ts';
export {
  keepRemovedClusters,
  rebalanceTaskProducer,
  rebalanceTaskReason,
  deschedulerTaskProducer,
} from './keep-until-ready.ts';
export { rebalancerProblems, type ShapeProblem } from './rebalancer-shape.ts';
export { rebalancerManifest, rebalancerPath, resolveWorkloads } from './rebalancer-manifest.ts';
export { describeDescheduling, describeRebalancing, type RebalancedBinding } from './describe-rebalance.ts';
export {
  decideDescheduling,
  isDeschedulable,
  type DeschedulableBinding,
  type DescheduleDecision,
  type DescheduledCluster,
} from './deschedule.ts';
