/**
 * The wave plan of a revision (what `flotilla rollout plan` and, later, the pull-request preview
 * show): per strategy, the templates it stages and which of the clusters they are placed on each
 * wave covers, with its bake and how many clusters may take a change at once.
 */
import { compareStrings, type Fleet, type JsonObject } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { clusterOfWork, isStaged } from './manifests-in-force.ts';
import { assignWaves, concurrencyOf } from './waves.ts';

/** One wave of the plan. */
export interface PlannedWave {
  readonly name: string;
  readonly clusters: readonly string[];
  readonly bakeSeconds: number;
  /** Clusters that may take a change at once (maxConcurrentClusters over this wave's size). */
  readonly concurrency: number;
}

/** One strategy's plan; `templates` as `Kind/name`, sorted. */
export interface WavePlan {
  readonly namespace: string;
  readonly name: string;
  readonly templates: readonly string[];
  readonly waves: readonly PlannedWave[];
}

/** The wave plan of every strategy of the fleet over the plan's Works, sorted by namespace and name (as Fleet.rollouts). */
export function wavePlans(fleet: Fleet, works: readonly Work[]): WavePlan[] {
  const inventory = fleet.clusters.map((c) => c.object);
  return (fleet.rollouts ?? []).map(({ spec }) => {
    const staged = works.filter((w) => isStaged(spec, w));
    const templates = new Set(staged.flatMap((w) => w.spec.workload.manifests.map(templateName)));
    const scope = [...new Set(staged.map(clusterOfWork))];
    const waves = assignWaves(spec, scope, inventory).map((w) => ({
      name: w.name,
      clusters: w.clusters,
      bakeSeconds: w.bakeSeconds,
      concurrency: Math.min(concurrencyOf(w.maxConcurrent, w.clusters.length), w.clusters.length),
    }));
    return { namespace: spec.namespace, name: spec.name, templates: [...templates].sort(compareStrings), waves };
  });
}

function templateName(m: JsonObject): string {
  const meta = m['metadata'];
  const name = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta['name'] : undefined;
  return `${String(m['kind'])}/${String(name)}`;
}
