import assert from 'node:assert/strict';
import { DeschedulerClock } from './descheduler-clock.ts';

describe('controller/DeschedulerClock (--descheduling-interval)', () => {
  it('runs on the first pass, then once per interval', () => {
    const c = new DeschedulerClock(120_000, 300);
    assert.deepEqual(
      [c.claim(0), c.claim(60_000), c.claim(119_999), c.claim(120_000), c.claim(130_000)],
      [true, false, false, true, false],
    );
  });
});
