/** The rollout gauges: one phase set to 1 per strategy, the wave in progress by index, strategies gone dropped. */
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { rolloutGauges } from './rollout-metrics.ts';

describe('controller/rollout-metrics: flotilla_rollout_phase and flotilla_rollout_wave', () => {
  it('sets the phase and the wave of each strategy, and forgets one that is gone', async () => {
    const registry = new Registry();
    const g = rolloutGauges(registry);
    g.set([
      { namespace: 'shop', name: 'web', phase: 'Progressing', wave: 'second', waveIndex: 2 },
      { namespace: 'shop', name: 'old', phase: 'Done', wave: '', waveIndex: 0 },
    ]);
    const text = await registry.metrics();
    assert.match(text, /flotilla_rollout_phase\{namespace="shop",name="web",phase="Progressing"\} 1/);
    assert.match(text, /flotilla_rollout_phase\{namespace="shop",name="web",phase="Paused"\} 0/);
    assert.match(text, /flotilla_rollout_wave\{namespace="shop",name="web",wave="second"\} 2/);
    assert.match(text, /flotilla_rollout_phase\{namespace="shop",name="old",phase="Done"\} 1/);
    g.set([{ namespace: 'shop', name: 'web', phase: 'Paused', wave: 'second', waveIndex: 2 }]);
    const later = await registry.metrics();
    assert.doesNotMatch(later, /name="old"/);
    assert.match(later, /flotilla_rollout_phase\{namespace="shop",name="web",phase="Paused"\} 1/);
  });
});
