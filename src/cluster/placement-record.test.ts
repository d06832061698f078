import assert from 'node:assert/strict';
import { resourceKey, type Placement } from '../api/index.ts';
import { formatPlacementRecord, parsePlacementRecord, placementsOn } from './placement-record.ts';

const web = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
const job = resourceKey({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'shop', name: 'nightly' });
const placement: Placement = {
  clusterAffinity: { clusterNames: ['m1', 'm2'] },
  replicaScheduling: { replicaSchedulingType: 'Divided' },
};
const agent = resourceKey({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' });
const cache = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cache' });

describe('placement record', () => {
  const bindings = [
    {
      key: web,
      clusters: [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 1 },
      ],
      placement,
    },
    { key: job, clusters: [{ name: 'm2', replicas: 1 }], placement: undefined },
    {
      key: agent,
      clusters: [
        { name: 'm1', replicas: 1 },
        { name: 'm2', replicas: 1 },
      ],
      placement: { clusterAffinity: { clusterNames: ['m1', 'm2'] } } as Placement,
    },
    {
      key: cache,
      clusters: [
        { name: 'm1', replicas: 3 },
        { name: 'm2', replicas: 3 },
      ],
      placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } } as Placement,
    },
  ];
  it('holds the bindings that place replicas on the member (Duplicated ones need no memory), and round-trips', () => {
    const rec = placementsOn('m2', bindings);
    assert.deepEqual([...rec.keys()], [web, job].sort());
    assert.deepEqual(parsePlacementRecord(formatPlacementRecord(rec)), rec);
    assert.deepEqual([...placementsOn('m1', bindings).keys()], [web]);
    assert.equal(formatPlacementRecord(placementsOn('m9', bindings)), '');
  });
  const bad = [
    { name: 'not a string', text: 3 },
    { name: 'a key without four parts', text: 'apps/v1|Deployment|web m1=2 -\n' },
    { name: 'replicas not a number', text: `${web} m1=two -\n` },
    { name: 'placement not JSON', text: `${web} m1=2 {oops\n` },
  ];
  for (const c of bad)
    it(`skips a malformed record: ${c.name}`, () => assert.equal(parsePlacementRecord(c.text).size, 0));
});
