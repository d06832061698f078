/**
 * One controller pass (Karmada's cluster, taint-manager, graceful-eviction, scheduler, binding and
 * status controllers run as one ordered sweep): gather (source revision, status branch memory,
 * member observations), decide (failover pass, then plan with its taints and eviction tasks), act
 * (rendered branch, server-side apply, binding status), and write the status branch last, once.
 *
 * An invalid head revision is recorded and never applied; the last good revision stays in force
 * and is re-planned, so failover keeps working while someone fixes the repo (principle 4).
 */
import { compareStrings, type Cluster, type KubeObject } from '../api/index.ts';
import { applyFleet, type FleetApplyResult } from '../cluster/apply-fleet.ts';
import type { CredentialSource } from '../cluster/credentials.ts';
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import { observeBindings } from '../cluster/observe-bindings.ts';
import { observeClusters } from '../cluster/observe.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { loadFleet, type LoadResult } from '../load/index.ts';
import { planFleet, type Plan } from '../plan/index.ts';
import { decideFailover, describeDecision, formatInstant, declaredAgain, removedClusters, type Decision, type EvictionSettings, type HealthSettings } from '../status/index.ts';
import { flotillaCommitsSince, readClusterReports, statusFiles, writeRendered, writeStatus, type ConcurrentWrite, type StatusWriteResult } from '../writeback/index.ts';
import { concurrentWrite, type StatusWatch } from './status-watch.ts';
import { rebaseStatus } from './status-rebase.ts';
import { failoverBindings, failoverClusters, fleetWithClusterState, observedClusters, placementHistory, stableHealthState, workloadStatuses } from './failover-input.ts';
import type { ClusterBackoff } from './backoff.ts';
import { RevisionInForceInvalid } from './errors.ts';
import { describeError, type ReconcileContext, type ReconcileState } from './reconcile.ts';
import { logHeld, need, settingsStep, writeOptions } from './reconcile-steps.ts';
import { deferFor, fetchOrCached, flushPending, noteWrite, type GitLink } from './git-link.ts';

/** How members are reached and applied to. */
export interface MemberAccess {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly prune: boolean;
  readonly forceConflicts: boolean;
  /** When a revision's pruning is held for a confirmation (default: only a revision withdrawing everything on a member). */
  readonly pruneGuard?: PruneGuard;
  /** Only these clusters are applied and observed by this process (sharding); default all. */
  readonly owns?: (cluster: string) => boolean;
}

/** A controller pass's context: a reconcile's plus member access and Karmada's failover flags. */
export interface ControllerContext extends Omit<ReconcileContext, 'observed' | 'outDir'> {
  readonly members: MemberAccess;
  /** Apply backoff of failing members (the long-running controller keeps one across passes). */
  readonly backoff?: ClusterBackoff;
  readonly health: HealthSettings;
  readonly eviction: EvictionSettings;
  /** The git remote's reachability and retry backoff (long-running controller): passes go on through an outage. */
  readonly gitLink?: GitLink;
  /** Where this process last left the status branch, to notice a second active writer (long-running controller). */
  readonly statusWatch?: StatusWatch;
}

/** How a pass ended. */
export type PassOutcome =
  | {
      readonly kind: 'passed';
      readonly revision: string;
      /** The revision whose plan was applied (the head, or the last good one when the head is invalid). */
      readonly inForce: string | null;
      readonly valid: boolean;
      readonly decisions: readonly Decision[];
      readonly applied: FleetApplyResult | undefined;
      readonly status: StatusWriteResult;
      readonly bindings: number;
      readonly works: number;
      /** Each cluster's Ready condition after this pass, sorted by name. */
      readonly readiness: readonly { readonly cluster: string; readonly ready: boolean }[];
      /** Clusters the status branch remembers but the fleet repo no longer declares (kept, never pruned), sorted. */
      readonly removed?: readonly string[];
      /** Whether the git remote answered this pass (long-running controller only). */
      readonly gitReachable?: boolean;
      /** Another flotilla's status commits this pass found (a second active writer). */
      readonly concurrent?: ConcurrentWrite;
    }
  | { readonly kind: 'failed'; readonly step: string; readonly error: unknown };

/** Runs one pass. Never throws: a failure is an outcome naming the step. */
export async function runPass(ctx: ControllerContext): Promise<PassOutcome> {
  let step = 'fetch';
  try {
    const state: ReconcileState = {};
    await fetchOrCached(ctx, state, ctx.gitLink);
    step = 'settings';
    await settingsStep.run(ctx, state);
    const commit = need(state.commit);
    const statusBranch = need(state.statusBranch);
    await flushPending(ctx, ctx.gitLink, [need(state.renderedBranch), statusBranch]);
    step = 'read-status';
    const view = await ctx.statusReader.record(statusBranch);
    const last = ctx.statusWatch?.last;
    const foreign = last !== undefined && view.tip !== undefined && view.tip !== last ? await flotillaCommitsSince(ctx.target, view.tip, last) : [];
    const memory = await ctx.statusReader.failoverState(view.tip);
    // Clusters other shards own are known from their reports only (sharded controllers).
    const reports = ctx.members.owns ? (await readClusterReports(ctx.target, view.tip)).filter((r) => !(ctx.members.owns?.(r.cluster) ?? true)) : [];
    step = 'read-source';
    const head = loadFleet(await ctx.source.reader.read(commit));
    const headValid = !head.diagnostics.some((d) => d.severity === 'error');
    const lastGood = view.record?.lastAppliedRevision ?? null;
    const inForce = headValid ? { revision: commit, loaded: head } : lastGood ? { revision: lastGood, loaded: loadFleet(await ctx.source.reader.read(lastGood)) } : undefined;
    const attempted = headValid ? undefined : planFleet({ fleet: head.fleet, diagnostics: head.diagnostics, revision: commit });
    // Kubernetes times have second precision; so do the status branch's (fewer spurious diffs).
    const now = formatInstant(Math.floor(ctx.now().getTime() / 1000) * 1000);
    if (!inForce) {
      step = 'write-status';
      const status = await writeStatusFiles(ctx, { statusBranch, baseTip: view.tip, record: view.record, plan: need(attempted), decisions: [] });
      return { kind: 'passed', revision: commit, inForce: null, valid: false, decisions: [], applied: undefined, status, bindings: 0, works: 0, readiness: [] };
    }
    step = 'observe';
    const owned = inForce.loaded.fleet.clusters.map((c) => c.object as Cluster).filter((c) => ctx.members.owns?.(c.metadata.name ?? '') ?? true);
    const observed = await observeClusters(owned, { credentials: ctx.members.credentials, timeoutMs: ctx.members.timeoutMs, requestTimeoutMs: ctx.members.requestTimeoutMs, concurrency: 8, now });
    step = 'failover';
    const fleetClusters = inForce.loaded.fleet.clusters.map((c) => c.object as Cluster);
    const removed = removedClusters(memory.clusters, new Set(fleetClusters.map((c) => c.metadata.name ?? '')), now);
    for (const r of removed) ctx.log({ level: 'warn', msg: 'cluster removed from the fleet repo: its objects stay on the member, unmanaged (see the status branch file for how to clean up)', cluster: r.cluster, removedSince: r.removedSince });
    const remembered = new Map(memory.clusters.map((c) => [c.cluster, declaredAgain(c)] as const));
    const failover = decideFailover({
      clusters: failoverClusters(fleetClusters, remembered, observed.observations, reports, now, ctx.members.owns === undefined),
      bindings: failoverBindings(memory.bindings), now, health: ctx.health, eviction: ctx.eviction,
    });
    for (const d of failover.decisions) ctx.log({ msg: 'failover decision', decision: d.kind, cluster: d.cluster, revision: inForce.revision });
    step = 'plan';
    const states = failover.clusters.map((r) => r.state);
    const plan = planInForce(inForce, observedClusters(fleetClusters, observed.clusters, reports), states, failover.bindings);
    if (plan.errors.length) throw new RevisionInForceInvalid(`the revision in force ${inForce.revision} no longer plans: ${plan.errors[0]?.message ?? ''}`, { revision: inForce.revision, errors: plan.errors.map((e) => e.message) });
    step = 'render';
    const rendered = await writeRendered(ctx.target, need(state.renderedBranch), plan, { ...writeOptions(ctx), ...deferFor(ctx.gitLink, ctx.now().getTime()) }, {
      pruneGuard: ctx.members.pruneGuard ?? ctx.pruneGuard,
    });
    logHeld(ctx, rendered.held, inForce.revision);
    noteWrite(ctx, ctx.gitLink, need(state.renderedBranch), rendered);
    step = 'apply';
    const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
    const nowMs = ctx.now().getTime();
    const due = observed.clusters.filter((c) => reachable.has(c.metadata.name ?? '') && (ctx.backoff?.ready(c.metadata.name ?? '', nowMs) ?? true));
    for (const c of observed.clusters) {
      const name = c.metadata.name ?? '';
      if (reachable.has(name) && !due.includes(c)) ctx.log({ level: 'warn', msg: 'cluster apply backing off', cluster: name, revision: inForce.revision, retryAt: new Date(ctx.backoff?.retryAt(name) ?? nowMs).toISOString() });
    }
    const applied = await applyReachable(ctx, plan, due, inForce.loaded);
    for (const c of applied.clusters) ctx.backoff?.record(c.cluster, c.ok, nowMs);
    step = 'observe-bindings';
    const interpreter = createInterpreter(inForce.loaded.fleet.customizations);
    const bindingStatuses = await observeBindings({ revision: plan.revision, works: plan.works.filter((w) => reachable.has(w.metadata.namespace.slice('karmada-es-'.length))), clusters: observed.clusters }, {
      credentials: ctx.members.credentials, timeoutMs: ctx.members.timeoutMs, requestTimeoutMs: ctx.members.requestTimeoutMs, concurrency: 8, interpreter,
    });
    step = 'write-status';
    const status = await writeStatusFiles(ctx, {
      statusBranch, baseTip: view.tip, record: view.record, plan: attempted ?? plan, inForce: attempted ? plan : undefined, decisions: failover.decisions,
      failover: { clusters: [...states.map((s) => stableHealthState(s, remembered.get(s.cluster))), ...removed], statuses: workloadStatuses(bindingStatuses, memory.bindings, reports, now) },
    });
    noteWrite(ctx, ctx.gitLink, statusBranch, status);
    ctx.statusWatch?.seen(status.kind === 'committed' ? status.commit : status.kind === 'unchanged' ? status.tip : undefined);
    const concurrent = concurrentWrite(foreign, status.concurrent);
    if (concurrent) reportConcurrentWriter(ctx, concurrent, inForce.revision);
    const readiness = states.map((s) => ({ cluster: s.cluster, ready: s.ready?.status === 'True' }));
    return { kind: 'passed', revision: commit, inForce: inForce.revision, valid: headValid, decisions: failover.decisions, applied, status, bindings: plan.bindings.length, works: plan.works.length, readiness, removed: removed.map((r) => r.cluster), ...(concurrent ? { concurrent } : {}), ...(ctx.gitLink ? { gitReachable: !ctx.gitLink.down } : {}) };
  } catch (error) {
    ctx.log({ level: 'error', msg: 'controller pass failed', step, error: describeError(error) });
    return { kind: 'failed', step, error };
  }
}

/** Plans the revision in force with the observed Clusters, the controller taints and the eviction tasks. */
function planInForce(inForce: { revision: string; loaded: LoadResult }, observed: readonly Cluster[], states: Parameters<typeof fleetWithClusterState>[2], bindings: Parameters<typeof placementHistory>[0]): Plan {
  const { previous, applied, evictions } = placementHistory(bindings);
  const fleet = fleetWithClusterState(inForce.loaded.fleet, observed, states);
  return planFleet({ fleet, diagnostics: inForce.loaded.diagnostics, revision: inForce.revision, previous, applied, evictions });
}

/** Applies the plan to the reachable members this process owns; unreachable ones are neither applied nor pruned. */
async function applyReachable(ctx: ControllerContext, plan: Plan, clusters: readonly Cluster[], loaded: LoadResult): Promise<FleetApplyResult> {
  const interpreter = createInterpreter(loaded.fleet.customizations);
  const result = await applyFleet({ revision: plan.revision, works: plan.works, clusters }, {
    dryRun: false, prune: ctx.members.prune, forceConflicts: ctx.members.forceConflicts, pruneGuard: ctx.members.pruneGuard ?? defaultPruneGuard,
    timeoutMs: ctx.members.timeoutMs, requestTimeoutMs: ctx.members.requestTimeoutMs,
    concurrency: 16, clusterConcurrency: 8, waitTimeoutMs: Math.min(60_000, ctx.members.timeoutMs),
    retain: (desired: KubeObject, live: KubeObject) => interpreter.retain(desired, live),
    credentials: ctx.members.credentials,
  });
  for (const c of result.clusters) ctx.log({ level: c.ok ? 'info' : 'error', msg: 'cluster applied', cluster: c.cluster, ok: c.ok, reason: c.reason, revision: plan.revision, objects: c.objects.length, pruned: c.pruned.length, ...(c.ok ? {} : { message: c.message }) });
  return result;
}

interface StatusWriteArgs {
  readonly statusBranch: string;
  readonly baseTip: string | undefined;
  readonly record: Parameters<typeof statusFiles>[0]['previous'];
  readonly plan: Plan;
  readonly inForce?: Plan | undefined;
  readonly decisions: readonly Decision[];
  readonly failover?: Omit<NonNullable<Parameters<typeof statusFiles>[0]['failover']>, 'inForce'>;
}

async function writeStatusFiles(ctx: ControllerContext, a: StatusWriteArgs): Promise<StatusWriteResult> {
  const failover = a.failover ? { ...a.failover, ...(a.inForce ? { inForce: a.inForce } : {}) } : undefined;
  const status = statusFiles({ sourceBranch: ctx.source.branch, plan: a.plan, previous: a.record, observed: [], ...(failover ? { failover } : {}) });
  const shown = a.inForce ?? a.plan;
  const sorted = a.decisions.toSorted((x, y) => compareStrings(x.kind, y.kind) || compareStrings(x.cluster, y.cluster));
  const decisions = sorted.map(describeDecision);
  const pass = a.failover ? { sourceBranch: ctx.source.branch, plan: a.plan, inForce: a.inForce, previous: a.record, clusters: a.failover.clusters, statuses: a.failover.statuses, decisions: sorted } : undefined;
  return writeStatus(ctx.target, {
    branch: a.statusBranch, revision: a.plan.revision, status, bindings: shown.bindings.length, works: shown.works.length, baseTip: a.baseTip,
    ...(decisions.length ? { decisions } : {}),
    ...(pass ? { rebase: (tip: string) => rebaseStatus(ctx.statusReader, tip, pass) } : {}),
  }, { ...writeOptions(ctx), ...deferFor(ctx.gitLink, ctx.now().getTime()) });
}

/**
 * Another flotilla wrote status decisions between this pass's read and its write: two active
 * writers (no leader election, or two elections). Reported once per pass, as an error (E4).
 */
function reportConcurrentWriter(ctx: ControllerContext, c: ConcurrentWrite, revision: string): void {
  ctx.log({ level: 'error', msg: 'another flotilla is writing the status branch: run one controller per fleet, or enable --leader-elect', commits: c.commits.join(' '), duplicateDecisions: c.duplicates.join('; '), revision });
}
