/** Which clusters each wave of a strategy covers, and how many of them may take the target at once. */
import { clusterMatchesAffinity, compareStrings, type Cluster, type RolloutSpec, type Wave } from '../api/index.ts';

/** The implicit last wave: clusters no wave matches are updated last, never left behind (docs/rollouts.md). */
export const unmatchedWaveName = '(unmatched)';

/** A wave with its clusters, sorted by name. */
export interface AssignedWave {
  readonly name: string;
  readonly bakeSeconds: number;
  readonly clusters: readonly string[];
  readonly maxConcurrent: Wave['maxConcurrent'];
}

/**
 * The strategy's waves over the clusters in scope: each cluster in the first wave whose `clusters`
 * affinity matches it (absent affinity: every remaining cluster), then an `(unmatched)` wave for
 * the rest when there is any. A cluster in scope but not in the inventory matches only by name.
 */
export function assignWaves(
  spec: RolloutSpec,
  inScope: readonly string[],
  inventory: readonly Cluster[],
): AssignedWave[] {
  const byName = new Map(inventory.map((c) => [c.metadata.name ?? '', c] as const));
  let left = [...new Set(inScope)].sort(compareStrings);
  const out: AssignedWave[] = [];
  for (const w of spec.waves) {
    const taken = left.filter((name) => waveMatches(w, name, byName.get(name)));
    left = left.filter((name) => !taken.includes(name));
    out.push({ name: w.name, bakeSeconds: w.bakeSeconds, clusters: taken, maxConcurrent: w.maxConcurrent });
  }
  if (left.length)
    out.push({
      name: unmatchedWaveName,
      bakeSeconds: 0,
      clusters: left,
      maxConcurrent: { kind: 'Percent', percent: 100 },
    });
  return out;
}

function waveMatches(w: Wave, name: string, cluster: Cluster | undefined): boolean {
  if (w.clusters === undefined) return true;
  if (cluster === undefined)
    return (w.clusters.clusterNames ?? []).includes(name) && !(w.clusters.exclude ?? []).includes(name);
  return clusterMatchesAffinity(w.clusters, cluster);
}

/**
 * How many clusters of a wave of `size` may be progressing at once: a count as written, or a
 * percentage rounded up and at least 1, so a wave always moves. 10 clusters at 25% → 3; 3 at 10% → 1.
 */
export function concurrencyOf(maxConcurrent: Wave['maxConcurrent'], size: number): number {
  if (maxConcurrent.kind === 'Count') return Math.max(1, maxConcurrent.count);
  return Math.max(1, Math.ceil((size * maxConcurrent.percent) / 100));
}
