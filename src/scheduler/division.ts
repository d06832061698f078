/**
 * Replica assignment (Karmada core/common.go AssignReplicas and core/assignment.go): a table of
 * strategy → function, each returning the clusters with replicas > 0, or a failure.
 */
import { clusterMatchesAffinity } from '../api/index.ts';
import type { Candidate, StepFailure } from './candidate.ts';
import { assignDynamic } from './dynamic-division.ts';
import type { PlacementView, Strategy } from './placement.ts';
import type { DivisionExplanation, TargetClusterCount, TieBreak } from './types.ts';
import { allocateWebsterSeats } from './webster.ts';

/** What division needs besides the candidates. */
export interface DivisionInput {
  readonly view: PlacementView;
  readonly replicas: number;
  /** Requirements were given (Karmada `spec.ReplicaRequirements != nil`). */
  readonly hasRequirements: boolean;
  readonly previous: readonly TargetClusterCount[];
  readonly tieBreak: TieBreak;
  /** Karmada's Fresh mode (SchedulingRequest.fresh). */
  readonly fresh?: boolean;
}

/** A successful division. */
export interface Division {
  readonly ok: true;
  readonly clusters: readonly TargetClusterCount[];
  readonly explanation: DivisionExplanation;
}

type Assign = (candidates: readonly Candidate[], input: DivisionInput) => Division | StepFailure;

const assigners: Readonly<Record<Strategy, Assign>> = {
  Duplicated: assignDuplicated,
  StaticWeight: assignStaticWeight,
  DynamicWeight: assignDynamic,
  Aggregated: assignDynamic,
};

/**
 * Assigns replicas. A template with no replicas and no requirements (a ConfigMap, a Deployment scaled
 * to 0 without requests) goes to every candidate with 0 replicas, as Karmada does for non-workloads;
 * otherwise the strategy decides and clusters left with 0 replicas are dropped.
 */
export function divideReplicas(candidates: readonly Candidate[], input: DivisionInput): Division | StepFailure {
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: 'SchedulerError',
      message: 'failed to assign replicas: no clusters available to schedule',
    };
  }
  if (input.replicas <= 0 && !input.hasRequirements) {
    const clusters = inNameOrder(candidates).map((c) => ({ name: c.name, replicas: 0 }));
    return { ok: true, clusters, explanation: { strategy: 'NonWorkload', count: clusters.length } };
  }
  const r = assigners[input.view.strategy](candidates, input);
  if (!r.ok) return r;
  const kept = r.clusters.filter((c) => c.replicas > 0);
  return {
    ok: true,
    clusters: input.view.strategy === 'Duplicated' ? kept : kept.sort(byName),
    explanation: r.explanation,
  };
}

/** Every candidate runs the full replica count (assignByDuplicatedStrategy). */
function assignDuplicated(candidates: readonly Candidate[], input: DivisionInput): Division {
  const clusters = inNameOrder(candidates).map((c) => ({ name: c.name, replicas: input.replicas }));
  return {
    ok: true,
    clusters,
    explanation: { strategy: 'Duplicated', replicas: input.replicas, count: clusters.length },
  };
}

/**
 * Static weights (assignByStaticWeightStrategy, getStaticWeightInfoList): a candidate's weight is the
 * largest weight among the rules whose targetCluster matches it; candidates with weight 0 get nothing;
 * if no candidate has a weight, all weigh 1. Replicas are then apportioned by Webster, ignoring the
 * previous placement.
 *
 * | total | weights (A:B:C) | result  |
 * |-------|-----------------|---------|
 * | 9     | 1:2:0           | 3:6:-   |
 * | 5     | 5:3:1           | 2:2:1   |
 * | 3     | 6:3:2           | 1:1:1   |
 */
function assignStaticWeight(candidates: readonly Candidate[], input: DivisionInput): Division {
  const weights = staticWeightsOf(candidates, input.view.staticWeights);
  const result = allocateWebsterSeats(input.replicas, weights, [], input.tieBreak);
  return {
    ok: true,
    clusters: result,
    explanation: {
      strategy: 'StaticWeight',
      replicas: input.replicas,
      inputs: weights
        .map((w) => ({ cluster: w.name, weight: w.weight }))
        .sort((a, b) => (a.cluster < b.cluster ? -1 : 1)),
      tieBreak: input.tieBreak,
      result: result.filter((r) => r.replicas > 0),
    },
  };
}

type Weights = readonly { readonly name: string; readonly weight: number }[];
const weightsOf = new WeakMap<readonly Candidate[], WeakMap<PlacementView['staticWeights'], Weights>>();

/**
 * Each candidate's static weight (0: left out; all 1 when no rule matches any), memoised per
 * candidate list and rule list: the templates of one placement share both, and matching every
 * rule against every candidate was most of a static-weight division.
 */
function staticWeightsOf(candidates: readonly Candidate[], rules: PlacementView['staticWeights']): Weights {
  let byRules = weightsOf.get(candidates);
  if (byRules === undefined) {
    byRules = new WeakMap();
    weightsOf.set(candidates, byRules);
  }
  let weights = byRules.get(rules);
  if (weights === undefined) {
    weights = candidates
      .map((c) => ({
        name: c.name,
        weight: rules.reduce(
          (w, r) => (r.weight > w && clusterMatchesAffinity(r.targetCluster, c.cluster.cluster) ? r.weight : w),
          0,
        ),
      }))
      .filter((w) => w.weight > 0);
    if (weights.length === 0) weights = candidates.map((c) => ({ name: c.name, weight: 1 }));
    byRules.set(rules, weights);
  }
  return weights;
}

const nameOrdered = new WeakMap<readonly Candidate[], readonly Candidate[]>();

/** The candidates in name order (fleet index order), memoised per candidate list. */
function inNameOrder(candidates: readonly Candidate[]): readonly Candidate[] {
  let sorted = nameOrdered.get(candidates);
  if (sorted === undefined) {
    sorted = candidates.toSorted((a, b) => a.cluster.index - b.cluster.index);
    nameOrdered.set(candidates, sorted);
  }
  return sorted;
}

/** Orders target clusters by name (D2). */
export function byName(a: TargetClusterCount, b: TargetClusterCount): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
