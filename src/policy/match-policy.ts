/**
 * One propagation policy per template, by Karmada's precedence (pkg/detector/policy.go,
 * getHighestPriorityPropagationPolicy): a PropagationPolicy of the template's namespace beats any
 * ClusterPropagationPolicy; among candidates, the highest explicit `spec.priority` (default 0)
 * wins, then the highest implicit priority (name > labelSelector > match-all), then the
 * lexicographically smallest name.
 */
import { compareStrings, type KubeObject, type Loaded, type PropagationPolicy } from '../api/index.ts';
import { priorityMisMatch, selectorsPriority, type ImplicitPriority } from './implicit-priority.ts';

/** The policy that claims a template, with the priorities that decided it. */
export interface PolicyMatch {
  readonly policy: Loaded<PropagationPolicy>;
  readonly explicitPriority: number;
  readonly implicitPriority: ImplicitPriority;
  /** Set when an earlier revision's claim decided (src/policy/claimed-match.ts): why, in words. */
  readonly claim?: string;
}

/** Namespaces whose objects Karmada never propagates (detector's skipped namespaces, names/namespaces.go). */
export function isReservedNamespace(ns: string | undefined): boolean {
  return (
    ns !== undefined &&
    (ns === 'karmada-system' || ns === 'karmada-cluster' || ns.startsWith('karmada-es-') || /^kube-/.test(ns))
  );
}

/** Policies indexed for matching: namespaced ones by namespace, cluster-wide ones apart. */
export interface PolicyIndex {
  readonly byNamespace: ReadonlyMap<string, readonly Loaded<PropagationPolicy>[]>;
  readonly clusterWide: readonly Loaded<PropagationPolicy>[];
}

/** Builds the index once per fleet, so matching a template only looks at the policies that can apply. */
export function indexPolicies(policies: readonly Loaded<PropagationPolicy>[]): PolicyIndex {
  const byNamespace = new Map<string, Loaded<PropagationPolicy>[]>();
  const clusterWide: Loaded<PropagationPolicy>[] = [];
  for (const p of policies) {
    if (p.object.kind === 'ClusterPropagationPolicy') {
      clusterWide.push(p);
      continue;
    }
    const ns = p.object.metadata.namespace ?? 'default';
    const list = byNamespace.get(ns) ?? [];
    list.push(p);
    byNamespace.set(ns, list);
  }
  return { byNamespace, clusterWide };
}

/** The policy that claims `template`, or undefined when none matches (the template gets no binding). */
export function matchPolicy(index: PolicyIndex, template: KubeObject): PolicyMatch | undefined {
  const ns = template.metadata.namespace;
  // Karmada's detector EventFilter reads the object's namespace only: a Namespace named kube-* is matched.
  if (isReservedNamespace(ns)) return undefined;
  if (ns !== undefined) {
    const own = bestMatch(index.byNamespace.get(ns) ?? [], template);
    if (own) return own;
  }
  return bestMatch(index.clusterWide, template);
}

/** The candidate that wins by Karmada's precedence among policies of one scope, or undefined when none selects the template. */
export function bestMatch(
  candidates: readonly Loaded<PropagationPolicy>[],
  template: KubeObject,
): PolicyMatch | undefined {
  let winner: PolicyMatch | undefined;
  for (const policy of candidates) {
    const implicitPriority = selectorsPriority(template, policy.object.spec.resourceSelectors ?? []);
    if (implicitPriority === priorityMisMatch) continue;
    const candidate: PolicyMatch = { policy, explicitPriority: policy.object.spec.priority ?? 0, implicitPriority };
    if (!winner || beats(candidate, winner)) winner = candidate;
  }
  return winner;
}

/** Karmada's precedence: explicit priority, then implicit priority, then the smaller name. */
export function beats(a: PolicyMatch, b: PolicyMatch): boolean {
  if (a.explicitPriority !== b.explicitPriority) return a.explicitPriority > b.explicitPriority;
  if (a.implicitPriority !== b.implicitPriority) return a.implicitPriority > b.implicitPriority;
  return compareStrings(a.policy.object.metadata.name ?? '', b.policy.object.metadata.name ?? '') < 0;
}
