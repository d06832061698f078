/**
 * TEST-ONLY fault injection at named points of a member's reconcile, so the end-to-end fault tests
 * (test/cluster/faults-*.e2e.test.ts) interrupt a pass at an exact place instead of by timing.
 * Read from the environment of the flotilla process only; unset (always, outside those tests) it
 * does nothing. Never set these in production.
 *
 * - `FLOTILLA_TEST_KILL_AT=<step>`: SIGKILL this process just before the reconcile step `<step>`
 *   (a step name of reconcile-cluster.ts: read-inventory, prune-guard, record-intent, apply, prune,
 *   write-inventory) of the first member to reach it.
 * - `FLOTILLA_TEST_KILL_AT=apply:<n>`: SIGKILL right after the n-th object of the apply step has
 *   been written to a member (the objects written so far are on the member; the rest are not).
 * - `FLOTILLA_TEST_STALL_AT=apply:<n>`: after the n-th object, wait until the member's `--timeout`
 *   fires, as a member that stops answering mid-apply would make it fire.
 */
import process from 'node:process';

/** A parsed fault point: a step, and for `apply` optionally a count of objects written. */
export interface FaultPoint {
  readonly step: string;
  readonly after?: number;
}

/** Parses `<step>` or `<step>:<n>`; undefined when unset or malformed (a test typo must not kill by surprise). */
export function parseFaultPoint(text: string | undefined): FaultPoint | undefined {
  if (!text) return undefined;
  const m = /^([a-z-]+)(?::([1-9][0-9]*))?$/.exec(text);
  if (!m?.[1]) return undefined;
  return m[2] ? { step: m[1], after: Number(m[2]) } : { step: m[1] };
}

const kill = parseFaultPoint(process.env['FLOTILLA_TEST_KILL_AT']);
const stall = parseFaultPoint(process.env['FLOTILLA_TEST_STALL_AT']);

/** Called before each reconcile step: kills the process at `FLOTILLA_TEST_KILL_AT=<step>`. */
export function beforeStep(step: string): void {
  if (kill && kill.after === undefined && kill.step === step) process.kill(process.pid, 'SIGKILL');
}

/**
 * A hook for the apply step: called after each object written (`count` so far, per member); kills
 * at `apply:<n>`, or stalls until `deadline` aborts at `FLOTILLA_TEST_STALL_AT=apply:<n>`.
 * Undefined when no apply fault is set, so a normal run pays nothing.
 */
export function applyFault(deadline: AbortSignal): ((count: number) => Promise<void>) | undefined {
  const k = kill?.step === 'apply' ? kill.after : undefined;
  const s = stall?.step === 'apply' ? stall.after : undefined;
  if (k === undefined && s === undefined) return undefined;
  return async (count) => {
    if (count === k) process.kill(process.pid, 'SIGKILL');
    if (count === s && !deadline.aborted) {
      // AbortSignal.timeout's timer does not keep Node alive; a stalled member's open request would.
      const alive = setInterval(() => undefined, 1000);
      await new Promise((resolve) => deadline.addEventListener('abort', resolve, { once: true }));
      clearInterval(alive);
    }
  };
}
