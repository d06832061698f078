/**
 * The clusters a binding keeps after a schedule, as Karmada's scheduler patches them
 * (pkg/scheduler/scheduler.go scheduleResourceBindingWithClusterAffinity and
 * scheduleResourceBindingWithClusterAffinities):
 * - success: the new placement;
 * - no cluster fits (a FitError, reason NoClusterFit; with clusterAffinities, when the first term
 *   tried failed that way): the binding is patched with no clusters (Karmada's "cleanup"), so its
 *   Works are removed;
 * - any other failure (Unschedulable for capacity, SchedulerError for spread selection): the binding
 *   is not patched and keeps the clusters it had.
 */
import type { TargetCluster } from '../api/index.ts';
import type { ScheduleResult } from './types.ts';

/** The binding's `spec.clusters` after `result`, given the clusters it had. */
export function clustersAfterSchedule(
  result: ScheduleResult,
  previous: readonly TargetCluster[] | undefined,
): readonly TargetCluster[] {
  if (result.kind === 'Scheduled') return result.clusters;
  return result.reason === 'NoClusterFit' ? [] : (previous ?? []);
}
