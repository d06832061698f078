/**
 * Estimation by cluster resource models (Karmada general.go getMaximumReplicasBasedOnResourceModels):
 * each grade with a node count in `allocatableModelings` becomes that many identical virtual nodes
 * whose capacity is the grade's range minimums and 110 pods; replicas are packed first-fit.
 *
 * With one-replica components first-fit fills every node to its limit, so the count is, per node,
 * min(110, min over requested resources of ⌊capacity / request⌋), summed over nodes. Example: grade 1
 * {cpu min 2, memory min 4Gi} × 3 nodes, request cpu 500m / memory 1Gi → min(4, 4) = 4 per node → 12.
 */
import { parseMilli } from '../api/index.ts';
import type { AllocatableModeling, ResourceList, ResourceModel } from '../api/index.ts';

/** Pods per virtual node (general.go maxPodsCountPerNode). */
const podsPerNode = 110n;

/** Virtual nodes: per grade, the node capacity (in estimator units) and the node count. */
export type ModelNodes = readonly { readonly capacity: ReadonlyMap<string, bigint>; readonly count: bigint }[];

/**
 * Builds the virtual nodes, or undefined when models cannot be used (no resourceModels, a negative
 * count): Karmada then falls back to the resource summary.
 */
export function parseResourceModels(
  models: readonly ResourceModel[] | undefined,
  modelings: readonly AllocatableModeling[],
): ModelNodes | undefined {
  if (models === undefined || models.length === 0) return undefined;
  const counts = new Map<number, bigint>();
  for (const m of modelings) {
    if (m.count < 0) return undefined;
    counts.set(m.grade, (counts.get(m.grade) ?? 0n) + BigInt(m.count));
  }
  const out: { capacity: Map<string, bigint>; count: bigint }[] = [];
  for (const model of models.toSorted((a, b) => a.grade - b.grade)) {
    const count = counts.get(model.grade) ?? 0n;
    if (count === 0n) continue;
    const capacity = new Map<string, bigint>();
    for (const r of model.ranges) capacity.set(r.name, toEstimatorUnits(r.name, r.min));
    out.push({ capacity, count });
  }
  return out;
}

/** Replicas that fit on the virtual nodes (SchedulingSimulator with one-replica components). */
export function replicasFromModels(nodes: ModelNodes, request: ResourceList): bigint {
  const required: [string, bigint][] = [];
  for (const key of Object.keys(request)) {
    if (!countsInModels(key)) continue;
    const v = toEstimatorUnits(key, request[key] ?? 0);
    if (v > 0n) required.push([key, v]);
  }
  let total = 0n;
  for (const node of nodes) {
    let perNode = podsPerNode;
    for (const [key, need] of required) {
      const n = (node.capacity.get(key) ?? 0n) / need;
      if (n < perNode) perNode = n;
    }
    total += perNode * node.count;
  }
  return total;
}

/** util.Resource units: CPU in milli-units, everything else in whole units rounded up. */
function toEstimatorUnits(name: string, q: string | number): bigint {
  const m = parseMilli(q) ?? 0n;
  if (name === 'cpu') return m;
  return m >= 0n ? (m + 999n) / 1000n : -(-m / 1000n);
}

/** util.Resource.Add keeps cpu, memory, ephemeral-storage and scalar (extended, hugepages…) resources. */
function countsInModels(name: string): boolean {
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage') return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}
