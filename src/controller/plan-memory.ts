/**
 * A long-running controller (`flotilla controller`, or `reconcile` following a branch) keeps its
 * last pass's plan and what it was planned from, so the next pass re-plans only the templates
 * whose inputs changed (src/plan/reuse-plan.ts): a one-template change costs that template, not
 * the fleet. A process that runs one pass (`reconcile --once`) has nothing to remember and plans in full.
 */
import {
  planFleet,
  planHeadReusingBase,
  workIndexOf,
  type PlannedBase,
  type PlanInput,
  type Reuse,
} from '../plan/index.ts';
import type { Plan } from '../plan/index.ts';

/** Each controller's last valid plan and its input, by the context its passes share. */
const lastPlans = new WeakMap<object, PlannedBase>();

/** Plans `input` reusing the last plan made for `ctx`; remembers the result when it is valid. */
export function planRemembering(ctx: object, input: PlanInput): { plan: Plan; reuse: Reuse | undefined } {
  const last = lastPlans.get(ctx);
  const planned = last ? planHeadReusingBase(last, input) : { plan: planFleet(input), reuse: undefined };
  if (planned.plan.errors.length) lastPlans.delete(ctx);
  else lastPlans.set(ctx, { input, plan: planned.plan });
  // A plan made in full has no index of its Works yet: it is made while the pass waits on I/O, not
  // when the next change arrives (about 1 s at 420,000 Works); a process that exits does not wait.
  if (!planned.plan.errors.length && planned.reuse?.kind !== 'partial') {
    const plan = planned.plan;
    setTimeout(() => workIndexOf(plan), 0).unref();
  }
  return planned;
}

/** Log fields saying how a pass's plan was made. */
export function reuseFields(r: Reuse): Record<string, string | number> {
  return r.kind === 'full' ? { plannedInFull: r.reason } : { replanned: r.replanned, reused: r.reused };
}
