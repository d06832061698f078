import assert from 'node:assert/strict';
import { mapLimit } from './concurrency.ts';

/** A call that resolves when the test says so, so the order of events is the test's, not the clock's. */
function gate(): { readonly promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('cluster/concurrency: mapLimit', () => {
  const cases: readonly { name: string; items: number; limit: number }[] = [
    { name: 'fewer items than the limit', items: 2, limit: 8 },
    { name: 'more items than the limit', items: 10, limit: 3 },
    { name: 'a limit of one', items: 4, limit: 1 },
    { name: 'no items', items: 0, limit: 4 },
  ];
  for (const c of cases) {
    it(`puts result i in slot i, at most limit at once: ${c.name}`, async () => {
      let inFlight = 0;
      let most = 0;
      const items = Array.from({ length: c.items }, (_, i) => i);
      const out = await mapLimit(items, c.limit, async (x) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Later items finish first: completion order must not decide the slots.
        for (let k = 0; k < c.items - x; k++) await Promise.resolve();
        inFlight--;
        return x * 10;
      });
      assert.deepEqual(
        out,
        items.map((x) => x * 10),
      );
      assert.ok(most <= Math.max(1, c.limit));
    });
  }

  it('starts no item after a call throws, and rejects only once the calls in flight have settled', async () => {
    const slow = gate();
    const started: number[] = [];
    let slowSettled = false;
    const result = mapLimit([0, 1, 2, 3, 4], 2, async (x) => {
      started.push(x);
      if (x === 0) {
        await slow.promise;
        slowSettled = true;
        return x;
      }
      throw new RangeError(`item ${x}`);
    });
    const state: { rejected?: unknown } = {};
    const settled = result.catch((err: unknown) => {
      state.rejected = err;
    });
    for (let k = 0; k < 10; k++) await Promise.resolve();
    const rejected = (): unknown => state.rejected;
    assert.equal(rejected(), undefined, 'still waiting for item 0');
    slow.open();
    await settled;
    const err = rejected();
    assert.ok(err instanceof RangeError && err.message === 'item 1');
    assert.ok(slowSettled);
    assert.deepEqual(started, [0, 1]);
  });
});
