/**
 * The status a WorkloadRebalancer gets after a plan, as Karmada's RebalancerController writes it
 * (workloadrebalancer_controller.go handleWorkloadRebalance, syncWorkloadsFromSpecToStatus,
 * triggerReschedule, recordAndCountRebalancerFailed): every workload of the spec, plus Successful
 * ones no longer in it, sorted by "apiVersion kind namespace name"; a workload without a result
 * becomes Successful when its binding exists and Failed (ReferencedBindingNotFound) when it does
 * not; finishTime moves to `now` only when the status changed. flotilla cannot delete the file
 * (ttlSecondsAfterFinished), so it reports when the rebalancer expired instead (`expiresAt`).
 */
import {
  compareStrings,
  type ObservedWorkload,
  type ResourceKey,
  type WorkloadRebalancer,
  type WorkloadRebalancerStatus,
} from '../api/index.ts';
import { addSeconds, instant } from '../status/time.ts';
import { workloadKey } from './pending.ts';

/** Karmada RebalanceObjectNotFound. */
export const referencedBindingNotFound = 'ReferencedBindingNotFound';

/** One rebalancer's outcome in a plan. */
export interface RebalancerOutcome {
  readonly name: string;
  readonly status: WorkloadRebalancerStatus;
  /** finishTime + ttlSecondsAfterFinished, when both are known: Karmada would delete the object then. */
  readonly expiresAt?: string;
  /** True when `expiresAt` is at or before `now`: the file may be removed from the fleet repo. */
  readonly expired?: boolean;
}

/**
 * The next status of `r`, given its recorded status, the keys of the plan's bindings, and the
 * pass's time (absent outside the controller: then no finishTime is set).
 */
export function rebalancerOutcome(
  r: WorkloadRebalancer,
  before: WorkloadRebalancerStatus | undefined,
  bound: ReadonlySet<ResourceKey>,
  now: string | undefined,
): RebalancerOutcome {
  const spec = new Map(r.spec.workloads.map((w) => [workloadKey(w), w] as const));
  const observed: ObservedWorkload[] = [];
  for (const o of before?.observedWorkloads ?? []) {
    const key = workloadKey(o.workload);
    if (spec.has(key)) {
      observed.push(o);
      spec.delete(key);
    } else if (o.result === 'Successful') observed.push(o);
  }
  for (const w of spec.values()) observed.push({ workload: w });
  const resolved = observed
    .map((o): ObservedWorkload => {
      if (o.result !== undefined) return o;
      return bound.has(workloadKey(o.workload))
        ? { workload: o.workload, result: 'Successful' }
        : { workload: o.workload, result: 'Failed', reason: referencedBindingNotFound };
    })
    .sort((a, b) => compareStrings(sortKey(a), sortKey(b)));
  const changed = before === undefined || JSON.stringify(before.observedWorkloads) !== JSON.stringify(resolved);
  const finishTime = changed ? now : before.finishTime;
  const status: WorkloadRebalancerStatus = {
    observedWorkloads: resolved,
    ...(finishTime !== undefined ? { finishTime } : {}),
  };
  const ttl = r.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || finishTime === undefined) return { name: r.metadata.name ?? '', status };
  const expiresAt = addSeconds(finishTime, Math.max(ttl, 0));
  return {
    name: r.metadata.name ?? '',
    status,
    expiresAt,
    ...(now !== undefined && instant(expiresAt) <= instant(now) ? { expired: true } : {}),
  };
}

function sortKey(o: ObservedWorkload): string {
  const w = o.workload;
  return `${w.apiVersion} ${w.kind} ${w.namespace ?? ''} ${w.name}`;
}
