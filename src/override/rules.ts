/** The override rules of a policy that apply to one cluster (Karmada getOverridersFromOverridePolicies). */
import {
  clusterMatchesAffinity,
  type Cluster,
  type ClusterAffinity,
  type OverridePolicy,
  type Overriders,
} from '../api/index.ts';

/** A rule as Karmada evaluates it; `index` is undefined for the deprecated spec.targetCluster + spec.overriders form. */
export interface EffectiveRule {
  readonly index?: number;
  readonly targetCluster?: ClusterAffinity;
  readonly overriders: Overriders;
}

/**
 * The policy's rules: `overrideRules` when it has any, else one rule made of the deprecated
 * `spec.targetCluster` and `spec.overriders` (Karmada's webhook forbids mixing the two forms).
 */
export function effectiveRules(policy: OverridePolicy): readonly EffectiveRule[] {
  const rules = policy.spec.overrideRules ?? [];
  if (rules.length > 0) {
    return rules.map((r, index) =>
      r.targetCluster
        ? { index, targetCluster: r.targetCluster, overriders: r.overriders }
        : { index, overriders: r.overriders },
    );
  }
  const { targetCluster, overriders = {} } = policy.spec;
  return [targetCluster ? { targetCluster, overriders } : { overriders }];
}

/** The rules whose targetCluster matches the cluster; a rule without targetCluster matches every cluster. */
export function rulesForCluster(policy: OverridePolicy, cluster: Cluster): readonly EffectiveRule[] {
  return effectiveRules(policy).filter(
    (r) => r.targetCluster === undefined || clusterMatchesAffinity(r.targetCluster, cluster),
  );
}

/** The indexes (undefined: the deprecated form's one rule) of the rules rulesForCluster returns, in order. */
export function matchingRuleIndexes(policy: OverridePolicy, cluster: Cluster): readonly (number | undefined)[] {
  return rulesForCluster(policy, cluster).map((r) => r.index);
}
