/**
 * ClusterTaintPolicy in the controller's health pass (Karmada
 * pkg/controllers/taint/clustertaintpolicy_controller.go Reconcile): each policy whose
 * `targetClusters` match a cluster adds its taints when all `addOnConditions` match the cluster's
 * conditions, and removes them when all `removeOnConditions` match. Taints match by key and
 * effect; an added taint gets `timeAdded: now`. Pure.
 */
import { healthDecision, type ClusterHealthResult } from './cluster-health.ts';
import {
  clusterMatchesAffinity,
  compareStrings,
  type Cluster,
  type ClusterTaintPolicy,
  type Condition,
  type MatchCondition,
  type Taint,
} from '../api/index.ts';

/**
 * Karmada conditionMatches: the match conditions are ANDed, and an empty list never matches. A
 * condition matches when the cluster has a condition of its type whose status is In (or NotIn)
 * `statusValues`; a cluster without a condition of that type matches neither operator.
 */
export function conditionMatches(
  conditions: readonly Pick<Condition, 'type' | 'status'>[],
  match: readonly MatchCondition[] | undefined,
): boolean {
  if (!match?.length) return false;
  return match.every((m) => {
    let ok = false;
    for (const c of conditions) {
      if (c.type !== m.conditionType) continue;
      ok = m.operator === 'In' ? m.statusValues.includes(c.status) : !m.statusValues.includes(c.status);
    }
    return ok;
  });
}

/** What the policies do to one cluster. */
export interface TaintPolicyInput {
  readonly cluster: Cluster;
  /** The cluster's conditions: the Ready condition flotilla observed, plus the others the repo's Cluster states. */
  readonly conditions: readonly Pick<Condition, 'type' | 'status'>[];
  /** The taints the controller keeps on the status branch (health and policy taints). */
  readonly taints: readonly Taint[];
  /** The taints written in git (`spec.taints`): they count as present, and no policy removes them. */
  readonly specTaints: readonly Taint[];
  readonly policies: readonly ClusterTaintPolicy[];
  readonly now: string;
}

/** The controller taints after the policies, with what was added and removed (each sorted by key, effect). */
export function applyTaintPolicies(x: TaintPolicyInput): { taints: Taint[]; added: Taint[]; removed: Taint[] } {
  const same = (a: Pick<Taint, 'key' | 'effect'>, b: Pick<Taint, 'key' | 'effect'>) =>
    a.key === b.key && a.effect === b.effect;
  let taints = [...x.taints];
  const added: Taint[] = [];
  const removed: Taint[] = [];
  for (const p of orderPolicies(x.policies)) {
    if (p.spec.targetClusters && !clusterMatchesAffinity(p.spec.targetClusters, x.cluster)) continue;
    if (conditionMatches(x.conditions, p.spec.addOnConditions)) {
      for (const t of p.spec.taints) {
        if (taints.some((c) => same(c, t)) || x.specTaints.some((c) => same(c, t))) continue;
        const taint: Taint = { key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect, timeAdded: x.now };
        taints.push(taint);
        added.push(taint);
      }
    }
    if (conditionMatches(x.conditions, p.spec.removeOnConditions)) {
      for (const t of p.spec.taints) {
        const gone = taints.find((c) => same(c, t));
        if (!gone) continue;
        taints = taints.filter((c) => c !== gone);
        const wasAdded = added.indexOf(gone);
        if (wasAdded >= 0) added.splice(wasAdded, 1);
        else removed.push(gone);
      }
    }
  }
  const order = (a: Taint, b: Taint) =>
    compareStrings(a.key, b.key) || compareStrings(a.effect, b.effect) || compareStrings(a.value ?? '', b.value ?? '');
  return { taints: taints.toSorted(order), added: added.toSorted(order), removed: removed.toSorted(order) };
}

/**
 * flotilla differs: Karmada applies the policies in creationTimestamp order, which a git revision
 * does not have; flotilla orders them by name, equally stable from pass to pass.
 */
function orderPolicies(policies: readonly ClusterTaintPolicy[]): ClusterTaintPolicy[] {
  return policies.toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/**
 * One cluster's health result with the policies applied to its controller taints (after the
 * health taints, as Karmada's two controllers both write Cluster.spec.taints). The decision is the
 * health pass's, over the taints both changed.
 */
export function withTaintPolicies(
  r: ClusterHealthResult,
  x: Omit<TaintPolicyInput, 'taints' | 'conditions' | 'now'>,
  now: string,
): ClusterHealthResult {
  if (!x.policies.length) return r;
  const repo = (x.cluster.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
  const conditions = [...(r.state.ready ? [r.state.ready] : []), ...repo];
  const p = applyTaintPolicies({ ...x, conditions, taints: r.state.taints, now });
  if (!p.added.length && !p.removed.length) return r;
  const state = { ...r.state, taints: p.taints };
  const taintsAdded = [...r.taintsAdded, ...p.added];
  const taintsRemoved = [...r.taintsRemoved, ...p.removed];
  return { state, taintsAdded, taintsRemoved, decision: healthDecision(state, taintsAdded, taintsRemoved) };
}
