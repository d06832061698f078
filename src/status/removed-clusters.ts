/**
 * Clusters removed from the fleet repo (pure). flotilla never prunes a cluster it cannot plan
 * for: like an unreachable one, a removed cluster's objects stay on the member (Argo CD keeps a
 * removed cluster's apps; Karmada would delete its Works — a GitOps tool must not turn a deleted
 * file into a deleted fleet). What it does is remember and say so: the cluster's status file is
 * kept, marked removed since the first pass that missed it, and the shell warns on every pass
 * until a person cleans up (docs/reliability.md) and deletes that status file.
 */
import { compareStrings } from '../api/index.ts';
import type { ClusterHealthState } from './cluster-health.ts';

/**
 * The recorded clusters the fleet no longer declares, each marked removed since its recorded
 * time or `now`, sorted by name. Worked example: recorded m1, m2, m3 (m3 removedSince 10:00),
 * fleet m1 → m2 removed since now, m3 still since 10:00.
 */
export function removedClusters(
  recorded: readonly ClusterHealthState[],
  fleet: ReadonlySet<string>,
  now: string,
): ClusterHealthState[] {
  return recorded
    .filter((c) => !fleet.has(c.cluster))
    .map((c) => (c.removedSince ? c : { ...c, removedSince: now }))
    .toSorted((a, b) => compareStrings(a.cluster, b.cluster));
}

/** A recorded state for a cluster the fleet declares again: no longer marked removed. */
export function declaredAgain(c: ClusterHealthState): ClusterHealthState {
  if (c.removedSince === undefined) return c;
  const { removedSince: _removed, ...rest } = c;
  return rest;
}
