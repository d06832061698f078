/**
 * The one step engine every pass runs on (STYLE R1, after source-controller's ordered
 * sub-reconcilers): a pass is an ordered array of named steps, each with the reason a failure
 * reports; the engine runs them in order, stops at the first that stops or throws, and says
 * whether a failure is worth retrying from the error itself (FlotillaError.transient, E6).
 */
import { performance } from 'node:perf_hooks';
import { isTransient } from '../api/index.ts';

/** A step's result: go on, or stop the pass with its outcome. */
export type StepResult<O> = { readonly kind: 'continue' } | { readonly kind: 'stop'; readonly outcome: O };

/** One named step and the reason it reports when it throws. */
export interface Step<C, S, O> {
  readonly name: string;
  readonly failureReason: string;
  readonly run: (ctx: C, state: S) => Promise<StepResult<O>>;
}

/** Why a pass failed: the step, its reason, the error, and whether retrying later may succeed. */
export interface StepFailure {
  readonly step: string;
  readonly reason: string;
  readonly error: unknown;
  readonly transient: boolean;
}

/** How a run of steps ended, with the milliseconds each step that finished took (`fetch:12,settings:1,…`). */
export type StepsEnd<O> =
  | { readonly kind: 'stopped'; readonly outcome: O; readonly stepsMs: string }
  | { readonly kind: 'failed'; readonly failure: StepFailure; readonly stepsMs: string };

/** Go on to the next step. */
export const proceed: StepResult<never> = { kind: 'continue' };

/** Runs `steps` in order on `ctx` and `state` until one stops or throws; running out of steps fails with reason `NoOutcome`. */
export async function runSteps<C, S, O>(steps: readonly Step<C, S, O>[], ctx: C, state: S): Promise<StepsEnd<O>> {
  const timings: string[] = [];
  for (const step of steps) {
    const started = performance.now();
    try {
      const r = await step.run(ctx, state);
      timings.push(`${step.name}:${Math.round(performance.now() - started)}`);
      if (r.kind === 'stop') return { kind: 'stopped', outcome: r.outcome, stepsMs: timings.join(',') };
    } catch (error) {
      return {
        kind: 'failed',
        failure: { step: step.name, reason: step.failureReason, error, transient: isTransient(error) },
        stepsMs: timings.join(','),
      };
    }
  }
  return {
    kind: 'failed',
    failure: { step: 'end', reason: 'NoOutcome', error: undefined, transient: false },
    stepsMs: timings.join(','),
  };
}

/** A step that only gathers (never stops), taken into a pass with a different outcome type. */
export function gatherStep<C, S, O>(step: Step<C, S, unknown>): Step<C, S, O> {
  return {
    name: step.name,
    failureReason: step.failureReason,
    run: async (ctx, state) => {
      await step.run(ctx, state);
      return proceed;
    },
  };
}
