/**
 * Karmada's defaults for propagation policies, applied here and only here (STYLE T1), so every
 * later stage reads the placement Karmada would store:
 * - CRD defaults (pkg/apis/policy/v1alpha1/propagation_types.go): replicaSchedulingType Divided
 *   when replicaScheduling is given without a type; application failover
 *   decisionConditions.tolerationSeconds 300 and purgeMode Gracefully.
 * - Mutating webhook (pkg/webhook/propagationpolicy/mutating.go, pkg/util/helper/policy.go):
 *   a spread constraint without spreadByField/spreadByLabel spreads by cluster, minGroups 0 → 1;
 *   Divided without a division preference → Weighted; Gracefully without gracePeriodSeconds → 600;
 *   propagateDeps true when a resource selector names multicluster.x-k8s.io/v1alpha1 ServiceImport
 *   (helper.ContainsServiceImport).
 * An absent replicaScheduling stays absent: Karmada reads it as Duplicated (Placement.ReplicaSchedulingType).
 */
import type {
  Placement,
  PropagationPolicy,
  PropagationSpec,
  ReplicaSchedulingStrategy,
  SpreadConstraint,
} from '../api/index.ts';

/** The policy with Karmada's defaults filled in; the input is not modified. */
export function withPolicyDefaults(p: PropagationPolicy): PropagationPolicy {
  const spec: PropagationSpec = p.spec;
  const placement = spec.placement ? placementDefaults(spec.placement) : undefined;
  const failover = spec.failover?.application
    ? {
        ...spec.failover,
        application: {
          ...spec.failover.application,
          decisionConditions: { tolerationSeconds: 300, ...spec.failover.application.decisionConditions },
          purgeMode: spec.failover.application.purgeMode ?? 'Gracefully',
          ...((spec.failover.application.purgeMode ?? 'Gracefully') === 'Gracefully' &&
          spec.failover.application.gracePeriodSeconds === undefined
            ? { gracePeriodSeconds: 600 }
            : {}),
        },
      }
    : spec.failover;
  const propagateDeps = spec.propagateDeps || containsServiceImport(spec);
  return {
    ...p,
    spec: {
      ...spec,
      ...(propagateDeps ? { propagateDeps } : {}),
      ...(placement ? { placement } : {}),
      ...(failover ? { failover } : {}),
    },
  };
}

/** Karmada helper.ContainsServiceImport: a selector of kind ServiceImport in multicluster.x-k8s.io/v1alpha1. */
function containsServiceImport(spec: PropagationSpec): boolean {
  return (spec.resourceSelectors ?? []).some(
    (rs) => rs.kind === 'ServiceImport' && rs.apiVersion === 'multicluster.x-k8s.io/v1alpha1',
  );
}

function placementDefaults(p: Placement): Placement {
  return {
    ...p,
    ...(p.spreadConstraints ? { spreadConstraints: p.spreadConstraints.map(spreadDefaults) } : {}),
    ...(p.replicaScheduling ? { replicaScheduling: schedulingDefaults(p.replicaScheduling) } : {}),
  };
}

function spreadDefaults(c: SpreadConstraint): SpreadConstraint {
  return {
    ...c,
    ...(!c.spreadByField && !c.spreadByLabel ? { spreadByField: 'cluster' as const } : {}),
    ...(!c.minGroups ? { minGroups: 1 } : {}),
  };
}

function schedulingDefaults(s: ReplicaSchedulingStrategy): ReplicaSchedulingStrategy {
  const type = s.replicaSchedulingType ?? 'Divided';
  return {
    ...s,
    replicaSchedulingType: type,
    ...(type === 'Divided' && !s.replicaDivisionPreference ? { replicaDivisionPreference: 'Weighted' as const } : {}),
  };
}
