/**
 * Stateful failover's last step (Karmada pkg/controllers/binding/common.go injectReservedLabelState,
 * StatefulFailoverInjection): the state preserved from an evicted copy is put on the manifest of
 * the cluster the workload moved to, as labels. Karmada's restrictions hold: only a workload that
 * runs on one cluster; only the binding's last eviction task, with purge mode Directly; never on a
 * cluster the workload ran on before the failover. Pure.
 */
import {
  isPlainObject,
  sortRecord,
  type GracefulEvictionTask,
  type JsonObject,
  type TargetCluster,
} from '../api/index.ts';

/** The labels to inject into the manifest for `target`; undefined when none. */
export function reservedLabelState(
  scheduled: readonly TargetCluster[],
  tasks: readonly GracefulEvictionTask[] | undefined,
  target: string,
): Readonly<Record<string, string>> | undefined {
  if (scheduled.length > 1 || !tasks?.length) return undefined;
  const last = tasks[tasks.length - 1];
  if (last?.purgeMode !== 'Directly' || last.clustersBeforeFailover?.includes(target)) return undefined;
  const state = last.preservedLabelState;
  return state && Object.keys(state).length ? state : undefined;
}

/** Merges labels into a manifest in place (Karmada util.MergeLabel), keys sorted (D5). */
export function mergeLabels(m: JsonObject, labels: Readonly<Record<string, string>>): void {
  if (!isPlainObject(m['metadata'])) m['metadata'] = {};
  const meta = m['metadata'] as JsonObject;
  const own = isPlainObject(meta['labels']) ? (meta['labels'] as Record<string, string>) : {};
  meta['labels'] = sortRecord({ ...own, ...labels });
}
