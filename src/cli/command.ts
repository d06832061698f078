/** Defining a command: its flag table, help and typed `run`, erased to the `Command` the dispatcher holds (K1). */
import { formatOptions } from './flags-help.ts';
import { parseFlags, type FlagTable, type FlagValues } from './flags.ts';
import type { Command, ExitCode, IO } from './io.ts';

/** What a `cli/commands/<verb>.ts` module writes: parse → validate → run, with values typed by its table. */
export interface CommandSpec<T extends FlagTable> {
  readonly name: string;
  readonly summary: string;
  /** At most this many positional arguments. */
  readonly maxPositionals: number;
  readonly flags: T;
  /** The help up to its Options section: what the command does, reads and writes, and its usage line. */
  readonly about: string;
  /** The help after its Options section: Output, Exit status, Examples. */
  readonly footer: string;
  readonly run: (values: FlagValues<T>, positionals: readonly string[], io: IO) => Promise<ExitCode>;
}

/** The command with its help written from the table and its arguments parsed into typed values before `run`. */
export function defineCommand<const T extends FlagTable>(spec: CommandSpec<T>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    flags: spec.flags,
    help: `${spec.about.trimEnd()}\n\nOptions:\n${formatOptions(spec.flags)}\n${spec.footer.trimStart()}`,
    run: async (args, io) => {
      const { values, positionals } = parseFlags(spec.flags, args, spec.maxPositionals);
      return spec.run(values, positionals, io);
    },
  };
}
