/** The log lines of a pass's rollout transitions (X5), the same for the controller and reconcile. */
import type { RolloutDecision } from '../rollout/index.ts';
import type { LogFields } from './reconcile.ts';

/** Logs each transition of `d`: the strategy, reason, wave, clusters and message, with the revision planned. */
export function logTransitions(log: (fields: LogFields) => void, d: RolloutDecision, revision: string): void {
  for (const t of d.transitions)
    log({
      msg: 'rollout transition',
      rollout: `${d.state.namespace}/${d.state.name}`,
      reason: t.reason,
      ...(t.wave ? { wave: t.wave } : {}),
      ...(t.clusters?.length ? { clusters: t.clusters.join(',') } : {}),
      message: t.message,
      revision,
    });
}
