/**
 * autoscaling.karmada.io/v1alpha1 FederatedHPA and CronFederatedHPA
 * (pkg/apis/autoscaling/v1alpha1/{federatedhpa,cronfederatedhpa}_types.go), Karmada's shape unchanged:
 * the spec embeds autoscaling/v2's metrics and behavior. Only Resource metrics (cpu, memory) are acted on.
 */
import type { SourceRef } from './diagnostics.ts';
import type { KubeObject } from './object.ts';

/** autoscaling/v2 CrossVersionObjectReference: the workload an autoscaler scales. */
export interface ScaleTargetRef {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
}

/** autoscaling/v2 MetricTarget. `averageValue` is a quantity string. */
export interface MetricTarget {
  readonly type: 'Utilization' | 'AverageValue' | 'Value';
  readonly averageUtilization?: number;
  readonly averageValue?: string | number;
  readonly value?: string | number;
}

/** autoscaling/v2 MetricSpec (the Resource form is the one flotilla evaluates). */
export interface MetricSpec {
  readonly type: string;
  readonly resource?: { readonly name: string; readonly target: MetricTarget };
}

/** autoscaling/v2 HPAScalingPolicy. */
export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

/** autoscaling/v2 ScalingPolicySelect. */
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

/** autoscaling/v2 HPAScalingRules, defaulted (every field present after load). */
export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: SelectPolicy;
  readonly policies: readonly ScalingPolicy[];
}

/** autoscaling/v2 HorizontalPodAutoscalerBehavior, defaulted. */
export interface ScalingBehavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

/** A Resource metric flotilla evaluates: the resource, and a utilization (percent) or an average value (milli-units). */
export type ResourceMetric =
  | { readonly resource: string; readonly kind: 'Utilization'; readonly averageUtilization: number }
  | { readonly resource: string; readonly kind: 'AverageValue'; readonly averageMilli: number };

/** A FederatedHPA as the autoscaler reads it: Karmada's defaults applied (minReplicas 1, cpu 80%, k8s behavior). */
export interface FederatedHPASpec {
  readonly namespace: string;
  readonly name: string;
  readonly target: ScaleTargetRef;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly metrics: readonly ResourceMetric[];
  readonly behavior: ScalingBehavior;
}

/** The FederatedHPA object as written. */
export interface FederatedHPA extends KubeObject {
  readonly spec: {
    readonly scaleTargetRef: ScaleTargetRef;
    readonly minReplicas?: number;
    readonly maxReplicas: number;
    readonly metrics?: readonly MetricSpec[];
    readonly behavior?: unknown;
  };
}

/** Karmada CronFederatedHPARule. */
export interface CronRule {
  readonly name: string;
  readonly schedule: string;
  readonly targetReplicas?: number;
  readonly targetMinReplicas?: number;
  readonly targetMaxReplicas?: number;
  readonly suspend?: boolean;
  readonly timeZone?: string;
  readonly successfulHistoryLimit?: number;
  readonly failedHistoryLimit?: number;
}

/** The CronFederatedHPA object as written. */
export interface CronFederatedHPA extends KubeObject {
  readonly spec: { readonly scaleTargetRef: ScaleTargetRef; readonly rules: readonly CronRule[] };
}

/** A CronFederatedHPA as the controller reads it. */
export interface CronFederatedHPASpec {
  readonly namespace: string;
  readonly name: string;
  readonly target: ScaleTargetRef;
  readonly rules: readonly CronRule[];
}

/** A normalised FederatedHPA with the place it came from. */
export interface LoadedFederatedHPA {
  readonly spec: FederatedHPASpec;
  readonly source: SourceRef;
}

/** A normalised CronFederatedHPA with the place it came from. */
export interface LoadedCronFederatedHPA {
  readonly spec: CronFederatedHPASpec;
  readonly source: SourceRef;
}

/** The kinds of the two autoscalers. */
export const federatedHPAKind = 'FederatedHPA';
export const cronFederatedHPAKind = 'CronFederatedHPA';
export const autoscalingKarmadaGroup = 'autoscaling.karmada.io';
