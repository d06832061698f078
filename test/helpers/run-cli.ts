/** Runs the CLI in-process with captured output (K1: commands take their IO). */
import { main } from '../../src/cli/main.ts';

/** The outcome of one CLI run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `flotilla <args>` in-process from `cwd`. */
export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}
