/**
 * `flotilla completion bash|zsh|fish`: shell completion written from the commands' flag tables,
 * so a new flag completes as soon as it is in its table. Commands, flags (long and short), the
 * words of enum flags, and file names for flags whose placeholder is a file or directory.
 */
import type { Flag, FlagTable } from './flags.ts';

/** What a completion script needs of a command. */
export interface CompletedCommand {
  readonly name: string;
  readonly summary: string;
  readonly flags: FlagTable;
}

/** The shells flotilla writes completion for. */
export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

/** The completion script for `shell`. */
export function completionScript(shell: Shell, commands: readonly CompletedCommand[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands);
    case 'zsh':
      return zshScript(commands);
    case 'fish':
      return fishScript(commands);
  }
}

const extraCommands = ['help', 'version'];

function visible(table: FlagTable): [string, Flag][] {
  return Object.entries(table).filter(([, f]) => !f.hidden);
}

/** Whether the flag's value is a path (its placeholder says FILE or DIR). */
function takesPath(f: Flag): boolean {
  return (f.kind === 'string' || f.kind === 'parsed' || f.kind === 'list') && /FILE|DIR|OBJECT/.test(f.metavar);
}

function spellings(name: string, f: Flag): string[] {
  return [...(f.short ? [`-${f.short}`] : []), `--${name}`, ...(f.aliases ?? []).map((a) => `--${a}`)];
}

function bashScript(commands: readonly CompletedCommand[]): string {
  const arms = commands.map((c) => {
    const flags = visible(c.flags)
      .flatMap(([n, f]) => spellings(n, f))
      .join(' ');
    const values = visible(c.flags).flatMap(([n, f]) => {
      const words = spellings(n, f).join('|');
      if (f.kind === 'enum')
        return [`        ${words}) COMPREPLY=($(compgen -W "${f.values.join(' ')}" -- "$cur")); return;;`];
      if (takesPath(f)) return [`        ${words}) COMPREPLY=($(compgen -f -- "$cur")); return;;`];
      if (f.kind !== 'boolean') return [`        ${words}) COMPREPLY=(); return;;`];
      return [];
    });
    const positional =
      c.name === 'completion'
        ? `\n      [ "$COMP_CWORD" -eq 2 ] && { COMPREPLY=($(compgen -W "${shells.join(' ')}" -- "$cur")); return; }`
        : '';
    return `    ${c.name})${positional}\n      case "$prev" in\n${values.join('\n')}\n      esac\n      COMPREPLY=($(compgen -W "${flags} --help" -- "$cur"));;`;
  });
  return `# bash completion for flotilla. Load it with: source <(flotilla completion bash)
_flotilla() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${[...commands.map((c) => c.name), ...extraCommands].join(' ')}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${arms.join('\n')}
  esac
}
complete -o default -F _flotilla flotilla
`;
}

/** The first clause of a help text, short. */
function clause(text: string): string {
  return (text.split(/[.;:(]/)[0] ?? '').trim().slice(0, 70);
}

/** Text safe inside a zsh single-quoted spec: no brackets, quotes escaped. */
function zshText(text: string): string {
  return clause(text).replace(/[[\]]/g, '').replace(/'/g, `'\\''`);
}

function zshScript(commands: readonly CompletedCommand[]): string {
  const list = [
    ...commands.map((c) => `    '${c.name}:${zshText(c.summary)}'`),
    ...extraCommands.map((n) => `    '${n}:${n}'`),
  ].join('\n');
  const arms = commands.map((c) => {
    const specs = visible(c.flags).map(([n, f]) => {
      const names = spellings(n, f);
      const head = names.length > 1 ? `'(${names.join(' ')})'{${names.join(',')}}'` : `'${names[0]}`;
      const action =
        f.kind === 'boolean'
          ? ''
          : f.kind === 'enum'
            ? `:${f.metavar ?? 'value'}:(${f.values.join(' ')})`
            : `:${zshText(f.metavar)}:${takesPath(f) ? '_files' : ' '}`;
      return `        ${head}[${zshText(f.help)}]${action}'`;
    });
    const positional = c.name === 'completion' ? `\n        '1:shell:(${shells.join(' ')})'` : '';
    return `    ${c.name})\n      _arguments \\\n${[...specs, `        '--help[show the help]'`].join(' \\\n')}${positional ? ` \\${positional}` : ''} ;;`;
  });
  return `#compdef flotilla
# zsh completion for flotilla. Load it with: source <(flotilla completion zsh)
# (or save it as _flotilla in a directory of $fpath).
_flotilla() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case $words[1] in
${arms.join('\n')}
  esac
}
if [ "$funcstack[1]" = "_flotilla" ]; then _flotilla "$@"; else compdef _flotilla flotilla; fi
`;
}

function fishText(text: string): string {
  return clause(text).replace(/'/g, `\\'`);
}

function fishScript(commands: readonly CompletedCommand[]): string {
  const lines = [
    '# fish completion for flotilla. Load it with: flotilla completion fish | source',
    'complete -c flotilla -f',
  ];
  for (const c of commands)
    lines.push(`complete -c flotilla -n __fish_use_subcommand -a ${c.name} -d '${fishText(c.summary)}'`);
  for (const n of extraCommands) lines.push(`complete -c flotilla -n __fish_use_subcommand -a ${n}`);
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.name === 'completion') lines.push(`complete -c flotilla ${when} -x -a '${shells.join(' ')}'`);
    for (const [n, f] of visible(c.flags)) {
      const names = [...(f.short ? [`-s ${f.short}`] : []), `-l ${n}`, ...(f.aliases ?? []).map((a) => `-l ${a}`)].join(
        ' ',
      );
      const value =
        f.kind === 'boolean'
          ? ''
          : f.kind === 'enum'
            ? ` -x -a '${f.values.join(' ')}'`
            : takesPath(f)
              ? ' -r -F'
              : ' -x';
      lines.push(`complete -c flotilla ${when} ${names}${value} -d '${fishText(f.help)}'`);
    }
  }
  return `${lines.join('\n')}\n`;
}
