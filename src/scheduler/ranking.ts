/**
 * Scoring and ranking of feasible clusters (Karmada generic_scheduler.go prioritizeClusters and
 * spreadconstraint GroupClustersWithScore): ClusterLocality scores 100 for clusters holding the
 * template, estimates give each cluster's available replicas, and clusters are ranked by
 * compareCandidates. The ranking of a (feasibility, requirements) pair without history is memoised.
 */
import type { ReplicaRequirements } from '../api/index.ts';
import type { Candidate } from './candidate.ts';
import { compareCandidates } from './candidate.ts';
import { estimateReplicas, maxInt32, parseCapacity } from './estimator.ts';
import type { ParsedCapacity } from './estimator.ts';
import type { Feasibility, History } from './feasibility.ts';
import type { FleetIndex, IndexedCluster } from './fleet-index.ts';
import type { ScoreSummary } from './types.ts';

/** ClusterLocality's score for a cluster already holding the template (framework.MaxClusterScore). */
export const maxClusterScore = 100;

/** What ranking needs to know about the template. */
export interface Workload {
  readonly replicas: number;
  readonly requirements: ReplicaRequirements | undefined;
  readonly requirementsKey: string;
}

/** Memoised estimates and rankings over one fleet. */
export class RankingCache {
  readonly #capacities: readonly (ParsedCapacity | undefined)[];
  readonly #estimates = new Map<string, Int32Array>();
  readonly #ranked = new Map<string, readonly Candidate[]>();
  constructor(fleet: FleetIndex) {
    this.#capacities = fleet.clusters.map((c) =>
      parseCapacity(c.cluster.status?.resourceSummary, c.cluster.spec?.resourceModels),
    );
  }

  /** Estimated free replicas of the template on a cluster (calAvailableReplicas). */
  allocatable(c: IndexedCluster, w: Workload): number {
    // Karmada util.go calAvailableReplicas skips estimation for templates without replicas.
    if (w.replicas === 0) return maxInt32;
    let table = this.#estimates.get(w.requirementsKey);
    if (table === undefined) {
      table = new Int32Array(this.#capacities.length).fill(-1);
      this.#estimates.set(w.requirementsKey, table);
    }
    let v = table[c.index] ?? -1;
    if (v < 0) {
      v = estimateReplicas(this.#capacities[c.index], w.requirements);
      table[c.index] = v;
    }
    return v;
  }

  /** The feasible clusters ranked (score, available replicas, name), with history applied. */
  rank(f: Feasibility, w: Workload, history: History): readonly Candidate[] {
    const root = f.base ?? f;
    const key = `${root.key}|${w.requirementsKey}|${w.replicas === 0 ? 'none' : 'some'}`;
    let base = this.#ranked.get(key);
    if (base === undefined) {
      base = root.feasible.map((c) => this.#candidate(c, w, 0, 0)).sort(compareCandidates);
      this.#ranked.set(key, base);
    }
    if (history.previous.size === 0 && history.evicting.size === 0) return base;
    const held: Candidate[] = [];
    for (const c of f.feasible) {
      const replicas = history.previous.get(c.name);
      if (replicas !== undefined) held.push(this.#candidate(c, w, maxClusterScore, replicas));
    }
    // Clusters outside the history keep their history-free rank; held clusters (score 100) go first.
    const rest = base.filter((c) => !history.previous.has(c.name) && !history.evicting.has(c.name));
    return held.length === 0 ? rest : [...held.sort(compareCandidates), ...rest];
  }

  #candidate(c: IndexedCluster, w: Workload, score: number, assigned: number): Candidate {
    const allocatable = this.allocatable(c, w);
    return { cluster: c, name: c.name, score, available: allocatable + assigned, allocatable };
  }
}

/** The ClusterLocality score summary of a feasibility under a history. */
export function scoreSummary(f: Feasibility, history: History): ScoreSummary {
  const scored = f.feasible
    .filter((c) => history.previous.has(c.name))
    .map((c) => ({ cluster: c.name, score: maxClusterScore }));
  return { plugin: 'ClusterLocality', feasible: f.feasible.length, scored };
}
