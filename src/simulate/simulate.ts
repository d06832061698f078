/**
 * Failure-impact analysis: what the controller would do if these clusters failed, computed from
 * the plan alone (pure, deterministic, offline). For each scenario: taint the failed clusters as
 * cluster health does, evict as the taint manager does, reschedule each evicted binding with the
 * same scheduler and triggers as the planner, then charge the moves against the survivors'
 * recorded capacity. Only bindings with a cluster among the failed ones are looked at: the
 * others keep their placement (the work shared between scenarios is the inventory, the
 * cluster → bindings index and the bindings' eviction view).
 */
import { compareStrings, resourceKey, type Cluster, type ResourceKey } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import { createScheduler, type Scheduler, type ScheduleResult } from '../scheduler/index.ts';
import {
  defaultEvictionSettings,
  type EvictionBinding,
  type EvictionSettings,
  type EvictionVerdict,
  type TaintedCluster,
} from '../status/index.ts';
import { createLedger, type CapacityLedger } from './capacity-ledger.ts';
import { evictFromFailed, taintFailed } from './failed-taints.ts';
import { failoverGroups } from './failover-groups.ts';
import { evictionBindingOf, reschedule } from './reschedule.ts';
import { failedClusters } from './scenario.ts';
import type { Scenario, ScenarioImpact, WorkloadImpact } from './types.ts';
import { verdictOf, workloadImpact } from './workload-impact.ts';
import { scenarioSummary, scenarioVerdict } from './verdict.ts';

/** What a simulation starts from: the inventory as planned and the plan's bindings. */
export interface SimulationInput {
  /** The Clusters the plan was made with (observed status and current taints included). */
  readonly clusters: readonly Cluster[];
  readonly bindings: readonly Binding[];
  /** The controller's eviction flags (default: Karmada's, eviction on). */
  readonly eviction?: EvictionSettings;
}

/** One binding's failover in full, for `flotilla explain --fail`. */
export interface BindingFailover {
  readonly impact: WorkloadImpact;
  readonly verdicts: readonly EvictionVerdict[];
  readonly result: ScheduleResult;
}

/** Simulates scenarios over one plan, sharing what does not depend on the scenario. */
export interface Simulator {
  simulate(scenario: Scenario): ScenarioImpact;
  /** The failover of one binding in a scenario; undefined when it has nothing on the failed clusters. */
  explain(scenario: Scenario, key: ResourceKey): BindingFailover | undefined;
}

interface Shared {
  readonly input: SimulationInput;
  readonly eviction: EvictionSettings;
  readonly names: ReadonlySet<string>;
  /** Per cluster, the indexes (in key order) of the workload bindings placed there. */
  readonly onCluster: ReadonlyMap<string, readonly number[]>;
  readonly bindings: readonly Binding[];
  readonly views: EvictionBinding[];
  /** Per binding, its failover group (failover-groups.ts): equal groups fail over alike. */
  readonly groups: readonly number[];
}

/** Prepares the shared indexes of a plan. */
export function createSimulator(input: SimulationInput): Simulator {
  const bindings = input.bindings
    .filter(isWorkload)
    .toSorted((a, b) => compareStrings(resourceKey(a.spec.resource), resourceKey(b.spec.resource)));
  const onCluster = new Map<string, number[]>();
  bindings.forEach((b, i) => {
    for (const c of b.spec.clusters) {
      const list = onCluster.get(c.name);
      if (list === undefined) onCluster.set(c.name, [i]);
      else list.push(i);
    }
  });
  const shared: Shared = {
    input,
    eviction: input.eviction ?? defaultEvictionSettings,
    names: new Set(input.clusters.map((c) => c.metadata.name ?? '')),
    onCluster,
    bindings,
    views: bindings.map(evictionBindingOf),
    groups: failoverGroups(bindings),
  };
  return {
    simulate: (scenario) => simulateScenario(shared, scenario),
    explain: (scenario, key) => {
      const run = scenarioRun(shared, scenario);
      const i = run.affected.find((j) => resourceKey((shared.bindings[j] as Binding).spec.resource) === key);
      return i === undefined ? undefined : failoverOf(shared, run, i);
    },
  };
}

/** A scenario's failed clusters, their taints, its scheduler and the bindings it touches. */
interface ScenarioRun {
  readonly failed: ReadonlySet<string>;
  readonly tainted: readonly TaintedCluster[];
  readonly scheduler: Scheduler;
  readonly affected: readonly number[];
}

function scenarioRun(shared: Shared, scenario: Scenario): ScenarioRun {
  const failed = new Set(failedClusters(shared.input.clusters, scenario));
  const clusters = taintFailed(shared.input.clusters, failed);
  const tainted = clusters
    .filter((c) => failed.has(c.metadata.name ?? ''))
    .map((c) => ({ name: c.metadata.name ?? '', taints: c.spec?.taints ?? [] }));
  const affected = [...new Set([...failed].flatMap((f) => shared.onCluster.get(f) ?? []))].sort((a, b) => a - b);
  return { failed, tainted, scheduler: createScheduler(clusters), affected };
}

function failoverOf(shared: Shared, run: ScenarioRun, i: number): BindingFailover {
  const binding = shared.bindings[i] as Binding;
  const evicted = evictFromFailed(shared.views[i] as EvictionBinding, run.tainted, shared.eviction);
  const { result, clusters } = reschedule(run.scheduler, binding, evicted.binding, (n) => shared.names.has(n));
  const impact = workloadImpact({ binding, failed: run.failed, verdicts: evicted.verdicts, result, after: clusters });
  return { impact, verdicts: evicted.verdicts, result };
}

function simulateScenario(shared: Shared, scenario: Scenario): ScenarioImpact {
  const run = scenarioRun(shared, scenario);
  const ledger = createLedger(shared.input.clusters);
  const byGroup = new Map<number, WorkloadImpact>();
  const workloads = run.affected.map((i) => {
    const binding = shared.bindings[i] as Binding;
    const group = shared.groups[i] ?? -1;
    const seen = byGroup.get(group);
    const impact = seen
      ? { ...seen, key: resourceKey(binding.spec.resource), resource: binding.spec.resource }
      : failoverOf(shared, run, i).impact;
    if (!seen) byGroup.set(group, impact);
    return withCapacity(impact, binding, ledger);
  });
  const summary = scenarioSummary([...run.failed], workloads);
  return {
    scenario,
    failed: [...run.failed],
    workloads,
    clusters: ledger.loads(),
    summary,
    verdict: scenarioVerdict(scenario, summary, workloads),
  };
}

/**
 * Charges the replicas that arrive on each survivor; those beyond what the estimator still
 * allows there are lost for capacity (they would stay Pending on the member).
 */
function withCapacity(impact: WorkloadImpact, binding: Binding, ledger: CapacityLedger): WorkloadImpact {
  const req = binding.spec.replicaRequirements;
  const arriving = new Map<string, number>();
  for (const m of impact.moved) arriving.set(m.to, (arriving.get(m.to) ?? 0) + m.replicas);
  let over = 0;
  const reasons = [...impact.reasons];
  for (const [to, n] of [...arriving].sort(([a], [b]) => compareStrings(a, b))) {
    const free = ledger.free(to, req);
    const fits = free === undefined ? n : Math.min(free, n);
    ledger.charge(to, req, fits);
    if (fits < n) {
      over += n - fits;
      reasons.push({
        kind: 'InsufficientCapacity',
        cluster: to,
        free: fits,
        needed: n,
        message: `${to} can take ${fits} more replica(s) of this workload (estimator, recorded capacity minus the replicas moved there before it), ${n} arrive`,
      });
    }
  }
  if (over === 0) return impact;
  const lost = impact.lost + over;
  const running = impact.after.reduce((s, c) => s + (c.replicas ?? 0), 0) - over;
  return { ...impact, lost, reasons, verdict: verdictOf(running, lost) };
}

/** A binding with replicas to lose: a workload (non-workloads follow their workloads or go everywhere). */
function isWorkload(b: Binding): boolean {
  return (b.spec.replicas ?? 0) > 0 && b.spec.clusters.length > 0;
}
