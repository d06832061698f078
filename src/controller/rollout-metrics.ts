/**
 * The rollout gauges (docs/rollouts.md "Metrics"): `flotilla_rollout_phase{namespace,name,phase}` is 1
 * for each strategy's current phase and 0 for the others (as kube-state-metrics' phase gauges), and
 * `flotilla_rollout_wave{namespace,name,wave}` is the 1-based index of the wave in progress (0 once done).
 */
import { Gauge, type Registry } from 'prom-client';
import type { RolloutSummary } from './rollout-step.ts';

const phases = ['Progressing', 'Paused', 'RolledBack', 'Done'] as const;

/** The two gauges on `registry`, and how a pass's summaries set them (strategies no longer present are dropped). */
export function rolloutGauges(registry: Registry): { set(rollouts: readonly RolloutSummary[]): void } {
  const phase = new Gauge({
    name: 'flotilla_rollout_phase',
    help: "1 for each RolloutStrategy's current phase (Progressing, Paused, RolledBack, Done), 0 for the others.",
    labelNames: ['namespace', 'name', 'phase'],
    registers: [registry],
  });
  const wave = new Gauge({
    name: 'flotilla_rollout_wave',
    help: "The 1-based index of each RolloutStrategy's wave in progress, labelled with its name; 0 once every wave is done.",
    labelNames: ['namespace', 'name', 'wave'],
    registers: [registry],
  });
  return {
    set(rollouts) {
      phase.reset();
      wave.reset();
      for (const r of rollouts) {
        for (const p of phases) phase.set({ namespace: r.namespace, name: r.name, phase: p }, r.phase === p ? 1 : 0);
        wave.set({ namespace: r.namespace, name: r.name, wave: r.wave }, r.waveIndex);
      }
    },
  };
}
