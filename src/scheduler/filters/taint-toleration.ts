/** Karmada plugins/tainttoleration: NoSchedule and NoExecute taints must be tolerated. */
import type { Taint, Toleration } from '../../api/index.ts';
import type { IndexedCluster } from '../fleet-index.ts';
import { feasible } from './context.ts';
import type { ClusterHistory, FilterInput, FilterVerdict } from './context.ts';

export const name = 'TaintToleration';

/**
 * Feasible when every NoSchedule/NoExecute taint is tolerated, or the cluster already holds the
 * template (Karmada leaves eviction to the taint manager, i.e. flotilla's failover stage).
 * `tolerationSeconds` does not matter here: it bounds how long a NoExecute taint is tolerated
 * after scheduling, which is the failover stage's concern.
 */
export function filterTaintToleration(input: FilterInput, c: IndexedCluster, h: ClusterHistory): FilterVerdict {
  if (h.inPrevious) return feasible;
  const taint = c.blockingTaints.find((t) => !input.tolerations.some((tol) => tolerates(tol, t)));
  if (taint === undefined) return feasible;
  return {
    kind: 'Unschedulable',
    filter: name,
    reason: `cluster(s) had untolerated taint {${formatTaint(taint)}}`,
    detail: `taint ${formatTaint(taint)} is not tolerated by the placement's clusterTolerations`,
  };
}

/**
 * core/v1 Toleration.ToleratesTaint: effect empty or equal; key empty (with Exists) or equal;
 * operator Exists matches any value, Equal (or empty) needs an equal value.
 */
export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  switch (tol.operator ?? '') {
    case 'Exists':
      return true;
    case '':
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** core/v1 Taint.ToString: `key=value:effect`, or `key:effect` without a value. */
export function formatTaint(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}
