import assert from 'node:assert/strict';
import { resourceKey, type Placement, type ResourceKey } from '../api/index.ts';
import { previousPlacement, type MemberPlacement } from './observe-placement.ts';
import type { RecordedPlacement } from './placement-record.ts';

const catalog = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'catalog' });
const api = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'payments', name: 'api' });
const dynamic: Placement = {
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  },
};
// The first apply's plan: catalog 3 on m1, 3 on m3, 2 on the unreachable far.
const record = new Map<ResourceKey, RecordedPlacement>([
  [
    catalog,
    {
      clusters: [
        { name: 'far', replicas: 2 },
        { name: 'm1', replicas: 3 },
        { name: 'm3', replicas: 3 },
      ],
      placement: dynamic,
    },
  ],
]);
const member = (
  cluster: string,
  objects: [ResourceKey, number][],
  rec = new Map<ResourceKey, RecordedPlacement>(),
): MemberPlacement => ({
  cluster,
  objects: objects.map(([key, replicas]) => ({ cluster, key, replicas })),
  record: rec,
});

describe('previousPlacement (the history read back from the members)', () => {
  const cases: {
    name: string;
    members: MemberPlacement[];
    previous: [ResourceKey, { name: string; replicas: number }[]][];
    applied: ResourceKey[];
  }[] = [
    { name: 'nothing found: no history', members: [], previous: [], applied: [] },
    {
      name: 'objects alone: the live replicas, members sorted by name whatever order they answered in',
      members: [member('m3', [[catalog, 2]]), member('m1', [[catalog, 5]]), member('m2', [[api, 3]])],
      previous: [
        [api, [{ name: 'm2', replicas: 3 }]],
        [
          catalog,
          [
            { name: 'm1', replicas: 5 },
            { name: 'm3', replicas: 2 },
          ],
        ],
      ],
      applied: [],
    },
    {
      name: 'a record adds the share of a member unreachable now, and its placement when it agrees with the live replicas',
      members: [member('m3', [[catalog, 3]], record), member('m1', [[catalog, 3]], record)],
      previous: [
        [
          catalog,
          [
            { name: 'far', replicas: 2 },
            { name: 'm1', replicas: 3 },
            { name: 'm3', replicas: 3 },
          ],
        ],
      ],
      applied: [catalog],
    },
    {
      name: 'a member scaled by hand: the live replicas win and the workload is scheduled again (no applied placement)',
      members: [member('m1', [[catalog, 4]], record), member('m3', [[catalog, 3]], record)],
      previous: [
        [
          catalog,
          [
            { name: 'far', replicas: 2 },
            { name: 'm1', replicas: 4 },
            { name: 'm3', replicas: 3 },
          ],
        ],
      ],
      applied: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = previousPlacement(c.members);
      assert.deepEqual([...got.previous], c.previous);
      assert.deepEqual([...got.applied.keys()], c.applied);
    });
  }
});
