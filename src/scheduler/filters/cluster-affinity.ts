/** Karmada plugins/clusteraffinity: the cluster must match the affinity term being tried. */
import { clusterMatchesAffinity } from '../../api/index.ts';
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
    return 'labels do not match labelSelector';
  }
  return 'fields do not match fieldSelector';
}
