/** Karmada plugins/clustereviction: a cluster the binding is being evicted from is not a candidate. */
import type { FilterVerdict, ClusterHistory } from './context.ts';
import { feasible } from './context.ts';

export const name = 'ClusterEviction';

/** Unschedulable when the cluster is in the binding's graceful-eviction tasks. */
export function filterClusterEviction(h: ClusterHistory): FilterVerdict {
  if (!h.evicting) return feasible;
  return {
    kind: 'Unschedulable',
    filter: name,
    reason: 'cluster(s) is in the process of eviction',
    detail: 'the binding has a graceful-eviction task for this cluster',
  };
}
