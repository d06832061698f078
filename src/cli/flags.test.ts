import assert from 'node:assert/strict';
import { UsageError } from '../api/index.ts';
import { flag, parseFlags } from './flags.ts';
import { formatOptions } from './flags-help.ts';
import { duration } from './shared-flags.ts';

const table = {
  repo: flag.string('DIR', 'fleet repo', { default: '.' }),
  ref: flag.string('REF', 'a revision'),
  prune: flag.boolean('delete what was dropped', { default: true }),
  force: flag.boolean('take over fields'),
  output: flag.oneOf(['table', 'json'], 'output format', { short: 'o', default: 'table', metavar: 'FORMAT' }),
  timeout: flag.parsed('DURATION', duration, 'limit', { default: '30s' }),
  'no-headers': flag.boolean('no header line', { aliases: ['no-header'] }),
  clusters: flag.list('A,B', 'these clusters only'),
};

describe('parseFlags: typed values from a flag table', () => {
  const cases: readonly { name: string; args: string[]; want: Record<string, unknown> }[] = [
    {
      name: 'defaults',
      args: [],
      want: {
        repo: '.',
        ref: undefined,
        prune: true,
        force: false,
        output: 'table',
        timeout: 30_000,
        'no-headers': false,
        clusters: [],
      },
    },
    { name: 'kubectl booleans', args: ['--prune=false', '--force'], want: { prune: false, force: true } },
    {
      name: 'a boolean followed by true|false (older scripts)',
      args: ['--prune', 'false', '--force', 'true'],
      want: { prune: false, force: true },
    },
    {
      name: 'the last occurrence wins',
      args: ['-o', 'json', '--output=table', '--prune=false', '--prune'],
      want: { output: 'table', prune: true },
    },
    { name: 'an alias', args: ['--no-header'], want: { 'no-headers': true } },
    { name: 'a parsed value', args: ['--timeout', '1m30s'], want: { timeout: 90_000 } },
    {
      name: 'lists: repeated and comma-separated',
      args: ['--clusters', 'a,b', '--clusters=c'],
      want: { clusters: ['a', 'b', 'c'] },
    },
    {
      name: 'a value that starts with a dash, after =',
      args: ['--ref=-x', '--prune'],
      want: { ref: '-x', prune: true },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { values } = parseFlags(table, c.args, 0);
      for (const [k, v] of Object.entries(c.want)) assert.deepEqual(values[k as keyof typeof values], v, k);
    });
  }

  const bad: readonly { name: string; args: string[]; message: RegExp }[] = [
    { name: 'an unknown flag', args: ['--repoo', 'x'], message: /--repoo/ },
    {
      name: 'a word outside the enum',
      args: ['-o', 'xml'],
      message: /^--output must be one of: table, json \(got "xml"\)$/,
    },
    {
      name: 'a boolean that is neither true nor false',
      args: ['--prune=maybe'],
      message: /^--prune must be one of: true, false \(got "maybe"\)$/,
    },
    { name: 'a malformed duration', args: ['--timeout', 'soon'], message: /^--timeout must be a duration/ },
    { name: 'a stray argument', args: ['extra'], message: /unexpected argument "extra"/ },
    { name: 'a value flag without its value', args: ['--repo'], message: /--repo/ },
    { name: 'a value flag followed by a flag, not its value', args: ['--ref', '--prune'], message: /--ref/ },
  ];
  for (const c of bad)
    it(`refuses ${c.name}`, () =>
      assert.throws(
        () => parseFlags(table, c.args, 0),
        (err: unknown) => err instanceof UsageError && c.message.test(err.message),
      ));
});

describe('formatOptions: the help of a flag table', () => {
  const help = formatOptions(table);
  const cases = [
    {
      name: 'a short flag and its placeholder',
      want: /^ {2}-o, --output FORMAT +output format, one of: table, json \(default: table\)$/m,
    },
    {
      name: 'a boolean defaulting to true shows =true|false',
      want: /^ {6}--prune=true\|false +delete what was dropped \(default: true\)$/m,
    },
    { name: 'a boolean defaulting to false shows no default', want: /^ {6}--force +take over fields$/m },
    { name: 'aliases', want: /--no-headers +no header line \(alias: --no-header\)/ },
    { name: 'a parsed default as typed', want: /--timeout DURATION +limit \(default: 30s\)/ },
  ];
  for (const c of cases) it(c.name, () => assert.match(help, c.want));
});
