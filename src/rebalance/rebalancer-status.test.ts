import assert from 'node:assert/strict';
import type { ResourceKey, WorkloadRebalancer, WorkloadRebalancerStatus } from '../api/index.ts';
import { workloadKey } from './pending.ts';
import { rebalancerOutcome } from './rebalancer-status.ts';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const api = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };
const gone = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'gone' };
const r = (workloads: (typeof web)[], ttl?: number): WorkloadRebalancer => ({
  apiVersion: 'apps.karmada.io/v1alpha1',
  kind: 'WorkloadRebalancer',
  metadata: { name: 'r1' },
  spec: { workloads, ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}) },
});
const bound = new Set<ResourceKey>([workloadKey(web), workloadKey(api)]);
const now = '2026-12-07T16:00:00Z';

describe('rebalance/rebalancerOutcome (Karmada handleWorkloadRebalance, syncWorkloadsFromSpecToStatus)', () => {
  const cases: {
    name: string;
    r: WorkloadRebalancer;
    before?: WorkloadRebalancerStatus;
    want: WorkloadRebalancerStatus;
  }[] = [
    {
      name: 'bound workloads are Successful, a missing binding Failed (ReferencedBindingNotFound), sorted, finishTime now',
      r: r([web, gone, api]),
      want: {
        observedWorkloads: [
          { workload: api, result: 'Successful' },
          { workload: gone, result: 'Failed', reason: 'ReferencedBindingNotFound' },
          { workload: web, result: 'Successful' },
        ],
        finishTime: now,
      },
    },
    {
      name: 'an unchanged status keeps its finishTime',
      r: r([web]),
      before: { observedWorkloads: [{ workload: web, result: 'Successful' }], finishTime: '2026-12-07T15:00:00Z' },
      want: { observedWorkloads: [{ workload: web, result: 'Successful' }], finishTime: '2026-12-07T15:00:00Z' },
    },
    {
      name: 'a workload removed from the spec stays when Successful, goes when Failed; an added one is resolved',
      r: r([api]),
      before: {
        observedWorkloads: [
          { workload: gone, result: 'Failed', reason: 'ReferencedBindingNotFound' },
          { workload: web, result: 'Successful' },
        ],
        finishTime: '2026-12-07T15:00:00Z',
      },
      want: {
        observedWorkloads: [
          { workload: api, result: 'Successful' },
          { workload: web, result: 'Successful' },
        ],
        finishTime: now,
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(rebalancerOutcome(c.r, c.before, bound, now).status, c.want);
    });
  }
  it('ttlSecondsAfterFinished: reports expiresAt and, once passed, expired (flotilla cannot delete the file)', () => {
    const before = {
      observedWorkloads: [{ workload: web, result: 'Successful' as const }],
      finishTime: '2026-12-07T15:00:00Z',
    };
    assert.deepEqual(rebalancerOutcome(r([web], 7200), before, bound, now), {
      name: 'r1',
      status: before,
      expiresAt: '2026-12-07T17:00:00Z',
    });
    assert.deepEqual(rebalancerOutcome(r([web], 60), before, bound, now), {
      name: 'r1',
      status: before,
      expiresAt: '2026-12-07T15:01:00Z',
      expired: true,
    });
  });
  it('without a time (outside the controller) no finishTime is set', () => {
    assert.deepEqual(rebalancerOutcome(r([web], 60), undefined, bound, undefined), {
      name: 'r1',
      status: { observedWorkloads: [{ workload: web, result: 'Successful' }] },
    });
  });
});
