/**
 * Native AggregateStatus for services, ingresses, jobs, pods and volumes
 * (Karmada default/native/aggregatestatus.go, pkg/util/helper/job.go ParsingJobStatus).
 */
import { cloneJson, type JsonObject, type JsonValue, type KubeObject } from '../api/index.ts';
import { objectField, stringField } from './kinds.ts';
import { dedupeAndSortIngress } from './load-balancer.ts';
import type { AggregatedStatusItem } from './types.ts';

const withStatus = (obj: KubeObject, status: JsonObject): KubeObject => ({ ...cloneJson(obj), status });
const reported = (items: readonly AggregatedStatusItem[]): JsonObject[] =>
  items.flatMap((i) => (i.status ? [i.status] : []));

/** Service of type LoadBalancer: every member's ingress entries, deduplicated and sorted. */
export function aggregateService(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  if (stringField(obj, 'spec', 'type') !== 'LoadBalancer') return cloneJson(obj);
  return withStatus(obj, { loadBalancer: loadBalancerOf(items) });
}

/** Ingress: every member's load balancer entries, deduplicated and sorted. */
export function aggregateIngress(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  return withStatus(obj, { loadBalancer: loadBalancerOf(items) });
}

function loadBalancerOf(items: readonly AggregatedStatusItem[]): JsonObject {
  const entries = reported(items).flatMap((s) => {
    const ingress = objectField(s, 'loadBalancer')?.['ingress'];
    return Array.isArray(ingress) ? ingress : [];
  });
  const merged = dedupeAndSortIngress(entries);
  return merged.length > 0 ? { ingress: merged } : {};
}

const timeOf = (v: JsonValue | undefined): number | undefined =>
  typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;

/** CronJob: active jobs of all members in member order; the latest schedule and success times. */
export function aggregateCronJob(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  const active: JsonValue[] = [];
  let lastSchedule: JsonValue | undefined;
  let lastSuccessful: JsonValue | undefined;
  for (const s of reported(items)) {
    if (Array.isArray(s['active'])) active.push(...s['active']);
    if (later(s['lastScheduleTime'], lastSchedule)) lastSchedule = s['lastScheduleTime'];
    if (later(s['lastSuccessfulTime'], lastSuccessful)) lastSuccessful = s['lastSuccessfulTime'];
  }
  const status: JsonObject = { ...(objectField(obj, 'status') ?? {}) };
  for (const [k, v] of [
    ['active', active.length > 0 ? active : undefined],
    ['lastScheduleTime', lastSchedule],
    ['lastSuccessfulTime', lastSuccessful],
  ] as const) {
    if (v === undefined || v === null) delete status[k];
    else status[k] = v;
  }
  return withStatus(obj, status);
}

function later(candidate: JsonValue | undefined, current: JsonValue | undefined): boolean {
  const c = timeOf(candidate);
  if (c === undefined) return false;
  const cur = timeOf(current);
  return cur === undefined || cur < c;
}

const podPhaseOrder = ['Failed', 'Pending', 'Running', 'Succeeded'] as const;
const volumePhaseOrder = ['Failed', 'Pending', 'Available', 'Bound', 'Released'] as const;

/**
 * Pod: the phase is the first of Failed, Pending, Running, Succeeded any member is in (a member
 * without a status counts as Pending); container statuses of all members, keeping ready and state.
 */
export function aggregatePod(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  const phases = new Set<string>();
  const containerStatuses: JsonObject[] = [];
  const initContainerStatuses: JsonObject[] = [];
  for (const item of items) {
    if (!item.status) {
      phases.add('Pending');
      continue;
    }
    phases.add(stringField(item.status, 'phase'));
    containerStatuses.push(...statusesOf(item.status, 'containerStatuses'));
    initContainerStatuses.push(...statusesOf(item.status, 'initContainerStatuses'));
  }
  const phase = podPhaseOrder.find((p) => phases.has(p));
  return withStatus(obj, {
    ...(phase ? { phase } : {}),
    ...(containerStatuses.length > 0 ? { containerStatuses } : {}),
    ...(initContainerStatuses.length > 0 ? { initContainerStatuses } : {}),
  });
}

function statusesOf(status: JsonObject, field: string): JsonObject[] {
  const list = status[field];
  return (Array.isArray(list) ? list : []).map((c) => ({
    ready: objectField({ c }, 'c')?.['ready'] === true,
    state: objectField(c, 'state') ?? {},
  }));
}

/** PersistentVolume: the first of Failed, Pending, Available, Bound, Released (no status counts as Pending). */
export function aggregatePersistentVolume(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  const phases = new Set(items.map((i) => (i.status ? stringField(i.status, 'phase') : 'Pending')));
  const phase = volumePhaseOrder.find((p) => phases.has(p));
  return withStatus(obj, phase ? { phase } : {});
}

/** PVC: Bound unless a member reports Lost (which wins) or another phase (the last one seen). */
export function aggregatePersistentVolumeClaim(obj: KubeObject, items: readonly AggregatedStatusItem[]): KubeObject {
  let phase = 'Bound';
  for (const s of reported(items)) {
    const p = stringField(s, 'phase');
    if (p === 'Lost') {
      phase = 'Lost';
      break;
    }
    if (p !== 'Bound') phase = p;
  }
  return withStatus(obj, phase ? { phase } : {});
}
