/**
 * Stateful failover (Karmada pkg/controllers/applicationfailover/common.go buildTaskOptions,
 * pkg/controllers/cluster/taint_manager.go extractStateForEviction, pkg/util/helper/failover.go
 * BuildPreservedLabelState): when a copy is evicted, the policy's `statePreservation.rules` read
 * values from that copy's status (each `jsonPath` → label `aliasLabelName`); the eviction task
 * keeps them, and the renderer puts them on the manifest for the new cluster. Pure.
 *
 * The state is read from the status as last observed (kept per cluster on the status branch
 * beside the copy's health), since the copy being evicted may no longer answer.
 */
import {
  compareStrings,
  isPlainObject,
  sortRecord,
  type FailoverBehavior,
  type StatePreservationRule,
} from '../api/index.ts';
import type { EvictionVerdict } from './eviction.ts';
import { evictionProducerTaintManager } from './eviction-task.ts';
import { evaluateJsonPath } from './jsonpath-template.ts';
import type { ApplicationBinding } from './application-failover.ts';
import type { ClusterWorkloadStatus } from './purge.ts';

/** Every rule's value read from `status`, keys sorted; undefined when a rule's path is missing (Karmada: the task waits). */
export function buildPreservedLabelState(
  rules: readonly StatePreservationRule[],
  status: unknown,
): Record<string, string> | undefined {
  const read = readRules(rules, status);
  return read !== undefined && read.missing === 0 ? read.values : undefined;
}

/**
 * What the status branch keeps of a copy: every rule's value read on its own (a rule whose path
 * is missing is left out, the others kept), keys sorted; undefined when no rule could be read.
 * Each failover then takes its own rules' values, all or nothing (withPreservedState), as Karmada
 * reads application and cluster rules separately.
 */
export function readPreservedLabels(
  rules: readonly StatePreservationRule[],
  status: unknown,
): Record<string, string> | undefined {
  const read = readRules(rules, status);
  return read !== undefined && Object.keys(read.values).length > 0 ? read.values : undefined;
}

/** The rules' values that could be read from `status` (keys sorted) and how many could not; undefined for a non-object. */
function readRules(
  rules: readonly StatePreservationRule[],
  status: unknown,
): { values: Record<string, string>; missing: number } | undefined {
  if (!isPlainObject(status)) return undefined;
  const values: Record<string, string> = {};
  let missing = 0;
  for (const r of rules) {
    const v = evaluateJsonPath(r.jsonPath, status);
    if (v.kind === 'ok') values[r.aliasLabelName] = v.value;
    else missing++;
  }
  return { values: sortRecord(values), missing };
}

/** The rules that apply to a binding's copies: application's and cluster failover's, names de-duplicated (cluster wins). */
export function statePreservationRules(failover: FailoverBehavior | undefined): readonly StatePreservationRule[] {
  const byName = new Map<string, StatePreservationRule>();
  for (const r of failover?.application?.statePreservation?.rules ?? []) byName.set(r.aliasLabelName, r);
  for (const r of failover?.cluster?.statePreservation?.rules ?? []) byName.set(r.aliasLabelName, r);
  return [...byName.values()].sort((a, b) => compareStrings(a.aliasLabelName, b.aliasLabelName));
}

/**
 * The verdicts with the evicted copy's preserved state on their tasks: the taint manager's from
 * `failover.cluster.statePreservation`, application failover's from
 * `failover.application.statePreservation` plus `clustersBeforeFailover` (the binding's clusters).
 *
 * flotilla differs: Karmada does not evict while the copy's state has not been collected; flotilla
 * evicts without it (failover must not wait on a status a failed member may never report), and
 * the task carries no state.
 */
export function withPreservedState(
  verdicts: readonly EvictionVerdict[],
  bindings: readonly ApplicationBinding[],
): EvictionVerdict[] {
  const byKey = new Map(bindings.map((b) => [b.key, b] as const));
  return verdicts.map((v) => {
    const b = byKey.get(v.binding);
    if (v.kind !== 'evict') return v;
    const taint = v.task.producer === evictionProducerTaintManager;
    const rules = taint
      ? b?.failover?.cluster?.statePreservation?.rules
      : b?.failover?.application?.statePreservation?.rules;
    if (!b || !rules?.length) return v;
    const seen = b.statuses.find((s) => s.cluster === v.cluster)?.preservedLabelState;
    if (!seen) return v;
    // Karmada BuildPreservedLabelState: one rule that cannot be read and there is no state.
    if (!rules.every((r) => Object.hasOwn(seen, r.aliasLabelName))) return v;
    const names = new Set(rules.map((r) => r.aliasLabelName));
    const state = sortRecord(Object.fromEntries(Object.entries(seen).filter(([k]) => names.has(k))));
    const { creationTimestamp, ...rest } = v.task;
    const clustersBeforeFailover = taint ? [] : b.clusters.map((c) => c.name).sort(compareStrings);
    return {
      ...v,
      task: {
        ...rest,
        preservedLabelState: state,
        ...(clustersBeforeFailover.length ? { clustersBeforeFailover } : {}),
        ...(creationTimestamp ? { creationTimestamp } : {}),
      },
    };
  });
}

/**
 * Keeps each copy's preserved state across passes: an entry observed without one (its status
 * unreadable now) keeps the recorded state, and a copy not observed at all this pass (its member
 * unreachable) keeps a Health Unknown entry with its state while the binding still places or
 * evicts it there, so a later eviction from a dead member still carries its state. Sorted by cluster.
 */
export function keepPreservedState(
  observed: readonly ClusterWorkloadStatus[],
  recorded: readonly ClusterWorkloadStatus[],
  placedOn: ReadonlySet<string>,
): ClusterWorkloadStatus[] {
  const before = new Map(
    recorded
      .filter((r) => r.preservedLabelState && placedOn.has(r.cluster))
      .map((r) => [r.cluster, r.preservedLabelState] as const),
  );
  const out: ClusterWorkloadStatus[] = observed.map((o) => {
    const kept = before.get(o.cluster);
    return o.preservedLabelState || !kept ? o : { ...o, preservedLabelState: kept };
  });
  for (const [cluster, state] of before)
    if (!observed.some((o) => o.cluster === cluster))
      out.push({ cluster, health: 'Unknown', ...(state ? { preservedLabelState: state } : {}) });
  return out.sort((a, b) => compareStrings(a.cluster, b.cluster));
}
