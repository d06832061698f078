/** The scheduler stage's public surface: Karmada's scheduler as a pure function of the fleet. */
export { createScheduler } from './scheduler.ts';
export { formatExplanation } from './explanation.ts';
export { fitErrorMessage } from './fit-error.ts';
export { clustersAfterSchedule } from './scheduled-clusters.ts';
export type {
  AttemptExplanation,
  ClusterScore,
  DivisionExplanation,
  DivisionInput,
  Explanation,
  FilteredCluster,
  FilterName,
  GroupScore,
  RankedCluster,
  ScheduleResult,
  Scheduler,
  SchedulingRequest,
  WorkloadGroupConstraint,
  ScoreSummary,
  SelectionExplanation,
  TargetClusterCount,
  TieBreak,
  UnschedulableReason,
} from './types.ts';
