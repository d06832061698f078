/**
 * Native AggregateStatus for workloads and autoscaling (Karmada default/native/aggregatestatus.go):
 * counters are summed over the members that reported a status, and observedGeneration becomes the
 * template's generation only when every member (with or without a status) has caught up:
 * its observedGeneration ≥ its generation and its resourceTemplateGeneration ≥ the template's.
 *
 * | member | generation | observedGeneration | resourceTemplateGeneration | caught up (template gen 1) |
 * |--------|------------|--------------------|----------------------------|----------------------------|
 * | m1     | 1          | 1                  | 1                          | yes                        |
 * | m2     | 2          | 2                  | 1                          | yes                        |
 * | m3     | 2          | 1                  | 1                          | no → keep the old value    |
 */
import { cloneJson, compareStrings, type JsonObject, type KubeObject } from '../api/index.ts';
import { intField, objectField } from './kinds.ts';
import type { AggregatedStatusItem } from './types.ts';

/** A counter field and whether Go omits it when zero. */
type Counter = readonly [field: string, omitEmpty: boolean];

/** How a workload kind aggregates (Deployment, ReplicaSet, StatefulSet, DaemonSet). */
export interface WorkloadAggregation {
  readonly counters: readonly Counter[];
  /** Karmada's StatefulSet compares the member's resourceTemplateGeneration with its own generation. */
  readonly compareWithMemberGeneration?: boolean;
  /**
   * Karmada's DaemonSet leaves the object alone only when its whole status equals the aggregate
   * (equality.Semantic.DeepEqual), so conditions or a collisionCount make it rewrite the counters;
   * the other kinds compare observedGeneration and the counters alone.
   */
  readonly wholeStatusUnchanged?: boolean;
}

export const deploymentAggregation: WorkloadAggregation = {
  counters: [
    ['replicas', true],
    ['updatedReplicas', true],
    ['readyReplicas', true],
    ['availableReplicas', true],
    ['unavailableReplicas', true],
  ],
};
export const replicaSetAggregation: WorkloadAggregation = {
  counters: [
    ['replicas', false],
    ['readyReplicas', true],
    ['availableReplicas', true],
  ],
};
export const statefulSetAggregation: WorkloadAggregation = {
  counters: [
    ['replicas', false],
    ['readyReplicas', true],
    ['currentReplicas', true],
    ['updatedReplicas', true],
    ['availableReplicas', false],
  ],
  compareWithMemberGeneration: true,
};
export const daemonSetAggregation: WorkloadAggregation = {
  counters: [
    ['currentNumberScheduled', false],
    ['numberMisscheduled', false],
    ['desiredNumberScheduled', false],
    ['numberReady', false],
    ['updatedNumberScheduled', true],
    ['numberAvailable', true],
    ['numberUnavailable', true],
  ],
  wholeStatusUnchanged: true,
};

/** Sums a workload's member counters into the template's status (other status fields are kept). */
export function aggregateWorkload(
  obj: KubeObject,
  items: readonly AggregatedStatusItem[],
  how: WorkloadAggregation,
): KubeObject {
  const templateGeneration = intField(obj, 'metadata', 'generation');
  const sums = new Map<string, number>(how.counters.map(([f]) => [f, 0]));
  let caughtUp = 0;
  for (const item of items) {
    const s = item.status;
    if (!s) continue;
    const memberGeneration = intField(s, 'generation');
    const target = how.compareWithMemberGeneration ? memberGeneration : templateGeneration;
    if (intField(s, 'observedGeneration') >= memberGeneration && intField(s, 'resourceTemplateGeneration') >= target)
      caughtUp++;
    for (const [f] of how.counters) sums.set(f, (sums.get(f) ?? 0) + intField(s, f));
  }
  const current = objectField(obj, 'status') ?? {};
  const observedGeneration = caughtUp === items.length ? templateGeneration : intField(current, 'observedGeneration');
  sums.set('observedGeneration', observedGeneration);
  if (upToDate(current, sums, how)) return cloneJson(obj);
  const status: JsonObject = { ...current };
  setCounter(status, 'observedGeneration', observedGeneration, true);
  for (const [f, omitEmpty] of how.counters) setCounter(status, f, sums.get(f) ?? 0, omitEmpty);
  return { ...cloneJson(obj), status };
}

/**
 * Whether Karmada returns the object untouched: every aggregated value equals the current one
 * (an absent counter counts as 0) and, for a whole-status comparison, the status has no
 * conditions or collisionCount the aggregate would lack (Semantic.DeepEqual takes [] as nil).
 */
function upToDate(current: JsonObject, aggregate: ReadonlyMap<string, number>, how: WorkloadAggregation): boolean {
  for (const [f, v] of aggregate) if (intField(current, f) !== v) return false;
  if (!how.wholeStatusUnchanged) return true;
  const conditions = current['conditions'];
  const noConditions =
    conditions === undefined || conditions === null || (Array.isArray(conditions) && conditions.length === 0);
  return noConditions && (current['collisionCount'] === undefined || current['collisionCount'] === null);
}

function setCounter(status: JsonObject, field: string, value: number, omitEmpty: boolean): void {
  if (value === 0 && omitEmpty) delete status[field];
  else status[field] = value;
}

/** autoscaling/v2 HPA: currentReplicas and desiredReplicas summed; the status is replaced. */
export function aggregateHorizontalPodAutoscaler(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  let current = 0;
  let desired = 0;
  for (const item of items) {
    if (!item.status) continue;
    current += intField(item.status, 'currentReplicas');
    desired += intField(item.status, 'desiredReplicas');
  }
  return {
    ...cloneJson(obj),
    status: { ...(current !== 0 ? { currentReplicas: current } : {}), desiredReplicas: desired },
  };
}

/** PDB: counters summed, disrupted pods keyed `cluster/pod`; the status is replaced. */
export function aggregatePodDisruptionBudget(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  const disruptedPods: JsonObject = {};
  const sums = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  for (const item of items) {
    if (!item.status) continue;
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += intField(item.status, k);
    for (const [pod, time] of Object.entries(objectField(item.status, 'disruptedPods') ?? {}))
      disruptedPods[`${item.clusterName}/${pod}`] = time;
  }
  const sortedPods: JsonObject = {};
  for (const k of Object.keys(disruptedPods).sort(compareStrings)) sortedPods[k] = disruptedPods[k] ?? null;
  return {
    ...cloneJson(obj),
    status: { ...(Object.keys(sortedPods).length > 0 ? { disruptedPods: sortedPods } : {}), ...sums },
  };
}
