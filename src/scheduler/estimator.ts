/**
 * Karmada's general replica estimator (pkg/estimator/client/general.go): how many more replicas of
 * a template a cluster can take, from `status.resourceSummary` and, when present, resource models.
 *
 * Worked example (requests cpu 500m, memory 256Mi; allocatable cpu 32 / pods 220, allocated cpu 22 /
 * pods 20): pods allow 200, cpu allows (32000m − 22000m) / 500m = 20, memory allows more, so 20.
 */
import { parseMilli } from '../api/index.ts';
import type { ReplicaRequirements, ResourceList, ResourceSummary } from '../api/index.ts';
import { parseResourceModels, replicasFromModels } from './resource-models.ts';
import type { ModelNodes } from './resource-models.ts';

/** Int32 ceiling Karmada's TargetCluster.Replicas can hold. */
export const maxInt32 = 2147483647;

/** A cluster's capacity, parsed once. */
export interface ParsedCapacity {
  /** allocatable − allocated − allocating pods, floored at 0 (getAllowedPodNumber). */
  readonly allowedPods: bigint;
  readonly summary: ResourceSummary;
  /** Nodes modelled from spec.resourceModels × allocatableModelings, or undefined when not usable. */
  readonly models: ModelNodes | undefined;
}

/** Parses a cluster's capacity; undefined when it has no resourceSummary (it can take nothing). */
export function parseCapacity(
  summary: ResourceSummary | undefined,
  resourceModels: Parameters<typeof parseResourceModels>[0],
): ParsedCapacity | undefined {
  if (summary === undefined) return undefined;
  const pods = (list: ResourceList | undefined): bigint => units(list?.['pods']);
  let allowedPods = pods(summary.allocatable) - pods(summary.allocated) - pods(summary.allocating);
  if (allowedPods < 0n) allowedPods = 0n;
  const models =
    (summary.allocatableModelings?.length ?? 0) > 0
      ? parseResourceModels(resourceModels, summary.allocatableModelings ?? [])
      : undefined;
  return { allowedPods, summary, models };
}

/**
 * The maximum number of replicas the cluster can take (GeneralEstimator.maxAvailableReplicas):
 * 0 without a resourceSummary; the free pod count without requirements; otherwise the smaller of
 * the free pod count and the model-based (CustomizedClusterResourceModeling, on by default) or
 * summary-based estimate.
 */
export function estimateReplicas(cap: ParsedCapacity | undefined, req: ReplicaRequirements | undefined): number {
  if (cap === undefined || cap.allowedPods <= 0n) return 0;
  let max = cap.allowedPods;
  if (req !== undefined) {
    const byModels = cap.models === undefined ? undefined : replicasFromModels(cap.models, req.resourceRequest ?? {});
    const bound = byModels ?? replicasFromSummary(cap.summary, req.resourceRequest ?? {});
    if (bound < max) max = bound;
  }
  return max > BigInt(maxInt32) ? maxInt32 : Number(max);
}

/**
 * getMaximumReplicasBasedOnClusterSummary: for each requested resource with a positive whole-unit
 * value, free = allocatable − allocated − allocating; a resource the cluster does not list, or with
 * nothing free, allows 0. CPU divides in milli-units, every other resource in whole units (rounded up,
 * as Quantity.Value does).
 */
export function replicasFromSummary(s: ResourceSummary, request: ResourceList): bigint {
  let max: bigint | undefined;
  for (const key of Object.keys(request)) {
    const reqMilli = parseMilli(request[key] ?? 0) ?? 0n;
    if (ceilUnits(reqMilli) <= 0n) continue;
    const allocatable = s.allocatable?.[key];
    if (allocatable === undefined) return 0n;
    const free = milli(allocatable) - milli(s.allocated?.[key]) - milli(s.allocating?.[key]);
    if (ceilUnits(free) <= 0n) return 0n;
    const n = key === 'cpu' ? free / reqMilli : ceilUnits(free) / ceilUnits(reqMilli);
    if (max === undefined || n < max) max = n;
  }
  return max ?? BigInt(Number.MAX_SAFE_INTEGER);
}

function milli(q: string | number | undefined): bigint {
  return q === undefined ? 0n : (parseMilli(q) ?? 0n);
}

function units(q: string | number | undefined): bigint {
  return ceilUnits(milli(q));
}

/** Quantity.Value(): whole units, rounding up. */
function ceilUnits(m: bigint): bigint {
  return m >= 0n ? (m + 999n) / 1000n : -(-m / 1000n);
}

/** A canonical key of requirements for memoising estimates: `nil` when absent. */
export function requirementsKey(req: ReplicaRequirements | undefined): string {
  if (req === undefined) return 'nil';
  const r = req.resourceRequest ?? {};
  return Object.keys(r)
    .sort()
    .map((k) => `${k}=${String(r[k])}`)
    .join(',');
}
