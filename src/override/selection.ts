/**
 * Which override policies apply to a template, and in what order (Karmada overridemanager.go
 * ApplyOverridePolicies / getOverridersFromOverridePolicies, pkg/util/selector.go).
 */
import {
  compareStrings,
  matchesLabelSelector,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type ResourceSelector,
} from '../api/index.ts';

/**
 * Karmada's ImplicitPriority of a resource selector for a resource (util.ResourceSelectorPriority):
 * a selector naming the resource beats a label selector, which beats one matching the whole kind.
 * A name makes the label selector irrelevant.
 */
export const implicitPriority = { misMatch: 0, matchAll: 1, matchLabelSelector: 2, matchName: 3 } as const;
/** One of the implicit priorities. */
export type ImplicitPriority = (typeof implicitPriority)[keyof typeof implicitPriority];

/** How well one resource selector matches a template. */
export function selectorPriority(template: KubeObject, rs: ResourceSelector): ImplicitPriority {
  if (template.apiVersion !== rs.apiVersion || template.kind !== rs.kind) return implicitPriority.misMatch;
  if (rs.namespace && (template.metadata.namespace ?? '') !== rs.namespace) return implicitPriority.misMatch;
  if (rs.name) return rs.name === template.metadata.name ? implicitPriority.matchName : implicitPriority.misMatch;
  if (rs.labelSelector === undefined) return implicitPriority.matchAll;
  return matchesLabelSelector(rs.labelSelector, template.metadata.labels)
    ? implicitPriority.matchLabelSelector
    : implicitPriority.misMatch;
}

/** The best priority among a policy's selectors; a policy without selectors matches everything at matchAll. */
export function policyPriority(template: KubeObject, policy: OverridePolicy): ImplicitPriority {
  const selectors = policy.spec.resourceSelectors ?? [];
  if (selectors.length === 0) return implicitPriority.matchAll;
  let best: ImplicitPriority = implicitPriority.misMatch;
  for (const rs of selectors) {
    const p = selectorPriority(template, rs);
    if (p > best) best = p;
  }
  return best;
}

/**
 * The override policies that may apply to this template, for `applyOverrides` to select from per
 * cluster: the ClusterOverridePolicies matching it, then the OverridePolicies of its own namespace
 * (only for a namespaced template: Karmada lists OverridePolicies only there). Karmada selects the
 * OverridePolicies against the object as the ClusterOverridePolicies left it (overridemanager.go
 * ApplyOverridePolicies: applyClusterOverrides, then applyNamespacedOverrides on the same object),
 * so when some ClusterOverridePolicy matches, every OverridePolicy of the namespace stays a
 * candidate (a label overrider may make it match); otherwise only those matching the template.
 */
export function selectOverridePolicies(
  policies: readonly Loaded<OverridePolicy>[],
  template: KubeObject,
): readonly Loaded<OverridePolicy>[] {
  const namespace = template.metadata.namespace ?? '';
  const clusterScoped = ordered(
    policies.filter((p) => p.object.kind === 'ClusterOverridePolicy'),
    template,
  );
  const namespaced =
    namespace === ''
      ? []
      : policies.filter(
          (p) => p.object.kind === 'OverridePolicy' && (p.object.metadata.namespace ?? 'default') === namespace,
        );
  const byName = (a: Loaded<OverridePolicy>, b: Loaded<OverridePolicy>) =>
    compareStrings(a.object.metadata.name ?? '', b.object.metadata.name ?? '');
  return [...clusterScoped, ...(clusterScoped.length ? namespaced.toSorted(byName) : ordered(namespaced, template))];
}

/**
 * The policies of one group (cluster-scoped or namespaced) that match `object`, in the order Karmada
 * applies them: ascending implicit priority then ascending name, so a policy naming the resource is
 * applied last and has the final word.
 *
 * | policy | selectors        | priority | order |
 * |--------|------------------|----------|-------|
 * | zeta   | none             | matchAll | 1     |
 * | beta   | labelSelector    | labels   | 2     |
 * | alpha  | name: nginx      | name     | 3     |
 */
export function matchingInOrder(
  policies: readonly Loaded<OverridePolicy>[],
  object: KubeObject,
  kind: OverridePolicy['kind'],
): Loaded<OverridePolicy>[] {
  return ordered(
    policies.filter((p) => p.object.kind === kind),
    object,
  );
}

function ordered(policies: readonly Loaded<OverridePolicy>[], template: KubeObject): Loaded<OverridePolicy>[] {
  return policies
    .map((p) => ({ p, priority: policyPriority(template, p.object) }))
    .filter((x) => x.priority > implicitPriority.misMatch)
    .toSorted(compareApplicationOrder)
    .map((x) => x.p);
}

/**
 * Karmada's comparator (overridemanager.go sort.SliceStable): lower implicit priority first, then
 * name ascending. Names are unique within a group (cluster-scoped, or one namespace), so this is total.
 */
function compareApplicationOrder(
  a: { p: Loaded<OverridePolicy>; priority: number },
  b: { p: Loaded<OverridePolicy>; priority: number },
): number {
  return a.priority - b.priority || compareStrings(a.p.object.metadata.name ?? '', b.p.object.metadata.name ?? '');
}
