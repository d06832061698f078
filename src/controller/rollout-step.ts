/**
 * The controller pass's rollout step (docs/rollouts.md), after plan and before the rendered branch:
 * gathers what decideFleetRollouts reads — the records and requests on the status branch, the plans
 * of the earlier revisions they name (cached by revision while the placement holds), the live copies'
 * health on the reachable members, the clusters failover gives replicas to — decides, replaces the
 * plan's Works by those in force (so the rendered branch, apply and binding status follow the
 * waves), and commits each strategy's changed record with `Flotilla-Decision: rollout`, the acted-on
 * request file removed in the same commit.
 */
import { createHash } from 'node:crypto';
import { compareStrings, resourceKey, type Cluster, type KubeObject } from '../api/index.ts';
import { desiredByCluster } from '../cluster/apply-fleet.ts';
import { liveManifestHash, manifestHash } from '../cluster/manifest-hash.ts';
import { readCluster } from '../cluster/observe-bindings.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { loadSnapshot, planLoaded, type LoadedRevision, type Plan } from '../plan/index.ts';
import type { Work } from '../render/index.ts';
import {
  decideFleetRollouts,
  isStaged,
  templateKey,
  type CopyObservation,
  type OperatorRequest,
  type RevisionWorks,
  type RolloutDecision,
  type RolloutState,
} from '../rollout/index.ts';
import { readRevision } from '../source/index.ts';
import { readRolloutRecords, readRolloutRequests, type BranchWriteResult } from '../writeback/index.ts';
import { fleetWithClusterState, observedClusters, placementHistory } from './failover-input.ts';
import type { PassState } from './fleet-pass-steps.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import { deferFor, noteWrite } from './git-link.ts';
import { memberReach } from './owned-members.ts';
import { need, writeOptions } from './reconcile-steps.ts';
import {
  copyObservation,
  currentWorks,
  earlierRevisions,
  failoverTargetsOf,
  placementFingerprint,
  recordWrites,
  staleRecords,
} from './rollout-input.ts';
import { logTransitions } from './rollout-log.ts';
import { commitRolloutRecord, pruneRolloutRecords, type RolloutCommitTarget } from './rollout-commit.ts';
import { proceed, type Step } from './step-engine.ts';

/** A strategy's phase and wave after a pass (the metrics' labels). */
export interface RolloutSummary {
  readonly namespace: string;
  readonly name: string;
  readonly phase: string;
  /** The wave in progress ('' once done) and its 1-based index (0 once done). */
  readonly wave: string;
  readonly waveIndex: number;
}

/** Earlier revisions' plans per controller, by `revision\0placement fingerprint`; each pass keeps only those it used. */
const earlierPlans = new WeakMap<ControllerContext, Map<string, Plan>>();

/** Decides every RolloutStrategy and hands the Works in force to the later steps. */
export const rolloutStep: Step<ControllerContext, PassState, PassOutcome> = {
  name: 'rollout',
  failureReason: 'RolloutFailed',
  async run(ctx, state) {
    const inForce = need(state.inForce);
    const view = need(state.view);
    const lastApplied = view.record?.lastAppliedRevision ?? undefined;
    // A fleet with no RolloutStrategy reads nothing more, unless a new revision may have removed one.
    if (!inForce.fleet.rollouts?.length && inForce.revision === lastApplied) return proceed;
    const records = await readRolloutRecords(ctx.target, view.tip);
    await pruneStale(ctx, state, staleRecords(records, inForce.fleet.rollouts ?? []));
    if (!inForce.fleet.rollouts?.length) return proceed;
    const plan = need(state.inForcePlan);
    const requests = await readRolloutRequests(ctx.target, view.tip);
    const earlier = await earlierWorks(ctx, state, earlierRevisions(records, lastApplied, plan.revision));
    const { previous, evictions } = placementHistory(need(state.failover).bindings);
    const result = decideFleetRollouts({
      fleet: inForce.fleet,
      target: { revision: plan.revision, works: plan.works },
      earlier,
      lastApplied,
      current: currentWorks(records, earlier),
      records,
      observed: await observeCopies(ctx, state, plan.works),
      failoverTargets: failoverTargetsOf(plan.bindings, previous, evictions),
      requests: Object.fromEntries(requests.map((r) => [`${r.namespace}/${r.name}`, r.request] as const)),
      now: Math.floor(ctx.now().getTime() / 1000),
      digest: (text) => createHash('sha256').update(text).digest('hex'),
    });
    state.inForcePlan = { ...plan, works: result.works };
    state.rollouts = result.decisions.map(summaryOf);
    const writes = recordWrites(records, result.decisions, requests);
    for (const d of result.decisions) {
      const write = writes.find((w) => w.decision === d);
      if (write) await commitRecord(ctx, state, d, write.request);
      logTransitions(ctx.log, d, plan.revision);
    }
    return proceed;
  },
};

function summaryOf(d: RolloutDecision): RolloutSummary {
  const s = d.state;
  const wave = s.phase === 'Done' ? undefined : s.waves[s.currentWave];
  return {
    namespace: s.namespace,
    name: s.name,
    phase: s.phase,
    wave: wave?.name ?? '',
    waveIndex: wave ? s.currentWave + 1 : 0,
  };
}

/** One commit of a strategy's record (and the removal of the request it acted on); the pass's view moves to it. */
async function commitRecord(
  ctx: ControllerContext,
  state: PassState,
  d: RolloutDecision,
  request: OperatorRequest | undefined,
): Promise<void> {
  moveView(ctx, state, await commitRolloutRecord(commitTarget(ctx, state), d, request));
}

/** One commit removing the records of strategies the revision in force no longer declares. */
async function pruneStale(ctx: ControllerContext, state: PassState, stale: readonly RolloutState[]): Promise<void> {
  const result = await pruneRolloutRecords(commitTarget(ctx, state), stale);
  if (!result) return;
  for (const s of stale) ctx.log({ msg: 'rollout record pruned', rollout: `${s.namespace}/${s.name}` });
  moveView(ctx, state, result);
}

function commitTarget(ctx: ControllerContext, state: PassState): RolloutCommitTarget {
  return {
    store: ctx.target,
    branch: need(state.statusBranch),
    source: need(state.commit),
    options: { ...writeOptions(ctx), ...deferFor(ctx.gitLink, ctx.now().getTime()) },
  };
}

/** The status write of this pass starts from a rollout commit: it is this pass's own, not another writer's. */
function moveView(ctx: ControllerContext, state: PassState, result: BranchWriteResult): void {
  noteWrite(ctx, ctx.gitLink, need(state.statusBranch), result);
  if (result.kind === 'committed') state.view = { ...need(state.view), tip: result.commit };
}

/** The Works of each earlier revision, planned with this pass's cluster state and the target's placement as the previous one. */
async function earlierWorks(
  ctx: ControllerContext,
  state: PassState,
  revisions: readonly string[],
): Promise<RevisionWorks[]> {
  const plan = need(state.inForcePlan);
  const fingerprint = placementFingerprint(plan.bindings);
  const cached = earlierPlans.get(ctx) ?? new Map<string, Plan>();
  const kept = new Map<string, Plan>();
  const out: RevisionWorks[] = [];
  for (const revision of revisions) {
    const key = `${revision}\u0000${fingerprint}`;
    const earlier = cached.get(key) ?? planEarlier(state, await loadEarlier(ctx, revision));
    kept.set(key, earlier);
    if (!earlier.errors.length) out.push({ revision, works: earlier.works });
  }
  earlierPlans.set(ctx, kept);
  return out;
}

async function loadEarlier(ctx: ControllerContext, revision: string): Promise<LoadedRevision> {
  return loadSnapshot(await readRevision({ kind: 'commit', reader: ctx.source.reader, commit: revision }));
}

function planEarlier(state: PassState, loaded: LoadedRevision): Plan {
  const plan = need(state.inForcePlan);
  const failover = need(state.failover);
  const { applied, evictions } = placementHistory(failover.bindings);
  const fleetClusters = loaded.fleet.clusters.map((c) => c.object as Cluster);
  const observed = observedClusters(fleetClusters, need(state.observed).clusters, need(state.reports));
  const placement = new Map(plan.bindings.map((b) => [resourceKey(b.spec.resource), b.spec.clusters] as const));
  return planLoaded(loaded, {
    fleet: fleetWithClusterState(
      loaded.fleet,
      observed,
      failover.clusters.map((r) => r.state),
    ),
    previous: { placement, applied, ...(state.records ? { records: state.records } : {}) },
    evictions,
    now: need(state.now),
  });
}

/** Reads the staged Works' copies on the reachable members and what the gate makes of each. */
async function observeCopies(
  ctx: ControllerContext,
  state: PassState,
  works: readonly Work[],
): Promise<Record<string, CopyObservation[]>> {
  const inForce = need(state.inForce);
  const observed = need(state.observed);
  const reachable = new Set(observed.observations.filter((o) => o.kind === 'reachable').map((o) => o.cluster));
  const staged = works.filter((w) => (inForce.fleet.rollouts ?? []).some((r) => isStaged(r.spec, w)));
  const byCluster = desiredByCluster(staged);
  const interpreter = createInterpreter(inForce.fleet.customizations);
  const opts = { ...memberReach(ctx), concurrency: 8, interpreter };
  const out: Record<string, CopyObservation[]> = {};
  for (const cluster of [...byCluster.keys()].filter((c) => reachable.has(c)).sort(compareStrings)) {
    const member = observed.clusters.find((c) => c.metadata.name === cluster);
    if (!member) continue;
    const rows = await readCluster(member, byCluster.get(cluster) ?? [], opts);
    out[cluster] = rows.map(({ manifest, member: m }) =>
      copyObservation({
        template: templateKey(manifest as unknown as Readonly<Record<string, unknown>>),
        live: m.kind === 'found' ? m.live : m.kind === 'missing' ? undefined : { error: m.message },
        targetHash: manifestHash(manifest),
        liveHash: m.kind === 'found' ? liveManifestHash(m.live) : undefined,
        healthy: (o: KubeObject) => interpreter.interpretHealth(o),
        desiredReplicas: (o: KubeObject) =>
          interpreter.hasReplicas(o.apiVersion, o.kind) ? interpreter.getReplicas(o).replicas : 0,
      }),
    );
  }
  return out;
}
