/**
 * One autoscaling pass over a revision, pure: the CronFederatedHPA rules that are due run first (a rule
 * may set a FederatedHPA's limits or a workload's replicas), then every FederatedHPA decides from the
 * pods the shell observed. Returns every record (the controller's memory between commits), the records
 * to commit (a changed count, an executed rule), the commit lines, and the fleet with the replicas in force.
 */
import type { CronFederatedHPASpec, FederatedHPASpec, LoadedFederatedHPA } from '../api/autoscaling.ts';
import type { Fleet } from '../api/fleet.ts';
import { compareStrings } from '../api/order.ts';
import type { DecisionDescription } from '../status/index.ts';
import type { ScaleHistory } from './behavior.ts';
import { type CronAction, decideCron } from './cron-rules.ts';
import { decideScale, type ScaleDecision, type ScaleObservation } from './decide-scale.ts';
import {
  type AutoscalerRecord,
  type CronLimits,
  type CronRecord,
  replicasInForce,
  targetTemplate,
  templateReplicas,
  withReplicasInForce,
} from './records.ts';

/** What the pass reads. Records and observations are keyed by `namespace/name` of their autoscaler. */
export interface AutoscalePassInput {
  readonly fleet: Fleet;
  readonly autoscalers: ReadonlyMap<string, AutoscalerRecord>;
  readonly crons: ReadonlyMap<string, CronRecord>;
  readonly observations: ReadonlyMap<string, ScaleObservation>;
  /** ms since the epoch. */
  readonly now: number;
  /** The zone of rules without `timeZone`. */
  readonly defaultZone: string;
}

/** What the pass decided. */
export interface AutoscalePassResult {
  readonly autoscalers: readonly AutoscalerRecord[];
  readonly crons: readonly CronRecord[];
  readonly changed: { readonly autoscalers: readonly AutoscalerRecord[]; readonly crons: readonly CronRecord[] };
  /** Records whose FederatedHPA or CronFederatedHPA the revision no longer has: their files go, in this pass's commit. */
  readonly removed: { readonly autoscalers: readonly AutoscalerRecord[]; readonly crons: readonly CronRecord[] };
  readonly decisions: readonly DecisionDescription[];
  readonly fleet: Fleet;
}

const emptyHistory: ScaleHistory = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const keyOf = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

function runCron(
  c: CronFederatedHPASpec,
  input: AutoscalePassInput,
  limits: Map<string, CronLimits>,
): { record: CronRecord; executed: readonly CronAction[]; isNew: boolean } {
  const prev = input.crons.get(keyOf(c));
  const fhpa = (input.fleet.federatedHPAs ?? []).find(
    (h) => h.spec.namespace === c.namespace && h.spec.name === c.target.name,
  );
  const template = targetTemplate(input.fleet, c.target, c.namespace);
  const exists = c.target.kind === 'FederatedHPA' ? fhpa !== undefined : template !== undefined;
  const d = decideCron(c.rules, prev?.executionHistories ?? [], { ...c.target, exists }, input.now, input.defaultZone);
  let workloadReplicas = prev?.workloadReplicas;
  for (const a of d.actions) {
    if (a.kind === 'ScaleWorkload' && template !== undefined)
      workloadReplicas = {
        replicas: a.replicas,
        scheduleTime: a.scheduleTime,
        templateReplicas: templateReplicas(template),
      };
    if (a.kind === 'LimitFederatedHPA' && fhpa !== undefined)
      limits.set(keyOf(fhpa.spec), {
        ...(a.minReplicas === undefined ? {} : { minReplicas: a.minReplicas }),
        ...(a.maxReplicas === undefined ? {} : { maxReplicas: a.maxReplicas }),
        scheduleTime: a.scheduleTime,
        cron: c.name,
        specMinReplicas: fhpa.spec.minReplicas,
        specMaxReplicas: fhpa.spec.maxReplicas,
      });
  }
  const record: CronRecord = {
    namespace: c.namespace,
    name: c.name,
    target: c.target,
    executionHistories: d.histories,
    ...(workloadReplicas ? { workloadReplicas } : {}),
  };
  return { record, executed: d.actions, isNew: prev === undefined };
}

/** The spec with a CronFederatedHPA's limits, while the FederatedHPA's own limits are those they replaced. */
function limitedSpec(spec: FederatedHPASpec, limits: CronLimits | undefined): FederatedHPASpec {
  if (
    limits === undefined ||
    limits.specMinReplicas !== spec.minReplicas ||
    limits.specMaxReplicas !== spec.maxReplicas
  )
    return spec;
  return {
    ...spec,
    minReplicas: limits.minReplicas ?? spec.minReplicas,
    maxReplicas: limits.maxReplicas ?? spec.maxReplicas,
  };
}

function describeScale(h: FederatedHPASpec, d: ScaleDecision): DecisionDescription {
  const targets = new Map(h.metrics.map((m) => [m.resource, m] as const));
  return {
    subject: `flotilla: scale ${h.target.kind} ${h.namespace}/${h.target.name} from ${d.currentReplicas} to ${d.desiredReplicas} (FederatedHPA ${h.name})`,
    body: [
      ...d.metrics.map((m) => {
        const t = targets.get(m.resource);
        return m.averageUtilization !== undefined && t?.kind === 'Utilization'
          ? `${m.resource}: ${m.averageUtilization}% of request (target ${t.averageUtilization}%)`
          : `${m.resource}: ${m.averageValueMilli}m per pod${t?.kind === 'AverageValue' ? ` (target ${t.averageMilli}m)` : ''}`;
      }),
      ...d.conditions.map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`),
      ...(d.unreachableClusters.length ? [`left out (unreachable): ${d.unreachableClusters.join(', ')}`] : []),
    ],
    trailer: 'scale',
  };
}

function runFederatedHPA(
  h: LoadedFederatedHPA,
  input: AutoscalePassInput,
  autoscalers: Map<string, AutoscalerRecord>,
  crons: readonly CronRecord[],
  limits: ReadonlyMap<string, CronLimits>,
): { record: AutoscalerRecord; decision?: DecisionDescription } | undefined {
  const key = keyOf(h.spec);
  const template = targetTemplate(input.fleet, h.spec.target, h.spec.namespace);
  if (template === undefined) return undefined;
  const prev = autoscalers.get(key);
  const cronLimits = limits.get(key) ?? prev?.cronLimits;
  const spec = limitedSpec(h.spec, cronLimits);
  const inForce = replicasInForce(input.fleet, [...autoscalers.values()], crons).find((r) => r.template === template);
  const current = inForce?.replicas ?? templateReplicas(template) ?? 1;
  const observation = input.observations.get(key) ?? { pods: [], unreachableClusters: [] };
  const d = decideScale(spec, current, observation, prev?.history ?? emptyHistory, input.now);
  const record: AutoscalerRecord = {
    namespace: h.spec.namespace,
    name: h.spec.name,
    target: h.spec.target,
    currentReplicas: d.currentReplicas,
    desiredReplicas: d.desiredReplicas,
    // A decision is made against the template as it is now; without one, the last decision's stays.
    templateReplicas: d.rescale || prev === undefined ? templateReplicas(template) : prev.templateReplicas,
    ...(d.rescale
      ? { lastScaleTime: iso(input.now) }
      : prev?.lastScaleTime
        ? { lastScaleTime: prev.lastScaleTime }
        : {}),
    metrics: d.metrics,
    conditions: d.conditions,
    unreachableClusters: d.unreachableClusters,
    history: d.history,
    ...(cronLimits ? { cronLimits } : {}),
  };
  return d.rescale || limits.has(key) ? { record, decision: describeScale(spec, d) } : { record };
}

/** The records whose autoscaler the revision no longer has, sorted by key (D5). */
function removedRecords<R extends { namespace: string; name: string }>(
  records: ReadonlyMap<string, R>,
  kept: readonly { readonly spec: { namespace: string; name: string } }[],
): R[] {
  const names = new Set(kept.map((k) => keyOf(k.spec)));
  return [...records.values()]
    .filter((r) => !names.has(keyOf(r)))
    .toSorted((a, b) => compareStrings(keyOf(a), keyOf(b)));
}

/** The commit lines of forgetting a removed autoscaler's record (trailer `scale`). */
function describeRemoval(
  kind: 'FederatedHPA' | 'CronFederatedHPA',
  r: AutoscalerRecord | CronRecord,
): DecisionDescription {
  return {
    subject: `flotilla: forget ${kind} ${r.namespace}/${r.name} (removed from the fleet repo)`,
    body: [
      `${r.target.kind} ${r.namespace}/${r.target.name} is no longer scaled by it: the template's own replicas are planned`,
    ],
    trailer: 'scale',
  };
}

/** Runs the pass (module comment). */
export function runAutoscalePass(input: AutoscalePassInput): AutoscalePassResult {
  const limits = new Map<string, CronLimits>();
  const crons: CronRecord[] = [];
  const changedCrons: CronRecord[] = [];
  const decisions: DecisionDescription[] = [];
  for (const c of input.fleet.cronFederatedHPAs ?? []) {
    const r = runCron(c.spec, input, limits);
    crons.push(r.record);
    if (r.executed.length > 0 || r.isNew) changedCrons.push(r.record);
    for (const a of r.executed)
      decisions.push({
        subject: `flotilla: scale by CronFederatedHPA ${c.spec.namespace}/${c.spec.name}, rule ${a.rule} (scheduled ${a.scheduleTime})`,
        body: [
          a.kind === 'ScaleWorkload'
            ? `${c.spec.target.kind} ${c.spec.namespace}/${c.spec.target.name}: replicas ${a.replicas}`
            : `FederatedHPA ${c.spec.namespace}/${c.spec.target.name}: ${[a.minReplicas === undefined ? '' : `minReplicas ${a.minReplicas}`, a.maxReplicas === undefined ? '' : `maxReplicas ${a.maxReplicas}`].filter(Boolean).join(', ')}`,
        ],
        trailer: 'scale',
      });
  }
  const autoscalers = new Map(input.autoscalers);
  const changed: AutoscalerRecord[] = [];
  for (const h of input.fleet.federatedHPAs ?? []) {
    const r = runFederatedHPA(h, input, autoscalers, crons, limits);
    if (r === undefined) continue;
    autoscalers.set(keyOf(h.spec), r.record);
    if (r.decision) {
      changed.push(r.record);
      decisions.push(r.decision);
    }
  }
  const removed = {
    autoscalers: removedRecords(input.autoscalers, input.fleet.federatedHPAs ?? []),
    crons: removedRecords(input.crons, input.fleet.cronFederatedHPAs ?? []),
  };
  for (const r of removed.autoscalers) {
    autoscalers.delete(keyOf(r));
    decisions.push(describeRemoval('FederatedHPA', r));
  }
  for (const r of removed.crons) decisions.push(describeRemoval('CronFederatedHPA', r));
  const all = [...autoscalers.values()];
  return {
    autoscalers: all,
    crons,
    changed: { autoscalers: changed, crons: changedCrons },
    removed,
    decisions,
    fleet: withReplicasInForce(input.fleet, replicasInForce(input.fleet, all, crons)),
  };
}
