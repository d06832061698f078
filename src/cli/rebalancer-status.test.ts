import assert from 'node:assert/strict';
import type { WorkloadRebalancerStatus } from '../api/index.ts';
import { rebalancerReports, rebalancersTable } from './rebalancer-status.ts';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const api = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };

describe('cli/rebalancer-status: the phase flotilla status reads off a recorded WorkloadRebalancer status', () => {
  const cases: { name: string; record: WorkloadRebalancerStatus | undefined; phase: string }[] = [
    { name: 'no record yet', record: undefined, phase: 'Pending' },
    { name: 'a workload without a result', record: { observedWorkloads: [{ workload: web }] }, phase: 'Running' },
    {
      name: 'every workload with a result and finishTime',
      record: {
        observedWorkloads: [
          { workload: web, result: 'Successful' },
          { workload: api, result: 'Failed', reason: 'ReferencedBindingNotFound' },
        ],
        finishTime: '2026-12-07T16:00:00Z',
      },
      phase: 'Finished',
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        rebalancerReports(['r'], new Map(c.record ? [['r', c.record]] : [])).map((r) => r.phase),
        [c.phase],
      ),
    );

  it('lists the revision’s rebalancers and any the status branch still records, sorted by name', () =>
    assert.deepEqual(
      rebalancerReports(['b', 'a'], new Map([['c', { observedWorkloads: [] }]])).map((r) => r.name),
      ['a', 'b', 'c'],
    ));

  it('the table counts results and names the first failure with its reason', () => {
    const [finished] = rebalancerReports(['r'], new Map([['r', cases[2]?.record as WorkloadRebalancerStatus]]));
    assert.match(
      rebalancersTable(finished ? [finished] : [], false),
      /^REBALANCER\s+PHASE\s+WORKLOADS\s+SUCCESSFUL\s+FAILED\s+FINISHED\s+MESSAGE\nr\s+Finished\s+2\s+1\s+1\s+2026-12-07T16:00:00Z\s+Deployment shop\/api: ReferencedBindingNotFound\n$/,
    );
  });
});
