/** Karmada plugins/apienablement: the template's API must be served by the cluster. */
import type { IndexedCluster } from '../fleet-index.ts';
import { feasible } from './context.ts';
import type { ClusterHistory, FilterInput, FilterVerdict } from './context.ts';

export const name = 'APIEnablement';

/**
 * Feasible when the cluster lists the template's group/version and kind, or already holds the
 * template (Karmada never evicts through this filter: a lost CRD must not delete workloads).
 */
export function filterApiEnablement(input: FilterInput, c: IndexedCluster, h: ClusterHistory): FilterVerdict {
  if (h.inPrevious) return feasible;
  // flotilla differs: DESIGN.md "Deliberate differences" — a cluster with no status.apiEnablements
  // has not been observed yet, its APIs are unknown and it passes (Karmada filters APIUnknown).
  if (c.apis === undefined || c.apis.has(input.gvk)) return feasible;
  const [apiVersion = '', kind = ''] = input.gvk.split('|');
  return {
    kind: 'Unschedulable',
    filter: name,
    reason: 'cluster(s) did not have the API resource',
    detail: `API ${apiVersion} kind ${kind} is not enabled`,
  };
}
