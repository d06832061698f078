/** What every filter sees about the binding (Karmada framework FilterContext, reduced to values). */
import type { ClusterAffinity, Toleration } from '../../api/index.ts';
import type { FilterName } from '../types.ts';
import type { NormalSpread } from '../placement.ts';

/** The binding-side inputs of the filters. */
export interface FilterInput {
  /** `apiVersion|kind` of the template. */
  readonly gvk: string;
  readonly affinity: ClusterAffinity | undefined;
  /** The term's overflow groups, for a workload (Karmada plugins/clusteraffinity: `bindingSpec.IsWorkload()`). */
  readonly overflow?: readonly ClusterAffinity[];
  readonly tolerations: readonly Toleration[];
  readonly spread: readonly NormalSpread[];
}

/** Per-cluster facts that depend on the binding's history. */
export interface ClusterHistory {
  /** The cluster is in the binding's previous placement (Karmada `spec.TargetContains`). */
  readonly inPrevious: boolean;
  /** The cluster is in one of the binding's graceful-eviction tasks. */
  readonly evicting: boolean;
}

/** A filter's verdict (T2): the cluster fits, or a reason in Karmada's words plus the concrete cause. */
export type FilterVerdict =
  | { readonly kind: 'Feasible' }
  | { readonly kind: 'Unschedulable'; readonly filter: FilterName; readonly reason: string; readonly detail: string };

/** The shared Feasible verdict. */
export const feasible: FilterVerdict = { kind: 'Feasible' };
