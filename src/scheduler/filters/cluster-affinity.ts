/** Karmada plugins/clusteraffinity: the cluster must match the affinity term being tried. */
import {
  clusterMatchesAffinity,
  clusterMatchesFields,
  matchesLabelSelector,
  type Cluster,
  type FieldSelectorRequirement,
  type LabelSelector,
} from '../../api/index.ts';
import type { IndexedCluster } from '../fleet-index.ts';
import { feasible } from './context.ts';
import type { FilterInput, FilterVerdict } from './context.ts';

export const name = 'ClusterAffinity';

/** Feasible when there is no affinity or the cluster matches it or one of its overflow groups (util.ClusterMatches). */
export function filterClusterAffinity(input: FilterInput, c: IndexedCluster): FilterVerdict {
  if (input.affinity === undefined || clusterMatchesAffinity(input.affinity, c.cluster)) return feasible;
  if (input.overflow?.some((a) => clusterMatchesAffinity(a, c.cluster))) return feasible;
  return {
    kind: 'Unschedulable',
    filter: name,
    reason: 'cluster(s) did not match the placement cluster affinity constraint',
    detail: describeMismatch(input, c),
  };
}

function describeMismatch(input: FilterInput, c: IndexedCluster): string {
  const a = input.affinity;
  if (a?.exclude?.includes(c.name)) return 'excluded by name';
  if (a?.clusterNames?.length && !a.clusterNames.includes(c.name)) return 'not in clusterNames';
  if (a?.labelSelector !== undefined && !clusterMatchesAffinity({ labelSelector: a.labelSelector }, c.cluster)) {
    return `labels do not match labelSelector: ${labelMismatch(a.labelSelector, c.cluster.metadata.labels)}`;
  }
  return `fields do not match fieldSelector: ${fieldMismatch(a?.fieldSelector?.matchExpressions ?? [], c.cluster)}`;
}

/** The first field requirement the cluster fails, as "field K is V (wants ...)". */
function fieldMismatch(reqs: readonly FieldSelectorRequirement[], cluster: Cluster): string {
  for (const r of reqs) {
    if (clusterMatchesFields([r], cluster)) continue;
    const value =
      r.key === 'zone'
        ? (cluster.spec?.zones ?? []).join(', ')
        : r.key === 'provider'
          ? cluster.spec?.provider
          : r.key === 'region'
            ? cluster.spec?.region
            : undefined;
    return `${r.key === 'zone' ? 'zones' : r.key} ${value ? `is "${value}"` : 'is absent'}, wants ${r.key} ${r.operator}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}`;
  }
  return 'no requirement failed alone';
}

/**
 * The first requirement of the selector the cluster's labels fail, as "label K is V (wants ...)",
 * so `explain --cluster` can say which label against which selector.
 */
function labelMismatch(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): string {
  const own = labels ?? {};
  const has = (k: string) => (Object.hasOwn(own, k) ? `is "${own[k] ?? ''}"` : 'is absent');
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (own[k] !== v || !Object.hasOwn(own, k)) return `label ${k} ${has(k)}, wants ${k}=${v}`;
  }
  for (const r of selector.matchExpressions ?? []) {
    if (!matchesLabelSelector({ matchExpressions: [r] }, own))
      return `label ${r.key} ${has(r.key)}, wants ${r.key} ${r.operator}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}`;
  }
  return 'the selector is invalid';
}
