/**
 * `flotilla status`'s WorkloadRebalancer part: each rebalancer of the revision with what the
 * status branch records of it (rebalancers/<name>.yaml, Karmada's status shape). Karmada's
 * WorkloadRebalancerStatus has no phase; the one shown here is read off it: Finished once
 * finishTime is set (Karmada sets it when every workload has a result), Running while a workload
 * has none, Pending while the controller has recorded nothing yet.
 */
import { compareStrings, type ObservedWorkload } from '../api/index.ts';
import type { RebalanceRecords } from '../rebalance/index.ts';
import { formatTable } from './output.ts';

/** A rebalancer's phase as `flotilla status` reads it off the recorded status. */
export type RebalancerPhase = 'Pending' | 'Running' | 'Finished';

/** One WorkloadRebalancer as `flotilla status` reports it. */
export interface RebalancerReport {
  readonly name: string;
  readonly phase: RebalancerPhase;
  readonly observedWorkloads: readonly ObservedWorkload[];
  readonly finishTime?: string;
}

/** The rebalancers of the revision (`names`) and any the status branch still records, sorted by name. */
export function rebalancerReports(names: readonly string[], records: RebalanceRecords): RebalancerReport[] {
  return [...new Set([...names, ...records.keys()])].sort(compareStrings).map((name) => {
    const status = records.get(name);
    if (status === undefined) return { name, phase: 'Pending', observedWorkloads: [] };
    const finished = status.finishTime !== undefined || status.observedWorkloads.every((w) => w.result !== undefined);
    return {
      name,
      phase: finished ? 'Finished' : 'Running',
      observedWorkloads: status.observedWorkloads,
      ...(status.finishTime === undefined ? {} : { finishTime: status.finishTime }),
    };
  });
}

/** The rebalancers table: REBALANCER, PHASE, WORKLOADS, SUCCESSFUL, FAILED, FINISHED, MESSAGE (the first failure). */
export function rebalancersTable(reports: readonly RebalancerReport[], noHeader: boolean): string {
  const rows = reports.map((r) => {
    const failed = r.observedWorkloads.filter((w) => w.result === 'Failed');
    const first = failed[0];
    return [
      r.name,
      r.phase,
      String(r.observedWorkloads.length),
      String(r.observedWorkloads.filter((w) => w.result === 'Successful').length),
      String(failed.length),
      r.finishTime ?? '-',
      first ? `${first.workload.kind} ${workloadName(first.workload)}: ${first.reason ?? 'Failed'}` : '',
    ];
  });
  return formatTable(
    ['REBALANCER', 'PHASE', 'WORKLOADS', 'SUCCESSFUL', 'FAILED', 'FINISHED', 'MESSAGE'],
    rows,
    noHeader,
  );
}

function workloadName(w: ObservedWorkload['workload']): string {
  return w.namespace ? `${w.namespace}/${w.name}` : w.name;
}
