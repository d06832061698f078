import assert from 'node:assert/strict';
import { GitRemoteUnreachable } from '../git/index.ts';
import { GitLink, isOutage } from './git-link.ts';

describe('controller: git link backoff', () => {
  it('failures back off 5 s doubling to the cap; writes are kept without trying while backing off; success resets', () => {
    const link = new GitLink({ initialMs: 5_000, maxMs: 20_000 });
    assert.equal(link.deferPublish(0), 'on-unreachable');
    const steps = [0, 5_000, 15_000, 35_000, 55_000].map((t) => ({ t, next: link.record(false, t) }));
    assert.deepEqual(
      steps.map((s) => (s.next ?? 0) - s.t),
      [5_000, 10_000, 20_000, 20_000, 20_000],
    );
    assert.equal(link.down, true);
    assert.equal(link.due(60_000), false);
    assert.equal(link.deferPublish(60_000), 'always');
    assert.equal(link.due(75_000), true);
    link.record(true, 75_000);
    assert.equal(link.down, false);
    assert.equal(link.deferPublish(75_000), 'on-unreachable');
  });

  it('only an unreachable remote is an outage', () => {
    assert.equal(isOutage(new GitRemoteUnreachable('down', { url: 'u' })), true);
    assert.equal(isOutage(new Error('other')), false);
  });
});
