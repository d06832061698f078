/**
 * Sharding the member clusters across controller processes by rendezvous (highest-random-weight)
 * hashing of their names: every process computes the same owner without coordination, and
 * going from N to N+1 shards moves only about 1/(N+1) of the clusters.
 */
import { stableHash } from '../api/index.ts';

/** Which shard this process is, of how many; shard 0 is the decider (plans, fails over, writes). */
export interface Sharding {
  readonly shards: number;
  readonly shard: number;
}

/** The shard that owns `cluster` (0 when there is one shard). */
export function shardOf(cluster: string, shards: number): number {
  let best = 0;
  let bestWeight = -1;
  for (let i = 0; i < shards; i++) {
    const weight = mix(Number.parseInt(stableHash(`${cluster}\u0000${i}`), 16));
    if (weight > bestWeight) {
      best = i;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * MurmurHash3's 32-bit finaliser: FNV-1a alone leaves weights that differ only in their last
 * input byte correlated, which skews rendezvous hashing towards one shard.
 */
function mix(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A predicate: does this process apply to and observe `cluster`? */
export function ownsCluster(s: Sharding): (cluster: string) => boolean {
  return (cluster) => s.shards <= 1 || shardOf(cluster, s.shards) === s.shard;
}
