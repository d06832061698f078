/** The public surface of src/policy: which propagation policy claims each template. */
export { indexPolicies, isReservedNamespace, matchPolicy, type PolicyIndex, type PolicyMatch } from './match-policy.ts';
export { competingPolicies, type LosingPolicy } from './competing-policies.ts';
export { selectorPriority, selectorsPriority, type ImplicitPriority } from './implicit-priority.ts';
export { isClaimedBy, matchClaimed, type PolicyClaim } from './claimed-match.ts';
export { idlePolicyWarnings } from './idle-policies.ts';
export { priorityTieWarnings } from './priority-ties.ts';
