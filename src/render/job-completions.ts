/**
 * A Divided Job's `spec.completions`, divided among its clusters in proportion to the parallelism
 * each was assigned, as Karmada's ensureWork does (pkg/controllers/binding/common.go
 * needReviseJobCompletions, divideReplicasByJobCompletions, applyJobCompletions): each member
 * runs its share of the completions, so the Job takes about as long everywhere.
 *
 * Worked example: completions 10 over member1 (parallelism 3) and member2 (parallelism 2) → Webster
 * over the votes 3 and 2 gives member1 6 and member2 4.
 */
import {
  isPlainObject,
  resourceKeyOf,
  type JsonObject,
  type KubeObject,
  type Placement,
  type TargetCluster,
} from '../api/index.ts';
import { allocateWebsterSeats, tieBreakOf } from '../scheduler/webster.ts';

/** Karmada common.go needReviseJobCompletions: the binding has replicas and a Divided placement. */
export function needReviseJobCompletions(replicas: number | undefined, placement: Placement | undefined): boolean {
  return (replicas ?? 0) > 0 && placement?.replicaScheduling?.replicaSchedulingType === 'Divided';
}

/**
 * Karmada divideReplicasByJobCompletions (helper.SpreadReplicasByTargetClusters): the template's
 * `spec.completions` divided by Webster with each cluster's replicas as its weight; a cluster of
 * weight 0 gets 0. Undefined when the template sets no integer completions or every weight is 0
 * (nothing is divided then, as in Karmada). The tie-break is the scheduler's (a hash of the
 * resource key where Karmada hashes the UID: DESIGN "Deliberate differences").
 */
export function divideJobCompletions(
  template: KubeObject,
  clusters: readonly TargetCluster[],
): ReadonlyMap<string, number> | undefined {
  const spec = (template as unknown as JsonObject)['spec'];
  const completions = isPlainObject(spec) ? spec['completions'] : undefined;
  if (typeof completions !== 'number' || !Number.isInteger(completions)) return undefined;
  const votes = clusters.map((c) => ({ name: c.name, weight: c.replicas ?? 0 }));
  if (votes.every((v) => v.weight === 0)) return undefined;
  const seats = allocateWebsterSeats(completions, votes, [], tieBreakOf(resourceKeyOf(template)));
  return new Map(seats.map((s) => [s.name, s.replicas] as const));
}

/**
 * The completions of every cluster of a Job binding (Karmada ensureWork's jobCompletionsMap), or
 * undefined when they are not divided: not a Job, not a Divided binding with replicas, or no
 * completions to divide.
 */
export function jobCompletionsOf(
  template: KubeObject,
  binding: { readonly replicas?: number | undefined; readonly placement?: Placement | undefined },
  clusters: readonly TargetCluster[],
): ReadonlyMap<string, number> | undefined {
  if (template.kind !== 'Job' || !needReviseJobCompletions(binding.replicas, binding.placement)) return undefined;
  return divideJobCompletions(template, clusters);
}

/**
 * Karmada applyJobCompletions (helper.ApplyReplica): a copy of `m` with `spec.completions` set,
 * only when the manifest has one (a work-queue Job leaves it unset, and so does the copy).
 */
export function applyJobCompletions(m: Readonly<JsonObject>, completions: number): Readonly<JsonObject> {
  const spec = m['spec'];
  if (!isPlainObject(spec) || typeof spec['completions'] !== 'number') return m;
  return { ...m, spec: { ...spec, completions } };
}
