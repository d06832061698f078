/**
 * The controller pass's descheduler step (Karmada karmada-descheduler, run every
 * --descheduling-interval when --descheduler is on): reads the Pending, unschedulable pods of the
 * dynamically divided Deployments on the reachable members whose ready replicas are short
 * (src/cluster/unschedulable-pods.ts), decides the reduced assignments (src/rebalance/deschedule.ts),
 * and hands them to the plan step as the previous placement: the plan then schedules the missing
 * replicas onto clusters with room. Never to zero: a cluster never goes below its ready replicas.
 */
import { parseResourceKey, type ResourceKey, type TargetCluster } from '../api/index.ts';
import { observeUnschedulable, deploymentKey, type DeploymentRef } from '../cluster/unschedulable-pods.ts';
import {
  decideDescheduling,
  describeDescheduling,
  isDeschedulable,
  type DeschedulableBinding,
} from '../rebalance/index.ts';
import type { PassState } from './fleet-pass-steps.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import { memberReach } from './owned-members.ts';
import { need } from './reconcile-steps.ts';
import { proceed, type Step } from './step-engine.ts';

/** Runs the descheduler when it is on and due; fills `state.descheduled` and its commit lines. */
export const descheduleStep: Step<ControllerContext, PassState, PassOutcome> = {
  name: 'deschedule',
  failureReason: 'DescheduleFailed',
  async run(ctx, state) {
    const clock = ctx.descheduler;
    if (!clock?.claim(ctx.now().getTime())) return proceed;
    const observed = need(state.observed);
    const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
    const statuses = new Map(need(state.memory).bindings.map((b) => [b.key, b.statuses] as const));
    const bindings: DeschedulableBinding[] = need(state.failover).bindings.flatMap((b) => {
      const ref = parseResourceKey(b.key as ResourceKey);
      const ready = new Map(
        (statuses.get(b.key) ?? []).flatMap((s) =>
          s.readyReplicas !== undefined ? [[s.cluster, s.readyReplicas] as const] : [],
        ),
      );
      const d: DeschedulableBinding = {
        key: b.key as ResourceKey,
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        placement: b.placement,
        clusters: b.clusters,
        ready,
      };
      return isDeschedulable(d) ? [d] : [];
    });
    const targets = new Map<string, DeploymentRef[]>();
    for (const b of bindings) {
      const ref = parseResourceKey(b.key);
      for (const c of b.clusters) {
        if (!reachable.has(c.name) || (b.ready.get(c.name) ?? -1) >= (c.replicas ?? 0)) continue;
        targets.set(c.name, [
          ...(targets.get(c.name) ?? []),
          { namespace: ref.namespace ?? 'default', name: ref.name },
        ]);
      }
    }
    if (targets.size === 0) return proceed;
    const { counts, unreadable } = await observeUnschedulable(targets, observed.clusters, {
      ...memberReach(ctx),
      nowMs: ctx.now().getTime(),
      thresholdSeconds: clock.thresholdSeconds,
    });
    for (const u of unreadable)
      ctx.log({
        level: 'warn',
        msg: "descheduler: cannot read the member's pods; its replicas stay",
        cluster: u.cluster,
        message: u.message,
      });
    const decisions = decideDescheduling(bindings, (key, cluster) => {
      const ref = parseResourceKey(key);
      return counts.get(cluster)?.get(deploymentKey({ namespace: ref.namespace ?? 'default', name: ref.name }));
    });
    state.descheduled = new Map<ResourceKey, readonly TargetCluster[]>(
      decisions.map((d) => [d.key, d.clusters] as const),
    );
    state.descheduling = describeDescheduling(decisions, clock.thresholdSeconds);
    for (const d of decisions)
      ctx.log({
        msg: 'descheduler decision',
        binding: d.key,
        reduced: d.reduced.map((r) => `${r.cluster}:${r.from}->${r.to}`).join(' '),
      });
    return proceed;
  },
};
