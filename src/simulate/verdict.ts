/** A scenario's totals and its one-line verdict. */
import type { Scenario, ScenarioSummary, WorkloadImpact } from './types.ts';

/** Totals over the workloads a scenario touches. */
export function scenarioSummary(failed: readonly string[], workloads: readonly WorkloadImpact[]): ScenarioSummary {
  return {
    failedClusters: failed.length,
    affectedWorkloads: workloads.length,
    movedReplicas: workloads.reduce((s, w) => s + w.moved.reduce((t, m) => t + m.replicas, 0), 0),
    lostReplicas: workloads.reduce((s, w) => s + w.lost, 0),
    degradedWorkloads: workloads.filter((w) => w.verdict === 'degraded').length,
    downWorkloads: workloads.filter((w) => w.verdict === 'down').length,
  };
}

/**
 * For example: "region=us-east (2 clusters) survives: 4 workloads move 9 replicas" or
 * "cluster=aws-use (1 cluster) loses 3 replicas: 1 workload down (shop/payments), 1 degraded".
 */
export function scenarioVerdict(scenario: Scenario, s: ScenarioSummary, workloads: readonly WorkloadImpact[]): string {
  const head = `${scenario.name} (${plural(s.failedClusters, 'cluster')})`;
  if (s.failedClusters === 0) return `${head}: matches no cluster`;
  if (s.affectedWorkloads === 0) return `${head} survives: no workload runs there`;
  if (s.lostReplicas === 0)
    return `${head} survives: ${plural(s.affectedWorkloads, 'workload')} move ${plural(s.movedReplicas, 'replica')}`;
  const down = workloads
    .filter((w) => w.verdict === 'down')
    .map((w) => `${w.resource.namespace ? `${w.resource.namespace}/` : ''}${w.resource.name}`);
  const shown = down.length > 3 ? `${down.slice(0, 3).join(', ')}, …` : down.join(', ');
  const parts = [
    ...(s.downWorkloads ? [`${plural(s.downWorkloads, 'workload')} down (${shown})`] : []),
    ...(s.degradedWorkloads ? [`${s.degradedWorkloads} degraded`] : []),
  ];
  return `${head} loses ${plural(s.lostReplicas, 'replica')}: ${parts.join(', ')}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
