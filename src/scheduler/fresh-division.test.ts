import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { divideReplicas } from './division.ts';
import { aggregatedPlacement, candidate, dynamicPlacement } from './fixtures.test-support.ts';
import { viewPlacement } from './placement.ts';

const dynamic = dynamicPlacement;
const aggregated = aggregatedPlacement;

describe('divideReplicas in Fresh mode (Karmada division_algorithm.go dynamicFreshScale, a WorkloadRebalancer)', () => {
  const cases: {
    name: string;
    placement: Placement;
    free: [string, number][];
    previous: [string, number][];
    replicas: number;
    want: Record<string, number> | string;
  }[] = [
    {
      name: 'dynamic: the previous replicas count back as free, then all are divided afresh',
      placement: dynamic,
      free: [
        ['a', 0],
        ['b', 6],
        ['c', 6],
      ],
      previous: [['a', 6]],
      replicas: 6,
      want: { a: 2, b: 2, c: 2 },
    },
    {
      name: 'dynamic: a piled-up placement is not kept (Steady would keep a:6)',
      placement: dynamic,
      free: [
        ['a', 2],
        ['b', 8],
      ],
      previous: [['a', 6]],
      replicas: 6,
      want: { a: 3, b: 3 },
    },
    {
      name: 'aggregated: no cluster is preferred for holding replicas; the largest takes all',
      placement: aggregated,
      free: [
        ['a', 1],
        ['b', 10],
      ],
      previous: [['a', 6]],
      replicas: 6,
      want: { b: 6 },
    },
    {
      name: 'not enough room even with the freed replicas',
      placement: dynamic,
      free: [
        ['a', 0],
        ['b', 1],
      ],
      previous: [['a', 2]],
      replicas: 4,
      want: 'failed to assign replicas: failed to do fresh scale: Clusters available replicas 3 are not enough to schedule.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = divideReplicas(
        c.free.map(([n, free]) => candidate(n, free)),
        {
          view: viewPlacement(c.placement),
          replicas: c.replicas,
          hasRequirements: true,
          previous: c.previous.map(([name, replicas]) => ({ name, replicas })),
          tieBreak: 'NameAscending',
          fresh: true,
        },
      );
      if (typeof c.want === 'string') assert.equal(got.ok ? '' : got.message, c.want);
      else {
        assert.ok(got.ok, got.ok ? '' : got.message);
        assert.deepEqual(Object.fromEntries(got.clusters.map((x) => [x.name, x.replicas])), c.want);
        assert.equal('mode' in got.explanation ? got.explanation.mode : undefined, 'Fresh');
      }
    });
  }
});
