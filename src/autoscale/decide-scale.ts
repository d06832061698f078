/**
 * One FederatedHPA decision: Kubernetes' reconcileAutoscaler (pkg/controller/podautoscaler/horizontal.go,
 * which Karmada's pkg/controllers/federatedhpa/federatedhpa_controller.go follows) over the pods of
 * every reachable member. Observations in, decision out; the shell commits it when the count changes.
 */
import type { FederatedHPASpec, ResourceMetric } from '../api/autoscaling.ts';
import { compareStrings } from '../api/order.ts';
import { normalizeWithBehaviors, recordScaleEvent, type ScaleCondition, type ScaleHistory } from './behavior.ts';
import type { PodObservation } from './pods.ts';
import {
  type MetricReplicas,
  resourceAverageValueReplicas,
  resourceUtilizationReplicas,
} from './replica-calculator.ts';

/** What the shell observed for one autoscaler. */
export interface ScaleObservation {
  /** The pods of the workload on every reachable member it is placed on. */
  readonly pods: readonly PodObservation[];
  /** Members the workload is placed on that could not be read: their pods are left out. */
  readonly unreachableClusters: readonly string[];
  /**
   * The workload's replicas on the members that were read (their spec.replicas). Over the total in force
   * it is Karmada's calibration (1 when Divided and every member was read; the number of members when
   * Duplicated). Absent or 0: a calibration of 1.
   */
  readonly replicasRead?: number;
}

/** A metric's current value as the status reports it (autoscaling/v2 MetricStatus, Resource form). */
export interface MetricValue {
  readonly resource: string;
  /** Percent of request for a Utilization target. */
  readonly averageUtilization?: number;
  /** Average usage per pod in milli-units. */
  readonly averageValueMilli: number;
}

/** The decision: the desired total, whether it changes the current one, and why. */
export interface ScaleDecision {
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly rescale: boolean;
  readonly metrics: readonly MetricValue[];
  readonly conditions: readonly ScaleCondition[];
  readonly history: ScaleHistory;
  readonly unreachableClusters: readonly string[];
}

function metricReplicas(m: ResourceMetric, current: number, o: ScaleObservation, now: number) {
  const calibration = o.replicasRead !== undefined && o.replicasRead > 0 && current > 0 ? o.replicasRead / current : 1;
  return m.kind === 'Utilization'
    ? resourceUtilizationReplicas(current, m.averageUtilization, m.resource, o.pods, now, calibration)
    : resourceAverageValueReplicas(current, m.averageMilli, m.resource, o.pods, now, calibration);
}

/**
 * computeReplicasForMetrics: the largest proposal over the metrics. All metrics invalid, or some invalid
 * while the valid ones propose a scale-down, is an error (ScalingActive False): the count holds.
 */
function replicasForMetrics(
  spec: FederatedHPASpec,
  current: number,
  observation: ScaleObservation,
  now: number,
): { replicas: number; metrics: MetricValue[]; condition: ScaleCondition; valid: boolean } {
  let replicas = 0;
  let invalidCount = 0;
  let firstInvalid: Extract<MetricReplicas, { kind: 'Invalid' }> | undefined;
  let chosen = '';
  const metrics: MetricValue[] = [];
  for (const m of spec.metrics) {
    const r = metricReplicas(m, current, observation, now);
    if (r.kind === 'Invalid') {
      invalidCount++;
      firstInvalid ??= r;
      continue;
    }
    metrics.push(
      m.kind === 'Utilization'
        ? { resource: m.resource, averageUtilization: r.value, averageValueMilli: r.averageMilli }
        : { resource: m.resource, averageValueMilli: r.averageMilli },
    );
    if (replicas === 0 || r.replicas > replicas) {
      replicas = r.replicas;
      chosen =
        m.kind === 'Utilization'
          ? `${m.resource} resource utilization (percentage of request)`
          : `${m.resource} resource`;
    }
  }
  if (firstInvalid !== undefined && (invalidCount >= spec.metrics.length || replicas < current)) {
    const condition: ScaleCondition = {
      type: 'ScalingActive',
      status: 'False',
      reason: firstInvalid.reason,
      message: `the HPA was unable to compute the replica count: ${firstInvalid.message}`,
    };
    return { replicas: current, metrics, condition, valid: false };
  }
  const condition: ScaleCondition = {
    type: 'ScalingActive',
    status: 'True',
    reason: 'ValidMetricFound',
    message: `the HPA was able to successfully calculate a replica count from ${chosen}`,
  };
  return { replicas, metrics, condition, valid: true };
}

/**
 * Decides the desired total for `currentReplicas` (the total the plan uses now), given the remembered
 * history; `now` is ms since the epoch.
 *
 * flotilla differs (docs/autoscaling.md): while a member the workload is placed on is unreachable, the
 * decision never scales down (its pods are missing, not idle: DESIGN principle 4), as Kubernetes holds
 * the count when some metrics are invalid.
 */
export function decideScale(
  spec: FederatedHPASpec,
  currentReplicas: number,
  observation: ScaleObservation,
  history: ScaleHistory,
  now: number,
): ScaleDecision {
  const base = { currentReplicas, unreachableClusters: observation.unreachableClusters.toSorted() };
  const finish = (desired: number, metrics: MetricValue[], conditions: ScaleCondition[], h: ScaleHistory) => {
    const rescale = desired !== currentReplicas;
    const next = rescale ? recordScaleEvent(h, spec.behavior, currentReplicas, desired, now) : h;
    const sorted = conditions.toSorted((a, b) => compareStrings(a.type, b.type));
    return { ...base, desiredReplicas: desired, rescale, metrics, conditions: sorted, history: next };
  };
  if (currentReplicas === 0 && spec.minReplicas !== 0) {
    const off: ScaleCondition = {
      type: 'ScalingActive',
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    };
    return { ...base, desiredReplicas: 0, rescale: false, metrics: [], conditions: [off], history };
  }
  if (currentReplicas > spec.maxReplicas) return finish(spec.maxReplicas, [], [], history);
  if (currentReplicas < spec.minReplicas) return finish(spec.minReplicas, [], [], history);
  const proposal = replicasForMetrics(spec, currentReplicas, observation, now);
  if (!proposal.valid)
    return {
      ...base,
      desiredReplicas: currentReplicas,
      rescale: false,
      metrics: proposal.metrics,
      conditions: [proposal.condition],
      history,
    };
  const normalized = normalizeWithBehaviors(
    {
      scaleUp: spec.behavior.scaleUp,
      scaleDown: spec.behavior.scaleDown,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      currentReplicas,
      desiredReplicas: proposal.replicas,
    },
    history,
    now,
  );
  const withRecommendations: ScaleHistory = { ...history, recommendations: normalized.recommendations };
  const conditions = [...normalized.conditions, proposal.condition];
  if (normalized.replicas < currentReplicas && base.unreachableClusters.length > 0) {
    const held: ScaleCondition = {
      type: 'AbleToScale',
      status: 'True',
      reason: 'MembersUnreachable',
      message: `not scaling down while ${base.unreachableClusters.join(', ')} cannot be read (their pods are left out)`,
    };
    return finish(currentReplicas, proposal.metrics, [held, ...conditions.slice(1)], withRecommendations);
  }
  return finish(normalized.replicas, proposal.metrics, conditions, withRecommendations);
}
