/**
 * Stabilization windows and scaling policies, as Kubernetes' HPA controller applies `behavior`
 * (pkg/controller/podautoscaler/horizontal.go: normalizeDesiredReplicasWithBehaviors,
 * stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
 * calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors). Kubernetes keeps the
 * recommendations and scale events in memory; flotilla passes them in and returns the new ones, so the
 * status branch can carry them.
 *
 * Worked example (Karmada federatedhpa_controller_test.go TestNormalizeDesiredReplicasWithBehaviors
 * "Scale up with behavior"): current 5, desired 15, maxReplicas 10, one Percent policy of 200 per 60 s and
 * nothing added in the last minute → the rate allows ceil(5 × 3) = 15, maxReplicas caps it at 10
 * (TooManyReplicas).
 */
import type { ScalingRules } from '../api/autoscaling.ts';

/** A past recommendation (timestampedRecommendation), time in ms. */
export interface Recommendation {
  readonly replicas: number;
  readonly time: number;
}

/** A past scale event (timestampedScaleEvent): how many replicas it added or removed, time in ms. */
export interface ScaleEvent {
  readonly change: number;
  readonly time: number;
}

/** The remembered history of one autoscaler. */
export interface ScaleHistory {
  readonly recommendations: readonly Recommendation[];
  readonly scaleUpEvents: readonly ScaleEvent[];
  readonly scaleDownEvents: readonly ScaleEvent[];
}

/** What normalization works on (NormalizationArg). */
export interface NormalizationArg {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
}

/** A condition the HPA controller sets while normalizing (AbleToScale, ScalingLimited). */
export interface ScaleCondition {
  readonly type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

/**
 * stabilizeRecommendationWithBehaviors: the current count moved towards the desired one no further than
 * the lowest recommendation of the scale-up window and the highest of the scale-down window allow. The
 * returned recommendations drop samples older than both windows (Kubernetes overwrites one of them; an old
 * sample never counts again either way) and add this one.
 */
export function stabilizeRecommendation(
  arg: NormalizationArg,
  recommendations: readonly Recommendation[],
  now: number,
): { replicas: number; recommendations: Recommendation[]; condition: ScaleCondition } {
  const upCutoff = now - arg.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = now - arg.scaleDown.stabilizationWindowSeconds * 1000;
  let up = arg.desiredReplicas;
  let down = arg.desiredReplicas;
  const kept: Recommendation[] = [];
  for (const rec of recommendations) {
    if (rec.time > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.time > downCutoff) down = Math.max(rec.replicas, down);
    if (!(rec.time < upCutoff && rec.time < downCutoff)) kept.push(rec);
  }
  let replicas = arg.currentReplicas;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  kept.push({ replicas: arg.desiredReplicas, time: now });
  const condition: ScaleCondition =
    replicas !== arg.desiredReplicas
      ? arg.desiredReplicas >= arg.currentReplicas
        ? {
            type: 'AbleToScale',
            status: 'True',
            reason: 'ScaleUpStabilized',
            message: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
          }
        : {
            type: 'AbleToScale',
            status: 'True',
            reason: 'ScaleDownStabilized',
            message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
          }
      : {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        };
  return { replicas, recommendations: kept, condition };
}

/** getReplicasChangePerPeriod: the replicas changed by events within the last `periodSeconds`. */
function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.time > cutoff) sum += e.change;
  return sum;
}

/** The count at the start of a policy's period: the current one less what the period's events added, plus what they removed. */
function periodStartReplicas(current: number, history: ScaleHistory, periodSeconds: number, now: number): number {
  return (
    current -
    changeInPeriod(periodSeconds, history.scaleUpEvents, now) +
    changeInPeriod(periodSeconds, history.scaleDownEvents, now)
  );
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now. */
export function scaleUpLimit(current: number, history: ScaleHistory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const p of rules.policies) {
    const start = periodStartReplicas(current, history, p.periodSeconds, now);
    // Rounded up: a percent of a small count must still allow one more replica.
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now. */
export function scaleDownLimit(current: number, history: ScaleHistory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // For scaling down the smallest change (Min) is the largest count.
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const p of rules.policies) {
    const start = periodStartReplicas(current, history, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate: the desired count within min/max and the policies' rate. */
export function limitByBehaviorRate(
  arg: NormalizationArg,
  history: ScaleHistory,
  now: number,
): { replicas: number; reason: string; message: string } {
  if (arg.desiredReplicas > arg.currentReplicas) {
    const limit = Math.max(scaleUpLimit(arg.currentReplicas, history, arg.scaleUp, now), arg.currentReplicas);
    const byRate = arg.maxReplicas > limit;
    const allowed = byRate ? limit : arg.maxReplicas;
    if (arg.desiredReplicas > allowed) {
      return byRate
        ? {
            replicas: allowed,
            reason: 'ScaleUpLimit',
            message: 'the desired replica count is increasing faster than the maximum scale rate',
          }
        : {
            replicas: allowed,
            reason: 'TooManyReplicas',
            message: 'the desired replica count is more than the maximum replica count',
          };
    }
  } else if (arg.desiredReplicas < arg.currentReplicas) {
    const limit = Math.min(scaleDownLimit(arg.currentReplicas, history, arg.scaleDown, now), arg.currentReplicas);
    const byRate = arg.minReplicas < limit;
    const allowed = byRate ? limit : arg.minReplicas;
    if (arg.desiredReplicas < allowed) {
      return byRate
        ? {
            replicas: allowed,
            reason: 'ScaleDownLimit',
            message: 'the desired replica count is decreasing faster than the maximum scale rate',
          }
        : {
            replicas: allowed,
            reason: 'TooFewReplicas',
            message: 'the desired replica count is less than the minimum replica count',
          };
    }
  }
  return {
    replicas: arg.desiredReplicas,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}

/** normalizeDesiredReplicasWithBehaviors: stabilize, then limit by rate; the conditions it sets. */
export function normalizeWithBehaviors(
  arg: NormalizationArg,
  history: ScaleHistory,
  now: number,
): { replicas: number; recommendations: Recommendation[]; conditions: ScaleCondition[] } {
  const stabilized = stabilizeRecommendation(arg, history.recommendations, now);
  const limited = limitByBehaviorRate({ ...arg, desiredReplicas: stabilized.replicas }, history, now);
  const scalingLimited: ScaleCondition = {
    type: 'ScalingLimited',
    status: limited.replicas === stabilized.replicas ? 'False' : 'True',
    reason: limited.reason,
    message: limited.message,
  };
  return {
    replicas: limited.replicas,
    recommendations: stabilized.recommendations,
    conditions: [stabilized.condition, scalingLimited],
  };
}

/**
 * storeScaleEvent: records a scale from `prev` to `next`, dropping events older than the direction's
 * longest policy period (Kubernetes marks them outdated and reuses one slot).
 */
export function recordScaleEvent(
  history: ScaleHistory,
  rules: { readonly scaleUp: ScalingRules; readonly scaleDown: ScalingRules },
  prev: number,
  next: number,
  now: number,
): ScaleHistory {
  const longest = (r: ScalingRules): number => Math.max(0, ...r.policies.map((p) => p.periodSeconds));
  const fresh = (events: readonly ScaleEvent[], r: ScalingRules): ScaleEvent[] =>
    events.filter((e) => e.time >= now - longest(r) * 1000);
  if (next > prev) {
    return {
      ...history,
      scaleUpEvents: [...fresh(history.scaleUpEvents, rules.scaleUp), { change: next - prev, time: now }],
    };
  }
  return {
    ...history,
    scaleDownEvents: [...fresh(history.scaleDownEvents, rules.scaleDown), { change: prev - next, time: now }],
  };
}
