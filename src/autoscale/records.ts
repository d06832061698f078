/**
 * What the status branch remembers of each autoscaler (`autoscalers/<ns>/<name>.yaml`,
 * `cronfederatedhpas/<ns>/<name>.yaml`), and which replica count is in force for a workload.
 *
 * Precedence (docs/autoscaling.md): a decision replaces the template's own `spec.replicas` only while the
 * template still has the replicas it had when the decision was made. A revision that changes the
 * template's replicas wins: the plan uses them, and the autoscaler starts again from them on its next
 * pass (as `kubectl apply` of the workload does to a Karmada FederatedHPA until its next sync). Between
 * a FederatedHPA and a CronFederatedHPA rule scaling the same workload, the later decision wins.
 */
import type { ScaleTargetRef } from '../api/autoscaling.ts';
import type { Fleet, Loaded } from '../api/fleet.ts';
import { isPlainObject } from '../api/object.ts';
import { compareStrings } from '../api/order.ts';
import type { ScaleCondition, ScaleHistory } from './behavior.ts';
import type { ExecutionHistory } from './cron-rules.ts';
import type { MetricValue } from './decide-scale.ts';

/** A CronFederatedHPA's limits in force on a FederatedHPA, and the spec limits they replaced. */
export interface CronLimits {
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly scheduleTime: string;
  readonly cron: string;
  /** The FederatedHPA's own min/max when the rule ran: a revision that changes them drops these limits. */
  readonly specMinReplicas: number;
  readonly specMaxReplicas: number;
}

/** One FederatedHPA's record. Times are RFC 3339. */
export interface AutoscalerRecord {
  readonly namespace: string;
  readonly name: string;
  readonly target: ScaleTargetRef;
  /** The total the plan used when the decision was made. */
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  /** The template's own spec.replicas when the decision was made (precedence, above). */
  readonly templateReplicas: number | undefined;
  readonly lastScaleTime?: string;
  readonly metrics: readonly MetricValue[];
  readonly conditions: readonly ScaleCondition[];
  readonly unreachableClusters: readonly string[];
  /** Recommendations and scale events (ms) the stabilization windows and policies read. */
  readonly history: ScaleHistory;
  readonly cronLimits?: CronLimits;
}

/** A CronFederatedHPA's record: Karmada's execution histories, and the replicas a workload rule set. */
export interface CronRecord {
  readonly namespace: string;
  readonly name: string;
  readonly target: ScaleTargetRef;
  readonly executionHistories: readonly ExecutionHistory[];
  readonly workloadReplicas?: {
    readonly replicas: number;
    readonly scheduleTime: string;
    readonly templateReplicas: number | undefined;
  };
}

/** The template a scaleTargetRef names in `namespace`, if the revision has it. */
export function targetTemplate(fleet: Fleet, ref: ScaleTargetRef, namespace: string): Loaded | undefined {
  return fleet.templates.find(
    (t) =>
      t.object.kind === ref.kind &&
      t.object.metadata.name === ref.name &&
      (t.object.metadata.namespace ?? 'default') === namespace &&
      (ref.apiVersion === undefined || ref.apiVersion === t.object.apiVersion),
  );
}

/** A template's own spec.replicas (undefined when it has none). */
export function templateReplicas(t: Loaded): number | undefined {
  const spec = (t.object as { spec?: unknown }).spec;
  const r = isPlainObject(spec) ? spec['replicas'] : undefined;
  return typeof r === 'number' ? r : undefined;
}

/** One workload's total decided by an autoscaler, and which. */
export interface ReplicasInForce {
  readonly template: Loaded;
  readonly replicas: number;
  readonly decidedAt: string;
  readonly by: string;
}

/**
 * The totals the autoscalers' records put in force, by template (precedence above). Records whose
 * autoscaler the revision no longer has are ignored.
 */
export function replicasInForce(
  fleet: Fleet,
  autoscalers: readonly AutoscalerRecord[],
  crons: readonly CronRecord[],
): ReplicasInForce[] {
  const best = new Map<Loaded, ReplicasInForce>();
  const offer = (
    ref: ScaleTargetRef,
    ns: string,
    replicas: number,
    at: string,
    was: number | undefined,
    by: string,
  ) => {
    const t = targetTemplate(fleet, ref, ns);
    if (t === undefined || templateReplicas(t) !== was) return;
    const prev = best.get(t);
    if (prev === undefined || compareStrings(prev.decidedAt, at) < 0)
      best.set(t, { template: t, replicas, decidedAt: at, by });
  };
  const fhpas = new Set((fleet.federatedHPAs ?? []).map((h) => `${h.spec.namespace}/${h.spec.name}`));
  for (const r of autoscalers)
    if (fhpas.has(`${r.namespace}/${r.name}`) && r.lastScaleTime !== undefined)
      offer(
        r.target,
        r.namespace,
        r.desiredReplicas,
        r.lastScaleTime,
        r.templateReplicas,
        `FederatedHPA ${r.namespace}/${r.name}`,
      );
  const cronNames = new Set((fleet.cronFederatedHPAs ?? []).map((h) => `${h.spec.namespace}/${h.spec.name}`));
  for (const c of crons) {
    const w = c.workloadReplicas;
    if (w === undefined || !cronNames.has(`${c.namespace}/${c.name}`)) continue;
    offer(
      c.target,
      c.namespace,
      w.replicas,
      w.scheduleTime,
      w.templateReplicas,
      `CronFederatedHPA ${c.namespace}/${c.name}`,
    );
  }
  return [...best.values()];
}

/** The fleet with each autoscaled template's spec.replicas replaced by the total in force. */
export function withReplicasInForce(fleet: Fleet, inForce: readonly ReplicasInForce[]): Fleet {
  if (inForce.length === 0) return fleet;
  const byTemplate = new Map(inForce.map((r) => [r.template, r.replicas] as const));
  return {
    ...fleet,
    templates: fleet.templates.map((t) => {
      const replicas = byTemplate.get(t);
      if (replicas === undefined) return t;
      const o = t.object as { spec?: Record<string, unknown> };
      return { ...t, object: { ...t.object, spec: { ...o.spec, replicas } } as Loaded['object'] };
    }),
  };
}
