import assert from 'node:assert/strict';
import type { Cluster } from '../api/index.ts';
import { apiEnablementsOf, overlayClusterStatus, type Observation } from './cluster-status.ts';

const cluster = (name: string, status?: Cluster['status']): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name },
  ...(status ? { status } : {}),
});
const reachable = (name: string, healthy = true): Observation => ({
  kind: 'reachable',
  cluster: name,
  healthy,
  kubernetesVersion: 'v1.37.2',
  apiEnablements: [{ groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod' }] }],
  apiEnablementsComplete: true,
  resourceSummary: { allocatable: { cpu: '8' } },
});

describe('cluster status (Karmada cluster_status_controller)', () => {
  it('apiEnablements drop subresources and sort', () => {
    assert.deepEqual(
      apiEnablementsOf([
        {
          groupVersion: 'v1',
          resources: [
            { name: 'pods/status', kind: 'Pod' },
            { name: 'pods', kind: 'Pod' },
            { name: 'configmaps', kind: 'ConfigMap' },
          ],
        },
        { groupVersion: 'apps/v1', resources: [] },
      ]),
      [
        { groupVersion: 'apps/v1', resources: [] },
        {
          groupVersion: 'v1',
          resources: [
            { name: 'configmaps', kind: 'ConfigMap' },
            { name: 'pods', kind: 'Pod' },
          ],
        },
      ],
    );
  });
  const cases = [
    { name: 'reachable and ready', o: reachable('m1'), ready: ['True', 'ClusterReady'] },
    { name: 'reachable, /readyz not ok', o: reachable('m1', false), ready: ['False', 'ClusterNotReady'] },
    {
      name: 'unreachable',
      o: { kind: 'unreachable', cluster: 'm1', reason: 'ECONNREFUSED' } as Observation,
      ready: ['False', 'ClusterNotReachable'],
    },
  ];
  for (const c of cases) {
    it(`Ready condition: ${c.name}`, () => {
      const [out] = overlayClusterStatus([cluster('m1')], [c.o], 'T1');
      const ready = out?.status?.conditions?.find((x) => x.type === 'Ready');
      assert.deepEqual([ready?.status, ready?.reason], c.ready);
    });
  }
  it('an unreachable member keeps its known capacity (never counted as empty)', () => {
    const [out] = overlayClusterStatus(
      [cluster('m1', { resourceSummary: { allocatable: { cpu: '4' } } })],
      [{ kind: 'unreachable', cluster: 'm1', reason: 'timeout' }],
      'T1',
    );
    assert.deepEqual(out?.status?.resourceSummary, { allocatable: { cpu: '4' } });
  });
  it('keeps lastTransitionTime while the status stays', () => {
    const [first] = overlayClusterStatus([cluster('m1')], [reachable('m1')], 'T1');
    const [second] = overlayClusterStatus([first as Cluster], [reachable('m1')], 'T2');
    assert.deepEqual(
      second?.status?.conditions?.map((c) => c.lastTransitionTime),
      ['T1', 'T1'],
    );
    const [third] = overlayClusterStatus([second as Cluster], [reachable('m1', false)], 'T3');
    assert.equal(third?.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, 'T3');
  });
  it('leaves clusters without an observation alone', () =>
    assert.deepEqual(overlayClusterStatus([cluster('m2')], [reachable('m1')], 'T'), [cluster('m2')]));
});
