/**
 * One reconcile of a git source: an ordered array of named steps (STYLE R1, after
 * source-controller's sub-reconcilers), each with the reason a failure reports. Steps gather
 * (fetch, status, source), decide (plan) and act (rendered branch, then status branch, last:
 * status is written once, at the end). An invalid revision never reaches the rendered branch.
 */
import type { PruneGuard } from '../cluster/prune-guard.ts';
import type { Settings } from '../api/index.ts';
import type { BranchStore, FileDelta, Identity } from '../git/index.ts';
import type { Snapshot } from '../load/index.ts';
import type { LoadedRevision, Plan } from '../plan/index.ts';
import type { FleetSource } from '../source/index.ts';
import type {
  BranchWriteResult,
  ClusterObservation,
  PreviousView,
  StatusReader,
  StatusView,
  StatusWriteResult,
} from '../writeback/index.ts';
import type { ContractDiagnostic } from '../plan/index.ts';
import { reconcileSteps } from './reconcile-steps.ts';
import { runSteps, type Step, type StepResult as EngineStepResult } from './step-engine.ts';

/** Key/value log fields (X5: the shell logs at each decision point). */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Everything a reconcile uses from the outside world, passed in (B5). */
export interface ReconcileContext {
  readonly source: Extract<FleetSource, { kind: 'git' }>;
  /** Where the status and rendered branches live (default: the source repository). */
  readonly target: BranchStore;
  /** Branch names given on the command line; otherwise the revision's flotilla.yaml decides. */
  readonly branches: {
    readonly status?: string | undefined;
    readonly rendered?: string | undefined;
    /** `--rendered-cluster-branches`: also a branch per cluster (otherwise flotilla.yaml decides). */
    readonly renderedPerCluster?: boolean | undefined;
  };
  readonly identity: Identity;
  readonly now: () => Date;
  readonly log: (fields: LogFields) => void;
  readonly statusReader: StatusReader;
  /** Also write the rendered tree to this directory. */
  readonly outDir?: string | undefined;
  readonly observed?: readonly ClusterObservation[];
  /** The mass-prune guard of the rendered branch (`--allow-mass-prune`, `--max-prune-share`); default: hold a folder left empty. */
  readonly pruneGuard?: PruneGuard | undefined;
  /** Test faults: a crash after rendering, a concurrent push before publishing. */
  readonly faults?: {
    readonly afterRender?: () => Promise<void>;
    readonly beforePublish?: (branch: string, attempt: number) => Promise<void>;
  };
}

/** What the steps learn, filled in order. */
export interface ReconcileState {
  commit?: string;
  settings?: Settings;
  statusBranch?: string;
  renderedBranch?: string;
  /** Whether each cluster's rendered folder is also published on its own branch. */
  clusterBranches?: boolean;
  status?: StatusView;
  snapshot?: Snapshot;
  changed?: readonly FileDelta[];
  previous?: PreviousView;
  /** The head revision, loaded (its RolloutStrategies). */
  loaded?: LoadedRevision;
  plan?: Plan;
  rendered?: BranchWriteResult;
  written?: StatusWriteResult;
}

/** How a reconcile ended. */
export type ReconcileOutcome =
  | { readonly kind: 'unchanged'; readonly revision: string; readonly lastApplied: string | null }
  | {
      readonly kind: 'applied';
      readonly revision: string;
      readonly bindings: number;
      readonly works: number;
      readonly warnings: readonly ContractDiagnostic[];
      readonly rendered: string | undefined;
      readonly status: string | undefined;
    }
  | {
      readonly kind: 'invalid';
      readonly revision: string;
      readonly errors: readonly ContractDiagnostic[];
      readonly lastApplied: string | null;
      readonly status: string | undefined;
    }
  | {
      readonly kind: 'failed';
      readonly step: string;
      readonly reason: string;
      readonly error: unknown;
      readonly transient: boolean;
    };

/** A reconcile step's result: go on, or stop with an outcome. */
export type StepResult = EngineStepResult<ReconcileOutcome>;

/** One named step of a reconcile and the reason it reports when it throws. */
export type ReconcileStep = Step<ReconcileContext, ReconcileState, ReconcileOutcome>;

/** Runs the steps on the step engine, stopping at the first that stops or throws; `state` is left for the caller to read (settings). */
export async function reconcileOnce(
  ctx: ReconcileContext,
  steps: readonly ReconcileStep[] = reconcileSteps,
  state: ReconcileState = {},
): Promise<ReconcileOutcome> {
  const end = await runSteps(steps, ctx, state);
  return logged(ctx, end.kind === 'stopped' ? end.outcome : { kind: 'failed', ...end.failure }, end.stepsMs);
}

/** Logs the outcome with the milliseconds each step took (`fetch:12,settings:1,…`). */
function logged(ctx: ReconcileContext, o: ReconcileOutcome, stepsMs: string): ReconcileOutcome {
  switch (o.kind) {
    case 'unchanged':
      ctx.log({ msg: 'revision unchanged', revision: o.revision, stepsMs });
      break;
    case 'applied':
      ctx.log({
        msg: 'revision planned',
        revision: o.revision,
        bindings: o.bindings,
        works: o.works,
        rendered: o.rendered,
        status: o.status,
        stepsMs,
      });
      break;
    case 'invalid':
      ctx.log({
        level: 'warn',
        msg: 'revision invalid',
        revision: o.revision,
        errors: o.errors.length,
        lastApplied: o.lastApplied ?? undefined,
        status: o.status,
        stepsMs,
      });
      break;
    case 'failed':
      ctx.log({
        level: 'error',
        msg: 'reconcile failed',
        step: o.step,
        reason: o.reason,
        transient: o.transient,
        error: describeError(o.error),
        stepsMs,
      });
      break;
  }
  return o;
}

/** The message chain of an error and its causes, for logs (messages never hold credentials, E4). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let c: unknown = err;
  while (c instanceof Error && parts.length < 5) {
    parts.push(c.message);
    c = c.cause;
  }
  return parts.join(': ') || String(err);
}
