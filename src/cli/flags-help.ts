/** The Options section of a command's `--help`, written from its flag table (K6). */
import type { Flag, FlagTable } from './flags.ts';

const width = 100;
const widestLeft = 34;

/** One line per flag (wrapped), in table order: `  -o, --output FORMAT   what it does (default: table)`. */
export function formatOptions(table: FlagTable): string {
  const entries = Object.entries(table)
    .filter(([, f]) => !f.hidden)
    .map(([name, f]) => ({ left: leftColumn(name, f), text: describeFlag(f) }));
  if (entries.length === 0) return '  (none but --help)\n';
  const pad = Math.min(widestLeft, Math.max(0, ...entries.map((e) => e.left.length))) + 2;
  const lines = entries.flatMap(({ left, text }) => {
    const lines = wrap(text, width - pad);
    if (left.length + 2 > pad) return [left, ...lines.map((l) => `${' '.repeat(pad)}${l}`)];
    return lines.map((l, i) => `${i === 0 ? left.padEnd(pad) : ' '.repeat(pad)}${l}`);
  });
  return `${lines.join('\n')}\n`;
}

/** `-o, --output FORMAT`, `      --prune=true|false`, `      --force-conflicts`. */
function leftColumn(name: string, f: Flag): string {
  const short = f.short ? `-${f.short}, ` : '    ';
  return `  ${short}--${name}${placeholder(f)}`;
}

function placeholder(f: Flag): string {
  switch (f.kind) {
    case 'boolean':
      return f.default === true ? '=true|false' : '';
    case 'enum':
      return ` ${f.metavar ?? f.values.join('|')}`;
    default:
      return ` ${f.metavar}`;
  }
}

/** The flag's help, its words when a placeholder hides them, its aliases and its default. */
function describeFlag(f: Flag): string {
  const parts = [f.help];
  if (f.kind === 'enum' && f.metavar) parts[0] = `${f.help}, one of: ${f.values.join(', ')}`;
  if (f.aliases?.length) parts.push(`(alias: ${f.aliases.map((a) => `--${a}`).join(', ')})`);
  const shown =
    f.kind === 'boolean' ? (f.default === true ? 'true' : undefined) : f.kind === 'list' ? undefined : f.default;
  if (shown !== undefined && shown !== '' && !/\(default/.test(f.help)) parts.push(`(default: ${shown})`);
  return parts.join(' ');
}

/** Words joined into lines of at most `max` characters (a longer word stands alone). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
