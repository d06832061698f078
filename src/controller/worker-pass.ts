/**
 * One pass of a worker shard (shard > 0 of a sharded controller): apply the rendered branch — the
 * decider's output, exactly what Argo CD or Flux would apply — to the members this shard owns,
 * observe them and their workloads, and report to the decider through `observations/<cluster>.yaml`
 * on the status branch. A worker decides nothing: no plan, no failover, no binding or cluster file.
 * Before the decider has rendered anything, it applies nothing (and so prunes nothing).
 */
import { compareStrings, executionNamespacePrefix, resourceKey, type Cluster, type KubeObject } from '../api/index.ts';
import { applyFleet, type FleetApplyResult } from '../cluster/apply-fleet.ts';
import { observeBindings } from '../cluster/observe-bindings.ts';
import { observeClusters } from '../cluster/observe.ts';
import { defaultPruneGuard } from '../cluster/prune-guard.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { loadFleet } from '../load/index.ts';
import { formatInstant } from '../status/index.ts';
import { readClusterReports, readRenderedClusters, reportDue, writeClusterReports, type ClusterReport, type ReportedWorkload } from '../writeback/index.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import { describeError, type ReconcileState } from './reconcile.ts';
import { fetchStep, settingsStep, writeOptions } from './reconcile-steps.ts';
import type { Sharding } from './shard.ts';

/** A worker's context: the controller's plus which shard it is. */
export interface WorkerContext extends ControllerContext {
  readonly sharding: Sharding;
}

/** Runs one worker pass; never throws. */
export async function runWorkerPass(ctx: WorkerContext): Promise<PassOutcome> {
  let step = 'fetch';
  try {
    const state: ReconcileState = {};
    await fetchStep.run(ctx, state);
    await settingsStep.run(ctx, state);
    const statusBranch = state.statusBranch ?? '';
    step = 'read-status';
    const view = await ctx.statusReader.record(statusBranch);
    const inForce = view.record?.lastAppliedRevision ?? null;
    const idle = { kind: 'passed', revision: state.commit ?? '', inForce, valid: true, decisions: [], applied: undefined, status: { kind: 'unchanged', tip: view.tip }, bindings: 0, works: 0, readiness: [] } as const;
    if (!inForce) return idle;
    const owns = ctx.members.owns ?? (() => true);
    const fleet = loadFleet(await ctx.source.reader.read(inForce)).fleet;
    const owned = fleet.clusters.map((c) => c.object as Cluster).filter((c) => owns(c.metadata.name ?? ''));
    const now = formatInstant(Math.floor(ctx.now().getTime() / 1000) * 1000);
    step = 'observe';
    const observed = await observeClusters(owned, { credentials: ctx.members.credentials, timeoutMs: ctx.members.timeoutMs, requestTimeoutMs: ctx.members.requestTimeoutMs, concurrency: 8, now });
    step = 'read-rendered';
    // Every cluster's folder, not only this shard's: an object a failover moved to another shard's
    // member is a move, not a withdrawal, for the mass-prune guard (applyFleet's placedInFleet).
    const rendered = await readRenderedClusters(ctx.target, state.renderedBranch ?? '', fleet.clusters.map((c) => c.object.metadata.name ?? ''));
    if (rendered.revision === undefined) return idle;
    const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
    const fleetWorks = [...rendered.manifests].map(([c, manifests]) => ({ metadata: { namespace: `${executionNamespacePrefix}${c}` }, spec: { workload: { manifests } } }));
    const works = fleetWorks.filter((w) => reachable.has(w.metadata.namespace.slice(executionNamespacePrefix.length)));
    const targets = observed.clusters.filter((c) => reachable.has(c.metadata.name ?? ''));
    step = 'apply';
    const interpreter = createInterpreter(fleet.customizations);
    const access = { credentials: ctx.members.credentials, timeoutMs: ctx.members.timeoutMs, requestTimeoutMs: ctx.members.requestTimeoutMs };
    // applyFleet applies and prunes only `clusters` (the reachable members this shard owns).
    const applied: FleetApplyResult = await applyFleet({ revision: rendered.revision, works: fleetWorks, clusters: targets }, {
      ...access, dryRun: false, prune: ctx.members.prune, forceConflicts: ctx.members.forceConflicts, pruneGuard: ctx.members.pruneGuard ?? defaultPruneGuard, concurrency: 16, clusterConcurrency: 8,
      waitTimeoutMs: Math.min(60_000, ctx.members.timeoutMs), retain: (d: KubeObject, live: KubeObject) => interpreter.retain(d, live),
    });
    for (const c of applied.clusters) ctx.log({ level: c.ok ? 'info' : 'error', msg: 'cluster applied', shard: ctx.sharding.shard, cluster: c.cluster, ok: c.ok, reason: c.reason, revision: rendered.revision, objects: c.objects.length, pruned: c.pruned.length });
    step = 'observe-bindings';
    const statuses = await observeBindings({ revision: rendered.revision, works, clusters: targets }, { ...access, concurrency: 8, interpreter });
    step = 'report';
    const workloads = new Map<string, ReportedWorkload[]>();
    for (const b of statuses) {
      for (const m of b.clusters) {
        const ready = m.status?.['readyReplicas'];
        const list = workloads.get(m.clusterName) ?? [];
        list.push({ key: resourceKey(b.resource), health: m.health, ...(typeof ready === 'number' ? { readyReplicas: ready } : {}) });
        workloads.set(m.clusterName, list);
      }
    }
    const reports: ClusterReport[] = observed.observations.map((o) => ({
      cluster: o.cluster, shard: ctx.sharding.shard, observedAt: now, reachable: o.kind === 'reachable', healthy: o.kind === 'reachable' && o.healthy,
      ...(o.kind === 'reachable' ? { status: observed.clusters.find((c) => c.metadata.name === o.cluster)?.status ?? {} } : {}),
      workloads: (workloads.get(o.cluster) ?? []).toSorted((a, b) => compareStrings(a.key, b.key)),
    }));
    const previous = new Map((await readClusterReports(ctx.target, view.tip)).map((r) => [r.cluster, r] as const));
    const due = reports.filter((r) => reportDue(r, previous.get(r.cluster), ctx.health.monitorGracePeriodSeconds / 2));
    const status = await writeClusterReports(ctx.target, statusBranch, due, inForce, writeOptions(ctx));
    return {
      kind: 'passed', revision: state.commit ?? '', inForce, valid: true, decisions: [], applied, status, bindings: statuses.length,
      works: works.length, readiness: reports.map((r) => ({ cluster: r.cluster, ready: r.reachable && r.healthy })),
    };
  } catch (error) {
    ctx.log({ level: 'error', msg: 'worker pass failed', shard: ctx.sharding.shard, step, error: describeError(error) });
    return { kind: 'failed', step, error };
  }
}
