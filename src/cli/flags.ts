/**
 * A command's flags as one typed table (K5): the table gives node:util parseArgs its configuration,
 * the command its typed values, `--help` its Options section and `flotilla completion` its words.
 * A bad value is a UsageError naming the flag (exit 2), never a string the command checks later.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../api/index.ts';

interface FlagBase {
  /** One letter: `-o` for `--output`. */
  readonly short?: string;
  /** One line (wrapped in the help) saying what the flag does. */
  readonly help: string;
  /** Other spellings accepted for the same flag (`--no-header` for `--no-headers`). */
  readonly aliases?: readonly string[];
  /** Left out of the help and completion (an alias kept for old scripts). */
  readonly hidden?: boolean;
}

/** Free text: a path, a name, a URL. */
export interface StringFlag extends FlagBase {
  readonly kind: 'string';
  /** The value's placeholder in the help: DIR, REF, NAME. */
  readonly metavar: string;
  readonly default?: string;
}

/** A switch: `--force`, `--prune=false`, `--prune false`. */
export interface BooleanFlag extends FlagBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

/** One of a closed set of words (`-o json|yaml|table`). */
export interface EnumFlag<V extends string = string> extends FlagBase {
  readonly kind: 'enum';
  readonly values: readonly V[];
  /** The placeholder in the help (FORMAT); without one the help shows the words (json|yaml). */
  readonly metavar?: string;
  readonly default?: V;
}

/** Text the table turns into a value (a duration, a count, a percentage); `parse` throws a UsageError naming the flag. */
export interface ParsedFlag<V = unknown> extends FlagBase {
  readonly kind: 'parsed';
  readonly metavar: string;
  readonly parse: (text: string, flag: string) => V;
  /** The default as the user would type it, so the help shows it and it is parsed like any value. */
  readonly default?: string;
}

/** Repeatable and comma-separated (`--clusters a,b --clusters c`): every item, in order. */
export interface ListFlag extends FlagBase {
  readonly kind: 'list';
  readonly metavar: string;
}

/** Any flag of a table. */
export type Flag = StringFlag | BooleanFlag | EnumFlag | ParsedFlag | ListFlag;

/** A command's flags by long name (kebab-case, kubectl's and flux's spellings). */
export type FlagTable = Readonly<Record<string, Flag>>;

type Defaulted<F, V> = F extends { readonly default: string | boolean } ? V : V | undefined;

/** The typed value of one flag: booleans are booleans, enums their words, parsed flags their parser's result. */
export type FlagValue<F> = F extends BooleanFlag
  ? boolean
  : F extends ListFlag
    ? readonly string[]
    : F extends EnumFlag<infer V>
      ? Defaulted<F, V>
      : F extends ParsedFlag<infer V>
        ? Defaulted<F, V>
        : F extends StringFlag
          ? Defaulted<F, string>
          : never;

/** The values of a table, by long name. */
export type FlagValues<T extends FlagTable> = { readonly [K in keyof T]: FlagValue<T[K]> };

type Options<F extends Flag> = Partial<Omit<F, 'kind' | 'help' | 'values' | 'parse'>>;

/** Constructors of table entries; each keeps the literal types its typed value is inferred from. */
export const flag = {
  string<const O extends Options<StringFlag> = Record<never, never>>(
    metavar: string,
    help: string,
    opts?: O,
  ): StringFlag & O {
    return { kind: 'string', metavar, help, ...(opts as O) };
  },
  boolean<const O extends Options<BooleanFlag> = Record<never, never>>(help: string, opts?: O): BooleanFlag & O {
    return { kind: 'boolean', help, ...(opts as O) };
  },
  oneOf<const V extends string, const O extends Options<EnumFlag<V>> = Record<never, never>>(
    values: readonly V[],
    help: string,
    opts?: O,
  ): EnumFlag<V> & O {
    return { kind: 'enum', values, help, ...(opts as O) };
  },
  parsed<V, const O extends Options<ParsedFlag<V>> = Record<never, never>>(
    metavar: string,
    parse: (text: string, flag: string) => V,
    help: string,
    opts?: O,
  ): ParsedFlag<V> & O {
    return { kind: 'parsed', metavar, parse, help, ...(opts as O) };
  },
  list<const O extends Options<ListFlag> = Record<never, never>>(
    metavar: string,
    help: string,
    opts?: O,
  ): ListFlag & O {
    return { kind: 'list', metavar, help, ...(opts as O) };
  },
};

/** The parsed command line: typed values and the positional arguments. */
export interface ParsedArgs<T extends FlagTable> {
  readonly values: FlagValues<T>;
  readonly positionals: readonly string[];
}

/** Parses `args` against the table: unknown flags, stray arguments and bad values are UsageErrors naming them. */
export function parseFlags<T extends FlagTable>(
  table: T,
  args: readonly string[],
  maxPositionals: number,
): ParsedArgs<T> {
  const { rest, switches } = takeBooleans(table, args);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: parserOptions(table), allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (parsed.positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(table)) {
    const given = [name, ...(f.aliases ?? [])]
      .map((n) => (f.kind === 'boolean' ? (switches.get(n) ?? parsed.values[n]) : parsed.values[n]))
      .filter((v) => v !== undefined);
    values[name] = typedValue(name, f, given);
  }
  return { values: values as FlagValues<T>, positionals: parsed.positionals };
}

/** What one flag's occurrences (in command-line order; aliases count) amount to. */
function typedValue(name: string, f: Flag, given: readonly unknown[]): unknown {
  const texts = given.flatMap((v) => (Array.isArray(v) ? v : [v]));
  const last = texts.at(-1);
  switch (f.kind) {
    case 'boolean':
      return typeof last === 'boolean' ? last : (f.default ?? false);
    case 'list':
      return texts
        .flatMap((t) => String(t).split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'string':
      return typeof last === 'string' ? last : f.default;
    case 'enum': {
      const text = typeof last === 'string' ? last : f.default;
      if (text !== undefined && !f.values.includes(text))
        throw new UsageError(`--${name} must be one of: ${f.values.join(', ')} (got "${text}")`);
      return text;
    }
    case 'parsed': {
      const text = typeof last === 'string' ? last : f.default;
      return text === undefined ? undefined : f.parse(text, `--${name}`);
    }
  }
}

type ParserOption = { type: 'string' | 'boolean'; short?: string; multiple: true };

/** node:util parseArgs' configuration: every flag and alias repeatable, so the last one wins (as in kubectl). */
function parserOptions(table: FlagTable): Record<string, ParserOption> {
  const options: Record<string, ParserOption> = {};
  for (const [name, f] of Object.entries(table)) {
    const type = f.kind === 'boolean' ? 'boolean' : 'string';
    options[name] = { type, multiple: true, ...(f.short ? { short: f.short } : {}) };
    for (const alias of f.aliases ?? []) options[alias] = { type, multiple: true };
  }
  return options;
}

const truth: Readonly<Record<string, boolean>> = { true: true, false: false };

/**
 * Takes out the long boolean flags, which kubectl spells `--prune=false` and older flotilla
 * scripts `--prune false`; parseArgs knows neither. A value other than true or false is an error.
 */
function takeBooleans(table: FlagTable, args: readonly string[]): { rest: string[]; switches: Map<string, boolean> } {
  const booleans = new Set(
    Object.entries(table).flatMap(([n, f]) => (f.kind === 'boolean' ? [n, ...(f.aliases ?? [])] : [])),
  );
  const rest: string[] = [];
  const switches = new Map<string, boolean>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    if (name === undefined || !booleans.has(name)) {
      rest.push(arg);
      if (takesValue(table, arg) && i + 1 < args.length) rest.push(args[++i] ?? '');
      continue;
    }
    const text = m?.[2] ?? (args[i + 1] === 'true' || args[i + 1] === 'false' ? args[++i] : 'true') ?? 'true';
    const value = truth[text];
    if (value === undefined) throw new UsageError(`--${name} must be one of: true, false (got "${text}")`);
    switches.delete(name);
    switches.set(name, value);
  }
  return { rest, switches };
}

/** Whether `arg` is a value flag whose value is the next argument (`--repo DIR`, `-o json`). */
function takesValue(table: FlagTable, arg: string): boolean {
  if (arg.includes('=')) return false;
  const long = /^--(.+)$/.exec(arg)?.[1];
  const short = /^-([^-])$/.exec(arg)?.[1];
  return Object.entries(table).some(
    ([n, f]) =>
      f.kind !== 'boolean' &&
      (long !== undefined ? n === long || (f.aliases ?? []).includes(long) : short !== undefined && f.short === short),
  );
}
