/**
 * Bindings whose policy names another scheduler (`spec.schedulerName`): Karmada's scheduler takes
 * only bindings with its own name (pkg/scheduler/event_handler.go schedulerNameFilter), so
 * flotilla, playing `default-scheduler`, leaves them alone. The binding keeps the clusters it had
 * (the other scheduler writes them in Karmada; in git nothing does), and both a warning and the
 * binding's Scheduled condition say so.
 */
import {
  describeRef,
  warningAt,
  type Condition,
  type Diagnostic,
  type Loaded,
  type PropagationPolicy,
  type ResourceRef,
  type TargetCluster,
} from '../api/index.ts';
import type { ScheduleResult } from '../scheduler/index.ts';

/** The Scheduled condition's reason for a binding left to another scheduler. */
export const otherSchedulerReason = 'OtherScheduler';

/** The schedule of a binding flotilla does not schedule: its previous clusters, unchanged. */
export function otherSchedulerResult(name: string, previous: readonly TargetCluster[] | undefined): ScheduleResult {
  return {
    kind: 'Scheduled',
    clusters: previous ?? [],
    explanation: { attempts: [], kept: `spec.schedulerName is ${name}: the binding is left to that scheduler` },
  };
}

/** The binding's Scheduled condition: Unknown, since another scheduler decides. */
export function otherSchedulerCondition(name: string): Condition {
  return {
    type: 'Scheduled',
    status: 'Unknown',
    reason: otherSchedulerReason,
    message: `Binding is left to scheduler ${name}; flotilla schedules only for default-scheduler.`,
  };
}

/** The warning at the policy. */
export function otherSchedulerWarning(
  policy: Loaded<PropagationPolicy>,
  resource: ResourceRef,
  name: string,
): Diagnostic {
  const p = policy.object;
  return warningAt(
    'OtherScheduler',
    policy.source,
    `${describeRef(resource)} is not scheduled by flotilla: ${p.kind} ${p.metadata.namespace ? `${p.metadata.namespace}/` : ''}${p.metadata.name} sets spec.schedulerName ${name} (Karmada's scheduler, default-scheduler, leaves such bindings to the scheduler named); it keeps the clusters it had`,
  );
}
