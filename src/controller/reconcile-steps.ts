/** The steps of a git reconcile, in order (see reconcile.ts). Each gathers, decides or acts; none does two. */
import { InternalError } from '../api/index.ts';
import { changedPaths, GitBranchMissing, readBlobAt, tryResolve } from '../git/index.ts';
import { defaultSettings, loadFleet, settingsPath } from '../load/index.ts';
import { loadSnapshot, planInputOf, planToContract } from '../plan/index.ts';
import { planRemembering, reuseFields } from './plan-memory.ts';
import { readRevision } from '../source/index.ts';
import { formatInstant } from '../status/index.ts';
import { statusFiles, writeRendered, writeRenderedDir, writeStatus, type RenderedHold } from '../writeback/index.ts';
import { publishClusterBranches } from './cluster-branch-step.ts';
import type { ReconcileContext, ReconcileStep, StepResult } from './reconcile.ts';
import { logTransitions } from './rollout-log.ts';
import { stageReconcilePlan } from './rollout-reconcile.ts';

const go: StepResult = { kind: 'continue' };

/** Fetches only when the remote's heads moved (one ls-remote round trip otherwise), then resolves the source commit. */
export const fetchStep: ReconcileStep = {
  name: 'fetch',
  failureReason: 'FetchFailed',
  async run(ctx, state) {
    const { store, branch } = ctx.source;
    const watched = [branch, state.statusBranch ?? ctx.branches.status ?? defaultSettings.statusBranch];
    const known = await store.tip(branch);
    if (known === undefined || (await store.isStale(watched))) await store.refresh();
    if (ctx.target !== store && (await ctx.target.isStale(watched.slice(1)))) await ctx.target.refresh();
    const commit = await store.tip(branch);
    if (!commit)
      throw new GitBranchMissing(`branch ${branch} does not exist in ${store.location}`, {
        branch,
        location: store.location,
      });
    state.commit = commit;
    return go;
  },
};

/** Reads flotilla.yaml alone (one blob) for the branch names, before deciding whether to plan at all. */
export const settingsStep: ReconcileStep = {
  name: 'settings',
  failureReason: 'SettingsUnreadable',
  async run(ctx, state) {
    const commit = need(state.commit);
    const bytes = await readBlobAt(ctx.source.store.repo, commit, settingsPath);
    const settings = bytes
      ? loadFleet({ revision: commit, files: [{ path: settingsPath, bytes }], problems: [] }).fleet.settings
      : defaultSettings;
    state.settings = settings;
    state.statusBranch = ctx.branches.status ?? settings.statusBranch;
    state.renderedBranch = ctx.branches.rendered ?? settings.renderedBranch;
    state.clusterBranches = ctx.branches.renderedPerCluster === true || settings.renderedClusterBranches;
    return go;
  },
};

/** Reads `revision.yaml`; a source commit already attempted is done (a no-op costs this much). */
const statusStep: ReconcileStep = {
  name: 'read-status',
  failureReason: 'StatusUnreadable',
  async run(ctx, state) {
    const commit = need(state.commit);
    state.status = await ctx.statusReader.record(need(state.statusBranch));
    const record = state.status.record;
    // --allow-mass-prune re-renders a revision already attempted: it confirms a rendered folder the guard held.
    if (record?.lastAttemptedRevision === commit && ctx.pruneGuard?.allowMassPrune !== true)
      return {
        kind: 'stop',
        outcome: { kind: 'unchanged', revision: commit, lastApplied: record.lastAppliedRevision },
      };
    return go;
  },
};

/** Reads the source tree (reusing unchanged subtrees) and the previous placement from the status branch. */
const sourceStep: ReconcileStep = {
  name: 'read-source',
  failureReason: 'SourceUnreadable',
  async run(ctx, state) {
    const commit = need(state.commit);
    state.snapshot = await readRevision({ kind: 'commit', reader: ctx.source.reader, commit });
    const last = state.status?.record?.lastAttemptedRevision;
    if (last && (await tryResolve(ctx.source.store.repo, last)) !== undefined) {
      state.changed = await changedPaths(ctx.source.store.repo, last, commit);
    }
    state.previous = await ctx.statusReader.previous(state.status?.tip);
    ctx.log({
      level: 'debug',
      msg: 'source read',
      revision: commit,
      files: state.snapshot.files.length,
      changedSinceLastAttempt: state.changed?.length,
    });
    return go;
  },
};

/** Loads and plans (the pure core). */
const planStep: ReconcileStep = {
  name: 'plan',
  failureReason: 'PlanFailed',
  async run(ctx, state) {
    state.loaded = loadSnapshot(need(state.snapshot));
    const planned = planRemembering(
      ctx,
      planInputOf(state.loaded, {
        previous: state.previous,
        ...(state.previous ? { rebalanced: state.previous.rebalancers } : {}),
        now: formatInstant(Math.floor(ctx.now().getTime() / 1000) * 1000),
      }),
    );
    state.plan = planned.plan;
    if (planned.reuse)
      ctx.log({ level: 'debug', msg: 'planned', revision: state.loaded.revision, ...reuseFields(planned.reuse) });
    return go;
  },
};

/**
 * Stages the RolloutStrategies of a valid revision (rollout-reconcile.ts): the plan's staged Works
 * become those in force, so the rendered branch and the status branch's Work count follow the
 * waves; changed records are committed before the status write, which starts from them.
 */
const rolloutStep: ReconcileStep = {
  name: 'rollout',
  failureReason: 'RolloutFailed',
  async run(ctx, state) {
    const plan = need(state.plan);
    if (plan.errors.length) return go;
    const status = need(state.status);
    const staged = await stageReconcilePlan({
      source: ctx.source,
      target: ctx.target,
      statusBranch: need(state.statusBranch),
      tip: status.tip,
      lastApplied: status.record?.lastAppliedRevision ?? undefined,
      loaded: need(state.loaded),
      plan,
      previous: need(state.previous),
      now: ctx.now(),
      options: writeOptions(ctx),
    });
    for (const d of staged.decisions) logTransitions(ctx.log, d, plan.revision);
    state.plan = staged.plan;
    state.status = { ...status, tip: staged.tip };
    return go;
  },
};

/** Commits the rendered tree of a valid revision (never of an invalid one: the last good tree stays). */
const renderStep: ReconcileStep = {
  name: 'render',
  failureReason: 'RenderFailed',
  async run(ctx, state) {
    const plan = need(state.plan);
    if (plan.errors.length) return go;
    const rendered = await writeRendered(ctx.target, need(state.renderedBranch), plan, writeOptions(ctx), {
      pruneGuard: ctx.pruneGuard,
    });
    logHeld(ctx, rendered.held, plan.revision);
    state.rendered = rendered;
    await publishClusterBranches(ctx, state, plan.clusters, writeOptions(ctx));
    if (ctx.outDir) await writeRenderedDir(ctx.outDir, plan);
    if (ctx.faults?.afterRender) await ctx.faults.afterRender();
    return go;
  },
};

/** Writes the status branch, last: placement and revision record of a valid revision, or the rejection of an invalid one. */
const writeStatusStep: ReconcileStep = {
  name: 'write-status',
  failureReason: 'StatusWriteFailed',
  async run(ctx, state) {
    const plan = need(state.plan);
    const status = statusFiles({
      sourceBranch: ctx.source.branch,
      plan,
      previous: state.status?.record,
      observed: ctx.observed ?? [],
    });
    state.written = await writeStatus(
      ctx.target,
      {
        branch: need(state.statusBranch),
        revision: plan.revision,
        status,
        bindings: plan.bindings.length,
        works: plan.works.length,
        baseTip: state.status?.tip,
      },
      writeOptions(ctx),
    );
    const statusCommit = state.written.kind === 'committed' ? state.written.commit : undefined;
    const contract = planToContract(plan);
    if (status.decision === 'invalid')
      return {
        kind: 'stop',
        outcome: {
          kind: 'invalid',
          revision: plan.revision,
          errors: contract.errors,
          lastApplied: status.record.lastAppliedRevision,
          status: statusCommit,
        },
      };
    const rendered = state.rendered?.kind === 'committed' ? state.rendered.commit : undefined;
    return {
      kind: 'stop',
      outcome: {
        kind: 'applied',
        revision: plan.revision,
        bindings: plan.bindings.length,
        works: plan.works.length,
        warnings: contract.warnings,
        rendered,
        status: statusCommit,
      },
    };
  },
};

/** The steps of a git reconcile, in order. */
export const reconcileSteps: readonly ReconcileStep[] = [
  fetchStep,
  settingsStep,
  statusStep,
  sourceStep,
  planStep,
  rolloutStep,
  renderStep,
  writeStatusStep,
];

/** Reports the cluster folders of the rendered branch the mass-prune guard kept as they were: a person must confirm. */
export function logHeld(ctx: Pick<ReconcileContext, 'log'>, held: readonly RenderedHold[], revision: string): void {
  for (const h of held)
    ctx.log({
      level: 'error',
      msg: 'rendered branch: mass prune held',
      reason: 'PruneGuard',
      cluster: h.cluster,
      folder: h.folder,
      revision,
      message: h.message,
    });
}

/** Identity, clock and test faults for the branch writers. */
export function writeOptions(ctx: Pick<ReconcileContext, 'identity' | 'now' | 'faults'>) {
  return {
    identity: ctx.identity,
    now: ctx.now,
    ...(ctx.faults?.beforePublish ? { beforePublish: ctx.faults.beforePublish } : {}),
  };
}

/** The value an earlier step filled in; its absence is a bug in the step order. */
export function need<T>(v: T | undefined): T {
  if (v === undefined) throw new InternalError('a reconcile step ran before the step that fills its input');
  return v;
}
