/** A two-wave strategy for tests outside src/rollout: a canary of cluster `a`, then the rest. */
import type { RolloutSpec } from '../api/index.ts';

/** `shop/storefront`: wave `canary` (cluster a, the given bake), then `rest` (the given concurrency). */
export function canaryThenRest(
  bakeSeconds = 0,
  rest: RolloutSpec['waves'][number]['maxConcurrent'] = { kind: 'Percent', percent: 100 },
): RolloutSpec {
  return {
    namespace: 'shop',
    name: 'storefront',
    resourceSelectors: [],
    progressDeadlineSeconds: 600,
    onFailure: 'Pause',
    waves: [
      {
        name: 'canary',
        clusters: { clusterNames: ['a'] },
        bakeSeconds,
        maxConcurrent: { kind: 'Percent', percent: 100 },
      },
      { name: 'rest', clusters: undefined, bakeSeconds: 0, maxConcurrent: rest },
    ],
  };
}
