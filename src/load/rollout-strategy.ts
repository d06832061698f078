/**
 * RolloutStrategy → RolloutSpec (docs/rollouts.md): defaults applied here and only here (T1), durations
 * in seconds, and the rules the schema cannot state (wave names unique in a strategy).
 */
import type { RolloutSpec, RolloutStrategy, RolloutWave, Wave } from '../api/index.ts';

/** Default of `healthCheck.progressDeadline`: Kubernetes' Deployment progressDeadlineSeconds default (600). */
export const defaultProgressDeadlineSeconds = 600;

/** A rule the schema cannot check, with the object path it concerns. */
export interface RolloutProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The normalised strategy and the problems found; the spec is meaningful only without problems. */
export function normaliseRollout(object: RolloutStrategy): {
  readonly spec: RolloutSpec;
  readonly problems: readonly RolloutProblem[];
} {
  const problems: RolloutProblem[] = [];
  const seen = new Map<string, number>();
  object.spec.waves.forEach((w, i) => {
    const first = seen.get(w.name);
    if (first === undefined) seen.set(w.name, i);
    else
      problems.push({
        path: ['spec', 'waves', i, 'name'],
        message: `wave name "${w.name}" is used by waves[${first}] too; wave names must be unique in a strategy`,
      });
  });
  const spec: RolloutSpec = {
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
    resourceSelectors: object.spec.resourceSelectors,
    waves: object.spec.waves.map(normaliseWave),
    progressDeadlineSeconds:
      durationSeconds(object.spec.healthCheck?.progressDeadline) ?? defaultProgressDeadlineSeconds,
    onFailure: object.spec.onFailure ?? 'Pause',
  };
  return { spec, problems };
}

function normaliseWave(w: RolloutWave): Wave {
  const m = w.maxConcurrentClusters;
  const maxConcurrent: Wave['maxConcurrent'] =
    typeof m === 'number'
      ? { kind: 'Count', count: m }
      : { kind: 'Percent', percent: m === undefined ? 100 : Number(m.slice(0, -1)) };
  return { name: w.name, clusters: w.clusters, bakeSeconds: durationSeconds(w.bake) ?? 0, maxConcurrent };
}

/**
 * Seconds of a schema-valid duration (`1h30m` → 5400, `90s` → 90); undefined when absent. The schema's
 * pattern admits only hours, minutes and seconds in that order, as Kubernetes writes them.
 */
export function durationSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
