/**
 * The descheduler's settings and its interval across passes (Karmada's karmada-descheduler flags
 * and defaults, cmd/descheduler/app/options: --descheduling-interval 2m, --unschedulable-threshold
 * 5m). The long-running controller keeps one; a pass runs the descheduler when it is due.
 */
export class DeschedulerClock {
  readonly intervalMs: number;
  readonly thresholdSeconds: number;
  #lastMs: number | undefined;

  constructor(intervalMs: number, thresholdSeconds: number) {
    this.intervalMs = intervalMs;
    this.thresholdSeconds = thresholdSeconds;
  }

  /** True when the descheduler has not run for an interval; marks it run at `nowMs`. */
  claim(nowMs: number): boolean {
    if (this.#lastMs !== undefined && nowMs - this.#lastMs < this.intervalMs) return false;
    this.#lastMs = nowMs;
    return true;
  }
}
