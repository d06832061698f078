/**
 * One controller pass (Karmada's cluster, taint-manager, graceful-eviction, scheduler, binding and
 * status controllers run as one ordered sweep): gather (source revision, status branch memory,
 * member observations), decide (failover pass, then plan with its taints and eviction tasks), act
 * (rendered branch, server-side apply, binding status), and write the status branch last, once.
 *
 * An invalid head revision is recorded and never applied; the last good revision stays in force
 * and is re-planned, so failover keeps working while someone fixes the repo (principle 4).
 */
import type { RolloutSummary } from './rollout-step.ts';
import type { FleetApplyResult } from '../cluster/apply-fleet.ts';
import type { CredentialSource } from '../cluster/credentials.ts';
import type { PruneGuard } from '../cluster/prune-guard.ts';
import type { Decision, EvictionSettings, HealthSettings } from '../status/index.ts';
import type { ConcurrentWrite, StatusWriteResult } from '../writeback/index.ts';
import type { StatusWatch } from './status-watch.ts';
import type { DeschedulerClock } from './descheduler-clock.ts';
import type { ClusterBackoff } from './backoff.ts';
import { fleetPassSteps } from './fleet-pass-steps.ts';
import { describeError, type ReconcileContext } from './reconcile.ts';
import type { GitLink } from './git-link.ts';
import { runSteps, type StepFailure } from './step-engine.ts';

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
  /** The descheduler (--descheduler) and its interval; absent when off. */
  readonly descheduler?: DeschedulerClock;
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
      /** Each RolloutStrategy's phase and wave after this pass (rollout-step.ts). */
      readonly rollouts?: readonly RolloutSummary[];
    }
  | ({ readonly kind: 'failed' } & StepFailure);

/** Runs one pass on the step engine (fleet-pass-steps.ts). Never throws: a failure is an outcome naming the step. */
export async function runPass(ctx: ControllerContext): Promise<PassOutcome> {
  const end = await runSteps(fleetPassSteps, ctx, {});
  if (end.kind === 'stopped') return end.outcome;
  const f = end.failure;
  ctx.log({
    level: 'error',
    msg: 'controller pass failed',
    step: f.step,
    reason: f.reason,
    transient: f.transient,
    error: describeError(f.error),
  });
  return { kind: 'failed', ...f };
}
