import assert from 'node:assert/strict';
import { resourceKey } from '../api/index.ts';
import { previousPlacement } from './observe-placement.ts';

const catalog = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'catalog' });
const api = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'payments', name: 'api' });

describe('previousPlacement (the placement read back from the members)', () => {
  const cases = [
    { name: 'nothing found: no history', found: [], want: [] },
    {
      name: 'one entry per workload, members sorted by name whatever order they answered in',
      found: [{ cluster: 'm3', key: catalog, replicas: 2 }, { cluster: 'm1', key: catalog, replicas: 5 }, { cluster: 'm2', key: api, replicas: 3 }],
      want: [[api, [{ name: 'm2', replicas: 3 }]], [catalog, [{ name: 'm1', replicas: 5 }, { name: 'm3', replicas: 2 }]]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual([...previousPlacement(c.found)], c.want));
});
