/**
 * One pass of a progressing rollout over its waves (docs/rollouts.md "Transitions"): clusters joining a
 * finished wave take the target, the deadline is checked, the current wave starts its next batch, and
 * a wave healthy for its bake hands over to the next one, possibly several in one pass (bake 0, empty
 * waves). Pure: the pass's clock arrives as `now`.
 */
import { compareStrings } from '../api/index.ts';
import type { ClusterHealth } from './health.ts';
import type { ClusterProgress, RolloutReason, RolloutState, WaveProgress } from './state.ts';
import { concurrencyOf, type AssignedWave } from './waves.ts';

/** A state change worth a commit with `Flotilla-Decision: rollout`. */
export interface Transition {
  readonly reason: RolloutReason;
  readonly wave?: string;
  readonly clusters?: readonly string[];
  readonly message: string;
}

/** What a pass needs besides the state. */
export interface PassContext {
  readonly waves: readonly AssignedWave[];
  readonly health: Readonly<Record<string, ClusterHealth>>;
  readonly progressDeadlineSeconds: number;
  readonly now: number;
}

/** A cluster that missed the progress deadline, with why. */
export interface DeadlineMiss {
  readonly wave: string;
  readonly cluster: string;
  readonly why: string;
}

/** The state after one pass, the transitions it made, and the first deadline miss if any (the caller applies onFailure). */
export function advanceWaves(
  state: RolloutState,
  ctx: PassContext,
): { state: RolloutState; transitions: Transition[]; miss: DeadlineMiss | undefined } {
  const transitions: Transition[] = [];
  const clusters = new Map(state.clusters.map((c) => [c.name, c] as const));
  const waves: WaveProgress[] = ctx.waves.map((w) => ({
    ...(state.waves.find((p) => p.name === w.name) ?? { name: w.name }),
    clusters: w.clusters,
  }));
  const start = (name: string) => clusters.set(name, startOn(name, state, ctx.now));

  const joined = ctx.waves
    .slice(0, state.currentWave)
    .flatMap((w) => w.clusters)
    .filter((c) => clusters.get(c)?.startedAt === undefined);
  for (const c of joined) start(c);
  if (joined.length)
    transitions.push({
      reason: 'ClusterJoined',
      clusters: joined,
      message: `${joined.join(', ')} joined a finished wave and take the target now`,
    });

  for (const [name, c] of clusters) {
    if (c.startedAt !== undefined && !c.confirmed && isHealthy(ctx.health[name]))
      clusters.set(name, { ...c, confirmed: true });
  }
  const miss = firstMiss(ctx, clusters);
  if (miss) return { state: { ...state, waves, clusters: sortedValues(clusters) }, transitions, miss };

  let i = state.currentWave;
  for (; i < ctx.waves.length; i++) {
    const w = ctx.waves[i] as AssignedWave;
    const p = waves[i] as WaveProgress;
    if (p.startedAt === undefined) {
      waves[i] = { ...p, startedAt: ctx.now };
      transitions.push(
        w.clusters.length
          ? { reason: 'WaveStarted', wave: w.name, message: `wave ${w.name} started (${w.clusters.length} cluster(s))` }
          : { reason: 'EmptyWave', wave: w.name, message: `wave ${w.name} has no clusters; it is done at once` },
      );
    }
    if (!w.clusters.length) {
      waves[i] = { ...(waves[i] as WaveProgress), completedAt: ctx.now };
      continue;
    }
    const batch = nextBatch(w, clusters);
    for (const c of batch) start(c);
    if (batch.length && batch.length < w.clusters.length)
      transitions.push({
        reason: 'BatchStarted',
        wave: w.name,
        clusters: batch,
        message: `wave ${w.name}: ${batch.join(', ')} take the target`,
      });
    // A cluster that joined an earlier wave gates the current one until it has been healthy once.
    const earlierPending = ctx.waves.slice(0, i).some((e) => e.clusters.some((c) => !clusters.get(c)?.confirmed));
    const ready =
      !earlierPending && w.clusters.every((c) => clusters.get(c)?.startedAt !== undefined && isHealthy(ctx.health[c]));
    const cur = waves[i] as WaveProgress;
    if (!ready) {
      waves[i] = withoutHealthySince(cur);
      break;
    }
    const since = cur.healthySince ?? ctx.now;
    if (ctx.now - since < w.bakeSeconds) {
      waves[i] = { ...cur, healthySince: since };
      break;
    }
    waves[i] = { ...cur, healthySince: since, completedAt: ctx.now };
    transitions.push({
      reason: 'WaveHealthy',
      wave: w.name,
      message: `wave ${w.name} is healthy${w.bakeSeconds ? ` and stayed so for ${w.bakeSeconds}s` : ''}`,
    });
  }
  return { state: { ...state, currentWave: i, waves, clusters: sortedValues(clusters) }, transitions, miss: undefined };
}

/** The wave's clusters that take the target now: in name order, as many as keep the in-flight ones within maxConcurrentClusters. */
function nextBatch(w: AssignedWave, clusters: ReadonlyMap<string, ClusterProgress>): string[] {
  const inFlight = w.clusters.filter((c) => {
    const p = clusters.get(c);
    return p?.startedAt !== undefined && !p.confirmed;
  }).length;
  const waiting = w.clusters.filter((c) => clusters.get(c)?.startedAt === undefined);
  return waiting.slice(0, Math.max(0, concurrencyOf(w.maxConcurrent, w.clusters.length) - inFlight));
}

function startOn(name: string, state: RolloutState, now: number): ClusterProgress {
  const content = state.target.contents[name];
  return {
    name,
    revision: state.target.revision,
    ...(content === undefined ? {} : { content }),
    startedAt: now,
    confirmed: false,
  };
}

/** The first started, unconfirmed cluster (by wave order, then name) past the deadline and not healthy. */
function firstMiss(ctx: PassContext, clusters: ReadonlyMap<string, ClusterProgress>): DeadlineMiss | undefined {
  for (const w of ctx.waves) {
    for (const name of w.clusters) {
      const c = clusters.get(name);
      if (c?.startedAt === undefined || c.confirmed || ctx.now - c.startedAt < ctx.progressDeadlineSeconds) continue;
      const h = ctx.health[name];
      return {
        wave: w.name,
        cluster: name,
        why:
          h === undefined
            ? 'no health was observed'
            : h.kind === 'Progressing'
              ? `${h.template}: ${h.why}`
              : h.kind === 'Unknown'
                ? h.why
                : 'healthy too late',
      };
    }
  }
  return undefined;
}

function isHealthy(h: ClusterHealth | undefined): boolean {
  return h?.kind === 'Healthy';
}

function withoutHealthySince(w: WaveProgress): WaveProgress {
  const { healthySince: _dropped, ...rest } = w;
  return rest;
}

function sortedValues(m: ReadonlyMap<string, ClusterProgress>): ClusterProgress[] {
  return [...m.keys()].sort(compareStrings).map((k) => m.get(k) as ClusterProgress);
}
