/**
 * Placement as the scheduler reads it: Karmada's admission defaults applied (idempotent when `load`
 * has applied them already) and the replica strategy named.
 */
import type { ClusterAffinity, Placement, SpreadByField, SpreadConstraint, StaticClusterWeight } from '../api/index.ts';

/** Karmada core/assignment.go strategy names. */
export type Strategy = 'Duplicated' | 'Aggregated' | 'StaticWeight' | 'DynamicWeight';

/** A spread constraint with defaults: field `cluster` when neither field nor label is set, minGroups ≥ 1. */
export interface NormalSpread {
  readonly field: SpreadByField | '';
  readonly label: string;
  readonly minGroups: number;
  readonly maxGroups: number;
}

/** Placement facts the algorithm needs, computed once per placement. */
export interface PlacementView {
  readonly strategy: Strategy;
  readonly divided: boolean;
  readonly staticWeights: readonly StaticClusterWeight[];
  readonly spread: readonly NormalSpread[];
  /** Karmada shouldIgnoreSpreadConstraint: static-weighted division ignores spread constraints. */
  readonly ignoreSpread: boolean;
}

/**
 * Reads a placement. Defaults as Karmada's webhook and CRD set them: replicaSchedulingType
 * `Duplicated`; a Divided placement without a preference is `Weighted`
 * (helper.SetReplicaDivisionPreferenceWeighted); spread constraints via SetDefaultSpreadConstraints.
 */
export function viewPlacement(p: Placement): PlacementView {
  const rs = p.replicaScheduling;
  const divided = rs?.replicaSchedulingType === 'Divided';
  const preference = rs?.replicaDivisionPreference || 'Weighted';
  const wp = rs?.weightPreference;
  let strategy: Strategy = 'Duplicated';
  if (divided) {
    if (preference === 'Aggregated') strategy = 'Aggregated';
    else strategy = wp?.dynamicWeight ? 'DynamicWeight' : 'StaticWeight';
  }
  // Karmada spreadconstraint/select_clusters.go shouldIgnoreSpreadConstraint.
  const ignoreSpread =
    divided &&
    preference === 'Weighted' &&
    (wp === undefined || ((wp.staticWeightList?.length ?? 0) > 0 && !wp.dynamicWeight));
  return {
    strategy,
    divided,
    staticWeights: wp?.staticWeightList ?? [],
    spread: (p.spreadConstraints ?? []).map(normaliseSpread),
    ignoreSpread,
  };
}

/** Karmada helper/policy.go SetDefaultSpreadConstraints. */
function normaliseSpread(c: SpreadConstraint): NormalSpread {
  const label = c.spreadByLabel ?? '';
  const field: SpreadByField | '' = c.spreadByField ?? (label === '' ? 'cluster' : '');
  return { field, label, minGroups: c.minGroups || 1, maxGroups: c.maxGroups ?? 0 };
}

/** The last constraint on a field (Karmada reads the last one when several exist). */
export function spreadFor(spread: readonly NormalSpread[], field: SpreadByField): NormalSpread | undefined {
  let found: NormalSpread | undefined;
  for (const s of spread) if (s.field === field) found = s;
  return found;
}

/**
 * The affinity terms to try, in order: `clusterAffinity` alone (or none) gives one unnamed term;
 * `clusterAffinities` gives its terms (Karmada scheduler.go scheduleResourceBindingWithClusterAffinities).
 */
export function affinityTerms(p: Placement): readonly {
  readonly name?: string;
  readonly affinity?: ClusterAffinity;
  readonly overflow?: readonly ClusterAffinity[];
}[] {
  // An empty clusterAffinities list is dropped when Karmada stores the binding (omitempty), so the
  // binding is scheduled as without it (scheduleResourceBinding tests ClusterAffinities != nil).
  if (p.clusterAffinity !== undefined || p.clusterAffinities === undefined || p.clusterAffinities.length === 0) {
    return [p.clusterAffinity === undefined ? {} : { affinity: p.clusterAffinity }];
  }
  // An empty overflowAffinities list is dropped when Karmada stores the binding (omitempty): no overflow.
  return p.clusterAffinities.map((t) => ({
    name: t.affinityName,
    affinity: t,
    ...(t.overflowAffinities?.length ? { overflow: t.overflowAffinities } : {}),
  }));
}
