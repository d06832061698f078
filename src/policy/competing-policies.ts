/**
 * Every propagation policy that selects a template, in Karmada's precedence order (the winner
 * first), each loser with why it lost to the winner: for `flotilla explain`'s "the policies that
 * lost". The same rules as matchPolicy (pkg/detector/policy.go getHighestPriorityPropagationPolicy).
 */
import { compareStrings, type KubeObject } from '../api/index.ts';
import { priorityMisMatch, selectorsPriority } from './implicit-priority.ts';
import { beats, isReservedNamespace, type PolicyIndex, type PolicyMatch } from './match-policy.ts';

/** A policy that also selects the template, and why the winner beat it. */
export interface LosingPolicy {
  readonly match: PolicyMatch;
  readonly why: string;
}

/**
 * The losers, best first; empty when at most one policy selects the template. `claim` is why the
 * winner holds the template when an earlier revision's claim decided it (a loser may then have
 * precedence and still lose).
 */
export function competingPolicies(
  index: PolicyIndex,
  template: KubeObject,
  winner: PolicyMatch,
  claim?: string,
): LosingPolicy[] {
  const ns = template.metadata.namespace;
  if (isReservedNamespace(ns)) return [];
  const own = ns !== undefined ? candidates(index.byNamespace.get(ns) ?? [], template) : [];
  const wide = candidates(index.clusterWide, template);
  const all = [...own.toSorted(order), ...wide.toSorted(order)].filter((m) => m.policy !== winner.policy);
  return all.map((m) => ({
    match: m,
    why: claim !== undefined && beats(m, winner) ? `it has precedence, but ${claim}` : whyLost(m, winner),
  }));
}

function candidates(list: PolicyIndex['clusterWide'], template: KubeObject): PolicyMatch[] {
  return list.flatMap((policy) => {
    const implicitPriority = selectorsPriority(template, policy.object.spec.resourceSelectors ?? []);
    return implicitPriority === priorityMisMatch
      ? []
      : [{ policy, explicitPriority: policy.object.spec.priority ?? 0, implicitPriority }];
  });
}

function order(a: PolicyMatch, b: PolicyMatch): number {
  return beats(a, b) ? -1 : beats(b, a) ? 1 : compareStrings(a.policy.source.file, b.policy.source.file);
}

/** Why `loser` lost to `winner`, in Karmada's order of rules. */
function whyLost(loser: PolicyMatch, winner: PolicyMatch): string {
  const w = winner.policy.object;
  if (w.kind === 'PropagationPolicy' && loser.policy.object.kind === 'ClusterPropagationPolicy')
    return 'a PropagationPolicy in the namespace beats any ClusterPropagationPolicy';
  if (loser.explicitPriority !== winner.explicitPriority)
    return `spec.priority ${loser.explicitPriority} < ${winner.explicitPriority}`;
  if (loser.implicitPriority !== winner.implicitPriority)
    return `its resourceSelector is less specific (${implicitName(loser.implicitPriority)} < ${implicitName(winner.implicitPriority)})`;
  return `same priority; the name ${w.metadata.name ?? ''} sorts first`;
}

function implicitName(p: number): string {
  return ['match-all', 'match-all', 'labelSelector', 'name'][p] ?? String(p);
}
