/**
 * The rollout's progress as the status branch records it (`rollouts/<namespace>/<name>.yaml`,
 * docs/rollouts.md "State"). Every time is seconds since the epoch from the pass's clock, so a
 * restarted or replaced controller continues exactly where the rollout was.
 */

/** Where a rollout is: moving through its waves, held, returned to the baseline, or finished. */
export type RolloutPhase = 'Progressing' | 'Paused' | 'RolledBack' | 'Done';

/** Content ids (hashes of the selected templates' manifests) per cluster; a cluster absent has none there. */
export type ContentByCluster = Readonly<Record<string, string>>;

/** One source revision's content of the strategy's templates. */
export interface RevisionContent {
  readonly revision: string;
  readonly contents: ContentByCluster;
}

/** One wave's progress. */
export interface WaveProgress {
  readonly name: string;
  /** Clusters of the wave when it was last looked at, sorted. */
  readonly clusters: readonly string[];
  readonly startedAt?: number;
  /** Since when every cluster of the wave has been healthy (the bake's start). */
  readonly healthySince?: number;
  readonly completedAt?: number;
}

/** What one cluster runs of the strategy's templates. */
export interface ClusterProgress {
  readonly name: string;
  /** The source revision whose manifests are in force there. */
  readonly revision: string;
  /** Their content id; absent when that revision has nothing of the strategy there. */
  readonly content?: string;
  /** When the target was given to the cluster (the progress deadline counts from here); absent when it has not been. */
  readonly startedAt?: number;
  /** True once the cluster has been healthy on the target. */
  readonly confirmed: boolean;
}

/** Why the rollout is where it is: a catalogue reason and a sentence. */
export interface RolloutCondition {
  readonly reason: RolloutReason;
  readonly message: string;
}

/** The reasons the decision gives (one catalogue, as Flux's condition reasons). */
export type RolloutReason =
  | 'NoChange'
  | 'Started'
  | 'Restarted'
  | 'WaveStarted'
  | 'BatchStarted'
  | 'ClusterJoined'
  | 'WaveProgressing'
  | 'WaveBaking'
  | 'WaveHealthy'
  | 'EmptyWave'
  | 'ProgressDeadlineExceeded'
  | 'PausedByOperator'
  | 'Resumed'
  | 'Aborted'
  | 'RolledBack'
  | 'Done';

/** A strategy's rollout state. */
export interface RolloutState {
  readonly namespace: string;
  readonly name: string;
  readonly phase: RolloutPhase;
  /** The last revision fully rolled out (every wave done); undefined before the first one. */
  readonly baselineRevision: string | undefined;
  readonly target: RevisionContent;
  /** Index of the wave in progress; equal to the number of waves when done. */
  readonly currentWave: number;
  readonly waves: readonly WaveProgress[];
  readonly clusters: readonly ClusterProgress[];
  readonly condition: RolloutCondition;
}
