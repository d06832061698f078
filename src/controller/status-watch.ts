/**
 * A long-running controller's memory of the last status commit it wrote or saw, to notice a
 * second active writer: flotilla status decisions on the branch after it that this process did
 * not write. Reset on becoming leader (the previous leader's commits are expected then).
 */
import type { ConcurrentWrite } from '../writeback/index.ts';

/** The status tip this process last left the branch at. */
export class StatusWatch {
  #last: string | undefined;

  /** The tip after this process's last pass; undefined before the first one or after reset. */
  get last(): string | undefined {
    return this.#last;
  }

  /** Remembers the tip this pass left the branch at. */
  seen(tip: string | undefined): void {
    this.#last = tip;
  }

  /** Forgets the tip (a new leader, or a pass that could not tell where it left the branch). */
  reset(): void {
    this.#last = undefined;
  }
}

/** Both sightings of another writer in one pass (at the read, at the write) as one report; undefined when neither saw one. */
export function concurrentWrite(
  atRead: readonly string[],
  atWrite: ConcurrentWrite | undefined,
): ConcurrentWrite | undefined {
  const commits = [...new Set([...(atWrite?.commits ?? []), ...atRead])];
  const duplicates = atWrite?.duplicates ?? [];
  return commits.length || duplicates.length ? { commits, duplicates } : undefined;
}
