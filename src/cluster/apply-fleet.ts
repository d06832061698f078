/**
 * Applying a plan to the fleet: every Cluster of the revision is reconciled (also those the plan
 * no longer places anything on, so their stale objects are pruned), with bounded concurrency
 * across members; a slow or dead member never holds the others (R6). Results are sorted by cluster.
 */
import {
  compareStrings,
  conflictResolutionAnnotation,
  executionNamespacePrefix,
  type Cluster,
  type KubeObject,
  type Placement,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import type { WorkDispatch } from '../render/index.ts';
import { desiredOf, type Desired } from './apply-staged.ts';
import { mapLimit } from './concurrency.ts';
import { formatObjectId } from './object-id.ts';
import { placementsOn } from './placement-record.ts';
import { reconcileCluster, type ClusterReconcileOptions, type ClusterResult } from './reconcile-cluster.ts';

/** The parts of a Work apply reads: its member (namespace), manifests and dispatch (render/dispatch.ts). */
export interface WorkToApply {
  readonly metadata: { readonly namespace: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly workload: { readonly manifests: readonly unknown[] };
    readonly suspendDispatching?: boolean;
    readonly preserveResourcesOnDeletion?: boolean;
  };
}

/** The dispatch a Work states; a Work without the conflict annotation aborts, as Karmada's objectwatcher does. */
function dispatchOf(w: WorkToApply): WorkDispatch {
  return {
    suspendDispatching: w.spec.suspendDispatching === true,
    preserveResourcesOnDeletion: w.spec.preserveResourcesOnDeletion === true,
    conflictResolution: w.metadata.annotations?.[conflictResolutionAnnotation] === 'Overwrite' ? 'Overwrite' : 'Abort',
  };
}

/** The parts of a plan apply reads: Works carry each member's final manifests. */
export interface PlanToApply {
  readonly revision: string;
  readonly works: readonly WorkToApply[];
  readonly clusters: readonly Cluster[];
  /**
   * The bindings' placements, recorded with each member's inventory so that a later stateless
   * apply can read them back (placement-record.ts). A stateless apply passes them; the controller,
   * which keeps them on the status branch, does not.
   */
  readonly placements?: readonly {
    readonly key: ResourceKey;
    readonly clusters: readonly TargetCluster[];
    readonly placement: Placement | undefined;
  }[];
}

/** Options of a fleet apply. */
export interface FleetApplyOptions extends Omit<ClusterReconcileOptions, 'revision' | 'placedInFleet' | 'placements'> {
  readonly clusterConcurrency: number;
}

/** The fleet's result: one entry per Cluster, sorted by name. */
export interface FleetApplyResult {
  readonly revision: string;
  readonly dryRun: boolean;
  readonly clusters: readonly ClusterResult[];
}

/** The manifests of each member, from the Works in `karmada-es-<cluster>`; one per object id. */
export function desiredByCluster(works: PlanToApply['works']): Map<string, Desired[]> {
  const out = new Map<string, Map<string, Desired>>();
  for (const w of works) {
    const ns = w.metadata.namespace;
    if (!ns.startsWith(executionNamespacePrefix)) continue;
    const cluster = ns.slice(executionNamespacePrefix.length);
    const items = out.get(cluster) ?? new Map<string, Desired>();
    const dispatch = dispatchOf(w);
    for (const m of w.spec.workload.manifests) {
      const d = { ...desiredOf(m as KubeObject), dispatch };
      items.set(formatObjectId(d.id), d);
    }
    out.set(cluster, items);
  }
  return new Map(
    [...out].map(([c, items]) => [c, [...items.keys()].sort(compareStrings).map((k) => items.get(k) as Desired)]),
  );
}

/** Applies the plan to every Cluster. Never throws for a member's failure; see each result. */
export async function applyFleet(plan: PlanToApply, opts: FleetApplyOptions): Promise<FleetApplyResult> {
  const byCluster = desiredByCluster(plan.works);
  const clusters = plan.clusters.toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  // Every Work counts, also those of clusters not applied in this call (unreachable, other shards' members).
  const placedInFleet = new Set([...byCluster.values()].flatMap((items) => items.map((d) => formatObjectId(d.id))));
  const results = await mapLimit(clusters, opts.clusterConcurrency, (c) =>
    reconcileCluster(c, byCluster.get(c.metadata.name ?? '') ?? [], {
      ...opts,
      revision: plan.revision,
      placedInFleet,
      placements: placementsOn(c.metadata.name ?? '', plan.placements ?? []),
    }),
  );
  return { revision: plan.revision, dryRun: opts.dryRun, clusters: results };
}
