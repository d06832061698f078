/**
 * Per-cluster apply backoff of the long-running controller: a member whose apply failed is
 * retried after 1, 2, 4 … passes' worth of time (capped), not on every pass, so one broken
 * member (a rejecting webhook, missing RBAC) neither floods its API server nor slows the others.
 * Probing is never backed off: failover needs every member's health on every pass.
 */

/** Backoff bounds in milliseconds. */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Flux's and controller-runtime's habit: start small, double, cap at a few minutes. */
export const defaultBackoff: BackoffSettings = { initialMs: 5_000, maxMs: 300_000 };

/** The remembered failures of each member (process memory: a restart retries at once, which is safe). */
export class ClusterBackoff {
  readonly #settings: BackoffSettings;
  readonly #state = new Map<string, { failures: number; until: number }>();

  constructor(settings: BackoffSettings = defaultBackoff) {
    this.#settings = settings;
  }

  /** True when `cluster` may be applied at `now` (ms since the epoch). */
  ready(cluster: string, now: number): boolean {
    const s = this.#state.get(cluster);
    return s === undefined || now >= s.until;
  }

  /** Records an apply's result: success forgets the cluster, failure doubles its wait. */
  record(cluster: string, ok: boolean, now: number): void {
    if (ok) {
      this.#state.delete(cluster);
      return;
    }
    const failures = (this.#state.get(cluster)?.failures ?? 0) + 1;
    const wait = Math.min(this.#settings.maxMs, this.#settings.initialMs * 2 ** (failures - 1));
    this.#state.set(cluster, { failures, until: now + wait });
  }

  /** When `cluster` will be retried, or undefined when it is not backing off. */
  retryAt(cluster: string): number | undefined {
    return this.#state.get(cluster)?.until;
  }
}
