/**
 * Resilience of a change (`flotilla diff --resilience`): the same failure scenarios simulated on
 * the base and on the head, compared workload by workload. A workload is worse when the head
 * loses more of its replicas in a scenario than the base did, better when it loses fewer.
 * For example: "after this change, payments/payments-api has no fallback if region=us-east
 * fails (it had aws-euw before)".
 */
import { compareStrings, type Cluster } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import { workloadName } from './describe.ts';
import { eachScenarios } from './scenario.ts';
import { createSimulator } from './simulate.ts';
import type { LossReason, Scenario, ScenarioImpact, WorkloadImpact } from './types.ts';

/** One workload whose fate in one scenario differs between base and head. */
export interface ResilienceChange {
  readonly scenario: string;
  readonly workload: string;
  readonly kind: 'worse' | 'better';
  readonly baseLost: number;
  readonly headLost: number;
  readonly message: string;
}

/** The scenarios compared, the changes, and the head's own totals. */
export interface ResilienceReport {
  readonly scenarios: readonly string[];
  /** Sorted by kind (worse first), scenario, workload. */
  readonly changes: readonly ResilienceChange[];
  /** Scenarios in which the head loses replicas, with how many. */
  readonly headLosses: readonly {
    readonly scenario: string;
    readonly lostReplicas: number;
    readonly verdict: string;
  }[];
}

/** One side of the comparison: its inventory and bindings. */
export interface ResilienceSide {
  readonly clusters: readonly Cluster[];
  readonly bindings: readonly Binding[];
}

/** Single-cluster scenarios are added when the inventory has at most this many clusters. */
export const smallFleet = 20;

/** Every single-region failure (and single-cluster one on a small fleet) of either side, simulated on both and compared. */
export function compareResilience(base: ResilienceSide, head: ResilienceSide): ResilienceReport {
  const scenarios = scenariosOf([...base.clusters, ...head.clusters]);
  const b = createSimulator(base);
  const h = createSimulator(head);
  const changes: ResilienceChange[] = [];
  const headLosses: { scenario: string; lostReplicas: number; verdict: string }[] = [];
  for (const s of scenarios) {
    const before = b.simulate(s);
    const after = h.simulate(s);
    if (after.summary.lostReplicas > 0)
      headLosses.push({ scenario: s.name, lostReplicas: after.summary.lostReplicas, verdict: after.verdict });
    changes.push(...compareScenario(s.name, before, after));
  }
  const rank = (c: ResilienceChange): number => (c.kind === 'worse' ? 0 : 1);
  return {
    scenarios: scenarios.map((s) => s.name),
    changes: changes.sort(
      (x, y) => rank(x) - rank(y) || compareStrings(x.scenario, y.scenario) || compareStrings(x.workload, y.workload),
    ),
    headLosses,
  };
}

function scenariosOf(clusters: readonly Cluster[]): Scenario[] {
  const unique = [...new Map(clusters.map((c) => [c.metadata.name ?? '', c] as const)).values()];
  return [...eachScenarios(unique, 'region'), ...(unique.length <= smallFleet ? eachScenarios(unique, 'cluster') : [])];
}

function compareScenario(scenario: string, base: ScenarioImpact, head: ScenarioImpact): ResilienceChange[] {
  const before = new Map(base.workloads.map((w) => [w.key, w] as const));
  const after = new Map(head.workloads.map((w) => [w.key, w] as const));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  return keys.flatMap((k): ResilienceChange[] => {
    const was = before.get(k);
    const now = after.get(k);
    const baseLost = was?.lost ?? 0;
    const headLost = now?.lost ?? 0;
    const w = (now ?? was) as WorkloadImpact;
    if (headLost > baseLost && now)
      return [
        {
          scenario,
          workload: workloadName(w),
          kind: 'worse',
          baseLost,
          headLost,
          message: `after this change, ${workloadName(w)} ${losing(now)} if ${scenario} fails (${formerly(was)})`,
        },
      ];
    if (headLost < baseLost)
      return [
        {
          scenario,
          workload: workloadName(w),
          kind: 'better',
          baseLost,
          headLost,
          message: `after this change, ${workloadName(w)} ${headLost === 0 ? 'keeps all its replicas' : `loses ${headLost} replica(s) instead of ${baseLost}`} if ${scenario} fails`,
        },
      ];
    return [];
  });
}

/** What the head does wrong, in the words of its first loss reason. */
function losing(w: WorkloadImpact): string {
  const first: LossReason | undefined = w.reasons[0];
  const n = `${w.lost} replica${w.lost === 1 ? '' : 's'}`;
  switch (first?.kind) {
    case 'InsufficientCapacity':
      return `loses ${n} for lack of capacity on the survivors`;
    case 'SpreadUnsatisfiable':
      return `can no longer meet its spread constraints and loses ${n}`;
    case 'ToleratesFailure':
      return `stays on the failed cluster (a toleration without seconds) and loses ${n}`;
    default:
      return w.verdict === 'down' ? 'has no fallback' : `has no fallback for ${n}`;
  }
}

/** How the base fared: where the replicas went, or what it lost. */
function formerly(w: WorkloadImpact | undefined): string {
  if (w === undefined) return 'it had nothing on those clusters before';
  if (w.lost > 0) return `it lost ${w.lost} before`;
  const to = [...new Set(w.moved.map((m) => m.to))].sort(compareStrings);
  return to.length ? `it had ${to.join(', ')} before` : 'it kept its replicas before';
}
