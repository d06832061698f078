/**
 * Karmada's admission rules for the rest of a propagation spec (pkg/util/validation/validation.go
 * ValidatePropagationSpec, ValidateFailover, ValidateApplicationFailover, validateClusterFailover,
 * validateStatePreservation, validateResourceSelectorsIfPreemptionEnabled, validateSuspension),
 * checked on the defaulted policy as the validating webhook sees it after the mutating one.
 * Karmada refuses such a policy, so flotilla's revision is invalid. Rules the schema already
 * states (tolerationSeconds ≥ 0, gracePeriodSeconds > 0) are not repeated here.
 */
import { qualifiedNameProblem, type PropagationSpec, type StatePreservationRule } from '../api/index.ts';
import type { PlacementProblem } from './placement-admission.ts';

/** The admission problems of a defaulted propagation spec outside its placement. */
export function propagationSpecProblems(spec: PropagationSpec): PlacementProblem[] {
  return [...failoverProblems(spec), ...preemptionProblems(spec), ...suspensionProblems(spec)];
}

function failoverProblems(spec: PropagationSpec): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  const app = spec.failover?.application;
  const at = ['spec', 'failover'];
  if (app !== undefined) {
    if (!spec.propagateDeps)
      out.push({
        path: [...at, 'application'],
        message: 'application failover is set, propagateDeps must be true (set spec.propagateDeps: true)',
      });
    if (app.purgeMode !== 'Gracefully' && app.gracePeriodSeconds !== undefined)
      out.push({
        path: [...at, 'application', 'gracePeriodSeconds'],
        message: `gracePeriodSeconds only takes effect when purgeMode is Gracefully (purgeMode is ${app.purgeMode ?? 'unset'})`,
      });
    out.push(...aliasProblems(app.statePreservation?.rules, [...at, 'application']));
  }
  out.push(...aliasProblems(spec.failover?.cluster?.statePreservation?.rules, [...at, 'cluster']));
  return out;
}

/** validateStatePreservationRule: each aliasLabelName is a label name. */
function aliasProblems(
  rules: readonly StatePreservationRule[] | undefined,
  at: readonly (string | number)[],
): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  (rules ?? []).forEach((rule, i) => {
    const problem = qualifiedNameProblem(rule.aliasLabelName);
    if (problem)
      out.push({
        path: [...at, 'statePreservation', 'rules', i, 'aliasLabelName'],
        message: `statePreservation aliasLabelName ${JSON.stringify(rule.aliasLabelName)} is not a label name: it ${problem}`,
      });
  });
  return out;
}

function preemptionProblems(spec: PropagationSpec): PlacementProblem[] {
  if (spec.preemption !== 'Always') return [];
  const out: PlacementProblem[] = [];
  spec.resourceSelectors.forEach((rs, i) => {
    if (!rs.name)
      out.push({
        path: ['spec', 'resourceSelectors', i],
        message:
          'resource selector name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption',
      });
  });
  return out;
}

function suspensionProblems(spec: PropagationSpec): PlacementProblem[] {
  const s = spec.suspension;
  if (s?.dispatching !== true || !s.dispatchingOnClusters?.clusterNames?.length) return [];
  return [
    {
      path: ['spec', 'suspension'],
      message: 'suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames',
    },
  ];
}
