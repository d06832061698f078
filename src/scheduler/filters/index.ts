/**
 * The filter chain. Karmada keeps its plugins in a map and runs them in map order; flotilla runs a
 * fixed array (L3) in the registry's declaration order, stopping at the first failure as
 * framework.RunFilterPlugins does.
 */
import type { IndexedCluster } from '../fleet-index.ts';
import { filterApiEnablement } from './api-enablement.ts';
import { filterClusterAffinity } from './cluster-affinity.ts';
import { filterClusterEviction } from './cluster-eviction.ts';
import { feasible } from './context.ts';
import type { ClusterHistory, FilterInput, FilterVerdict } from './context.ts';
import { filterSpreadConstraint } from './spread-constraint.ts';
import { filterTaintToleration } from './taint-toleration.ts';

export type { ClusterHistory, FilterInput, FilterVerdict } from './context.ts';
export { formatTaint, tolerates } from './taint-toleration.ts';

type Filter = (input: FilterInput, c: IndexedCluster, h: ClusterHistory) => FilterVerdict;

/** The ordered filter list. */
export const filters: readonly Filter[] = [
  filterApiEnablement,
  filterTaintToleration,
  filterClusterAffinity,
  filterSpreadConstraint,
  (_input, _c, h) => filterClusterEviction(h),
];

/** Runs the chain on one cluster: the first failing filter's verdict, or Feasible. */
export function filterCluster(input: FilterInput, c: IndexedCluster, h: ClusterHistory): FilterVerdict {
  for (const f of filters) {
    const v = f(input, c, h);
    if (v.kind !== 'Feasible') return v;
  }
  return feasible;
}
