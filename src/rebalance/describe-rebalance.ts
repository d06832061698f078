/**
 * The status commit lines of a plan's rebalancing: one description per WorkloadRebalancer that
 * rescheduled workloads in this plan, naming each workload's placement before and after and the
 * clusters that keep their copy until the replacement is ready. Trailer `Flotilla-Decision: rebalance`.
 */
import { compareStrings, parseResourceKey, type ResourceKey, type TargetCluster } from '../api/index.ts';
import type { DecisionDescription } from '../status/index.ts';

/** What the description reads of one rescheduled binding. */
export interface RebalancedBinding {
  readonly key: ResourceKey;
  readonly rebalancedBy: string;
  readonly before: readonly TargetCluster[] | undefined;
  readonly after: readonly TargetCluster[];
  /** Clusters still holding the old copy (graceful-eviction tasks). */
  readonly keptUntilReady: readonly string[];
}

const listed = 20;

/** One description per rebalancer, sorted by rebalancer name, workloads by key. */
export function describeRebalancing(moves: readonly RebalancedBinding[]): DecisionDescription[] {
  const byRebalancer = new Map<string, RebalancedBinding[]>();
  for (const m of moves) byRebalancer.set(m.rebalancedBy, [...(byRebalancer.get(m.rebalancedBy) ?? []), m]);
  return [...byRebalancer.keys()].sort(compareStrings).map((name) => {
    const list = (byRebalancer.get(name) ?? []).toSorted((a, b) => compareStrings(a.key, b.key));
    const lines = list.map(
      (m) =>
        `${describeKey(m.key)}: ${clusters(m.before)} → ${clusters(m.after)}${m.keptUntilReady.length ? ` (${m.keptUntilReady.join(', ')} kept until the new replicas are ready)` : ''}`,
    );
    return {
      subject: `flotilla: rebalance ${list.length} workload${list.length === 1 ? '' : 's'} (WorkloadRebalancer ${name})`,
      body: lines.length <= listed ? lines : [...lines.slice(0, listed), `…and ${lines.length - listed} more`],
      trailer: 'rebalance',
    };
  });
}

function describeKey(key: ResourceKey): string {
  const r = parseResourceKey(key);
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function clusters(list: readonly TargetCluster[] | undefined): string {
  if (!list?.length) return 'none';
  return list
    .toSorted((a, b) => compareStrings(a.name, b.name))
    .map((c) => (c.replicas !== undefined ? `${c.name}:${c.replicas}` : c.name))
    .join(' ');
}

/** The status commit lines of the descheduler's decisions, one description. Trailer `Flotilla-Decision: deschedule`. */
export function describeDescheduling(
  decisions: readonly {
    readonly key: ResourceKey;
    readonly reduced: readonly { readonly cluster: string; readonly from: number; readonly to: number }[];
  }[],
  thresholdSeconds: number,
): DecisionDescription[] {
  if (decisions.length === 0) return [];
  const moved = decisions.reduce((n, d) => n + d.reduced.reduce((m, r) => m + r.from - r.to, 0), 0);
  const lines = decisions
    .toSorted((a, b) => compareStrings(a.key, b.key))
    .flatMap((d) =>
      d.reduced.map(
        (r) =>
          `${describeKey(d.key)}: ${r.cluster} ${r.from} → ${r.to} (${r.from - r.to} unschedulable for over ${thresholdSeconds}s)`,
      ),
    );
  return [
    {
      subject: `flotilla: deschedule ${moved} replica${moved === 1 ? '' : 's'} of ${decisions.length} workload${decisions.length === 1 ? '' : 's'}`,
      body: lines.length <= listed ? lines : [...lines.slice(0, listed), `…and ${lines.length - listed} more`],
      trailer: 'deschedule',
    },
  ];
}
