/**
 * The steps of a controller pass, in order (see fleet-pass.ts), run on the step engine
 * (step-engine.ts) like a reconcile's: gather (fetch, settings, status branch memory, source
 * revision), decide (observe, failover, plan), act (rendered branch, apply, binding status), and
 * write the status branch last, once.
 */
import { compareStrings, type Cluster, type ResourceKey, type TargetCluster } from '../api/index.ts';
import { applyFleet, type FleetApplyResult } from '../cluster/apply-fleet.ts';
import type { Observation } from '../cluster/cluster-status.ts';
import { observeBindings } from '../cluster/observe-bindings.ts';
import { createInterpreter } from '../interpreter/index.ts';
import {
  loadSnapshot,
  planInputOf,
  planLoaded,
  type LoadedRevision,
  type Plan,
  type PreviousRecords,
} from '../plan/index.ts';
import { readRevision } from '../source/index.ts';
import {
  decideFailover,
  describeDecision,
  formatInstant,
  declaredAgain,
  removedClusters,
  type ClusterHealthState,
  type Decision,
  type DecisionDescription,
} from '../status/index.ts';
import {
  bindingTextOf,
  flotillaCommitsSince,
  readClusterReports,
  statusFiles,
  writeRendered,
  writeStatus,
  type ClusterReport,
  type ConcurrentWrite,
  type RecordedFailover,
  type StatusView,
  type StatusWriteResult,
} from '../writeback/index.ts';
import { concurrentWrite } from './status-watch.ts';
import { publishClusterBranches } from './cluster-branch-step.ts';
import { rebalanceDescriptions } from './rebalance-decisions.ts';
import { descheduleStep } from './deschedule-step.ts';
import { rebaseStatus } from './status-rebase.ts';
import {
  failoverBindings,
  failoverClusters,
  fleetWithClusterState,
  observedClusters,
  placementHistory,
  stableHealthState,
  workloadStatuses,
} from './failover-input.ts';
import { RevisionInForceInvalid } from './errors.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import type { ReconcileState } from './reconcile.ts';
import { logHeld, need, settingsStep, writeOptions } from './reconcile-steps.ts';
import { deferFor, fetchOrCached, flushPending, noteWrite } from './git-link.ts';
import { applyOptions, memberReach, observeOwned } from './owned-members.ts';
import { proceed, type Step } from './step-engine.ts';
import { servicesPassStep, withServiceSummaries } from './service-step.ts';
import { scaleStep, withAutoscalerFiles, type AutoscalingOutput } from './scale-step.ts';
import { rolloutStep, type RolloutSummary } from './rollout-step.ts';
import { planRemembering, reuseFields } from './plan-memory.ts';

/** What a pass's steps learn, filled in order. */
export interface PassState extends ReconcileState {
  view?: StatusView;
  /** Another flotilla's status commits since this process last wrote (a second active writer). */
  foreign?: readonly string[];
  memory?: RecordedFailover;
  /** The claiming policies and Lazy template versions the recorded bindings remember. */
  records?: PreviousRecords;
  /** Reports of the clusters other shards own. */
  reports?: readonly ClusterReport[];
  headValid?: boolean;
  /** The revision whose plan is applied: the head, or the last good one when the head is invalid. */
  inForce?: LoadedRevision | undefined;
  /** The invalid head's plan (its errors), recorded beside the plan in force. */
  attempted?: Plan | undefined;
  /** This pass's time, at Kubernetes' second precision. */
  now?: string;
  observed?: { readonly clusters: Cluster[]; readonly observations: Observation[] };
  removed?: readonly ClusterHealthState[];
  remembered?: ReadonlyMap<string, ClusterHealthState>;
  failover?: ReturnType<typeof decideFailover>;
  inForcePlan?: Plan;
  /** The status commit lines of this plan's rebalancing (WorkloadRebalancer). */
  rebalancing?: readonly DecisionDescription[];
  /** The descheduler's reduced assignments (deschedule-step.ts), the previous placement the plan reads for them. */
  descheduled?: ReadonlyMap<ResourceKey, readonly TargetCluster[]>;
  /** The status commit lines of the descheduler's decisions. */
  descheduling?: readonly DecisionDescription[];
  reachable?: ReadonlySet<string>;
  applied?: FleetApplyResult;
  bindingStatuses?: Awaited<ReturnType<typeof observeBindings>>;
  /** Multi-cluster service summaries for the status branch (service-step.ts). */
  services?: ReadonlyMap<string, string>;
  /** The autoscaler records this pass changed and their commit lines (scale-step.ts). */
  autoscaling?: AutoscalingOutput;
  /** Each RolloutStrategy's phase and wave after this pass (rollout-step.ts). */
  rollouts?: readonly RolloutSummary[];
}

type PassStep = Step<ControllerContext, PassState, PassOutcome>;

/** Fetches when the remote is due, else goes on with the cached tip (git-link.ts). */
const fetchPassStep: PassStep = {
  name: 'fetch',
  failureReason: 'FetchFailed',
  async run(ctx, state) {
    await fetchOrCached(ctx, state, ctx.gitLink);
    return proceed;
  },
};

/** Reads the branch names, then pushes the commits a git outage kept in the cache. */
const settingsPassStep: PassStep = {
  name: 'settings',
  failureReason: 'SettingsUnreadable',
  async run(ctx, state) {
    await settingsStep.run(ctx, state);
    await flushPending(ctx, ctx.gitLink, [need(state.renderedBranch), need(state.statusBranch)]);
    return proceed;
  },
};

/** Reads the status branch: its record, its failover memory, and the other shards' reports. */
const readStatusStep: PassStep = {
  name: 'read-status',
  failureReason: 'StatusUnreadable',
  async run(ctx, state) {
    const view = await ctx.statusReader.record(need(state.statusBranch));
    state.view = view;
    const last = ctx.statusWatch?.last;
    state.foreign =
      last !== undefined && view.tip !== undefined && view.tip !== last
        ? await flotillaCommitsSince(ctx.target, view.tip, last)
        : [];
    state.memory = await ctx.statusReader.failoverState(view.tip);
    state.records = (await ctx.statusReader.previous(view.tip)).records;
    // Clusters other shards own are known from their reports only (sharded controllers).
    state.reports = ctx.members.owns
      ? (await readClusterReports(ctx.target, view.tip)).filter((r) => !(ctx.members.owns?.(r.cluster) ?? true))
      : [];
    return proceed;
  },
};

/** Reads the head revision and, when it is invalid, the last good one, which stays in force. */
const readSourceStep: PassStep = {
  name: 'read-source',
  failureReason: 'SourceUnreadable',
  async run(ctx, state) {
    const read = (revision: string) => readRevision({ kind: 'commit', reader: ctx.source.reader, commit: revision });
    const head = loadSnapshot(await read(need(state.commit)));
    const headValid = !head.diagnostics.some((d) => d.severity === 'error');
    const lastGood = need(state.view).record?.lastAppliedRevision ?? null;
    state.headValid = headValid;
    state.inForce = headValid ? head : lastGood ? loadSnapshot(await read(lastGood)) : undefined;
    state.attempted = headValid ? undefined : planLoaded(head);
    // Kubernetes times have second precision; so do the status branch's (fewer spurious diffs).
    state.now = formatInstant(Math.floor(ctx.now().getTime() / 1000) * 1000);
    return proceed;
  },
};

/** No revision was ever valid: only the rejection is recorded, nothing is applied. */
const rejectStep: PassStep = {
  name: 'write-status',
  failureReason: 'StatusWriteFailed',
  async run(ctx, state) {
    if (state.inForce) return proceed;
    const view = need(state.view);
    const status = await writeStatusFiles(ctx, {
      statusBranch: need(state.statusBranch),
      baseTip: view.tip,
      record: view.record,
      plan: need(state.attempted),
      decisions: [],
    });
    return {
      kind: 'stop',
      outcome: {
        kind: 'passed',
        revision: need(state.commit),
        inForce: null,
        valid: false,
        decisions: [],
        applied: undefined,
        status,
        bindings: 0,
        works: 0,
        readiness: [],
      },
    };
  },
};

/** Observes the members this process owns. */
const observeStep: PassStep = {
  name: 'observe',
  failureReason: 'ObserveFailed',
  async run(ctx, state) {
    state.observed = await observeOwned(ctx, need(state.inForce).fleet, need(state.now));
    return proceed;
  },
};

/** Decides failover (the pure status stage): cluster conditions, taints, eviction tasks. */
const failoverStep: PassStep = {
  name: 'failover',
  failureReason: 'FailoverFailed',
  async run(ctx, state) {
    const inForce = need(state.inForce);
    const memory = need(state.memory);
    const now = need(state.now);
    const fleetClusters = inForce.fleet.clusters.map((c) => c.object as Cluster);
    const removed = removedClusters(memory.clusters, new Set(fleetClusters.map((c) => c.metadata.name ?? '')), now);
    for (const r of removed)
      ctx.log({
        level: 'warn',
        msg: 'cluster removed from the fleet repo: its objects stay on the member, unmanaged (see the status branch file for how to clean up)',
        cluster: r.cluster,
        removedSince: r.removedSince,
      });
    const remembered = new Map(memory.clusters.map((c) => [c.cluster, declaredAgain(c)] as const));
    state.removed = removed;
    state.remembered = remembered;
    state.failover = decideFailover({
      clusters: failoverClusters(
        fleetClusters,
        remembered,
        need(state.observed).observations,
        need(state.reports),
        now,
        ctx.members.owns === undefined,
      ),
      bindings: failoverBindings(memory.bindings),
      now,
      health: ctx.health,
      eviction: ctx.eviction,
      taintPolicies: (inForce.fleet.clusterTaintPolicies ?? []).map((p) => p.object),
    });
    for (const d of state.failover.decisions)
      ctx.log({ msg: 'failover decision', decision: d.kind, cluster: d.cluster, revision: inForce.revision });
    return proceed;
  },
};

/** Plans the revision in force with the observed Clusters, the controller taints and the eviction tasks. */
const planPassStep: PassStep = {
  name: 'plan',
  failureReason: 'PlanFailed',
  async run(ctx, state) {
    const inForce = need(state.inForce);
    const failover = need(state.failover);
    const fleetClusters = inForce.fleet.clusters.map((c) => c.object as Cluster);
    const { previous, applied, evictions } = placementHistory(failover.bindings);
    for (const [key, clusters] of state.descheduled ?? []) previous.set(key, clusters);
    const observed = observedClusters(fleetClusters, need(state.observed).clusters, need(state.reports));
    const rebalanced = need(state.memory).rebalancers;
    const { plan, reuse } = planRemembering(
      ctx,
      planInputOf(inForce, {
        fleet: fleetWithClusterState(
          inForce.fleet,
          observed,
          failover.clusters.map((r) => r.state),
        ),
        previous: { placement: previous, applied, ...(state.records ? { records: state.records } : {}) },
        evictions,
        ...(rebalanced ? { rebalanced } : {}),
        now: need(state.now),
      }),
    );
    if (reuse) ctx.log({ level: 'debug', msg: 'planned', revision: inForce.revision, ...reuseFields(reuse) });
    if (plan.errors.length)
      throw new RevisionInForceInvalid(
        `the revision in force ${inForce.revision} no longer plans: ${plan.errors[0]?.message ?? ''}`,
        { revision: inForce.revision, errors: plan.errors.map((e) => e.message) },
      );
    state.inForcePlan = plan;
    state.rebalancing = rebalanceDescriptions(plan, previous);
    return proceed;
  },
};

/** Commits the rendered tree of the plan in force. */
const renderPassStep: PassStep = {
  name: 'render',
  failureReason: 'RenderFailed',
  async run(ctx, state) {
    const renderedBranch = need(state.renderedBranch);
    const rendered = await writeRendered(
      ctx.target,
      renderedBranch,
      need(state.inForcePlan),
      { ...writeOptions(ctx), ...deferFor(ctx.gitLink, ctx.now().getTime()) },
      {
        pruneGuard: ctx.members.pruneGuard ?? ctx.pruneGuard,
      },
    );
    logHeld(ctx, rendered.held, need(state.inForce).revision);
    noteWrite(ctx, ctx.gitLink, renderedBranch, rendered);
    await publishClusterBranches(ctx, state, need(state.inForcePlan).clusters, {
      ...writeOptions(ctx),
      ...deferFor(ctx.gitLink, ctx.now().getTime()),
    });
    return proceed;
  },
};

/** Applies the plan to the reachable members whose apply backoff is over. */
const applyStep: PassStep = {
  name: 'apply',
  failureReason: 'ApplyFailed',
  async run(ctx, state) {
    const observed = need(state.observed);
    const inForce = need(state.inForce);
    const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
    state.reachable = reachable;
    const nowMs = ctx.now().getTime();
    const due = observed.clusters.filter(
      (c) => reachable.has(c.metadata.name ?? '') && (ctx.backoff?.ready(c.metadata.name ?? '', nowMs) ?? true),
    );
    for (const c of observed.clusters) {
      const name = c.metadata.name ?? '';
      if (reachable.has(name) && !due.includes(c))
        ctx.log({
          level: 'warn',
          msg: 'cluster apply backing off',
          cluster: name,
          revision: inForce.revision,
          retryAt: new Date(ctx.backoff?.retryAt(name) ?? nowMs).toISOString(),
        });
    }
    const applied = await applyReachable(ctx, need(state.inForcePlan), due, inForce);
    for (const c of applied.clusters) ctx.backoff?.record(c.cluster, c.ok, nowMs);
    state.applied = applied;
    return proceed;
  },
};

/** Reads back the status of every Work on the reachable members. */
const observeBindingsStep: PassStep = {
  name: 'observe-bindings',
  failureReason: 'BindingStatusFailed',
  async run(ctx, state) {
    const plan = need(state.inForcePlan);
    const reachable = need(state.reachable);
    const interpreter = createInterpreter(need(state.inForce).fleet.customizations);
    state.bindingStatuses = await observeBindings(
      {
        revision: plan.revision,
        works: plan.works.filter((w) => reachable.has(w.metadata.namespace.slice('karmada-es-'.length))),
        clusters: need(state.observed).clusters,
      },
      {
        ...memberReach(ctx),
        concurrency: 8,
        interpreter,
      },
    );
    return proceed;
  },
};

/** Writes the status branch, last: placement, cluster health, failover memory and decisions. */
const writePassStatusStep: PassStep = {
  name: 'write-status',
  failureReason: 'StatusWriteFailed',
  async run(ctx, state) {
    const view = need(state.view);
    const plan = need(state.inForcePlan);
    const inForce = need(state.inForce);
    const failover = need(state.failover);
    const attempted = state.attempted;
    const remembered = need(state.remembered);
    const removed = need(state.removed);
    const states = failover.clusters.map((r) => r.state);
    const statusBranch = need(state.statusBranch);
    const status = await writeStatusFiles(ctx, {
      statusBranch,
      baseTip: view.tip,
      record: view.record,
      plan: attempted ?? plan,
      inForce: attempted ? plan : undefined,
      decisions: failover.decisions,
      extra: [...(state.descheduling ?? []), ...(state.rebalancing ?? []), ...(state.autoscaling?.decisions ?? [])],
      failover: {
        clusters: [...states.map((s) => stableHealthState(s, remembered.get(s.cluster))), ...removed],
        statuses: workloadStatuses(
          need(state.bindingStatuses),
          need(state.memory).bindings,
          need(state.reports),
          need(state.now),
        ),
      },
      ...(state.services ? { services: state.services } : {}),
      ...(state.autoscaling ? { autoscaling: state.autoscaling } : {}),
    });
    noteWrite(ctx, ctx.gitLink, statusBranch, status);
    ctx.statusWatch?.seen(
      status.kind === 'committed' ? status.commit : status.kind === 'unchanged' ? status.tip : undefined,
    );
    const concurrent = concurrentWrite(need(state.foreign), status.concurrent);
    if (concurrent) reportConcurrentWriter(ctx, concurrent, inForce.revision);
    const readiness = states.map((s) => ({ cluster: s.cluster, ready: s.ready?.status === 'True' }));
    return {
      kind: 'stop',
      outcome: {
        kind: 'passed',
        revision: need(state.commit),
        inForce: inForce.revision,
        valid: need(state.headValid),
        decisions: failover.decisions,
        applied: state.applied,
        status,
        bindings: plan.bindings.length,
        works: plan.works.length,
        readiness,
        removed: removed.map((r) => r.cluster),
        ...(state.rollouts ? { rollouts: state.rollouts } : {}),
        ...(concurrent ? { concurrent } : {}),
        ...(ctx.gitLink ? { gitReachable: !ctx.gitLink.down } : {}),
      },
    };
  },
};

/** The steps of a controller pass, in order. */
export const fleetPassSteps: readonly PassStep[] = [
  fetchPassStep,
  settingsPassStep,
  readStatusStep,
  readSourceStep,
  rejectStep,
  observeStep,
  failoverStep,
  descheduleStep,
  scaleStep,
  planPassStep,
  rolloutStep,
  renderPassStep,
  applyStep,
  observeBindingsStep,
  servicesPassStep,
  writePassStatusStep,
];

/** Applies the plan to the reachable members this process owns; unreachable ones are neither applied nor pruned. */
async function applyReachable(
  ctx: ControllerContext,
  plan: Plan,
  clusters: readonly Cluster[],
  loaded: LoadedRevision,
): Promise<FleetApplyResult> {
  const result = await applyFleet(
    { revision: plan.revision, works: plan.works, clusters },
    applyOptions(ctx, loaded.fleet),
  );
  for (const c of result.clusters)
    ctx.log({
      level: c.ok ? 'info' : 'error',
      msg: 'cluster applied',
      cluster: c.cluster,
      ok: c.ok,
      reason: c.reason,
      revision: plan.revision,
      objects: c.objects.length,
      pruned: c.pruned.length,
      ...(c.ok ? {} : { message: c.message }),
    });
  return result;
}

interface StatusWriteArgs {
  readonly statusBranch: string;
  readonly baseTip: string | undefined;
  readonly record: Parameters<typeof statusFiles>[0]['previous'];
  readonly plan: Plan;
  readonly inForce?: Plan | undefined;
  readonly decisions: readonly Decision[];
  /** Decisions of other stages, already described (rebalancing); they follow the failover decisions. */
  readonly extra?: readonly DecisionDescription[];
  readonly failover?: Omit<NonNullable<Parameters<typeof statusFiles>[0]['failover']>, 'inForce'>;
  /** Multi-cluster service summaries (service-step.ts). */
  readonly services?: ReadonlyMap<string, string>;
  /** The autoscaler records this pass changed (scale-step.ts). */
  readonly autoscaling?: AutoscalingOutput;
}

async function writeStatusFiles(ctx: ControllerContext, a: StatusWriteArgs): Promise<StatusWriteResult> {
  const failover = a.failover ? { ...a.failover, ...(a.inForce ? { inForce: a.inForce } : {}) } : undefined;
  const decided = statusFiles({
    sourceBranch: ctx.source.branch,
    plan: a.plan,
    previous: a.record,
    observed: [],
    bindingText: bindingTextOf(ctx.target),
    ...(failover ? { failover } : {}),
  });
  const status = withAutoscalerFiles(a.services ? withServiceSummaries(decided, a.services) : decided, a.autoscaling);
  const shown = a.inForce ?? a.plan;
  const sorted = a.decisions.toSorted((x, y) => compareStrings(x.kind, y.kind) || compareStrings(x.cluster, y.cluster));
  const extra = a.extra ?? [];
  const decisions = [...sorted.map(describeDecision), ...extra];
  const pass = a.failover
    ? {
        sourceBranch: ctx.source.branch,
        plan: a.plan,
        inForce: a.inForce,
        previous: a.record,
        clusters: a.failover.clusters,
        statuses: a.failover.statuses,
        decisions: sorted,
      }
    : undefined;
  return writeStatus(
    ctx.target,
    {
      branch: a.statusBranch,
      revision: a.plan.revision,
      status,
      bindings: shown.bindings.length,
      works: shown.works.length,
      baseTip: a.baseTip,
      ...(decisions.length ? { decisions } : {}),
      ...(pass
        ? {
            rebase: async (tip: string) => {
              const r = await rebaseStatus(ctx.statusReader, tip, pass);
              return {
                ...r,
                status: withAutoscalerFiles(r.status, a.autoscaling),
                decisions: [...r.decisions, ...extra],
              };
            },
          }
        : {}),
    },
    { ...writeOptions(ctx), ...deferFor(ctx.gitLink, ctx.now().getTime()) },
  );
}

/**
 * Another flotilla wrote status decisions between this pass's read and its write: two active
 * writers (no leader election, or two elections). Reported once per pass, as an error (E4).
 */
function reportConcurrentWriter(ctx: ControllerContext, c: ConcurrentWrite, revision: string): void {
  ctx.log({
    level: 'error',
    msg: 'another flotilla is writing the status branch: run one controller per fleet, or enable --leader-elect',
    commits: c.commits.join(' '),
    duplicateDecisions: c.duplicates.join('; '),
    revision,
  });
}
