/** What a command may touch of the process: passed in, so commands run in-process in tests (K1). */
export interface IO {
  readonly stdout: (text: string) => void;
  /** Resolves when stdout can take more text (backpressure for output of any size); absent: always. */
  readonly drainStdout?: () => Promise<void>;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes (K3): 0 success / no difference, 1 invalid revision or differences or failed cluster, 2 usage or failure to run. */
export const exitOk = 0;
export const exitInvalid = 1;
export const exitError = 2;
export type ExitCode = typeof exitOk | typeof exitInvalid | typeof exitError;

/** A command module's shape: `cli/commands/<verb>.ts` exports one of these (K1). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help: usage, what it reads/writes, options, exit status, examples (K6). */
  readonly help: string;
  /** node:util parseArgs option definitions. */
  readonly options: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }>>;
  /** Whether positional arguments are accepted (at most this many). */
  readonly maxPositionals: number;
  readonly run: (values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>, positionals: readonly string[], io: IO) => Promise<ExitCode>;
}
