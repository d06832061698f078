/**
 * Gather, then decide (B3): with a revision of the fleet repo loaded (cli/load-revision.ts),
 * observe its Clusters on the members and plan with the observed status, so real capacity and
 * served APIs drive scheduling.
 */
import type { Cluster, Fleet } from '../api/index.ts';
import { createInterpreter, InterpreterScriptError } from '../interpreter/index.ts';
import { planLoaded, type LoadedRevision, type Plan } from '../plan/index.ts';
import type { Observation } from './cluster-status.ts';
import { readPlacement } from './observe-placement.ts';
import { observeClusters, type ObserveOptions } from './observe.ts';

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
export async function planObserved(
  loaded: LoadedRevision,
  opts: PlanObservedOptions,
): Promise<{ plan: Plan; clusters: Cluster[]; observations: Observation[] }> {
  const observed = await observeClusters(fleetClusters(loaded.fleet), opts);
  const byName = new Map(observed.clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const fleet: Fleet = {
    ...loaded.fleet,
    clusters: loaded.fleet.clusters.map((l) => ({
      ...l,
      object: byName.get(l.object.metadata.name ?? '') ?? l.object,
    })),
  };
  const previous = opts.previousFromMembers
    ? await previousOnMembers(
        loaded,
        observed.clusters.filter((c) =>
          observed.observations.some((o) => o.kind === 'reachable' && o.cluster === c.metadata.name),
        ),
        opts,
      )
    : undefined;
  const plan = planLoaded(loaded, {
    fleet,
    previous: previous !== undefined ? { placement: previous.previous, applied: previous.applied } : undefined,
  });
  return { plan, clusters: observed.clusters, observations: observed.observations };
}

/** The placement the workloads of this revision have on the reachable members. */
async function previousOnMembers(
  loaded: LoadedRevision,
  reachable: readonly Cluster[],
  opts: ObserveOptions,
): ReturnType<typeof readPlacement> {
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
  return planLoaded(loaded);
}
