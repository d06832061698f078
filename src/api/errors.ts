/**
 * Exceptions: failures of the program or its environment (E5). User input problems are
 * Diagnostics instead. Each class has a stable `code` equal to its name and structured `data`.
 */
export class FlotillaError<D extends object = Record<string, unknown>> extends Error {
  readonly code: string;
  readonly data: D;
  constructor(message: string, data: D, options?: { cause?: unknown }) {
    super(message, options);
    this.code = new.target.name;
    this.name = new.target.name;
    this.data = data;
  }
  /**
   * Whether the failure may go away on its own, so a loop retries it later with backoff (E6:
   * network, a push race, a conflict); false (terminal) means a new commit or a person is needed.
   * A family that can retry says so by overriding this; the default is terminal.
   */
  get transient(): boolean {
    return false;
  }
  toJSON(): { code: string; message: string; data: D } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

/** Whether `err` is a FlotillaError that says it is transient (anything else is terminal). */
export function isTransient(err: unknown): boolean {
  return err instanceof FlotillaError && err.transient;
}

/** A broken invariant: a bug in flotilla (E7). */
export class InternalError extends FlotillaError<{ detail: string }> {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`internal error: ${detail}`, { detail }, options);
  }
}

/** Invalid command-line usage (exit 2). */
export class UsageError extends FlotillaError<{ detail: string }> {
  constructor(detail: string) {
    super(detail, { detail });
  }
}

/** Exhaustiveness check for switches over closed unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
