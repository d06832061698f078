/**
 * Gather, then decide (B3): read a revision of the fleet repo, observe its Clusters on the
 * members, and plan with the observed status, so real capacity and served APIs drive scheduling.
 */
import path from 'node:path';
import { stableHash, type Cluster, type Fleet } from '../api/index.ts';
import { readRef } from '../git/index.ts';
import { createInterpreter, InterpreterScriptError } from '../interpreter/index.ts';
import { loadFleet, type Snapshot } from '../load/index.ts';
import { planFleet, type Plan } from '../plan/index.ts';
import { readDirectory } from '../source/index.ts';
import type { Observation } from './cluster-status.ts';
import { readPlacement } from './observe-placement.ts';
import { observeClusters, type ObserveOptions } from './observe.ts';

/** A loaded revision: the fleet, its diagnostics, and the revision label. */
export interface LoadedRevision {
  readonly fleet: Fleet;
  readonly diagnostics: ReturnType<typeof loadFleet>['diagnostics'];
  readonly revision: string;
}

/**
 * Reads the working tree of `repo` (or `ref` of it). A working tree's revision is labelled by
 * a hash of its files, so that two different trees never carry the same `flotilla.io/revision`.
 */
export async function loadRevision(repo: string, ref: string | undefined, cwd: string): Promise<LoadedRevision> {
  const dir = path.resolve(cwd, repo);
  const snapshot: Snapshot = ref ? await readRef(dir, ref) : await readDirectory(dir);
  const revision = ref ? snapshot.revision : `${snapshot.revision}-${stableHash(snapshot.files.map((f) => `${f.path}\u0000${new TextDecoder().decode(f.bytes)}`).join('\u0000'))}`;
  const { fleet, diagnostics } = loadFleet({ ...snapshot, revision });
  return { fleet, diagnostics, revision };
}

/** The fleet's Cluster objects. */
export function fleetClusters(fleet: Fleet): Cluster[] {
  return fleet.clusters.map((c) => c.object);
}

/** How to plan with observed members. */
export interface PlanObservedOptions extends ObserveOptions {
  /**
   * Read the previous placement back from the reachable members' objects (observe-placement.ts):
   * for a stateless apply, which has no status branch, so that applying an unchanged revision
   * again keeps each workload's replicas where they are.
   */
  readonly previousFromMembers: boolean;
}

/** Observes the members, overlays their status onto the fleet's Clusters, and plans. */
export async function planObserved(loaded: LoadedRevision, opts: PlanObservedOptions): Promise<{ plan: Plan; clusters: Cluster[]; observations: Observation[] }> {
  const observed = await observeClusters(fleetClusters(loaded.fleet), opts);
  const byName = new Map(observed.clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const fleet: Fleet = { ...loaded.fleet, clusters: loaded.fleet.clusters.map((l) => ({ ...l, object: byName.get(l.object.metadata.name ?? '') ?? l.object })) };
  const previous = opts.previousFromMembers ? await previousOnMembers(loaded, observed.clusters.filter((c) => observed.observations.some((o) => o.kind === 'reachable' && o.cluster === c.metadata.name)), opts) : undefined;
  const plan = planFleet({ fleet, diagnostics: loaded.diagnostics, revision: loaded.revision, ...(previous ? { previous: previous.previous, applied: previous.applied } : {}) });
  return { plan, clusters: observed.clusters, observations: observed.observations };
}

/** The placement the workloads of this revision have on the reachable members. */
async function previousOnMembers(loaded: LoadedRevision, reachable: readonly Cluster[], opts: ObserveOptions): ReturnType<typeof readPlacement> {
  const interpreter = createInterpreter(loaded.fleet.customizations);
  const replicasOf = (o: Parameters<typeof interpreter.getReplicas>[0]): number | undefined => {
    try {
      return interpreter.getReplicas(o).replicas;
    } catch (err) {
      if (err instanceof InterpreterScriptError) return undefined; // the plan reports the script's error against the template
      throw err;
    }
  };
  const workloads = loaded.fleet.templates.map((t) => t.object).filter((t) => (replicasOf(t) ?? 0) > 0);
  return readPlacement(workloads, reachable, { ...opts, replicasOf });
}

/** Plans from git alone (no observation). */
export function planUnobserved(loaded: LoadedRevision): Plan {
  return planFleet({ fleet: loaded.fleet, diagnostics: loaded.diagnostics, revision: loaded.revision });
}
