/**
 * One pass of a worker shard (shard > 0 of a sharded controller): apply the rendered branch — the
 * decider's output, exactly what Argo CD or Flux would apply — to the members this shard owns,
 * observe them and their workloads, and report to the decider through `observations/<cluster>.yaml`
 * on the status branch. A worker decides nothing: no plan, no failover, no binding or cluster file.
 * Before the decider has rendered anything, it applies nothing (and so prunes nothing).
 */
import { compareStrings, executionNamespacePrefix, resourceKey, type Cluster } from '../api/index.ts';
import type { Observation } from '../cluster/cluster-status.ts';
import { applyFleet, type FleetApplyResult } from '../cluster/apply-fleet.ts';
import { observeBindings } from '../cluster/observe-bindings.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { loadSnapshot, type LoadedRevision } from '../plan/index.ts';
import { readRevision } from '../source/index.ts';
import { formatInstant } from '../status/index.ts';
import {
  readClusterReports,
  readRenderedClusters,
  reportDue,
  writeClusterReports,
  type ClusterReport,
  type ReportedWorkload,
  type StatusView,
} from '../writeback/index.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import { describeError, type ReconcileState } from './reconcile.ts';
import { fetchStep, need, settingsStep, writeOptions } from './reconcile-steps.ts';
import { applyOptions, memberReach, observeOwned } from './owned-members.ts';
import type { Sharding } from './shard.ts';
import { gatherStep, proceed, runSteps, type Step } from './step-engine.ts';

/** A worker's context: the controller's plus which shard it is. */
export interface WorkerContext extends ControllerContext {
  readonly sharding: Sharding;
}

/** What a worker pass's steps learn, filled in order. */
interface WorkerState extends ReconcileState {
  view?: StatusView;
  /** The decider's last applied revision: the fleet (inventory, customisations) this pass works with. */
  inForce?: string;
  fleet?: LoadedRevision['fleet'];
  now?: string;
  observed?: { readonly clusters: Cluster[]; readonly observations: Observation[] };
  renderedTree?: Awaited<ReturnType<typeof readRenderedClusters>> & { readonly revision: string };
  reachable?: ReadonlySet<string>;
  targets?: readonly Cluster[];
  applied?: FleetApplyResult;
  statuses?: Awaited<ReturnType<typeof observeBindings>>;
}

type WorkerStep = Step<WorkerContext, WorkerState, PassOutcome>;

/** Nothing to do yet: the decider has applied no revision, or rendered nothing. */
function idle(state: WorkerState): PassOutcome {
  const view = need(state.view);
  return {
    kind: 'passed',
    revision: state.commit ?? '',
    inForce: view.record?.lastAppliedRevision ?? null,
    valid: true,
    decisions: [],
    applied: undefined,
    status: { kind: 'unchanged', tip: view.tip },
    bindings: 0,
    works: 0,
    readiness: [],
  };
}

/** Reads the status record: the decider's revision in force, whose fleet this pass loads. */
const readStatusStep: WorkerStep = {
  name: 'read-status',
  failureReason: 'StatusUnreadable',
  async run(ctx, state) {
    const view = await ctx.statusReader.record(need(state.statusBranch));
    state.view = view;
    const inForce = view.record?.lastAppliedRevision ?? null;
    if (!inForce) return { kind: 'stop', outcome: idle(state) };
    state.inForce = inForce;
    state.fleet = loadSnapshot(
      await readRevision({ kind: 'commit', reader: ctx.source.reader, commit: inForce }),
    ).fleet;
    state.now = formatInstant(Math.floor(ctx.now().getTime() / 1000) * 1000);
    return proceed;
  },
};

/** Observes the members this shard owns. */
const observeStep: WorkerStep = {
  name: 'observe',
  failureReason: 'ObserveFailed',
  async run(ctx, state) {
    state.observed = await observeOwned(ctx, need(state.fleet), need(state.now));
    return proceed;
  },
};

/** Reads the decider's rendered branch. */
const readRenderedStep: WorkerStep = {
  name: 'read-rendered',
  failureReason: 'RenderedUnreadable',
  async run(ctx, state) {
    // Every cluster's folder, not only this shard's: an object a failover moved to another shard's
    // member is a move, not a withdrawal, for the mass-prune guard (applyFleet's placedInFleet).
    const rendered = await readRenderedClusters(
      ctx.target,
      state.renderedBranch ?? '',
      need(state.fleet).clusters.map((c) => c.object.metadata.name ?? ''),
    );
    if (rendered.revision === undefined) return { kind: 'stop', outcome: idle(state) };
    state.renderedTree = { ...rendered, revision: rendered.revision };
    const observed = need(state.observed);
    const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
    state.reachable = reachable;
    state.targets = observed.clusters.filter((c) => reachable.has(c.metadata.name ?? ''));
    return proceed;
  },
};

/** The rendered manifests of every cluster, as Works. */
function fleetWorks(state: WorkerState) {
  return [...need(state.renderedTree).manifests].map(([c, manifests]) => ({
    metadata: { namespace: `${executionNamespacePrefix}${c}` },
    spec: { workload: { manifests } },
  }));
}

/** Applies the rendered branch to the reachable members this shard owns. */
const applyStep: WorkerStep = {
  name: 'apply',
  failureReason: 'ApplyFailed',
  async run(ctx, state) {
    const rendered = need(state.renderedTree);
    // applyFleet applies and prunes only `clusters` (the reachable members this shard owns).
    state.applied = await applyFleet(
      { revision: rendered.revision, works: fleetWorks(state), clusters: need(state.targets) },
      applyOptions(ctx, need(state.fleet)),
    );
    for (const c of state.applied.clusters)
      ctx.log({
        level: c.ok ? 'info' : 'error',
        msg: 'cluster applied',
        shard: ctx.sharding.shard,
        cluster: c.cluster,
        ok: c.ok,
        reason: c.reason,
        revision: rendered.revision,
        objects: c.objects.length,
        pruned: c.pruned.length,
      });
    return proceed;
  },
};

/** Reads back the status of the Works on the reachable members. */
const observeBindingsStep: WorkerStep = {
  name: 'observe-bindings',
  failureReason: 'BindingStatusFailed',
  async run(ctx, state) {
    const reachable = need(state.reachable);
    const works = fleetWorks(state).filter((w) =>
      reachable.has(w.metadata.namespace.slice(executionNamespacePrefix.length)),
    );
    const interpreter = createInterpreter(need(state.fleet).customizations);
    state.statuses = await observeBindings(
      { revision: need(state.renderedTree).revision, works, clusters: need(state.targets) },
      { ...memberReach(ctx), concurrency: 8, interpreter },
    );
    return proceed;
  },
};

/** Writes the reports that are due to the status branch, for the decider. */
const reportStep: WorkerStep = {
  name: 'report',
  failureReason: 'StatusWriteFailed',
  async run(ctx, state) {
    const statuses = need(state.statuses);
    const observed = need(state.observed);
    const now = need(state.now);
    const workloads = new Map<string, ReportedWorkload[]>();
    for (const b of statuses) {
      for (const m of b.clusters) {
        const ready = m.status?.['readyReplicas'];
        const list = workloads.get(m.clusterName) ?? [];
        list.push({
          key: resourceKey(b.resource),
          health: m.health,
          ...(typeof ready === 'number' ? { readyReplicas: ready } : {}),
        });
        workloads.set(m.clusterName, list);
      }
    }
    const reports: ClusterReport[] = observed.observations.map((o) => ({
      cluster: o.cluster,
      shard: ctx.sharding.shard,
      observedAt: now,
      reachable: o.kind === 'reachable',
      healthy: o.kind === 'reachable' && o.healthy,
      ...(o.kind === 'reachable'
        ? { status: observed.clusters.find((c) => c.metadata.name === o.cluster)?.status ?? {} }
        : {}),
      workloads: (workloads.get(o.cluster) ?? []).toSorted((a, b) => compareStrings(a.key, b.key)),
    }));
    const previous = new Map(
      (await readClusterReports(ctx.target, need(state.view).tip)).map((r) => [r.cluster, r] as const),
    );
    const due = reports.filter((r) => reportDue(r, previous.get(r.cluster), ctx.health.monitorGracePeriodSeconds / 2));
    const inForce = need(state.inForce);
    const status = await writeClusterReports(ctx.target, need(state.statusBranch), due, inForce, writeOptions(ctx));
    const works = fleetWorks(state).filter((w) =>
      need(state.reachable).has(w.metadata.namespace.slice(executionNamespacePrefix.length)),
    );
    return {
      kind: 'stop',
      outcome: {
        kind: 'passed',
        revision: state.commit ?? '',
        inForce,
        valid: true,
        decisions: [],
        applied: state.applied,
        status,
        bindings: statuses.length,
        works: works.length,
        readiness: reports.map((r) => ({ cluster: r.cluster, ready: r.reachable && r.healthy })),
      },
    };
  },
};

/** The steps of a worker pass, in order. */
export const workerPassSteps: readonly WorkerStep[] = [
  gatherStep(fetchStep),
  gatherStep(settingsStep),
  readStatusStep,
  observeStep,
  readRenderedStep,
  applyStep,
  observeBindingsStep,
  reportStep,
];

/** Runs one worker pass on the step engine; never throws. */
export async function runWorkerPass(ctx: WorkerContext): Promise<PassOutcome> {
  const end = await runSteps(workerPassSteps, ctx, {});
  if (end.kind === 'stopped') return end.outcome;
  const f = end.failure;
  ctx.log({
    level: 'error',
    msg: 'worker pass failed',
    shard: ctx.sharding.shard,
    step: f.step,
    reason: f.reason,
    transient: f.transient,
    error: describeError(f.error),
  });
  return { kind: 'failed', ...f };
}
