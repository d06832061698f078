import assert from 'node:assert/strict';
import * as scheduler from './index.ts';

describe('scheduler public surface', () => {
  it('exports exactly the documented functions (Q6)', () => {
    assert.deepEqual(Object.keys(scheduler).sort(), [
      'clustersAfterSchedule',
      'createScheduler',
      'fitErrorMessage',
      'formatExplanation',
    ]);
  });
});
