/**
 * The one way a revision is planned (issue 22): a snapshot is loaded and labelled once
 * (`loadSnapshot`), then planned with whatever the shell gathered beside it (`planLoaded`): the
 * previous placement, eviction tasks, observed clusters. Every command and controller pass goes
 * through these two functions, so `plan`, `render`, `apply` and `reconcile` plan alike (B4).
 */
import { compareDiagnostics, type Diagnostic, type Fleet } from '../api/index.ts';
import { loadFleet, type LoadResult, type Snapshot } from '../load/index.ts';
import { rolloutSelectionDiagnostics } from '../rollout/index.ts';
import { planFleet, type Plan, type PlanInput } from './plan-fleet.ts';
import type { AppliedPlacements, PreviousPlacement, PreviousRecords } from './previous.ts';

/** A loaded revision: the fleet, its load diagnostics, and the revision label its snapshot carried. */
export interface LoadedRevision extends LoadResult {
  readonly revision: string;
}

/** The placement an earlier revision produced, wherever the shell read it (status branch, `--previous FILE`, members). */
export interface PreviousInput {
  readonly placement: PreviousPlacement;
  readonly applied: AppliedPlacements;
  /** What each previous binding recorded (its claiming policy, a Lazy policy's template version). */
  readonly records?: PreviousRecords;
  /** What each WorkloadRebalancer has done, when read from the status branch (src/rebalance). */
  readonly rebalanced?: PlanInput['rebalanced'];
  /** Problems reading it (a malformed `--previous` file); they join the plan's diagnostics. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** What planning a loaded revision may take beside the revision itself. */
export interface PlanLoadedOptions {
  readonly previous?: PreviousInput | undefined;
  readonly evictions?: PlanInput['evictions'];
  /** The fleet to plan instead of the loaded one: the same revision with observed cluster state laid over it. */
  readonly fleet?: Fleet;
  readonly works?: PlanInput['works'];
  /** The status branch's WorkloadRebalancer records, and the pass's time (src/rebalance). */
  readonly rebalanced?: PlanInput['rebalanced'];
  readonly now?: string;
}

/** Loads a snapshot, keeping its revision label (the only label: the shell's readRevision makes it). */
export function loadSnapshot(snapshot: Snapshot): LoadedRevision {
  return { ...withRolloutChecks(loadFleet(snapshot)), revision: snapshot.revision };
}

/**
 * A load result with the fleet-wide checks of its RolloutStrategies (src/rollout/overlaps.ts): made
 * once per revision, after loading, so a plan that re-plans a subset of templates
 * (reuse-plan.ts) keeps them whole. loadSnapshot applies it; so must any other loader.
 */
export function withRolloutChecks(loaded: LoadResult): LoadResult {
  const rollouts = rolloutSelectionDiagnostics(loaded.fleet);
  return rollouts.length
    ? { fleet: loaded.fleet, diagnostics: [...loaded.diagnostics, ...rollouts].sort(compareDiagnostics) }
    : loaded;
}

/** Plans a loaded revision with the previous placement and state the shell gathered. */
export function planLoaded(loaded: LoadedRevision, o: PlanLoadedOptions = {}): Plan {
  return planFleet(planInputOf(loaded, o));
}

/** What planLoaded plans: the loaded revision with the previous placement and state the shell gathered. */
export function planInputOf(loaded: LoadedRevision, o: PlanLoadedOptions = {}): PlanInput {
  const previous = o.previous;
  const rebalanced = o.rebalanced ?? previous?.rebalanced;
  return {
    fleet: o.fleet ?? loaded.fleet,
    diagnostics: previous?.diagnostics?.length ? [...loaded.diagnostics, ...previous.diagnostics] : loaded.diagnostics,
    revision: loaded.revision,
    ...(previous
      ? {
          previous: previous.placement,
          applied: previous.applied,
          ...(previous.records ? { records: previous.records } : {}),
        }
      : {}),
    ...(o.evictions ? { evictions: o.evictions } : {}),
    ...(o.works ? { works: o.works } : {}),
    ...(rebalanced ? { rebalanced } : {}),
    ...(o.now !== undefined ? { now: o.now } : {}),
  };
}

/** Loads and plans a snapshot. */
export function planSnapshot(snapshot: Snapshot, o: PlanLoadedOptions = {}): Plan {
  return planLoaded(loadSnapshot(snapshot), o);
}
