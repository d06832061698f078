/**
 * Matching with memory: a template keeps the policy that claimed it (Karmada pkg/detector/policy.go
 * propagateResource: a claimed template is applied with its claiming policy, whatever policies
 * arrived since) for as long as that policy exists and selects it; then it is matched afresh.
 * A policy with `preemption: Always` takes a claimed template from a policy it outranks
 * (pkg/detector/preemption.go: preemptPropagationPolicy needs a higher explicit priority,
 * preemptClusterPropagationPolicyDirectly lets any PropagationPolicy take from a
 * ClusterPropagationPolicy, preemptClusterPropagationPolicy needs a higher priority).
 * Karmada runs preemption only with its PolicyPreemption feature gate (alpha, off by default);
 * flotilla honours `Always` as written.
 */
import type { KubeObject, Loaded, PropagationPolicy } from '../api/index.ts';
import { bestMatch, matchPolicy, type PolicyIndex, type PolicyMatch } from './match-policy.ts';

/** The propagation policy a template was claimed by (Karmada's claim annotations on the binding). */
export interface PolicyClaim {
  readonly kind: 'PropagationPolicy' | 'ClusterPropagationPolicy';
  readonly namespace?: string;
  readonly name: string;
}

/** True when `claim` names `policy`. */
export function isClaimedBy(claim: PolicyClaim | undefined, policy: PropagationPolicy): boolean {
  if (claim === undefined || claim.kind !== policy.kind || claim.name !== policy.metadata.name) return false;
  return claim.kind === 'ClusterPropagationPolicy' || claim.namespace === (policy.metadata.namespace ?? 'default');
}

/** The policy that claims `template` given its previous claim; without one, exactly `matchPolicy`. */
export function matchClaimed(
  index: PolicyIndex,
  template: KubeObject,
  claim: PolicyClaim | undefined,
): PolicyMatch | undefined {
  const fresh = matchPolicy(index, template);
  // No policy selects the template any more, the claimed one included: Karmada removes the claim.
  if (claim === undefined || fresh === undefined || isClaimedBy(claim, fresh.policy.object)) return fresh;
  const held = claimedMatch(index, template, claim);
  if (held === undefined) return fresh;
  const taker = preemptor(index, template, held);
  if (taker)
    return {
      ...taker,
      claim: `preempted the claim of ${policyName(held.policy.object)} (preemption: Always, Karmada preemption.go)`,
    };
  return {
    ...held,
    claim: `claimed in an earlier revision; ${policyName(fresh.policy.object)} would win a fresh match but does not preempt (Karmada policy.go propagateResource)`,
  };
}

function policyName(p: PropagationPolicy): string {
  return `${p.kind} ${p.metadata.namespace ? `${p.metadata.namespace}/` : ''}${p.metadata.name ?? ''}`;
}

/** The claimed policy, if the revision still has it and it still selects the template. */
function claimedMatch(index: PolicyIndex, template: KubeObject, claim: PolicyClaim): PolicyMatch | undefined {
  const scope =
    claim.kind === 'ClusterPropagationPolicy'
      ? index.clusterWide
      : (index.byNamespace.get(claim.namespace ?? 'default') ?? []);
  return bestMatch(
    scope.filter((p) => isClaimedBy(claim, p.object)),
    template,
  );
}

/** The best `preemption: Always` policy able to take the template from `held`, PropagationPolicies first. */
function preemptor(index: PolicyIndex, template: KubeObject, held: PolicyMatch): PolicyMatch | undefined {
  const heldPriority = held.policy.object.spec.priority ?? 0;
  const heldIsCluster = held.policy.object.kind === 'ClusterPropagationPolicy';
  const able = (p: Loaded<PropagationPolicy>): boolean => {
    if (p.object.spec.preemption !== 'Always' || p === held.policy) return false;
    const isCluster = p.object.kind === 'ClusterPropagationPolicy';
    if (!heldIsCluster) return !isCluster && (p.object.spec.priority ?? 0) > heldPriority;
    return !isCluster || (p.object.spec.priority ?? 0) > heldPriority;
  };
  const ns = template.metadata.namespace;
  const own = ns === undefined ? undefined : bestMatch((index.byNamespace.get(ns) ?? []).filter(able), template);
  return own ?? bestMatch(index.clusterWide.filter(able), template);
}
