/**
 * What a Karmada user would otherwise miss silently (issue 14, `validate` warnings): templates no
 * propagation policy selects, policies that select nothing, and equal-priority policies where only
 * the alphabet chose the winner (src/policy/idle-policies.ts, priority-ties.ts).
 */
import {
  describeRef,
  refOf,
  resourceKeyOf,
  warningAt,
  type Diagnostic,
  type DiagnosticCode,
  type Fleet,
  type ResourceKey,
} from '../api/index.ts';
import { idlePolicyWarnings, indexPolicies, isReservedNamespace, priorityTieWarnings } from '../policy/index.ts';

/** The diagnostic codes coverageWarnings produces. */
export const coverageCodes: ReadonlySet<DiagnosticCode> = new Set([
  'TemplateNotPropagated',
  'PolicySelectsNothing',
  'PolicyPriorityTie',
]);

/** The coverage warnings of a planned revision; `propagated` holds every template with a binding (own or as a dependency). */
export function coverageWarnings(fleet: Fleet, propagated: ReadonlySet<ResourceKey>): Diagnostic[] {
  return [
    ...unpropagatedWarnings(fleet, propagated),
    ...idlePolicyWarnings([...fleet.propagationPolicies, ...fleet.overridePolicies], fleet.templates),
    ...priorityTieWarnings(indexPolicies(fleet.propagationPolicies), fleet.templates),
  ];
}

/**
 * A TemplateNotPropagated warning at each template that goes nowhere. Namespaces are left out
 * (flotilla, like Karmada's namespace sync, creates those its objects need), as are Karmada's
 * reserved namespaces (never propagated, whatever the policies).
 */
function unpropagatedWarnings(fleet: Fleet, propagated: ReadonlySet<ResourceKey>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of fleet.templates) {
    const o = t.object;
    if (
      propagated.has(resourceKeyOf(o)) ||
      (o.apiVersion === 'v1' && o.kind === 'Namespace') ||
      isReservedNamespace(o.metadata.namespace)
    )
      continue;
    out.push(
      warningAt(
        'TemplateNotPropagated',
        t.source,
        `${describeRef(refOf(o))} is selected by no PropagationPolicy or ClusterPropagationPolicy: it is not propagated to any cluster`,
      ),
    );
  }
  return out;
}
