/**
 * The rollout decision (docs/rollouts.md "Semantics"): from the strategy, the baseline (the last fully
 * rolled-out revision's content), the newest revision's content, the recorded state, the observed
 * health and the pass's clock, the next state, the transitions to commit, and per cluster which
 * revision's manifests are in force. Pure: gather, then decide, then act (B3).
 */
import { compareStrings, type Cluster, type RolloutSpec } from '../api/index.ts';
import { advanceWaves, type DeadlineMiss, type Transition } from './advance.ts';
import type { ClusterHealth } from './health.ts';
import { inForceOf, type InForce } from './in-force.ts';
import type { ClusterProgress, ContentByCluster, RevisionContent, RolloutCondition, RolloutState } from './state.ts';
import { assignWaves, type AssignedWave } from './waves.ts';

/** A person's request from `flotilla rollout pause|resume|abort`. */
export type OperatorRequest = 'Pause' | 'Resume' | 'Abort';

/** Everything the decision reads; the shell gathers it first (B3). */
export interface RolloutInput {
  readonly spec: RolloutSpec;
  readonly inventory: readonly Cluster[];
  /**
   * The last fully rolled-out revision's content; undefined when nothing ever was. Required but
   * undefined-able: the caller must say what it read (changesets' preState), not lean on a default.
   */
  readonly baseline: RevisionContent | undefined;
  readonly target: RevisionContent;
  readonly previous: RolloutState | undefined;
  readonly health: Readonly<Record<string, ClusterHealth>>;
  /** Clusters receiving replicas by failover this pass: never blocked by the rollout. */
  readonly failoverTargets: readonly string[];
  readonly request: OperatorRequest | undefined;
  /** Seconds since the epoch, from the shell's clock. */
  readonly now: number;
}

/** The next state, what changed, and the manifests in force per cluster (sorted by cluster). */
export interface RolloutDecision {
  readonly state: RolloutState;
  readonly transitions: readonly Transition[];
  readonly inForce: readonly InForce[];
}

/** Decides one pass of a strategy's rollout. */
export function decideRollout(input: RolloutInput): RolloutDecision {
  const scope = [
    ...new Set([...Object.keys(input.baseline?.contents ?? {}), ...Object.keys(input.target.contents)]),
  ].sort(compareStrings);
  const waves = assignWaves(input.spec, scope, input.inventory);
  const { state, transitions } = nextState(input, scope, waves);
  return { state, transitions, inForce: inForceOf(state, input.baseline, scope, input.failoverTargets) };
}

function nextState(
  input: RolloutInput,
  scope: readonly string[],
  waves: readonly AssignedWave[],
): { state: RolloutState; transitions: Transition[] } {
  const prev = input.previous;
  if (prev === undefined || prev.phase === 'Done') {
    // A finished rollout stays as recorded (its wave times included) while nothing new arrives.
    if (prev !== undefined && sameContents(prev.target.contents, input.target.contents))
      return { state: prev, transitions: [] };
    if (sameContents(input.baseline?.contents ?? {}, input.target.contents))
      return {
        state: done(input, scope, waves, prev, 'NoChange', 'the selected templates are the same on every cluster'),
        transitions: [],
      };
    return begin(
      input,
      scope,
      waves,
      'Started',
      `revision ${input.target.revision} differs from the rolled-out one; starting with wave ${waves[0]?.name ?? '-'}`,
    );
  }
  // flotilla's choice: a cluster added or dropped by placement is no new content; it joins its wave.
  if (!sameOnShared(prev.target.contents, input.target.contents)) {
    return begin(
      input,
      scope,
      waves,
      'Restarted',
      `newer revision ${input.target.revision} replaces ${prev.target.revision}; restarting from wave ${waves[0]?.name ?? '-'}`,
    );
  }
  // The same content under a newer commit (an unrelated change, or a cluster added) keeps the progress.
  const same = relabel(prev, input.target);
  if (same.phase === 'RolledBack') return { state: same, transitions: [] };
  if (input.request === 'Abort') return rollBack(same, input, 'Aborted', 'aborted by an operator');
  if (same.phase === 'Paused') {
    if (input.request !== 'Resume') return { state: same, transitions: [] };
    const resumed = resume(same, input.now);
    return step(resumed, input, waves, [
      { reason: 'Resumed', message: 'resumed by an operator; the deadline restarts for the clusters not yet healthy' },
    ]);
  }
  if (input.request === 'Pause') {
    const condition: RolloutCondition = { reason: 'PausedByOperator', message: 'paused by an operator' };
    return {
      state: { ...same, phase: 'Paused', condition },
      transitions: [{ reason: 'PausedByOperator', message: condition.message }],
    };
  }
  return step(same, input, waves, []);
}

/** A fresh rollout of the target from the first wave; what each cluster runs now stays in force until its wave starts. */
function begin(
  input: RolloutInput,
  scope: readonly string[],
  waves: readonly AssignedWave[],
  reason: 'Started' | 'Restarted',
  message: string,
): { state: RolloutState; transitions: Transition[] } {
  const prev = input.previous;
  const baselineRevision =
    prev?.phase === 'Done' ? prev.target.revision : (prev?.baselineRevision ?? input.baseline?.revision);
  const clusters: ClusterProgress[] = [];
  for (const name of scope) {
    const kept = prev?.phase === 'Done' ? undefined : prev?.clusters.find((c) => c.name === name);
    if (kept)
      clusters.push({
        name,
        revision: kept.revision,
        ...(kept.content === undefined ? {} : { content: kept.content }),
        confirmed: false,
      });
    else if (input.baseline?.contents[name] !== undefined)
      clusters.push({
        name,
        revision: input.baseline.revision,
        content: input.baseline.contents[name],
        confirmed: false,
      });
  }
  const state: RolloutState = {
    namespace: input.spec.namespace,
    name: input.spec.name,
    phase: 'Progressing',
    baselineRevision,
    target: input.target,
    currentWave: 0,
    waves: waves.map((w) => ({ name: w.name, clusters: w.clusters })),
    clusters,
    condition: { reason, message },
  };
  return step(state, input, waves, [{ reason, message }]);
}

/** Runs the waves one pass and applies onFailure to a deadline miss. */
function step(
  state: RolloutState,
  input: RolloutInput,
  waves: readonly AssignedWave[],
  before: Transition[],
): { state: RolloutState; transitions: Transition[] } {
  const r = advanceWaves(state, {
    waves,
    health: input.health,
    progressDeadlineSeconds: input.spec.progressDeadlineSeconds,
    now: input.now,
  });
  const transitions = [...before, ...r.transitions];
  if (r.miss) return failed(r.state, input, r.miss, transitions);
  if (r.state.currentWave < waves.length) {
    const last = transitions.at(-1);
    const condition = last ? { reason: last.reason, message: last.message } : r.state.condition;
    return { state: { ...r.state, condition }, transitions };
  }
  const fin = done(
    input,
    r.state.clusters.map((c) => c.name),
    waves,
    r.state,
    'Done',
    `every wave is done; ${input.target.revision} is rolled out`,
  );
  return { state: fin, transitions: [...transitions, { reason: 'Done', message: fin.condition.message }] };
}

function failed(
  state: RolloutState,
  input: RolloutInput,
  miss: DeadlineMiss,
  before: Transition[],
): { state: RolloutState; transitions: Transition[] } {
  const message = `wave ${miss.wave}: ${miss.cluster} is not healthy after ${input.spec.progressDeadlineSeconds}s (${miss.why})`;
  if (input.spec.onFailure === 'Rollback') {
    const r = rollBack(state, input, 'ProgressDeadlineExceeded', message);
    return { state: r.state, transitions: [...before, ...r.transitions] };
  }
  const condition: RolloutCondition = { reason: 'ProgressDeadlineExceeded', message };
  return {
    state: { ...state, phase: 'Paused', condition },
    transitions: [
      ...before,
      { reason: 'ProgressDeadlineExceeded', wave: miss.wave, clusters: [miss.cluster], message: `paused: ${message}` },
    ],
  };
}

/**
 * Every cluster not on the baseline returns to it; a cluster with no baseline content keeps what it
 * runs, so a rollback never takes a workload away (docs/rollouts.md "Rollback never takes a workload to zero ready").
 */
function rollBack(
  state: RolloutState,
  input: RolloutInput,
  reason: 'Aborted' | 'ProgressDeadlineExceeded',
  message: string,
): { state: RolloutState; transitions: Transition[] } {
  const base = input.baseline;
  const returned: string[] = [];
  const clusters = state.clusters.map((c): ClusterProgress => {
    const content = base?.contents[c.name];
    if (base === undefined || content === undefined || c.revision === base.revision) return c;
    returned.push(c.name);
    return { name: c.name, revision: base.revision, content, confirmed: false };
  });
  const condition: RolloutCondition = {
    reason: 'RolledBack',
    message: `${reason === 'Aborted' ? 'aborted' : message}; ${returned.length ? `${returned.join(', ')} return to ${base?.revision ?? '-'}` : 'no cluster had left the baseline'}`,
  };
  return {
    state: { ...state, phase: 'RolledBack', clusters, condition },
    transitions: [{ reason: 'RolledBack', clusters: returned, message: condition.message }],
  };
}

function resume(state: RolloutState, now: number): RolloutState {
  const clusters = state.clusters.map((c) =>
    c.startedAt !== undefined && !c.confirmed ? { ...c, startedAt: now } : c,
  );
  return {
    ...state,
    phase: 'Progressing',
    clusters,
    condition: { reason: 'Resumed', message: 'resumed by an operator' },
  };
}

function done(
  input: RolloutInput,
  names: readonly string[],
  waves: readonly AssignedWave[],
  prev: RolloutState | undefined,
  reason: 'Done' | 'NoChange',
  message: string,
): RolloutState {
  const clusters = names
    .filter((n) => input.target.contents[n] !== undefined)
    .map(
      (name): ClusterProgress => ({
        name,
        revision: input.target.revision,
        content: input.target.contents[name] as string,
        confirmed: true,
      }),
    );
  return {
    namespace: input.spec.namespace,
    name: input.spec.name,
    phase: 'Done',
    baselineRevision: input.target.revision,
    target: input.target,
    currentWave: waves.length,
    waves: prev?.phase === 'Progressing' ? prev.waves : waves.map((w) => ({ name: w.name, clusters: w.clusters })),
    clusters,
    condition: { reason, message },
  };
}

/** The recorded state under a newer commit of the same content: clusters on the old target label move with it. */
function relabel(prev: RolloutState, target: RevisionContent): RolloutState {
  const clusters = prev.clusters.map((c) =>
    c.revision === prev.target.revision ? { ...c, revision: target.revision } : c,
  );
  return { ...prev, target, clusters };
}

/** True when every cluster in both has the same content in both. */
function sameOnShared(a: ContentByCluster, b: ContentByCluster): boolean {
  return Object.keys(a).every((k) => b[k] === undefined || a[k] === b[k]);
}

function sameContents(a: ContentByCluster, b: ContentByCluster): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
