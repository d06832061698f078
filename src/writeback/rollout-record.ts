/**
 * `rollouts/<namespace>/<name>.yaml` on the status branch: a RolloutStrategy's progress
 * (docs/rollouts.md "State"), and the message of the commit that records a transition, with the
 * `Flotilla-Decision: rollout` trailer. A restarted controller reads the record back and continues.
 */
import YAML from 'yaml';
import { compareStrings, isPlainObject } from '../api/index.ts';
import type {
  ClusterProgress,
  RolloutPhase,
  RolloutReason,
  RolloutState,
  Transition,
  WaveProgress,
} from '../rollout/index.ts';
import { decisionTrailer, sourceTrailer } from './commit-message.ts';

/** The folder of rollout records on the status branch. */
export const rolloutsRoot = 'rollouts';

/** The path of a strategy's record. */
export function rolloutRecordPath(namespace: string, name: string): string {
  return `${rolloutsRoot}/${namespace}/${name}.yaml`;
}

/** The record as YAML, keys in a fixed order (D5). */
export function formatRolloutRecord(s: RolloutState): string {
  const record = {
    namespace: s.namespace,
    name: s.name,
    phase: s.phase,
    reason: s.condition.reason,
    message: s.condition.message,
    baselineRevision: s.baselineRevision ?? null,
    targetRevision: s.target.revision,
    targetContents: Object.fromEntries(
      Object.keys(s.target.contents)
        .sort(compareStrings)
        .map((k) => [k, s.target.contents[k]]),
    ),
    currentWave: s.currentWave,
    waves: s.waves.map((w) => ({ name: w.name, clusters: w.clusters, ...times(w) })),
    clusters: s.clusters.map((c) => ({
      name: c.name,
      revision: c.revision,
      ...(c.content === undefined ? {} : { content: c.content }),
      ...(c.startedAt === undefined ? {} : { startedAt: c.startedAt }),
      confirmed: c.confirmed,
    })),
  };
  return YAML.stringify(record, { lineWidth: 0 });
}

function times(w: WaveProgress): Record<string, number> {
  return {
    ...(w.startedAt === undefined ? {} : { startedAt: w.startedAt }),
    ...(w.healthySince === undefined ? {} : { healthySince: w.healthySince }),
    ...(w.completedAt === undefined ? {} : { completedAt: w.completedAt }),
  };
}

const phases: readonly RolloutPhase[] = ['Progressing', 'Paused', 'RolledBack', 'Done'];

/** Reads a record; undefined when the text is not one (a person may have edited it: the rollout then starts afresh). */
export function parseRolloutRecord(text: string): RolloutState | undefined {
  let v: unknown;
  try {
    v = YAML.parse(text, { maxAliasCount: 10 });
  } catch {
    return undefined; // an unparsable record counts as none, as revision.yaml does (revision-record.ts)
  }
  if (
    !isPlainObject(v) ||
    typeof v['namespace'] !== 'string' ||
    typeof v['name'] !== 'string' ||
    typeof v['targetRevision'] !== 'string'
  )
    return undefined;
  const phase = phases.find((p) => p === v['phase']);
  if (
    phase === undefined ||
    typeof v['currentWave'] !== 'number' ||
    !Array.isArray(v['waves']) ||
    !Array.isArray(v['clusters'])
  )
    return undefined;
  const contents = isPlainObject(v['targetContents'])
    ? Object.fromEntries(
        Object.entries(v['targetContents']).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : {};
  return {
    namespace: v['namespace'],
    name: v['name'],
    phase,
    baselineRevision: typeof v['baselineRevision'] === 'string' ? v['baselineRevision'] : undefined,
    target: { revision: v['targetRevision'], contents },
    currentWave: v['currentWave'],
    waves: v['waves'].filter(isPlainObject).map(
      (w): WaveProgress => ({
        name: String(w['name'] ?? ''),
        clusters: Array.isArray(w['clusters']) ? w['clusters'].map(String) : [],
        ...numberAt(w, 'startedAt'),
        ...numberAt(w, 'healthySince'),
        ...numberAt(w, 'completedAt'),
      }),
    ),
    clusters: v['clusters'].filter(isPlainObject).map(
      (c): ClusterProgress => ({
        name: String(c['name'] ?? ''),
        revision: String(c['revision'] ?? ''),
        ...(typeof c['content'] === 'string' ? { content: c['content'] } : {}),
        ...numberAt(c, 'startedAt'),
        confirmed: c['confirmed'] === true,
      }),
    ),
    condition: {
      reason: (typeof v['reason'] === 'string' ? v['reason'] : 'Started') as RolloutReason,
      message: typeof v['message'] === 'string' ? v['message'] : '',
    },
  };
}

function numberAt(o: Record<string, unknown>, key: string): Record<string, number> {
  const n = o[key];
  return typeof n === 'number' ? { [key]: n } : {};
}

/**
 * The commit message of a pass's rollout transitions, for example:
 *   flotilla: rollout shop/storefront: WaveHealthy canary, WaveStarted us
 *
 *   wave canary is healthy and stayed so for 600s
 *   wave us started (2 cluster(s))
 *
 *   Flotilla-Source: 1a2b3c4…
 *   Flotilla-Decision: rollout
 */
export function rolloutCommitMessage(s: RolloutState, transitions: readonly Transition[], source: string): string {
  const subject = `flotilla: rollout ${s.namespace}/${s.name}: ${transitions.map((t) => (t.wave ? `${t.reason} ${t.wave}` : t.reason)).join(', ') || s.phase}`;
  const body = transitions.map((t) => t.message);
  return `${subject}\n\n${body.length ? `${body.join('\n')}\n\n` : ''}${sourceTrailer}: ${source}\n${decisionTrailer}: rollout\n`;
}

/**
 * The commit message that removes the records (and pending requests) of strategies no longer in
 * the fleet repo, for example:
 *   flotilla: rollout records pruned: shop/storefront
 *
 *   RolloutStrategy shop/storefront is no longer in the fleet repo: its record is removed
 *
 *   Flotilla-Source: 1a2b3c4…
 *   Flotilla-Decision: rollout
 */
export function rolloutPruneMessage(
  removed: readonly { readonly namespace: string; readonly name: string }[],
  source: string,
): string {
  const names = removed.map((r) => `${r.namespace}/${r.name}`);
  const body = names.map((n) => `RolloutStrategy ${n} is no longer in the fleet repo: its record is removed`);
  return `flotilla: rollout records pruned: ${names.join(', ')}\n\n${body.join('\n')}\n\n${sourceTrailer}: ${source}\n${decisionTrailer}: rollout\n`;
}
