/**
 * FederatedHPA and CronFederatedHPA as written → the specs the autoscaler reads, with Karmada's defaults
 * (pkg/apis/autoscaling/v1alpha1 and its webhook: minReplicas 1, cpu at 80% when no metric is given) and
 * Kubernetes' behavior defaults (SetDefaults_HorizontalPodAutoscalerBehavior: scale up without
 * stabilization by max(4 pods, 100%) per 15 s; scale down with a 300 s window by up to 100% per 15 s).
 * Problems come back at the path they concern; nothing throws.
 */
import type {
  CronFederatedHPASpec,
  CronRule,
  FederatedHPASpec,
  ResourceMetric,
  ScaleTargetRef,
  ScalingPolicy,
  ScalingRules,
  SelectPolicy,
} from '../api/autoscaling.ts';
import { isPlainObject } from '../api/index.ts';
import { parseMilli } from '../api/quantity.ts';
import { scheduleProblem } from './cron-schedule.ts';

/** One problem, at a path of the object. */
export interface AutoscalerProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

const defaultScaleUp: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const defaultScaleDown: ScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

function isInt(v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number {
  return Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
}

function targetRef(spec: Obj, out: AutoscalerProblem[]): ScaleTargetRef | undefined {
  const ref = spec['scaleTargetRef'];
  if (!isPlainObject(ref)) {
    out.push({ path: ['spec'], message: 'spec.scaleTargetRef is required' });
    return undefined;
  }
  const kind = ref['kind'];
  const name = ref['name'];
  const apiVersion = ref['apiVersion'];
  if (typeof kind !== 'string' || kind === '' || typeof name !== 'string' || name === '') {
    out.push({ path: ['spec', 'scaleTargetRef'], message: 'spec.scaleTargetRef needs a kind and a name' });
    return undefined;
  }
  return { kind, name, ...(typeof apiVersion === 'string' ? { apiVersion } : {}) };
}

function metricOf(m: unknown, path: Path, out: AutoscalerProblem[]): ResourceMetric | undefined {
  const bad = (message: string): undefined => {
    out.push({ path, message });
    return undefined;
  };
  if (!isPlainObject(m)) return bad('a metric is {type, resource: {name, target}}');
  // flotilla differs: only Resource metrics are read (metrics.k8s.io); Karmada also reads custom metrics
  // through karmada-metrics-adapter. Ignoring a metric could leave a workload too small, so it is an error.
  if (m['type'] !== 'Resource')
    return bad(`metric type ${String(m['type'])} is not supported: only Resource metrics (cpu, memory) are`);
  const res = m['resource'];
  if (!isPlainObject(res) || typeof res['name'] !== 'string') return bad('a Resource metric needs resource.name');
  const resource = res['name'];
  if (resource !== 'cpu' && resource !== 'memory') return bad(`resource ${resource} is not cpu or memory`);
  const target = res['target'];
  if (!isPlainObject(target)) return bad('a Resource metric needs resource.target');
  if (target['type'] === 'Utilization') {
    const u = target['averageUtilization'];
    if (!isInt(u, 1)) return bad('target.averageUtilization must be a positive integer (percent of request)');
    return { resource, kind: 'Utilization', averageUtilization: u };
  }
  if (target['type'] === 'AverageValue') {
    const raw = target['averageValue'];
    const milli = typeof raw === 'string' || typeof raw === 'number' ? parseMilli(raw) : undefined;
    if (milli === undefined || milli <= 0n) return bad('target.averageValue must be a positive quantity');
    return { resource, kind: 'AverageValue', averageMilli: Number(milli) };
  }
  return bad('a Resource metric target is Utilization or AverageValue');
}

function rulesOf(raw: unknown, fallback: ScalingRules, path: Path, out: AutoscalerProblem[]): ScalingRules {
  if (raw === undefined) return fallback;
  if (!isPlainObject(raw)) {
    out.push({ path, message: 'scaling rules are {stabilizationWindowSeconds, selectPolicy, policies}' });
    return fallback;
  }
  const w = raw['stabilizationWindowSeconds'];
  if (w !== undefined && !isInt(w, 0, 3600))
    out.push({ path: [...path, 'stabilizationWindowSeconds'], message: 'stabilizationWindowSeconds is 0 to 3600' });
  const s = raw['selectPolicy'];
  if (s !== undefined && s !== 'Max' && s !== 'Min' && s !== 'Disabled')
    out.push({ path: [...path, 'selectPolicy'], message: 'selectPolicy must be one of: Max, Min, Disabled' });
  const policies: ScalingPolicy[] = [];
  const ps = raw['policies'];
  if (ps !== undefined && !Array.isArray(ps)) out.push({ path: [...path, 'policies'], message: 'policies is a list' });
  if (Array.isArray(ps))
    ps.forEach((p: unknown, i) => {
      const at = [...path, 'policies', i];
      if (!isPlainObject(p) || (p['type'] !== 'Pods' && p['type'] !== 'Percent'))
        out.push({ path: at, message: 'a policy type is Pods or Percent' });
      else if (!isInt(p['value'], 1)) out.push({ path: at, message: 'a policy value must be a positive integer' });
      else if (!isInt(p['periodSeconds'], 1, 1800)) out.push({ path: at, message: 'periodSeconds is 1 to 1800' });
      else policies.push({ type: p['type'], value: p['value'], periodSeconds: p['periodSeconds'] });
    });
  return {
    stabilizationWindowSeconds: isInt(w, 0, 3600) ? w : fallback.stabilizationWindowSeconds,
    selectPolicy: (s as SelectPolicy | undefined) ?? fallback.selectPolicy,
    policies: ps === undefined ? fallback.policies : policies,
  };
}

/** The FederatedHPA's spec with defaults, or the problems that keep flotilla from acting on it. */
export function normaliseFederatedHPA(
  object: Obj,
  namespace: string,
  name: string,
): { spec?: FederatedHPASpec; problems: AutoscalerProblem[] } {
  const problems: AutoscalerProblem[] = [];
  const spec = object['spec'];
  if (!isPlainObject(spec)) return { problems: [{ path: ['spec'], message: 'spec is required' }] };
  const target = targetRef(spec, problems);
  const min = spec['minReplicas'] ?? 1;
  const max = spec['maxReplicas'];
  if (!isInt(min, 1))
    problems.push({ path: ['spec', 'minReplicas'], message: 'minReplicas must be a positive integer' });
  if (!isInt(max, 1)) problems.push({ path: ['spec'], message: 'spec.maxReplicas is required (a positive integer)' });
  else if (isInt(min, 1) && max < min)
    problems.push({ path: ['spec', 'maxReplicas'], message: `maxReplicas ${max} is below minReplicas ${min}` });
  const rawMetrics = spec['metrics'];
  const metrics: ResourceMetric[] = [];
  if (rawMetrics === undefined) metrics.push({ resource: 'cpu', kind: 'Utilization', averageUtilization: 80 });
  else if (!Array.isArray(rawMetrics)) problems.push({ path: ['spec', 'metrics'], message: 'metrics is a list' });
  else
    rawMetrics.forEach((m: unknown, i) => {
      const r = metricOf(m, ['spec', 'metrics', i], problems);
      if (r) metrics.push(r);
    });
  const behavior = spec['behavior'];
  const b = isPlainObject(behavior) ? behavior : {};
  const scaleUp = rulesOf(b['scaleUp'], defaultScaleUp, ['spec', 'behavior', 'scaleUp'], problems);
  const scaleDown = rulesOf(b['scaleDown'], defaultScaleDown, ['spec', 'behavior', 'scaleDown'], problems);
  if (problems.length > 0 || target === undefined || !isInt(min, 1) || !isInt(max, 1)) return { problems };
  return {
    spec: { namespace, name, target, minReplicas: min, maxReplicas: max, metrics, behavior: { scaleUp, scaleDown } },
    problems,
  };
}

function ruleOf(r: unknown, i: number, targetKind: string, out: AutoscalerProblem[]): CronRule | undefined {
  const at = ['spec', 'rules', i];
  const before = out.length;
  if (!isPlainObject(r) || typeof r['name'] !== 'string' || typeof r['schedule'] !== 'string') {
    out.push({ path: at, message: 'a rule needs a name and a schedule' });
    return undefined;
  }
  const zone = r['timeZone'];
  if (zone !== undefined && typeof zone !== 'string')
    out.push({ path: [...at, 'timeZone'], message: 'timeZone is a string' });
  const why = scheduleProblem(r['schedule'], typeof zone === 'string' ? zone : undefined);
  if (why !== undefined) out.push({ path: [...at, 'schedule'], message: `rule ${r['name']}: ${why}` });
  for (const f of ['targetReplicas', 'targetMinReplicas', 'targetMaxReplicas'] as const)
    if (r[f] !== undefined && !isInt(r[f], 0))
      out.push({ path: [...at, f], message: `${f} must be a non-negative integer` });
  for (const f of ['successfulHistoryLimit', 'failedHistoryLimit'] as const)
    if (r[f] !== undefined && !isInt(r[f], 0, 32)) out.push({ path: [...at, f], message: `${f} is 0 to 32` });
  if (r['suspend'] !== undefined && typeof r['suspend'] !== 'boolean')
    out.push({ path: [...at, 'suspend'], message: 'suspend is true or false' });
  // Karmada's webhook (cronfederatedhpa validation): a FederatedHPA target takes min/max, a workload targetReplicas.
  if (targetKind === 'FederatedHPA' && r['targetMinReplicas'] === undefined && r['targetMaxReplicas'] === undefined)
    out.push({
      path: at,
      message: `rule ${r['name']}: a FederatedHPA target needs targetMinReplicas or targetMaxReplicas`,
    });
  if (targetKind !== 'FederatedHPA' && r['targetReplicas'] === undefined)
    out.push({ path: at, message: `rule ${r['name']}: a ${targetKind} target needs targetReplicas` });
  return out.length > before ? undefined : (r as unknown as CronRule);
}

/** The CronFederatedHPA's spec, or the problems that keep flotilla from acting on it. */
export function normaliseCronFederatedHPA(
  object: Obj,
  namespace: string,
  name: string,
): { spec?: CronFederatedHPASpec; problems: AutoscalerProblem[] } {
  const problems: AutoscalerProblem[] = [];
  const spec = object['spec'];
  if (!isPlainObject(spec)) return { problems: [{ path: ['spec'], message: 'spec is required' }] };
  const target = targetRef(spec, problems);
  const raw = spec['rules'];
  const rules: CronRule[] = [];
  if (!Array.isArray(raw) || raw.length === 0)
    problems.push({ path: ['spec'], message: 'spec.rules must list at least one rule' });
  else {
    const seen = new Set<string>();
    raw.forEach((r: unknown, i) => {
      const rule = ruleOf(r, i, target?.kind ?? '', problems);
      if (rule === undefined) return;
      if (seen.has(rule.name))
        problems.push({ path: ['spec', 'rules', i], message: `rule name ${rule.name} is used twice` });
      seen.add(rule.name);
      rules.push(rule);
    });
  }
  if (problems.length > 0 || target === undefined) return { problems };
  return { spec: { namespace, name, target, rules }, problems };
}
