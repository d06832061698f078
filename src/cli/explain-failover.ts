/**
 * `flotilla explain KIND/NAME --fail K=V`: one workload's failover arithmetic in a simulated
 * failure (src/simulate): the taint manager's verdict per failed cluster, the new schedule's
 * explanation, and the replicas kept, moved and lost.
 */
import { describeRef, parseResourceKey, resourceKey, UsageError, type ResourceKey } from '../api/index.ts';
import { formatExplanation } from '../scheduler/index.ts';
import {
  createSimulator,
  describeMoves,
  describeReasons,
  failedClusters,
  parseFailureSelector,
  scenarioOf,
  type BindingFailover,
} from '../simulate/index.ts';
import type { EvictionVerdict } from '../status/index.ts';
import { formatTaint } from '../scheduler/filters/index.ts';
import { loadSimulationBase } from './simulate-input.ts';

/** The failover of one binding, or a message saying why there is none. */
export type FailoverStory =
  | {
      readonly kind: 'story';
      readonly scenario: string;
      readonly failed: readonly string[];
      readonly failover: BindingFailover;
    }
  | { readonly kind: 'none'; readonly message: string };

/** Simulates `fails` on the revision and picks the binding `find` chooses among the plan's keys. */
export async function explainFailover(
  opts: { repo: string; ref: string | undefined; fails: readonly string[] },
  cwd: string,
  find: (keys: readonly ResourceKey[]) => ResourceKey | undefined,
): Promise<FailoverStory> {
  const selectors = opts.fails.map((f) => {
    const p = parseFailureSelector(f);
    if (!p.ok) throw new UsageError(p.message);
    return p.selector;
  });
  const scenario = scenarioOf(selectors);
  const base = await loadSimulationBase(opts.repo, opts.ref, cwd);
  if (base.plan.errors.length)
    return {
      kind: 'none',
      message: `the revision is invalid (${base.plan.errors.length} error(s)); run 'flotilla validate' for details`,
    };
  const failed = failedClusters(base.clusters, scenario);
  if (failed.length === 0) throw new UsageError(`--fail ${scenario.name} matches no cluster of the inventory`);
  const key = find(base.plan.bindings.map((b) => resourceKey(b.spec.resource)));
  if (key === undefined) return { kind: 'none', message: 'no policy claims the template; it has no binding' };
  const failover = createSimulator({ clusters: base.clusters, bindings: base.plan.bindings }).explain(scenario, key);
  if (failover === undefined)
    return {
      kind: 'none',
      message: `${describeRef(parseResourceKey(key))} has no replicas on ${failed.join(', ')}: ${scenario.name} does not affect it`,
    };
  return { kind: 'story', scenario: scenario.name, failed, failover };
}

/** The story as text. */
export function formatFailoverStory(s: Extract<FailoverStory, { kind: 'story' }>): string {
  const { impact, verdicts, result } = s.failover;
  const counts = (list: readonly { name: string; replicas?: number }[]) =>
    list.map((c) => `${c.name}:${c.replicas ?? 0}`).join(', ') || '(none)';
  return [
    `${describeRef(impact.resource)} if ${s.scenario} fails (${s.failed.join(', ')})`,
    `  before:  ${counts(impact.before)}`,
    `  after:   ${counts(impact.after)}`,
    `  kept ${impact.kept}, moved ${describeMoves(impact.moved)}, lost ${impact.lost}${impact.lost ? ` (${describeReasons(impact.reasons)})` : ''}`,
    `  verdict: ${impact.verdict}`,
    '',
    'taint manager:',
    ...verdicts.map((v) => `  ${describeVerdict(v)}`),
    '',
    'rescheduling:',
    result.kind === 'Scheduled'
      ? `  scheduled: ${counts(result.clusters)}`
      : `  unschedulable (${result.reason}): ${result.message}; ${result.reason === 'NoClusterFit' ? 'the binding loses its clusters' : 'the binding keeps the clusters it has left'}`,
    formatExplanation(result.explanation),
    '',
  ].join('\n');
}

function describeVerdict(v: EvictionVerdict): string {
  switch (v.kind) {
    case 'evict':
      return `${v.cluster}: evict (${v.task.purgeMode ?? 'Gracefully'}${v.task.gracePeriodSeconds !== undefined ? `, grace ${v.task.gracePeriodSeconds}s` : ''}): ${v.task.message ?? v.cause.kind}`;
    case 'tolerate':
      return `${v.cluster}: tolerated until ${v.until} (${formatTaint(v.taint)}, ${v.tolerationSeconds}s)`;
    case 'tolerate-forever':
      return `${v.cluster}: tolerated forever (${v.taints.map(formatTaint).join(', ')}): the replicas stay on the failed cluster`;
  }
}
