import type { FlagTable } from './flags.ts';

/** What a command may touch of the process: passed in, so commands run in-process in tests (K1). */
export interface IO {
  readonly stdout: (text: string) => void;
  /** Resolves when stdout can take more text (backpressure for output of any size); absent: always. */
  readonly drainStdout?: () => Promise<void>;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Which streams are terminals (colour goes only there); absent: neither. */
  readonly tty?: { readonly stdout: boolean; readonly stderr: boolean };
}

/** Exit codes (K3): 0 success / no difference, 1 invalid revision or differences or failed cluster, 2 usage or failure to run. */
export const exitOk = 0;
export const exitInvalid = 1;
export const exitError = 2;
export type ExitCode = typeof exitOk | typeof exitInvalid | typeof exitError;

/** A command as the dispatcher holds it; `defineCommand` (cli/command.ts) makes one from a typed flag table (K1). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help: usage, what it reads/writes, options, exit status, examples (K6). */
  readonly help: string;
  /** The flag table (for completion). */
  readonly flags: FlagTable;
  /** Parses `args` against the table and runs. */
  readonly run: (args: readonly string[], io: IO) => Promise<ExitCode>;
}
