/**
 * One scheduling attempt with one affinity term, as Karmada's genericScheduler.Schedule:
 * findClustersThatFit → prioritizeClusters → selectClusters → assignReplicas.
 */
import type { ClusterAffinity } from '../api/index.ts';
import type { StepFailure } from './candidate.ts';
import { divideByOverflow, rankByOverflow } from './overflow.ts';
import { divideReplicas } from './division.ts';
import type { DivisionInput } from './division.ts';
import type { FeasibilityCache, History } from './feasibility.ts';
import type { FilterInput } from './filters/index.ts';
import { fitErrorMessage } from './fit-error.ts';
import type { RankingCache, Workload } from './ranking.ts';
import { scoreSummary } from './ranking.ts';
import { selectClusters } from './spread/select-clusters.ts';
import type { AttemptExplanation, TargetClusterCount } from './types.ts';

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
  const feasibility = ctx.feasibility.filter(input.filterKey, input.filter, input.history);
  const scores = scoreSummary(feasibility, input.history);
  const base = { ...named, filtered: feasibility.filtered, scores };
  if (feasibility.feasible.length === 0) {
    // Karmada FitError → Scheduled reason NoClusterFit.
    const message = fitErrorMessage(ctx.numAllClusters, feasibility.filtered);
    return failed({ ok: false, reason: 'NoClusterFit', message }, base);
  }
  const { replicas } = input.workload;
  const rankedBase = ctx.ranking.rank(feasibility, input.workload, input.history);
  const ranked = input.overflow ? rankByOverflow(rankedBase, input.overflow.affinity, input.overflow.groups) : rankedBase;
  const selection = selectClusters(ranked, input.division.view, replicas);
  if (!selection.ok) return failed(selection, base);
  const withSelection = { ...base, selection: selection.explanation };
  const divisionInput = { ...input.division, replicas, hasRequirements: input.workload.requirements !== undefined };
  const division = input.overflow ? divideByOverflow(selection.clusters, divisionInput) : divideReplicas(selection.clusters, divisionInput);
  if (!division.ok) return failed(division, withSelection);
  return { ok: true, clusters: division.clusters, explanation: { ...withSelection, division: division.explanation } };
}

function failed(f: StepFailure, explanation: AttemptExplanation): AttemptOutcome {
  return { ...f, explanation: { ...explanation, failure: { reason: f.reason, message: f.message } } };
}
