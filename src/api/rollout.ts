/**
 * flotilla's RolloutStrategy (`flotilla.io/v1alpha1`, docs/rollouts.md): stages the rollout of its
 * templates across clusters in health-gated waves. Karmada has no such kind (karmada-io/karmada#7767).
 */
import type { ClusterAffinity, ResourceSelector } from './karmada.ts';
import type { KubeObject, ObjectMeta } from './object.ts';

/** What to do when a cluster is not healthy by the progress deadline. */
export type RolloutFailurePolicy = 'Pause' | 'Rollback';

/** One wave as written: a cluster group in rollout order. */
export interface RolloutWave {
  readonly name: string;
  /** Absent: every cluster not in an earlier wave. */
  readonly clusters?: ClusterAffinity;
  /** A duration such as `10m`; default `0s`. */
  readonly bake?: string;
  /** A number of clusters, or a percentage such as `25%`; default `100%`. */
  readonly maxConcurrentClusters?: number | string;
}

/** A RolloutStrategy as written in the fleet repo (optional fields as in the schema). */
export interface RolloutStrategy extends KubeObject {
  readonly apiVersion: 'flotilla.io/v1alpha1';
  readonly kind: 'RolloutStrategy';
  /** The schema requires a name (defs.schema.json ObjectMeta). */
  readonly metadata: ObjectMeta & { readonly name: string };
  readonly spec: {
    readonly resourceSelectors: readonly ResourceSelector[];
    readonly waves: readonly RolloutWave[];
    readonly healthCheck?: { readonly progressDeadline?: string };
    readonly onFailure?: RolloutFailurePolicy;
  };
}

/** A wave with its defaults applied and its durations in seconds. */
export interface Wave {
  readonly name: string;
  readonly clusters: ClusterAffinity | undefined;
  readonly bakeSeconds: number;
  /** An absolute count (at least 1), or a percentage of the wave's clusters rounded up. */
  readonly maxConcurrent:
    | { readonly kind: 'Count'; readonly count: number }
    | { readonly kind: 'Percent'; readonly percent: number };
}

/** A RolloutStrategy as the loader normalises it (T1): defaults applied, durations in seconds. */
export interface RolloutSpec {
  readonly namespace: string;
  readonly name: string;
  readonly resourceSelectors: readonly ResourceSelector[];
  readonly waves: readonly Wave[];
  readonly progressDeadlineSeconds: number;
  readonly onFailure: RolloutFailurePolicy;
}

/** The group, version and kind of a RolloutStrategy. */
export const rolloutStrategyApiVersion = 'flotilla.io/v1alpha1';
export const rolloutStrategyKind = 'RolloutStrategy';
