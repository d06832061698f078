/**
 * The controller pass's autoscaling step (Karmada's federatedhpa and cronfederatedhpa controllers as one
 * step of the sweep, before the plan): gather each FederatedHPA's pods and their metrics.k8s.io samples
 * from the reachable members its workload is placed on, run the pure pass (src/autoscale), and hand the
 * plan the fleet with the replicas in force. Records are committed on the status branch only when a
 * count changes or a cron rule runs (`Flotilla-Decision: scale`); between commits the controller keeps
 * them in memory (the recommendations the stabilization windows read), as Kubernetes' HPA controller
 * does. A restarted controller starts from the last committed records.
 */
import { compareStrings, resourceKeyOf, type Cluster } from '../api/index.ts';
import { runAutoscalePass, type ScaleObservation, targetTemplate, workloadSelector } from '../autoscale/index.ts';
import { observeWorkloadPods, type PodMetricsTarget } from '../cluster/pod-metrics.ts';
import type { DecisionDescription } from '../status/index.ts';
import {
  autoscalerRecordPath,
  cronRecordPath,
  formatAutoscalerRecord,
  formatCronRecord,
  readAutoscalerRecords,
  type StatusFiles,
} from '../writeback/index.ts';
import type { PassState } from './fleet-pass-steps.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import { memberReach } from './owned-members.ts';
import {
  conditionLine,
  heldWithNewConditions,
  memoryAfterPass,
  memoryFromBranch,
  reconcileMemory,
  remembersRecords,
  type ScaleMemory,
} from './scale-memory.ts';
import { need } from './reconcile-steps.ts';
import { proceed, type Step } from './step-engine.ts';

/** What the step hands the status write: the records to commit, the records to remove and the commit lines. */
export interface AutoscalingOutput {
  readonly files: ReadonlyMap<string, string>;
  /** Paths of records whose autoscaler the revision no longer has: removed in the same commit. */
  readonly removed?: ReadonlySet<string>;
  readonly decisions: readonly DecisionDescription[];
}

/** Each controller's records between commits (a pass's context lives as long as its controller). */
const memories = new WeakMap<object, ScaleMemory>();

const keyOf = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

/** This process's memory reconciled with the records at the status tip (scale-memory.ts). */
async function memoryAt(ctx: ControllerContext, tip: string | undefined): Promise<ScaleMemory> {
  const branch = await readAutoscalerRecords(ctx.target, tip);
  const known = memories.get(ctx.target);
  return known ? reconcileMemory(known, branch) : memoryFromBranch(branch);
}

/** Reads the pods of every FederatedHPA's workload on the members it is placed on. */
async function observe(ctx: ControllerContext, state: PassState): Promise<Map<string, ScaleObservation>> {
  const fleet = need(state.inForce).fleet;
  const bindings = new Map(need(state.failover).bindings.map((b) => [b.key, b.clusters] as const));
  const reachable = new Set([
    ...need(state.observed)
      .observations.filter((o) => o.kind === 'reachable')
      .map((o) => o.cluster),
    ...need(state.reports)
      .filter((r) => r.reachable)
      .map((r) => r.cluster),
  ]);
  const clusters = new Map(fleet.clusters.map((c) => [c.object.metadata.name ?? '', c.object as Cluster] as const));
  const out = new Map<string, ScaleObservation>();
  for (const h of fleet.federatedHPAs ?? []) {
    const template = targetTemplate(fleet, h.spec.target, h.spec.namespace);
    const selector = template && workloadSelector(template);
    if (template === undefined || selector === undefined) continue;
    const placed = (bindings.get(resourceKeyOf(template.object)) ?? []).filter((c) => (c.replicas ?? 0) > 0);
    const workload = { apiVersion: template.object.apiVersion, kind: template.object.kind, name: h.spec.target.name };
    const targets: PodMetricsTarget[] = placed.flatMap((c) => {
      const cluster = clusters.get(c.name);
      return cluster && reachable.has(c.name)
        ? [{ cluster, namespace: h.spec.namespace, labelSelector: selector, workload }]
        : [];
    });
    const read = await observeWorkloadPods(targets, {
      ...memberReach(ctx),
      resources: [...new Set(h.spec.metrics.map((m) => m.resource))],
    });
    const unreachable = placed.filter((c) => !reachable.has(c.name)).map((c) => c.name);
    for (const r of read)
      if (r.kind === 'unreadable') {
        unreachable.push(r.cluster);
        ctx.log({
          level: 'warn',
          msg: 'autoscaler: cannot read pods or metrics',
          cluster: r.cluster,
          message: r.message,
        });
      }
    // Karmada sums the scale subresource's spec.replicas of the members it reads: what runs there now.
    out.set(keyOf(h.spec), {
      pods: read.flatMap((r) => (r.kind === 'read' ? r.pods : [])),
      unreachableClusters: unreachable,
      replicasRead: read.reduce((n, r) => n + (r.kind === 'read' ? r.replicas : 0), 0),
    });
  }
  return out;
}

/** The pass step: runs when the revision in force has autoscalers. */
export const scaleStep: Step<ControllerContext, PassState, PassOutcome> = {
  name: 'autoscale',
  failureReason: 'AutoscaleFailed',
  async run(ctx, state) {
    const inForce = need(state.inForce);
    // A fleet without autoscalers reads nothing, unless this controller remembers records to remove.
    if (
      !inForce.fleet.federatedHPAs?.length &&
      !inForce.fleet.cronFederatedHPAs?.length &&
      !remembersRecords(memories.get(ctx.target))
    )
      return proceed;
    const memory = await memoryAt(ctx, need(state.view).tip);
    const result = runAutoscalePass({
      fleet: inForce.fleet,
      autoscalers: memory.autoscalers,
      crons: memory.crons,
      observations: await observe(ctx, state),
      now: ctx.now().getTime(),
      defaultZone: 'UTC',
    });
    memories.set(ctx.target, memoryAfterPass(memory, result));
    for (const d of result.decisions)
      ctx.log({ msg: 'autoscaler decision', decision: d.subject, revision: inForce.revision });
    for (const r of heldWithNewConditions(memory, result))
      ctx.log({
        msg: 'autoscaler holds',
        autoscaler: keyOf(r),
        replicas: r.desiredReplicas,
        conditions: conditionLine(r),
        metrics: r.metrics.map((m) => `${m.resource} ${m.averageUtilization ?? m.averageValueMilli}`).join(', '),
        ...(r.unreachableClusters.length ? { unreachable: r.unreachableClusters.join(', ') } : {}),
      });
    state.inForce = { ...inForce, fleet: result.fleet };
    state.autoscaling = {
      files: new Map([
        ...result.changed.autoscalers.map(
          (r) => [autoscalerRecordPath(r.namespace, r.name), formatAutoscalerRecord(r)] as const,
        ),
        ...result.changed.crons.map((r) => [cronRecordPath(r.namespace, r.name), formatCronRecord(r)] as const),
      ]),
      removed: new Set([
        ...result.removed.autoscalers.map((r) => autoscalerRecordPath(r.namespace, r.name)),
        ...result.removed.crons.map((r) => cronRecordPath(r.namespace, r.name)),
      ]),
      decisions: result.decisions,
    };
    return proceed;
  },
};

/**
 * The status files with the autoscaler records this pass changed or removed (the step owns exactly
 * those paths: an owned path without content is deleted).
 */
export function withAutoscalerFiles(status: StatusFiles, autoscaling: AutoscalingOutput | undefined): StatusFiles {
  const removed = autoscaling?.removed ?? new Set<string>();
  if (autoscaling === undefined || (autoscaling.files.size === 0 && removed.size === 0)) return status;
  const files = autoscaling.files;
  return {
    ...status,
    files: new Map(
      [...status.files, ...files].filter(([p]) => !removed.has(p)).toSorted(([a], [b]) => compareStrings(a, b)),
    ),
    owns: (p) => status.owns(p) || files.has(p) || removed.has(p),
  };
}
