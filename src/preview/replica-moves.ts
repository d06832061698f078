/** Replica flows between clusters, summed over every resource whose placement changed. */
import { compareStrings } from '../api/index.ts';
import type { ClusterPlacement, ReplicaMove, ResourceChange } from './model.ts';

/**
 * The moves of one resource: clusters that lose replicas are paired with clusters that gain them,
 * both in name order; what no loser covers is new (`from` null), what no gainer takes is removed
 * (`to` null). Worked example:
 *
 * | cluster | before | after | delta |
 * |---------|--------|-------|-------|
 * | a       | 3      | 1     | -2    |
 * | b       | 2      | —     | -2    |
 * | c       | —      | 5     | +5    |
 *
 * gives a→c 2, b→c 2, new→c 1: four replicas moved, one added.
 */
export function movesOf(clusters: readonly ClusterPlacement[]): ReplicaMove[] {
  const losers = clusters.filter((c) => delta(c) < 0).map((c) => ({ name: c.cluster, left: -delta(c) }));
  const gainers = clusters.filter((c) => delta(c) > 0).map((c) => ({ name: c.cluster, left: delta(c) }));
  const out: ReplicaMove[] = [];
  let i = 0;
  for (const g of gainers) {
    while (g.left > 0 && i < losers.length) {
      const l = losers[i];
      if (!l) break;
      const n = Math.min(l.left, g.left);
      out.push({ from: l.name, to: g.name, replicas: n });
      l.left -= n;
      g.left -= n;
      if (l.left === 0) i += 1;
    }
    if (g.left > 0) out.push({ from: null, to: g.name, replicas: g.left });
  }
  for (const l of losers) if (l.left > 0) out.push({ from: l.name, to: null, replicas: l.left });
  return out;
}

/** All moves of all resources, summed per (from, to) pair, sorted with null (new / removed) first. */
export function aggregateMoves(resources: readonly ResourceChange[]): ReplicaMove[] {
  const sums = new Map<string, ReplicaMove>();
  for (const r of resources) {
    if (r.replicas.before === null && r.replicas.after === null) continue; // not a workload: nothing to count
    for (const m of movesOf(r.clusters)) {
      const k = `${m.from ?? ''}\u0000${m.to ?? ''}`;
      const prev = sums.get(k);
      sums.set(k, prev ? { ...prev, replicas: prev.replicas + m.replicas } : m);
    }
  }
  return [...sums.values()].sort(compareMoves);
}

/** Replicas that leave one cluster for another (new and removed replicas are not moves). */
export function movedReplicas(moves: readonly ReplicaMove[]): number {
  return moves.reduce((s, m) => (m.from !== null && m.to !== null ? s + m.replicas : s), 0);
}

/** Orders moves by source then destination, null (new / removed) before any cluster name. */
export function compareMoves(a: ReplicaMove, b: ReplicaMove): number {
  return compareNullable(a.from, b.from) || compareNullable(a.to, b.to);
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareStrings(a, b);
}

function delta(c: ClusterPlacement): number {
  return (c.after ?? 0) - (c.before ?? 0);
}
