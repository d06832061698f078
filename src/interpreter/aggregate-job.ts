/**
 * Native AggregateStatus of a batch/v1 Job (Karmada helper.ParsingJobStatus, pkg/util/helper/job.go):
 * counters summed; Failed when any member failed, Complete (and SuccessCriteriaMet when all met it)
 * when every member completed; the earliest start once all started, the latest completion once all
 * completed. A Job whose template already finished is left alone.
 *
 * flotilla differs (DESIGN "Principles", pure core): condition times are the caller's `now`, and
 * are left out when no `now` is given (Karmada stamps metav1.Now()).
 */
import { cloneJson, type JsonObject, type JsonValue, type KubeObject } from '../api/index.ts';
import { intField, objectField, stringField } from './kinds.ts';
import type { AggregatedStatusItem } from './types.ts';

function finished(status: JsonObject | undefined): 'Complete' | 'Failed' | undefined {
  const conditions = status?.['conditions'];
  for (const c of Array.isArray(conditions) ? conditions : []) {
    const type = stringField({ c }, 'c', 'type');
    if ((type === 'Complete' || type === 'Failed') && stringField({ c }, 'c', 'status') === 'True') return type;
  }
  return undefined;
}

function hasCondition(status: JsonObject, type: string): boolean {
  const conditions = status['conditions'];
  return (Array.isArray(conditions) ? conditions : []).some(
    (c) => stringField({ c }, 'c', 'type') === type && stringField({ c }, 'c', 'status') === 'True',
  );
}

const timeOf = (v: JsonValue | undefined): number | undefined =>
  typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;

function condition(type: string, reason: string, message: string, now: string | undefined): JsonObject {
  return { type, status: 'True', ...(now ? { lastProbeTime: now, lastTransitionTime: now } : {}), reason, message };
}

/** The aggregated Job. */
export function aggregateJob(
  obj: KubeObject,
  items: readonly AggregatedStatusItem[],
  now: string | undefined,
): KubeObject {
  const current = objectField(obj, 'status');
  if (finished(current)) return cloneJson(obj);
  const sums = { active: 0, succeeded: 0, failed: 0 };
  const failedClusters: string[] = [];
  let completed = 0;
  let criteriaMet = 0;
  let started = 0;
  let completions = 0;
  let startTime: JsonValue | undefined;
  let completionTime: JsonValue | undefined;
  for (const item of items) {
    const s = item.status;
    if (!s) continue;
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += intField(s, k);
    const state = finished(s);
    if (state === 'Complete') completed++;
    else if (state === 'Failed') failedClusters.push(item.clusterName);
    if (hasCondition(s, 'SuccessCriteriaMet')) criteriaMet++;
    const start = timeOf(s['startTime']);
    if (start !== undefined) {
      started++;
      const cur = timeOf(startTime);
      if (cur === undefined || start < cur) startTime = s['startTime'];
    }
    const end = timeOf(s['completionTime']);
    if (end !== undefined) {
      completions++;
      const cur = timeOf(completionTime);
      if (cur === undefined || cur < end) completionTime = s['completionTime'];
    }
  }
  const conditions: JsonObject[] = [];
  if (failedClusters.length > 0)
    conditions.push(
      condition('Failed', 'JobFailed', `Job executed failed in member clusters ${failedClusters.join(',')}`, now),
    );
  if (completed === items.length && completed > 0) {
    conditions.push(condition('Complete', 'Completed', 'Job completed', now));
    if (criteriaMet === items.length)
      conditions.push(
        condition('SuccessCriteriaMet', 'CompletionsReached', 'All member clusters have met success criteria', now),
      );
  }
  const start = current?.['startTime'] ?? (started === items.length && started > 0 ? startTime : undefined);
  const status: JsonObject = {
    ...(conditions.length > 0 ? { conditions } : {}),
    ...(start !== undefined && start !== null ? { startTime: start } : {}),
    ...(completionTime !== undefined && completions === items.length ? { completionTime } : {}),
    ...(sums.active ? { active: sums.active } : {}),
    ...(sums.succeeded ? { succeeded: sums.succeeded } : {}),
    ...(sums.failed ? { failed: sums.failed } : {}),
  };
  return { ...cloneJson(obj), status };
}
