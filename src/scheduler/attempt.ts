/**
 * One scheduling attempt with one affinity term, as Karmada's genericScheduler.Schedule:
 * findClustersThatFit → prioritizeClusters → selectClusters → assignReplicas.
 */
import type { ClusterAffinity } from '../api/index.ts';
import type { Candidate, StepFailure } from './candidate.ts';
import { filterWorkloadGroups } from './filters/workload-affinity.ts';
import { divideByOverflow, rankByOverflow } from './overflow.ts';
import { divideReplicas } from './division.ts';
import type { DivisionInput } from './division.ts';
import type { Feasibility, FeasibilityCache, History } from './feasibility.ts';
import type { FilterInput } from './filters/index.ts';
import { fitErrorMessage } from './fit-error.ts';
import type { RankingCache, Workload } from './ranking.ts';
import { scoreSummary } from './ranking.ts';
import { selectClusters } from './spread/select-clusters.ts';
import type { AttemptExplanation, TargetClusterCount, WorkloadGroupConstraint } from './types.ts';

/** The per-fleet caches an attempt reads. */
export interface AttemptContext {
  readonly numAllClusters: number;
  readonly feasibility: FeasibilityCache;
  readonly ranking: RankingCache;
}

/** One attempt's inputs. */
export interface AttemptInput {
  readonly affinityName: string | undefined;
  readonly filterKey: string;
  readonly filter: FilterInput;
  readonly history: History;
  readonly workload: Workload;
  readonly division: Omit<DivisionInput, 'replicas' | 'hasRequirements'>;
  /** The binding's workload-affinity peers (filters/workload-affinity.ts). */
  readonly workloadGroups?: WorkloadGroupConstraint;
  /** The term's overflow groups, for a workload (src/scheduler/overflow.ts). */
  readonly overflow?: { readonly affinity: ClusterAffinity | undefined; readonly groups: readonly ClusterAffinity[] };
}

/** An attempt's outcome with its explanation. */
export type AttemptOutcome =
  | { readonly ok: true; readonly clusters: readonly TargetClusterCount[]; readonly explanation: AttemptExplanation }
  | (StepFailure & { readonly explanation: AttemptExplanation });

/** Runs one attempt. */
export function runAttempt(ctx: AttemptContext, input: AttemptInput): AttemptOutcome {
  const named = input.affinityName === undefined ? {} : { affinityName: input.affinityName };
  const filtered = ctx.feasibility.filter(input.filterKey, input.filter, input.history);
  const { feasibility, gone } = withWorkloadGroups(filtered, input);
  const scores = scoreSummary(feasibility, input.history);
  const base = { ...named, filtered: feasibility.filtered, scores };
  if (feasibility.feasible.length === 0) {
    // Karmada FitError → Scheduled reason NoClusterFit.
    const message = fitErrorMessage(ctx.numAllClusters, feasibility.filtered);
    return failed({ ok: false, reason: 'NoClusterFit', message }, base);
  }
  const { replicas } = input.workload;
  // Ranked from the shared feasibility (its ranking is cached under its key), then the group filters apply.
  const rankedBase = rankFeasible(ctx, filtered, gone, input);
  const ranked = input.overflow
    ? rankByOverflow(rankedBase, input.overflow.affinity, input.overflow.groups)
    : rankedBase;
  const selection = selectClusters(ranked, input.division.view, replicas);
  if (!selection.ok) return failed(selection, base);
  const withSelection = { ...base, selection: selection.explanation };
  const divisionInput = { ...input.division, replicas, hasRequirements: input.workload.requirements !== undefined };
  const division = input.overflow
    ? divideByOverflow(selection.clusters, divisionInput)
    : divideReplicas(selection.clusters, divisionInput);
  if (!division.ok) return failed(division, withSelection);
  return { ok: true, clusters: division.clusters, explanation: { ...withSelection, division: division.explanation } };
}

/** The feasibility after the workload-group filters (run last, as registered last in Karmada's registry). */
function withWorkloadGroups(
  f: Feasibility,
  input: AttemptInput,
): { readonly feasibility: Feasibility; readonly gone?: ReadonlySet<string> } {
  if (input.workloadGroups === undefined) return { feasibility: f };
  const removed = filterWorkloadGroups(
    f.feasible.map((c) => c.name),
    input.history.previous,
    input.workloadGroups,
  );
  if (removed.length === 0) return { feasibility: f };
  const gone = new Set(removed.map((r) => r.cluster));
  const filtered = [...f.filtered, ...removed].sort((a, b) =>
    a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0,
  );
  return { feasibility: { ...f, feasible: f.feasible.filter((c) => !gone.has(c.name)), filtered }, gone };
}

/** The ranking, without the clusters the workload-group filters removed (the cached ranking covers the unfiltered set). */
function rankFeasible(
  ctx: AttemptContext,
  f: Feasibility,
  gone: ReadonlySet<string> | undefined,
  input: AttemptInput,
): readonly Candidate[] {
  const ranked = ctx.ranking.rank(f, input.workload, input.history);
  return gone === undefined ? ranked : ranked.filter((c) => !gone.has(c.name));
}

function failed(f: StepFailure, explanation: AttemptExplanation): AttemptOutcome {
  return { ...f, explanation: { ...explanation, failure: { reason: f.reason, message: f.message } } };
}
