/**
 * A change of the clusters' observed capacity alone (`status.resourceSummary`, `nodeSummary`),
 * which an apply causes on the next observation as pods come and go. The scheduler reads it only
 * to estimate free replicas, which Karmada skips for a template without replicas (util.go
 * calAvailableReplicas; src/scheduler/ranking.ts), so only the templates with replicas need
 * planning again.
 */
import type { Cluster, Fleet, Loaded, ResourceKey } from '../api/index.ts';
import { resourceKeyOf } from '../api/index.ts';
import { createInterpreter, InterpreterScriptError } from '../interpreter/index.ts';
import { sameList } from './reuse-inputs.ts';

/** How the clusters of two fleets differ: not at all, in observed capacity only, or otherwise. */
export function clusterChange(a: Fleet, b: Fleet): 'none' | 'capacity' | 'other' {
  if (sameList(a.clusters, b.clusters)) return 'none';
  return sameList(a.clusters.map(withoutCapacity), b.clusters.map(withoutCapacity)) ? 'capacity' : 'other';
}

/** The head templates whose schedule reads capacity: those with replicas (or whose replicas a script fails to read). */
export function capacityReaders(fleet: Fleet): Set<ResourceKey> {
  const interpreter = createInterpreter(fleet.customizations);
  const out = new Set<ResourceKey>();
  for (const t of fleet.templates) {
    let replicas: number;
    try {
      replicas = interpreter.getReplicas(t.object).replicas;
    } catch (err) {
      if (!(err instanceof InterpreterScriptError)) throw err;
      replicas = 1; // the plan reports the script's error; re-planning it errs on the safe side
    }
    if (replicas !== 0) out.add(resourceKeyOf(t.object));
  }
  return out;
}

function withoutCapacity(l: Loaded<Cluster>): Loaded<Cluster> {
  const status = l.object.status;
  if (status === undefined) return l;
  const { resourceSummary: _summary, nodeSummary: _nodes, ...rest } = status;
  return { ...l, object: { ...l.object, status: rest } };
}
