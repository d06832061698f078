/**
 * Gather for `flotilla simulate` and `explain --fail` (B3): the revision, and what the status
 * branch knows when the repo has one (the observed capacity of each cluster from its latest
 * report, the controller's taints, the recorded placement and eviction tasks), then the plan the
 * simulation starts from. Without a status branch, the repo's `Cluster.status` is the capacity.
 */
import path from 'node:path';
import type { Cluster, Fleet } from '../api/index.ts';
import { observeClusters, type ObserveOptions } from '../cluster/observe.ts';
import { fleetWithClusterState, observedClusters, placementHistory } from '../controller/failover-input.ts';
import { findGitDir, localStore, openLocal, tryResolve } from '../git/index.ts';
import { loadSnapshot, planLoaded, type Plan } from '../plan/index.ts';
import { readRevision, repoRevision } from '../source/index.ts';
import { createStatusReader, readClusterReports } from '../writeback/index.ts';

/** The plan a simulation starts from, the inventory it was made with, and where the capacity came from. */
export interface SimulationBase {
  readonly plan: Plan;
  readonly clusters: readonly Cluster[];
  /** `status branch flotilla-status (abc1234)`, or `the repo's Cluster.status`. */
  readonly capacityFrom: string;
}

/**
 * Reads `repo` (or `ref` of it) and its status branch, and plans the revision as the controller
 * would now; with `observe`, the members' live status (capacity) replaces the recorded one, as the
 * controller's own pass observes it.
 */
export async function loadSimulationBase(
  repo: string,
  ref: string | undefined,
  cwd: string,
  observe?: ObserveOptions,
): Promise<SimulationBase> {
  const dir = path.resolve(cwd, repo);
  const loaded = loadSnapshot(await readRevision(repoRevision(repo, ref, cwd)));
  const { fleet, diagnostics } = loaded;
  const recorded = await statusBranchState(dir, fleet);
  let planned = recorded?.fleet ?? fleet;
  let capacityFrom = recorded?.label ?? "the repo's Cluster.status";
  if (observe && !diagnostics.some((d) => d.severity === 'error')) {
    const observed = await observeClusters(
      planned.clusters.map((c) => c.object),
      observe,
    );
    const byName = new Map(observed.clusters.map((c) => [c.metadata.name ?? '', c] as const));
    planned = {
      ...planned,
      clusters: planned.clusters.map((l) => ({ ...l, object: byName.get(l.object.metadata.name ?? '') ?? l.object })),
    };
    const reachable = observed.observations.filter((o) => o.kind === 'reachable').length;
    capacityFrom = `the members (${reachable} of ${observed.observations.length} reachable; ${recorded ? 'placement and taints from the status branch' : 'no status branch'})`;
  }
  const history = recorded?.history;
  const plan = planLoaded(loaded, {
    fleet: planned,
    ...(history
      ? { previous: { placement: history.previous, applied: history.applied }, evictions: history.evictions }
      : {}),
    works: 'none',
  });
  return { plan, clusters: planned.clusters.map((c) => c.object), capacityFrom };
}

/** The fleet with the status branch's observations and taints, and the recorded placement; undefined without a status branch. */
async function statusBranchState(
  dir: string,
  fleet: Fleet,
): Promise<{ fleet: Fleet; history: ReturnType<typeof placementHistory>; label: string } | undefined> {
  const gitdir = await findGitDir(dir);
  if (!gitdir) return undefined;
  const store = localStore(openLocal(gitdir), dir);
  const branch = fleet.settings.statusBranch;
  const tip =
    (await tryResolve(store.repo, `refs/heads/${branch}`)) ??
    (await tryResolve(store.repo, `refs/remotes/origin/${branch}`));
  if (!tip) return undefined;
  const reader = createStatusReader(store);
  const memory = await reader.failoverState(tip);
  const reports = await readClusterReports(store, tip);
  const inventory = fleet.clusters.map((c) => c.object);
  const withState = fleetWithClusterState(fleet, observedClusters(inventory, [], reports), memory.clusters);
  return {
    fleet: withState,
    history: placementHistory(memory.bindings),
    label: `status branch ${branch} (${tip.slice(0, 7)}): placement and taints; capacity observed for ${reports.filter((r) => r.status).length} cluster(s), the repo's Cluster.status for the others`,
  };
}
