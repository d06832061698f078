/** The flotilla command line: dispatch, argument parsing, and the only place that maps errors to exit codes (K2). */
import { once } from 'node:events';
import { FlotillaError, UsageError } from '../api/index.ts';
import { loadAllCommands, loadCommand } from './commands/index.ts';
import { exitError, type Command, type ExitCode, type IO } from './io.ts';
// A JSON import, so the version travels inside the bundle and the single executable too.
import packageJson from '../../package.json' with { type: 'json' };

const processIO: IO = {
  stdout: (t) => void process.stdout.write(t),
  drainStdout: () =>
    process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve(),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  tty: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
};

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: readonly string[], io: IO = processIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' && rest[0] !== undefined ? await loadCommand(rest[0]) : undefined;
    io.stdout(target ? target.help : await usage());
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`flotilla ${packageJson.version}\n`);
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`error: unknown command "${name}"\n\n${await usage()}`);
    return exitError;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.help);
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    return reportFailure(err, command, io);
  }
}

function reportFailure(err: unknown, command: Command, io: IO): ExitCode {
  if (err instanceof UsageError) {
    io.stderr(`error: ${err.message}\nSee 'flotilla ${command.name} --help'.\n`);
  } else if (err instanceof FlotillaError && err.code !== 'InternalError') {
    io.stderr(`error: ${describe(err)}\n`);
  } else {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(`error: this is a bug in flotilla, please report it:\n${detail}\n`);
  }
  return exitError;
}

function describe(err: Error): string {
  const causes: string[] = [err.message];
  let c: unknown = err.cause;
  while (c instanceof Error) {
    causes.push(c.message);
    c = c.cause;
  }
  return causes.join(': ');
}

async function usage(): Promise<string> {
  const commands = await loadAllCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `flotilla: GitOps for fleets of Kubernetes clusters, with Karmada's scheduling and overrides.\n\nUsage: flotilla <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'flotilla <command> --help' for a command's options and examples.\n`;
}
