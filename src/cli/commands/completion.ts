/** `flotilla completion bash|zsh|fish`: a shell completion script written from every command's flag table. */
import { UsageError } from '../../api/index.ts';
import { defineCommand } from '../command.ts';
import { completionScript, shells, type Shell } from '../completion-scripts.ts';
import { exitOk } from '../io.ts';
import { loadAllCommands } from './index.ts';

/** `flotilla completion`: the command definition (K1). */
export const completionCommand = defineCommand({
  name: 'completion',
  summary: 'Print a shell completion script: bash, zsh or fish',
  maxPositionals: 1,
  flags: {},
  about: `Print a completion script for bash, zsh or fish, written from the flag tables of every
command: commands, flags, the values of flags with a fixed set (-o json|yaml|table, ...), and file
names where a flag takes a file or directory.

Usage: flotilla completion bash|zsh|fish`,
  footer: `Exit status:
  0  the script is on stdout
  2  usage error: no shell, or one flotilla does not know

Examples:
  # bash, for this shell, then for every new one
  source <(flotilla completion bash)
  flotilla completion bash > ~/.local/share/bash-completion/completions/flotilla

  # zsh (a directory of $fpath), and fish
  flotilla completion zsh > "\${fpath[1]}/_flotilla"
  flotilla completion fish > ~/.config/fish/completions/flotilla.fish
`,
  async run(_values, positionals, io) {
    const shell = shells.find((s) => s === positionals[0]);
    if (!shell)
      throw new UsageError(
        `expected a shell, one of: ${shells.join(', ')}${positionals[0] === undefined ? '' : ` (got "${positionals[0]}")`}`,
      );
    io.stdout(completionScript(shell satisfies Shell, await loadAllCommands()));
    return exitOk;
  },
});
