/**
 * Overflow affinities (Karmada v1.18+, `clusterAffinities[].overflowAffinities`): a workload may
 * spill from its affinity term's clusters to overflow groups, tier by tier.
 * - spreadconstraint/group_clusters.go getClusterOverflowOrder: a cluster's tier is 0 when it
 *   matches the term itself, else 1 + the index of the first overflow group it matches;
 * - spreadconstraint/util.go sortClusters: candidates are ranked by tier first;
 * - core/common.go assignWorkloadReplicas (enableOverflow): each tier in order is given
 *   min(remaining, the tier's available replicas) and divides them by the placement's strategy;
 *   replicas left after the last tier make the attempt fail ("Clusters available replicas are not
 *   enough to schedule.").
 *
 * | replicas | tier 0 available | tier 1 available | result (Divided, dynamic)  |
 * |----------|------------------|------------------|----------------------------|
 * | 6        | 10               | 10               | tier 0: 6                  |
 * | 6        | 4                | 10               | tier 0: 4, tier 1: 2       |
 * | 6        | 2                | 3                | unschedulable (1 left)     |
 */
import { clusterMatchesAffinity, type ClusterAffinity } from '../api/index.ts';
import type { Candidate, StepFailure } from './candidate.ts';
import { compareCandidates } from './candidate.ts';
import { byName, divideReplicas, type Division, type DivisionInput } from './division.ts';
import type { DivisionExplanation, TargetClusterCount } from './types.ts';

/** Karmada's order for a cluster no group matches ("should never happen" after filtering). */
const unmatchedOrder = 1000;

/** The candidates with their overflow tiers, re-ranked tier first. */
export function rankByOverflow(
  ranked: readonly Candidate[],
  affinity: ClusterAffinity | undefined,
  overflow: readonly ClusterAffinity[],
): Candidate[] {
  return ranked.map((c) => ({ ...c, overflowOrder: overflowOrder(c, affinity, overflow) })).sort(compareCandidates);
}

function overflowOrder(
  c: Candidate,
  affinity: ClusterAffinity | undefined,
  overflow: readonly ClusterAffinity[],
): number {
  if (affinity === undefined || clusterMatchesAffinity(affinity, c.cluster.cluster)) return 0;
  const i = overflow.findIndex((a) => clusterMatchesAffinity(a, c.cluster.cluster));
  return i < 0 ? unmatchedOrder : i + 1;
}

/** Divides `input.replicas` tier by tier (assignWorkloadReplicas with overflow enabled). */
export function divideByOverflow(candidates: readonly Candidate[], input: DivisionInput): Division | StepFailure {
  const orders = [...new Set(candidates.map((c) => c.overflowOrder ?? 0))].sort((a, b) => a - b);
  let remaining = input.replicas;
  const clusters: TargetClusterCount[] = [];
  const tiers: { order: number; available: number; replicas: number; division: DivisionExplanation }[] = [];
  for (const order of orders) {
    if (remaining <= 0) break;
    const tier = candidates.filter((c) => (c.overflowOrder ?? 0) === order);
    const available = tier.reduce((n, c) => n + c.available, 0);
    const replicas = Math.min(remaining, available);
    // A tier with no room takes nothing (Karmada assigns it 0 replicas, then drops zero clusters).
    if (replicas <= 0) continue;
    const d = divideReplicas(tier, { ...input, replicas });
    if (!d.ok) return d;
    clusters.push(...d.clusters);
    tiers.push({ order, available, replicas, division: d.explanation });
    remaining -= replicas;
  }
  if (remaining > 0)
    return {
      ok: false,
      reason: 'Unschedulable',
      message: 'failed to assign replicas: Clusters available replicas are not enough to schedule.',
    };
  return {
    ok: true,
    clusters: clusters.sort(byName),
    explanation: { strategy: 'Overflow', replicas: input.replicas, tiers },
  };
}
