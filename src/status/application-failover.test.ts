import assert from 'node:assert/strict';
import type { FailoverBehavior } from '../api/index.ts';
import { decideApplicationEvictions, trackUnhealthy, type ApplicationBinding } from './application-failover.ts';
import type { ClusterWorkloadStatus } from './purge.ts';

const app = (over: Partial<NonNullable<FailoverBehavior['application']>> = {}): FailoverBehavior => ({
  application: {
    decisionConditions: { tolerationSeconds: 60 },
    purgeMode: 'Gracefully',
    gracePeriodSeconds: 600,
    ...over,
  },
});
const unhealthy = (cluster: string, since: string): ClusterWorkloadStatus => ({
  cluster,
  health: 'Unhealthy',
  unhealthySince: since,
});
const healthy = (cluster: string): ClusterWorkloadStatus => ({ cluster, health: 'Healthy', readyReplicas: 2 });
const binding = (over: Partial<ApplicationBinding> = {}): ApplicationBinding => ({
  key: 'apps/v1|Deployment|shop|web',
  clusters: [
    { name: 'm1', replicas: 2 },
    { name: 'm2', replicas: 2 },
  ],
  failover: app(),
  propagateDeps: true,
  statuses: [unhealthy('m1', '2026-01-01T10:00:00Z'), healthy('m2')],
  ...over,
});

describe('status/decideApplicationEvictions (Karmada application failover)', () => {
  const cases: { name: string; b: ApplicationBinding; now: string; want: string[] }[] = [
    { name: 'within tolerationSeconds: nothing', b: binding(), now: '2026-01-01T10:00:30Z', want: [] },
    { name: 'exactly at the tolerance: nothing (strictly after)', b: binding(), now: '2026-01-01T10:01:00Z', want: [] },
    {
      name: 'past the tolerance: evict that cluster only',
      b: binding(),
      now: '2026-01-01T10:01:01Z',
      want: ['m1 Gracefully 600 ApplicationFailure resource-binding-application-failover-controller replicas=2'],
    },
    { name: 'no failover.application: never', b: binding({ failover: {} }), now: '2026-01-01T11:00:00Z', want: [] },
    {
      name: 'propagateDeps false: never (Karmada bindingFilter)',
      b: binding({ propagateDeps: false }),
      now: '2026-01-01T11:00:00Z',
      want: [],
    },
    {
      name: 'already being evicted: no second task',
      b: binding({
        gracefulEvictionTasks: [{ fromCluster: 'm1', reason: 'TaintUntolerated', producer: 'TaintManager' }],
      }),
      now: '2026-01-01T11:00:00Z',
      want: [],
    },
    {
      name: 'purge mode Never suppresses deletion',
      b: binding({ failover: app({ purgeMode: 'Never' }) }),
      now: '2026-01-01T11:00:00Z',
      want: ['m1 Never - ApplicationFailure resource-binding-application-failover-controller replicas=2 suppressed'],
    },
    {
      name: 'old spelling Immediately is Directly, cluster-scoped producer',
      b: binding({ failover: app({ purgeMode: 'Immediately' }), namespaced: false }),
      now: '2026-01-01T11:00:00Z',
      want: ['m1 Directly - ApplicationFailure cluster-resource-binding-application-failover-controller replicas=2'],
    },
    {
      name: 'default tolerationSeconds 300',
      b: binding({ failover: { application: { decisionConditions: {} } } }),
      now: '2026-01-01T10:04:59Z',
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = decideApplicationEvictions([c.b], c.now).map((v) => {
        assert.equal(v.kind, 'evict');
        if (v.kind !== 'evict') return '';
        const t = v.task;
        return `${v.cluster} ${t.purgeMode} ${t.gracePeriodSeconds ?? '-'} ${t.reason} ${t.producer} replicas=${t.replicas}${t.suppressDeletion ? ' suppressed' : ''}`;
      });
      assert.deepEqual(got, c.want);
    });
  }
});

describe('status/trackUnhealthy', () => {
  it('starts the clock when a workload turns unhealthy, keeps it while it stays so, drops it on recovery', () => {
    const now = '2026-01-01T10:05:00Z';
    const got = trackUnhealthy(
      [
        { cluster: 'm3', health: 'Unhealthy' },
        { cluster: 'm1', health: 'Unhealthy' },
        { cluster: 'm2', health: 'Healthy' },
      ],
      [unhealthy('m1', '2026-01-01T10:00:00Z'), unhealthy('m2', '2026-01-01T10:00:00Z')],
      now,
    );
    assert.deepEqual(got, [
      unhealthy('m1', '2026-01-01T10:00:00Z'),
      { cluster: 'm2', health: 'Healthy' },
      unhealthy('m3', now),
    ]);
  });
});
