/**
 * Karmada's GracefulEvictionTask (pkg/apis/work/v1alpha2/binding_types.go) and the bindings the
 * eviction decisions read: the shapes the status branch stores under `bindings/`.
 */
import type { FailoverBehavior, GracefulEvictionTask, Placement, PurgeMode, TargetCluster } from '../api/index.ts';

export type { GracefulEvictionTask, PurgeMode } from '../api/index.ts';

/** Karmada EvictionReasonTaintUntolerated. */
export const evictionReasonTaintUntolerated = 'TaintUntolerated';
/** Karmada EvictionProducerTaintManager. */
export const evictionProducerTaintManager = 'TaintManager';

/** A binding as eviction reads it: its key, the applied placement and failover, and its schedule. */
export interface EvictionBinding {
  /** The binding's identity, e.g. `default/nginx-deployment` or a ResourceKey. */
  readonly key: string;
  readonly placement?: Placement;
  readonly failover?: FailoverBehavior;
  readonly clusters: readonly TargetCluster[];
  readonly gracefulEvictionTasks?: readonly GracefulEvictionTask[];
}

/** Controller flags for eviction, in seconds where they are durations. */
export interface EvictionSettings {
  /**
   * `--enable-no-execute-taint-eviction`: whether NoExecute taints evict at all. Karmada ≥ v1.12
   * defaults it to false; flotilla's default is true, matching the v1.9 model (Failover gate on)
   * whose `--failover-eviction-timeout` NoExecute taints this stage adds. The controller sets it.
   */
  readonly enableNoExecuteTaintEviction: boolean;
  /** `--graceful-eviction-timeout` (10m): how long a Gracefully task waits for the replacement. */
  readonly gracefulEvictionTimeoutSeconds: number;
  /** `--no-execute-taint-eviction-purge-mode`: used when the policy has no `failover.cluster`. */
  readonly defaultPurgeMode: 'Gracefully' | 'Directly';
}

/** Eviction on, 600s grace and Gracefully (Karmada's defaults for the latter two). */
export const defaultEvictionSettings: EvictionSettings = {
  enableNoExecuteTaintEviction: true,
  gracefulEvictionTimeoutSeconds: 600,
  defaultPurgeMode: 'Gracefully',
};

/** Karmada taint_manager.go getPurgeMode: the policy's cluster purge mode (empty → Gracefully), else the flag. */
export function clusterPurgeMode(failover: FailoverBehavior | undefined, s: EvictionSettings): PurgeMode {
  const cluster = failover?.cluster;
  if (cluster === undefined) return s.defaultPurgeMode;
  return normalizePurgeMode(cluster.purgeMode);
}

/** Maps Karmada's old spellings onto today's: Immediately → Directly, Graciously (or empty) → Gracefully. */
export function normalizePurgeMode(mode: string | undefined): PurgeMode {
  switch (mode) {
    case 'Directly':
    case 'Immediately':
      return 'Directly';
    case 'Never':
      return 'Never';
    default:
      return 'Gracefully';
  }
}

/** The task the taint manager records when it evicts `cluster` (Karmada GracefulEvictCluster + NewTaskOptions). */
export function taintEvictionTask(
  target: TargetCluster,
  why: { readonly purgeMode: PurgeMode; readonly message: string },
  now: string,
  s: EvictionSettings,
): GracefulEvictionTask {
  const { purgeMode, message } = why;
  return {
    fromCluster: target.name,
    purgeMode,
    ...(target.replicas !== undefined && target.replicas > 0 ? { replicas: target.replicas } : {}),
    reason: evictionReasonTaintUntolerated,
    message,
    producer: evictionProducerTaintManager,
    // flotilla differs (DESIGN "Git is the database"): the effective grace period and Never's
    // suppression are written into the task, so the status branch says what will happen.
    ...(purgeMode === 'Gracefully' ? { gracePeriodSeconds: s.gracefulEvictionTimeoutSeconds } : {}),
    ...(purgeMode === 'Never' ? { suppressDeletion: true } : {}),
    creationTimestamp: now,
  };
}
