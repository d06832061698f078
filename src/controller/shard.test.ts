import assert from 'node:assert/strict';
import { ownsCluster, shardOf } from './shard.ts';

describe('controller/shardOf (rendezvous hashing)', () => {
  const names = Array.from({ length: 1000 }, (_, i) => `cluster-${i}`);
  it('gives every cluster exactly one owner, the same on every call', () => {
    for (const n of names.slice(0, 50)) {
      const owners = [0, 1, 2, 3].filter((i) => ownsCluster({ shards: 4, shard: i })(n));
      assert.deepEqual(owners, [shardOf(n, 4)]);
    }
  });
  it('spreads clusters evenly (each of 4 shards within 20% of a quarter)', () => {
    const counts = [0, 0, 0, 0];
    for (const n of names) counts[shardOf(n, 4)] = (counts[shardOf(n, 4)] ?? 0) + 1;
    for (const c of counts) assert.ok(c > 200 && c < 300, `counts ${counts.join(',')}`);
  });
  it('moves only the clusters the new shard takes when going from 4 to 5 shards', () => {
    const moved = names.filter((n) => shardOf(n, 4) !== shardOf(n, 5));
    assert.ok(
      moved.every((n) => shardOf(n, 5) === 4),
      'a moved cluster goes to the new shard',
    );
    assert.ok(moved.length > 120 && moved.length < 280, `moved ${moved.length} of 1000`);
  });
  it('one shard owns everything', () => {
    assert.ok(names.every((n) => shardOf(n, 1) === 0 && ownsCluster({ shards: 1, shard: 0 })(n)));
  });
});
