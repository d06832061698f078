/**
 * Kubernetes' replica calculator for Resource metrics (pkg/controller/podautoscaler/replica_calculator.go:
 * GetResourceReplicas for a Utilization target, GetRawResourceReplicas/calcPlainMetricReplicas for an
 * AverageValue target), over the pods of every member, as Karmada's FederatedHPA runs it.
 *
 * Worked example (replica_calculator_test.go TestReplicaCalcScaleUp): 3 pods requesting 1 cpu each use
 * 300m, 500m and 700m; target 30% → utilization 50%, ratio 50/30 = 1.67, ceil(1.67 × 3) = 5 replicas.
 *
 * Karmada's one change (pkg/controllers/federatedhpa/replica_calculator.go): the count is divided by a
 * calibration, the replicas the read members run over the template's replicas. Divided over reachable
 * members it is 1; Duplicated over 3 members it is 3 (each runs the whole total); with a member of a
 * Divided 3/3 unreadable it is 3/6, so the pods that were read stand for the whole total.
 */
import { groupPods, type PodGroups, type PodObservation, podKey } from './pods.ts';

/** Kubernetes' default tolerance (--horizontal-pod-autoscaler-tolerance). */
export const defaultTolerance = 0.1;

/** The outcome of one metric: a replica count with the metric's value, or why none could be computed. */
export type MetricReplicas =
  | {
      readonly kind: 'Replicas';
      readonly replicas: number;
      /** Utilization (percent) for a Utilization target; the average in milli-units otherwise. */
      readonly value: number;
      /** The average usage in milli-units over the pods with samples. */
      readonly averageMilli: number;
    }
  | { readonly kind: 'Invalid'; readonly reason: string; readonly message: string };

function withinTolerance(ratio: number, tolerance: number): boolean {
  return Math.abs(1.0 - ratio) <= tolerance;
}

function invalid(reason: string, message: string): MetricReplicas {
  return { kind: 'Invalid', reason, message };
}

/** metricsclient.GetResourceUtilizationRatio: integer utilization of the pods that have a request. */
function utilizationRatio(
  samples: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; average: number } | undefined {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [key, value] of samples) {
    const request = requests.get(key);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return undefined;
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, average: Math.trunc(metricsTotal / entries) };
}

/** The samples of a resource from the pods that have one, by pod key. */
function samplesOf(pods: readonly PodObservation[], resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const v = pod.usage?.milli[resource];
    if (v !== undefined) out.set(podKey(pod), v);
  }
  return out;
}

/** The pods' groups and the samples that count (ignored and unready pods' removed), or why there are none. */
function countedSamples(
  pods: readonly PodObservation[],
  resource: string,
  now: number,
): { groups: PodGroups; samples: Map<string, number> } | MetricReplicas {
  if (pods.length === 0) return invalid('FailedGetResourceMetric', 'no pods returned by selector');
  const groups = groupPods(pods, resource, now);
  const samples = samplesOf(pods, resource);
  for (const k of [...groups.ignored, ...groups.unready]) samples.delete(k);
  if (samples.size === 0) return invalid('FailedGetResourceMetric', 'did not receive metrics for targeted pods');
  return { groups, samples };
}

/**
 * The count from the second estimate, unless it reverses the first or moves against it (then the current
 * count); `sampled` is the pods counted divided by the calibration.
 */
function secondEstimate(current: number, ratio: number, newRatio: number, sampled: number, tolerance: number): number {
  if (directionFlips(ratio, newRatio, tolerance)) return current;
  const replicas = Math.ceil(newRatio * sampled);
  return (newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current) ? current : replicas;
}

/** True when the second estimate reverses or cancels the first (the calculator then keeps the current count). */
function directionFlips(ratio: number, newRatio: number, tolerance: number): boolean {
  return withinTolerance(newRatio, tolerance) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0);
}

/** The replica count for a Utilization target (GetResourceReplicas). */
export function resourceUtilizationReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly PodObservation[],
  now: number,
  calibration = 1,
  tolerance: number = defaultTolerance,
): MetricReplicas {
  const counted = countedSamples(pods, resource, now);
  if ('kind' in counted) return counted;
  const { groups, samples } = counted;
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const r = pod.requestsMilli[resource];
    if (r === undefined) {
      return invalid('FailedGetResourceMetric', `missing request for ${resource} in pod ${pod.cluster}/${pod.name}`);
    }
    requests.set(podKey(pod), r);
  }
  const first = utilizationRatio(samples, requests, targetUtilization);
  if (first === undefined) return invalid('FailedGetResourceMetric', 'no metrics returned matched known pods');
  const done = (replicas: number): MetricReplicas => ({
    kind: 'Replicas',
    replicas,
    value: first.utilization,
    averageMilli: first.average,
  });
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (withinTolerance(first.ratio, tolerance)) return done(currentReplicas);
    return done(Math.ceil((first.ratio * groups.readyPodCount) / calibration));
  }
  if (groups.missing.size > 0) {
    // On a scale-down a missing pod counts as using its whole request (or the target above 100%);
    // on a scale-up as using nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const k of groups.missing) {
      if (first.ratio < 1.0) samples.set(k, Math.trunc(((requests.get(k) ?? 0) * fallback) / 100));
      else if (first.ratio > 1.0) samples.set(k, 0);
    }
  }
  if (scaleUpWithUnready) for (const k of groups.unready) samples.set(k, 0);
  const second = utilizationRatio(samples, requests, targetUtilization);
  if (second === undefined) return invalid('FailedGetResourceMetric', 'no metrics returned matched known pods');
  return done(secondEstimate(currentReplicas, first.ratio, second.ratio, samples.size / calibration, tolerance));
}

/** The replica count for an AverageValue target in milli-units (GetRawResourceReplicas → calcPlainMetricReplicas). */
export function resourceAverageValueReplicas(
  currentReplicas: number,
  targetMilli: number,
  resource: string,
  pods: readonly PodObservation[],
  now: number,
  calibration = 1,
  tolerance: number = defaultTolerance,
): MetricReplicas {
  const counted = countedSamples(pods, resource, now);
  if ('kind' in counted) return counted;
  const { groups, samples } = counted;
  const usageRatio = (m: ReadonlyMap<string, number>): { ratio: number; usage: number } => {
    let total = 0;
    for (const v of m.values()) total += v;
    const usage = Math.trunc(total / m.size);
    return { ratio: usage / targetMilli, usage };
  };
  const first = usageRatio(samples);
  const done = (replicas: number): MetricReplicas => ({
    kind: 'Replicas',
    replicas,
    value: first.usage,
    averageMilli: first.usage,
  });
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (withinTolerance(first.ratio, tolerance)) return done(currentReplicas);
    return done(Math.ceil((first.ratio * groups.readyPodCount) / calibration));
  }
  // On a scale-down a missing pod counts as using exactly the target; on a scale-up as using nothing.
  for (const k of groups.missing) samples.set(k, first.ratio < 1.0 ? targetMilli : 0);
  if (scaleUpWithUnready) for (const k of groups.unready) samples.set(k, 0);
  const second = usageRatio(samples);
  return done(secondEstimate(currentReplicas, first.ratio, second.ratio, samples.size / calibration, tolerance));
}
