/** What both passes (decider and worker shard) do with the members they own: observe and apply, with the same limits. */
import type { Cluster, Fleet, KubeObject } from '../api/index.ts';
import type { applyFleet } from '../cluster/apply-fleet.ts';
import { observeClusters } from '../cluster/observe.ts';
import { defaultPruneGuard } from '../cluster/prune-guard.ts';
import { createInterpreter } from '../interpreter/index.ts';
import type { ControllerContext } from './fleet-pass.ts';

/** How this process reaches a member: credentials and timeouts. */
export function memberReach(ctx: Pick<ControllerContext, 'members'>) {
  return {
    credentials: ctx.members.credentials,
    timeoutMs: ctx.members.timeoutMs,
    requestTimeoutMs: ctx.members.requestTimeoutMs,
  };
}

/** Observes the fleet's Clusters this process owns (every one, unless the controller is sharded). */
export function observeOwned(
  ctx: Pick<ControllerContext, 'members'>,
  fleet: Fleet,
  now: string,
): ReturnType<typeof observeClusters> {
  const owned = fleet.clusters
    .map((c) => c.object as Cluster)
    .filter((c) => ctx.members.owns?.(c.metadata.name ?? '') ?? true);
  return observeClusters(owned, { ...memberReach(ctx), concurrency: 8, now });
}

/** applyFleet's options for a pass: the member flags, and Retain by the fleet's interpreter. */
export function applyOptions(ctx: Pick<ControllerContext, 'members'>, fleet: Fleet): Parameters<typeof applyFleet>[1] {
  const interpreter = createInterpreter(fleet.customizations);
  return {
    ...memberReach(ctx),
    dryRun: false,
    prune: ctx.members.prune,
    forceConflicts: ctx.members.forceConflicts,
    pruneGuard: ctx.members.pruneGuard ?? defaultPruneGuard,
    concurrency: 16,
    clusterConcurrency: 8,
    waitTimeoutMs: Math.min(60_000, ctx.members.timeoutMs),
    retain: (desired: KubeObject, live: KubeObject) => interpreter.retain(desired, live),
  };
}
