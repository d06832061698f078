/** The rebalancing a pass's plan did, as status commit descriptions (src/rebalance/describe-rebalance.ts). */
import { resourceKey, type ResourceKey, type TargetCluster } from '../api/index.ts';
import type { Plan } from '../plan/index.ts';
import { describeRebalancing, rebalanceTaskProducer, type RebalancedBinding } from '../rebalance/index.ts';
import type { DecisionDescription } from '../status/index.ts';

/** One description per WorkloadRebalancer that rescheduled workloads in `plan`, given the placement before it. */
export function rebalanceDescriptions(
  plan: Plan,
  previous: ReadonlyMap<ResourceKey, readonly TargetCluster[]>,
): DecisionDescription[] {
  const by = new Map(
    plan.explanations.flatMap((e) =>
      e.result.explanation.rebalancedBy !== undefined ? [[e.key, e.result.explanation.rebalancedBy] as const] : [],
    ),
  );
  if (by.size === 0) return [];
  const moves: RebalancedBinding[] = [];
  for (const b of plan.bindings) {
    const key = resourceKey(b.spec.resource);
    const rebalancedBy = by.get(key);
    if (rebalancedBy === undefined) continue;
    const kept = (b.spec.gracefulEvictionTasks ?? [])
      .filter((t) => t.producer === rebalanceTaskProducer)
      .map((t) => t.fromCluster);
    moves.push({ key, rebalancedBy, before: previous.get(key), after: b.spec.clusters, keptUntilReady: kept });
  }
  return describeRebalancing(moves);
}
