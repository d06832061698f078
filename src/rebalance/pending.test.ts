import assert from 'node:assert/strict';
import type { Loaded, WorkloadRebalancer, WorkloadRebalancerStatus } from '../api/index.ts';
import { pendingRebalance, workloadKey } from './pending.ts';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const api = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };
const rebalancer = (name: string, ...workloads: (typeof web)[]): Loaded<WorkloadRebalancer> => ({
  object: {
    apiVersion: 'apps.karmada.io/v1alpha1',
    kind: 'WorkloadRebalancer',
    metadata: { name },
    spec: { workloads },
  },
  source: { file: `rebalancers/${name}.yaml`, line: 1, column: 1, doc: 0 },
});

describe('rebalance/pendingRebalance (Karmada RebalancerController triggerReschedule)', () => {
  const cases: {
    name: string;
    rebalancers: Loaded<WorkloadRebalancer>[];
    records: [string, WorkloadRebalancerStatus][];
    want: [string, string][];
  }[] = [
    {
      name: 'a new rebalancer reschedules each of its workloads',
      rebalancers: [rebalancer('r1', web, api)],
      records: [],
      want: [
        [workloadKey(web), 'r1'],
        [workloadKey(api), 'r1'],
      ],
    },
    {
      name: 'a workload with a Successful outcome is not rescheduled again (exactly once)',
      rebalancers: [rebalancer('r1', web, api)],
      records: [['r1', { observedWorkloads: [{ workload: web, result: 'Successful' }] }]],
      want: [[workloadKey(api), 'r1']],
    },
    {
      name: 'a Failed outcome is not retried (Karmada skips RebalanceFailed)',
      rebalancers: [rebalancer('r1', web)],
      records: [
        ['r1', { observedWorkloads: [{ workload: web, result: 'Failed', reason: 'ReferencedBindingNotFound' }] }],
      ],
      want: [],
    },
    {
      name: 'an entry without a result is still pending',
      rebalancers: [rebalancer('r1', web)],
      records: [['r1', { observedWorkloads: [{ workload: web }] }]],
      want: [[workloadKey(web), 'r1']],
    },
    {
      name: "another rebalancer's record does not count",
      rebalancers: [rebalancer('r2', web)],
      records: [['r1', { observedWorkloads: [{ workload: web, result: 'Successful' }] }]],
      want: [[workloadKey(web), 'r2']],
    },
    {
      name: 'two rebalancers naming one workload: the first by name takes it',
      rebalancers: [rebalancer('zz', web), rebalancer('aa', web)],
      records: [],
      want: [[workloadKey(web), 'aa']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual([...pendingRebalance(c.rebalancers, new Map(c.records))], c.want);
    });
  }
  it('a cluster-scoped workload (empty namespace) keys without a namespace', () => {
    assert.equal(
      workloadKey({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'shop' }),
      'v1|Namespace||shop',
    );
  });
});
