/**
 * Every strategy of a fleet in one pass (what the controller's rollout step will call, B3): the
 * content of each source, one decision per strategy, and the plan's Works with each strategy's
 * staged Works replaced by those in force. Strategies are disjoint (overlaps.ts makes an overlap an
 * error), so their replacements compose.
 */
import type { Fleet, RolloutSpec } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { decideRollout, type OperatorRequest, type RolloutDecision } from './decide.ts';
import { clusterHealthOf, type CopyObservation } from './health.ts';
import { createInterpreter } from '../interpreter/index.ts';
import {
  byWorkName,
  clusterOfWork,
  isStaged,
  rolloutContents,
  stagedWorksInForce,
  type ReplicaRevision,
} from './manifests-in-force.ts';
import type { RolloutState } from './state.ts';

/** A revision's Works. */
export interface RevisionWorks {
  readonly revision: string;
  readonly works: readonly Work[];
}

/** What the shell gathered for a pass. */
export interface FleetRolloutInput {
  readonly fleet: Fleet;
  /** The newest valid revision's plan. */
  readonly target: RevisionWorks;
  /** Plans of earlier revisions by revision: each record's baseline, and `lastApplied` for a strategy with no record. */
  readonly earlier: readonly RevisionWorks[];
  /** The revision applied last (revision.yaml), the baseline of a strategy with no record; undefined on a new fleet. */
  readonly lastApplied: string | undefined;
  /** What the clusters run now (the rendered branch), for clusters on an intermediate revision. */
  readonly current: readonly Work[];
  readonly records: readonly RolloutState[];
  /** Per reachable cluster, what was observed of each copy (`template` as `apiVersion/kind/namespace/name`). */
  readonly observed: Readonly<Record<string, readonly CopyObservation[]>>;
  readonly failoverTargets: readonly string[];
  /** Operator requests by `namespace/name`. */
  readonly requests: Readonly<Record<string, OperatorRequest>>;
  readonly now: number;
  /** The content digest (SHA-256 in the shell). */
  readonly digest: (text: string) => string;
}

/** The Works in force for the whole fleet, and each strategy's decision (sorted as Fleet.rollouts). */
export interface FleetRolloutResult {
  readonly works: readonly Work[];
  readonly decisions: readonly RolloutDecision[];
}

/** Decides every strategy and composes the Works in force. */
export function decideFleetRollouts(input: FleetRolloutInput): FleetRolloutResult {
  const decisions: RolloutDecision[] = [];
  const rollouts = input.fleet.rollouts ?? [];
  const out: Work[] = input.target.works.filter((w) => !rollouts.some((r) => isStaged(r.spec, w)));
  const interpreter = rollouts.length ? createInterpreter(input.fleet.customizations) : undefined;
  const replicas: ReplicaRevision | undefined = interpreter && {
    replicasOf: (m) =>
      interpreter.hasReplicas(m.apiVersion, m.kind) ? interpreter.getReplicas(m).replicas : undefined,
    revise: (m, n) => interpreter.reviseReplica(m, n),
  };
  for (const { spec } of rollouts) {
    const previous = input.records.find((r) => r.namespace === spec.namespace && r.name === spec.name);
    const baselineRevision = previous
      ? previous.phase === 'Done'
        ? previous.target.revision
        : previous.baselineRevision
      : input.lastApplied;
    const baselineWorks = input.earlier.find((e) => e.revision === baselineRevision)?.works;
    const baseline =
      baselineRevision !== undefined && baselineWorks
        ? { revision: baselineRevision, contents: rolloutContents(spec, baselineWorks, input.digest) }
        : undefined;
    const health = Object.fromEntries(
      Object.entries(input.observed).map(([cluster, copies]) => [
        cluster,
        clusterHealthOf(true, expectedCopies(spec, input.target.works, cluster, copies)),
      ]),
    );
    const d = decideRollout({
      spec,
      inventory: input.fleet.clusters.map((c) => c.object),
      baseline,
      target: { revision: input.target.revision, contents: rolloutContents(spec, input.target.works, input.digest) },
      previous,
      health,
      failoverTargets: input.failoverTargets,
      request: input.requests[`${spec.namespace}/${spec.name}`],
      now: input.now,
    });
    decisions.push(d);
    out.push(
      ...stagedWorksInForce(
        spec,
        d.inForce,
        { target: input.target.works, baseline: baselineWorks ?? [], current: input.current },
        replicas,
      ),
    );
  }
  return { works: out.sort(byWorkName), decisions };
}

/**
 * The observations of the strategy's copies the target places on `cluster`; a copy expected but not
 * observed counts as not applied, so a missing object never opens the gate.
 */
function expectedCopies(
  spec: RolloutSpec,
  works: readonly Work[],
  cluster: string,
  copies: readonly CopyObservation[],
): CopyObservation[] {
  const expected = works
    .filter((w) => clusterOfWork(w) === cluster && isStaged(spec, w))
    .flatMap((w) => w.spec.workload.manifests.map(templateKey));
  return [...new Set(expected)].map(
    (t) =>
      copies.find((c) => c.template === t) ?? {
        template: t,
        healthy: undefined,
        readyReplicas: 0,
        desiredReplicas: 0,
        isTarget: false,
      },
  );
}

/** `apiVersion/kind/namespace/name` of a manifest, as CopyObservation.template. */
export function templateKey(m: Readonly<Record<string, unknown>>): string {
  const meta = (m['metadata'] ?? {}) as Readonly<Record<string, unknown>>;
  return `${String(m['apiVersion'])}/${String(m['kind'])}/${String(meta['namespace'] ?? '')}/${String(meta['name'])}`;
}
