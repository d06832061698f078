/** Flags several commands share, spelled as kubectl and flux spell them (K5), and the parsers of typed flags. */
import { UsageError } from '../api/index.ts';
import { parseDuration } from '../cluster/duration.ts';
import { flag } from './flags.ts';

/** A Go-style duration (`30s`, `2m`, `1m30s`) in milliseconds. */
export function duration(text: string, name: string): number {
  return parseDuration(text, name);
}

/** Milliseconds as the shortest Go-style duration (`300000` → `5m`), for defaults taken from the core's constants. */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** Seconds (as the core's settings hold them) as a duration flag's default. */
export function secondsText(seconds: number): string {
  return formatDuration(seconds * 1000);
}

/** A parser of whole numbers of at least `min`. */
export function integerAtLeast(min: number): (text: string, name: string) => number {
  return (text, name) => {
    const n = /^-?[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min)
      throw new UsageError(
        `${name} must be ${min === 1 ? 'a positive integer' : `an integer of at least ${min}`} (got "${text}")`,
      );
    return n;
  };
}

/** --repo and --ref of the commands that read one revision. */
export const revisionFlags = {
  repo: flag.string('DIR', 'fleet repo directory', { default: '.' }),
  ref: flag.string(
    'REF',
    'read the tree of this git revision of DIR instead of the working tree: a branch, tag, SHA (short too), HEAD~1, main^, origin/main',
  ),
};

/** -o with the given formats (table among them, the default) and --no-headers (kubectl; --no-header still works). */
export function outputFlags<const F extends string>(formats: readonly ('table' | F)[]) {
  return {
    output: flag.oneOf(formats, 'output format', { short: 'o', default: 'table', metavar: 'FORMAT' }),
    'no-headers': flag.boolean('print tables without their header line', { aliases: ['no-header'] }),
  };
}

/** How commands reach the members: a kubeconfig whose contexts are the clusters, or the hub's Secrets. */
export function memberAccessFlags<const T extends string>(timeout: T) {
  return {
    kubeconfig: flag.string('FILE', 'kubeconfig whose contexts are named after the clusters (default: $KUBECONFIG)'),
    'context-map': flag.string(
      'LIST',
      'CLUSTER=CONTEXT pairs, comma-separated, when context names differ from cluster names',
    ),
    'hub-context': flag.string(
      'NAME',
      "kubeconfig context of the hub holding the clusters' Secrets (Cluster.spec.secretRef), as karmadactl's --context",
      { aliases: ['context'] },
    ),
    timeout: flag.parsed('DURATION', duration, 'limit per cluster, e.g. 30s, 5m', { default: timeout }),
  };
}

/** kubectl's object selection: -n NS, -A, -l SELECTOR. */
export const selectionFlags = {
  namespace: flag.string('NS', 'only objects of this namespace', { short: 'n' }),
  'all-namespaces': flag.boolean('objects of every namespace (the default; it cannot be combined with -n)', {
    short: 'A',
  }),
  selector: flag.string(
    'SELECTOR',
    "only templates whose labels match: app=web, tier!=db, env in (prod,staging), !canary (kubectl's syntax)",
    { short: 'l' },
  ),
};

/** --strict: warnings fail as errors do (exit 1). */
export const strictFlag = {
  strict: flag.boolean('make warnings fail, exit 1 (an unknown cluster, an unschedulable binding)'),
};
