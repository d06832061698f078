/**
 * Coalesces triggers (poll ticks, webhook deliveries, file changes) into reconciles: at most one
 * runs at a time, and every trigger that arrives while one runs is folded into a single next run,
 * which fetches the newest revision. Ten pushes during a slow plan cost one more reconcile, not ten.
 */

/** A queue of reconcile requests. */
export interface TriggerQueue {
  /** Asks for a reconcile; `reason` is kept for the log (e.g. `webhook github 4f1c…`). */
  request(reason: string): void;
  /** Resolves once no reconcile is running or pending. */
  idle(): Promise<void>;
  /** Stops accepting requests and waits for the running reconcile. */
  stop(): Promise<void>;
}

/** Creates a queue running `run(reasons)`; `run` must handle its own failures (it is the top level). */
export function createTriggerQueue(run: (reasons: readonly string[]) => Promise<void>): TriggerQueue {
  let pending: string[] = [];
  let loop: Promise<void> | undefined;
  let stopped = false;
  const drain = async () => {
    // Yield once so that triggers fired in the same tick join the first run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (pending.length && !stopped) {
      const reasons = pending;
      pending = [];
      await run(reasons);
    }
    loop = undefined;
  };
  return {
    request(reason) {
      if (stopped) return;
      pending.push(reason);
      loop ??= drain();
    },
    async idle() {
      while (loop !== undefined) await loop;
    },
    async stop() {
      stopped = true;
      pending = [];
      while (loop !== undefined) await loop;
    },
  };
}
