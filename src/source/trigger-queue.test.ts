import assert from 'node:assert/strict';
import { createTriggerQueue } from './trigger-queue.ts';

describe('createTriggerQueue', () => {
  it('triggers in one tick make one run', async () => {
    const runs: (readonly string[])[] = [];
    const q = createTriggerQueue(async (r) => {
      runs.push(r);
    });
    q.request('poll');
    q.request('webhook');
    q.request('watch');
    await q.idle();
    assert.deepEqual(runs, [['poll', 'webhook', 'watch']]);
  });
  it('any number of triggers during a run make exactly one more run', async () => {
    const runs: (readonly string[])[] = [];
    let release: () => void = () => {
      // replaced by the first run
    };
    const q = createTriggerQueue(async (r) => {
      runs.push(r);
      if (runs.length === 1)
        await new Promise<void>((resolve) => {
          release = resolve;
        });
    });
    q.request('first');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 10; i++) q.request(`push${i}`);
    release();
    await q.idle();
    assert.equal(runs.length, 2);
    assert.equal(runs[1]?.length, 10);
  });
  it('stop drops pending requests', async () => {
    const runs: (readonly string[])[] = [];
    const q = createTriggerQueue(async (r) => {
      runs.push(r);
    });
    await q.stop();
    q.request('late');
    await q.idle();
    assert.deepEqual(runs, []);
  });
});
