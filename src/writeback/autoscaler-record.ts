/**
 * `autoscalers/<namespace>/<name>.yaml` (a FederatedHPA's last decision, in the shape of Karmada's
 * FederatedHPA status: currentReplicas, desiredReplicas, lastScaleTime, currentMetrics, conditions)
 * and `cronfederatedhpas/<namespace>/<name>.yaml` (a CronFederatedHPA's executionHistories) on the
 * status branch, plus what flotilla keeps beside them (`flotilla:`): the stabilization history and the
 * template's replicas the decision was made against. Reading tolerates a missing field; an unreadable
 * file reads as no record.
 */
import YAML from 'yaml';
import { isPlainObject, type ScaleTargetRef } from '../api/index.ts';
import type {
  AutoscalerRecord,
  CronLimits,
  CronRecord,
  ExecutionHistory,
  MetricValue,
  Recommendation,
  ScaleCondition,
  ScaleEvent,
} from '../autoscale/index.ts';

/** The folder of FederatedHPA records. */
export const autoscalersRoot = 'autoscalers';
/** The folder of CronFederatedHPA records. */
export const cronAutoscalersRoot = 'cronfederatedhpas';

/** The path of a FederatedHPA's record. */
export function autoscalerRecordPath(namespace: string, name: string): string {
  return `${autoscalersRoot}/${namespace}/${name}.yaml`;
}

/** The path of a CronFederatedHPA's record. */
export function cronRecordPath(namespace: string, name: string): string {
  return `${cronAutoscalersRoot}/${namespace}/${name}.yaml`;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function metricStatus(m: MetricValue): unknown {
  return {
    type: 'Resource',
    resource: {
      name: m.resource,
      current: {
        ...(m.averageUtilization === undefined ? {} : { averageUtilization: m.averageUtilization }),
        averageValue: `${m.averageValueMilli}m`,
      },
    },
  };
}

/** The record as YAML, keys in a fixed order (D5). */
export function formatAutoscalerRecord(r: AutoscalerRecord): string {
  const doc = {
    apiVersion: 'autoscaling.karmada.io/v1alpha1',
    kind: 'FederatedHPA',
    metadata: { namespace: r.namespace, name: r.name },
    spec: { scaleTargetRef: r.target },
    status: {
      currentReplicas: r.currentReplicas,
      desiredReplicas: r.desiredReplicas,
      ...(r.lastScaleTime === undefined ? {} : { lastScaleTime: r.lastScaleTime }),
      currentMetrics: r.metrics.map(metricStatus),
      conditions: r.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    },
    flotilla: {
      templateReplicas: r.templateReplicas ?? null,
      unreachableClusters: r.unreachableClusters,
      ...(r.cronLimits === undefined ? {} : { cronLimits: r.cronLimits }),
      recommendations: r.history.recommendations.map((x) => ({ replicas: x.replicas, time: iso(x.time) })),
      scaleUpEvents: r.history.scaleUpEvents.map((x) => ({ change: x.change, time: iso(x.time) })),
      scaleDownEvents: r.history.scaleDownEvents.map((x) => ({ change: x.change, time: iso(x.time) })),
    },
  };
  return YAML.stringify(doc, { lineWidth: 0 });
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});

function timed<T>(v: unknown, key: 'replicas' | 'change', make: (n: number, t: number) => T): T[] {
  return list(v).flatMap((e) => {
    const n = num(obj(e)[key]);
    const t = Date.parse(str(obj(e)['time']) ?? '');
    return n === undefined || Number.isNaN(t) ? [] : [make(n, t)];
  });
}

function targetOf(v: unknown): ScaleTargetRef | undefined {
  const ref = obj(obj(v)['scaleTargetRef']);
  const kind = str(ref['kind']);
  const name = str(ref['name']);
  const apiVersion = str(ref['apiVersion']);
  return kind && name ? { kind, name, ...(apiVersion ? { apiVersion } : {}) } : undefined;
}

function metricOf(v: unknown): MetricValue[] {
  const res = obj(obj(v)['resource']);
  const current = obj(res['current']);
  const name = str(res['name']);
  const avg = str(current['averageValue']);
  const milli = avg?.endsWith('m') ? Number(avg.slice(0, -1)) : Number.NaN;
  if (name === undefined || Number.isNaN(milli)) return [];
  const u = num(current['averageUtilization']);
  return [{ resource: name, ...(u === undefined ? {} : { averageUtilization: u }), averageValueMilli: milli }];
}

/** Parses a FederatedHPA record; undefined when it is not one. */
export function parseAutoscalerRecord(text: string): AutoscalerRecord | undefined {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch {
    // A hand-edited record that no longer parses: the autoscaler starts again from the template.
    return undefined;
  }
  const meta = obj(obj(doc)['metadata']);
  const status = obj(obj(doc)['status']);
  const extra = obj(obj(doc)['flotilla']);
  const namespace = str(meta['namespace']);
  const name = str(meta['name']);
  const target = targetOf(obj(doc)['spec']);
  const current = num(status['currentReplicas']);
  const desired = num(status['desiredReplicas']);
  if (!namespace || !name || !target || current === undefined || desired === undefined) return undefined;
  const lastScaleTime = str(status['lastScaleTime']);
  const cron = isPlainObject(extra['cronLimits']) ? (extra['cronLimits'] as unknown as CronLimits) : undefined;
  return {
    namespace,
    name,
    target,
    currentReplicas: current,
    desiredReplicas: desired,
    templateReplicas: num(extra['templateReplicas']),
    ...(lastScaleTime ? { lastScaleTime } : {}),
    metrics: list(status['currentMetrics']).flatMap(metricOf),
    conditions: list(status['conditions']).map((c) => obj(c) as unknown as ScaleCondition),
    unreachableClusters: list(extra['unreachableClusters']).flatMap((c) => (typeof c === 'string' ? [c] : [])),
    history: {
      recommendations: timed<Recommendation>(extra['recommendations'], 'replicas', (replicas, time) => ({
        replicas,
        time,
      })),
      scaleUpEvents: timed<ScaleEvent>(extra['scaleUpEvents'], 'change', (change, time) => ({ change, time })),
      scaleDownEvents: timed<ScaleEvent>(extra['scaleDownEvents'], 'change', (change, time) => ({ change, time })),
    },
    ...(cron ? { cronLimits: cron } : {}),
  };
}

/** The CronFederatedHPA record as YAML (Karmada's status.executionHistories), keys in a fixed order. */
export function formatCronRecord(r: CronRecord): string {
  const doc = {
    apiVersion: 'autoscaling.karmada.io/v1alpha1',
    kind: 'CronFederatedHPA',
    metadata: { namespace: r.namespace, name: r.name },
    spec: { scaleTargetRef: r.target },
    status: { executionHistories: r.executionHistories },
    ...(r.workloadReplicas === undefined
      ? {}
      : {
          flotilla: {
            workloadReplicas: { ...r.workloadReplicas, templateReplicas: r.workloadReplicas.templateReplicas ?? null },
          },
        }),
  };
  return YAML.stringify(doc, { lineWidth: 0 });
}

/** Parses a CronFederatedHPA record; undefined when it is not one. */
export function parseCronRecord(text: string): CronRecord | undefined {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch {
    // As above: no record, the rules start again from their next time.
    return undefined;
  }
  const meta = obj(obj(doc)['metadata']);
  const namespace = str(meta['namespace']);
  const name = str(meta['name']);
  const target = targetOf(obj(doc)['spec']);
  if (!namespace || !name || !target) return undefined;
  const histories = list(obj(obj(doc)['status'])['executionHistories']).flatMap((h) =>
    typeof obj(h)['ruleName'] === 'string' ? [h as ExecutionHistory] : [],
  );
  const w = obj(obj(obj(doc)['flotilla'])['workloadReplicas']);
  const replicas = num(w['replicas']);
  const scheduleTime = str(w['scheduleTime']);
  return {
    namespace,
    name,
    target,
    executionHistories: histories,
    ...(replicas !== undefined && scheduleTime !== undefined
      ? { workloadReplicas: { replicas, scheduleTime, templateReplicas: num(w['templateReplicas']) } }
      : {}),
  };
}
