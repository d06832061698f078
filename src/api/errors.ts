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
  toJSON(): { code: string; message: string; data: D } {
    return { code: this.code, message: this.message, data: this.data };
  }
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
