import assert from 'node:assert/strict';
import { ClusterBackoff } from './backoff.ts';

describe('controller/ClusterBackoff', () => {
  it('doubles the wait after each failure up to the cap, and forgets on success', () => {
    const b = new ClusterBackoff({ initialMs: 1000, maxMs: 5000 });
    assert.equal(b.ready('m1', 0), true);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 5; i++) {
      b.record('m1', false, now);
      const at = b.retryAt('m1') ?? 0;
      waits.push(at - now);
      assert.equal(b.ready('m1', at - 1), false);
      assert.equal(b.ready('m1', at), true);
      now = at;
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 5000, 5000]);
    assert.equal(b.ready('m2', 0), true, 'other clusters are not held');
    b.record('m1', true, now);
    assert.equal(b.retryAt('m1'), undefined);
    assert.equal(b.ready('m1', now), true);
  });
});
