/**
 * Cluster selection under spread constraints (Karmada spreadconstraint/select_clusters*.go). Input
 * clusters arrive ranked by compareCandidates; the result keeps Karmada's order, which division reads.
 */
import type { Candidate, StepFailure } from '../candidate.ts';
import { compareCandidates } from '../candidate.ts';
import { spreadFor } from '../placement.ts';
import type { NormalSpread, PlacementView } from '../placement.ts';
import type { RankedCluster, SelectionExplanation } from '../types.ts';
import { groupScore } from './group-score.ts';
import { selectGroups } from './select-groups.ts';

/** A successful selection. */
export interface Selection {
  readonly ok: true;
  readonly clusters: readonly Candidate[];
  readonly explanation: SelectionExplanation;
}

/**
 * SelectBestClusters: all clusters without spread constraints (or when static weights ignore them);
 * otherwise by region when a region constraint exists, else by cluster. Zone, provider and label
 * constraints alone only filter: Karmada rejects them here ("just support cluster and region").
 */
export function selectClusters(
  ranked: readonly Candidate[],
  view: PlacementView,
  replicas: number,
): Selection | StepFailure {
  if (view.spread.length === 0 || view.ignoreSpread) {
    const reason = view.spread.length === 0 ? 'NoSpreadConstraints' : 'StaticWeightIgnoresSpread';
    return { ok: true, clusters: ranked, explanation: { kind: 'All', reason, count: ranked.length } };
  }
  const duplicated = view.strategy === 'Duplicated';
  const region = spreadFor(view.spread, 'region');
  const cluster = spreadFor(view.spread, 'cluster');
  if (region !== undefined) return selectByRegion(ranked, region, cluster, { duplicated, replicas });
  if (cluster !== undefined) return selectByCluster(ranked, cluster, duplicated ? null : replicas);
  return fail('just support cluster and region spread constraint');
}

function fail(message: string): StepFailure {
  return { ok: false, reason: 'SchedulerError', message: `failed to select clusters: ${message}` };
}

/** selectBestClustersByCluster: the top maxGroups clusters, swapping in roomier ones when short of replicas. */
function selectByCluster(
  ranked: readonly Candidate[],
  c: NormalSpread,
  needReplicas: number | null,
): Selection | StepFailure {
  if (ranked.length < c.minGroups)
    return fail('the number of feasible clusters is less than spreadConstraint.MinGroups');
  const needCnt = Math.min(ranked.length, c.maxGroups);
  // Duplicated takes the first needCnt as they are: with maxGroups unset (0) that is none, and
  // assignment then fails ("no clusters available to schedule").
  const selected =
    needReplicas === null ? ranked.slice(0, needCnt) : selectByAvailableResource(ranked, needCnt, needReplicas);
  if (needReplicas !== null && selected.length === 0)
    return fail(`no enough resource when selecting ${needCnt} clusters`);
  return {
    ok: true,
    clusters: selected,
    explanation: {
      kind: 'ByCluster',
      minGroups: c.minGroups,
      maxGroups: c.maxGroups,
      needReplicas,
      selected: rankedOf(selected),
    },
  };
}

/**
 * selectClustersByAvailableResource: take the first `count`; while they cannot hold `need` replicas,
 * replace them from the last upwards with the remaining cluster of most (strictly more) capacity.
 * Example, count 2, need 80, ranked member1 40, member2 30, member3 60 → member1, member3.
 */
function selectByAvailableResource(ranked: readonly Candidate[], count: number, need: number): Candidate[] {
  const chosen = ranked.slice(0, count);
  const rest = ranked.slice(count);
  const enough = (): boolean => chosen.reduce((s, c) => s + c.available, 0) >= need;
  for (let i = chosen.length - 1; !enough() && i >= 0; i--) {
    const current = chosen[i] as Candidate;
    let best = -1;
    let bestAvailable = current.available;
    rest.forEach((r, j) => {
      if (r.available > bestAvailable) {
        best = j;
        bestAvailable = r.available;
      }
    });
    if (best < 0) continue;
    chosen[i] = rest[best] as Candidate;
    rest[best] = current;
  }
  return enough() ? chosen : [];
}

/** selectBestClustersByRegion: group the ranked clusters by region, score the regions, then pick. */
function selectByRegion(
  ranked: readonly Candidate[],
  region: NormalSpread,
  cluster: NormalSpread | undefined,
  opts: { readonly duplicated: boolean; readonly replicas: number },
): Selection | StepFailure {
  const byRegion = new Map<string, Candidate[]>();
  for (const c of ranked) {
    const list = byRegion.get(c.cluster.region);
    if (list === undefined) byRegion.set(c.cluster.region, [c]);
    else list.push(c);
  }
  const scoreInput = { ...opts, minGroups: region.minGroups, clusterMinGroups: cluster?.minGroups ?? 0 };
  const regions = [...byRegion.keys()].sort().map((name) => {
    const clusters = byRegion.get(name) ?? [];
    return { name, score: groupScore(clusters, scoreInput), clusters };
  });
  const picked = selectFromRegions(regions, region, cluster);
  if (!picked.ok) return picked;
  return {
    ok: true,
    clusters: picked.selected,
    explanation: {
      kind: 'ByRegion',
      regions: regions.map((g) => ({ name: g.name, score: g.score, clusters: g.clusters.length })),
      selectedRegions: picked.regions.toSorted(),
      selected: rankedOf(picked.selected),
    },
  };
}

/** A region: its clusters in rank order (compareCandidates) and its group score. */
export interface ScoredRegion {
  readonly name: string;
  readonly score: number;
  readonly clusters: readonly Candidate[];
}

/**
 * The pick of selectBestClustersByRegion once regions are scored: regions by DFS (selectGroups),
 * the best cluster of each, then the others by rank up to the cluster constraint's maxGroups.
 */
export function selectFromRegions(
  regions: readonly ScoredRegion[],
  region: NormalSpread,
  cluster: NormalSpread | undefined,
): { readonly ok: true; readonly regions: readonly string[]; readonly selected: Candidate[] } | StepFailure {
  if (regions.length < region.minGroups)
    return fail('the number of feasible region is less than spreadConstraint.MinGroups');
  const groups = regions.map((r) => ({ name: r.name, value: r.clusters.length, weight: r.score }));
  const chosen = selectGroups(groups, region.minGroups, region.maxGroups, cluster?.minGroups ?? 0);
  if (chosen.length === 0) return fail('the number of clusters is less than the cluster spreadConstraint.MinGroups');
  const byName = new Map(regions.map((r) => [r.name, r.clusters]));
  const selected: Candidate[] = [];
  const pool: Candidate[] = [];
  for (const g of chosen) {
    const [first, ...others] = byName.get(g.name) ?? [];
    if (first !== undefined) selected.push(first);
    pool.push(...others);
  }
  const restCnt = Math.min(pool.length + selected.length, cluster?.maxGroups ?? 0) - selected.length;
  if (restCnt > 0) selected.push(...pool.sort(compareCandidates).slice(0, restCnt));
  return { ok: true, regions: chosen.map((g) => g.name), selected };
}

function rankedOf(list: readonly Candidate[]): RankedCluster[] {
  return list
    .map((c) => ({ cluster: c.name, score: c.score, availableReplicas: c.available }))
    .sort((a, b) => (a.cluster < b.cluster ? -1 : 1));
}
