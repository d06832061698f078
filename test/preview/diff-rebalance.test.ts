/**
 * The pull-request preview of a commit adding a WorkloadRebalancer (issue 17): `flotilla diff`
 * reads the previous placement and the rebalancers' records from the status branch, as the
 * controller does, so the head's Fresh schedule shows exactly the replicas that will move; a
 * rebalancer the status branch records as done moves nothing.
 */
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.ts';
import { baseFleet, createFleetRepo, type FleetRepo } from './fleet-repo.ts';

const rebalancer = {
  apiVersion: 'apps.karmada.io/v1alpha1',
  kind: 'WorkloadRebalancer',
  metadata: { name: 'failback' },
  spec: { workloads: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }] },
};

/** A repo whose status branch records web piled up 6/0 on eu-1 (after a failover), and `records` as rebalancer status files. */
async function piledUp(records: Readonly<Record<string, readonly object[]>>): Promise<FleetRepo> {
  const repo = createFleetRepo();
  repo.commit('base', baseFleet());
  repo.git('branch', 'base');
  const plan = JSON.parse((await runCli(['plan', '--repo', repo.dir, '-o', 'json'])).stdout) as {
    bindings: { spec: { resource: { name: string }; clusters: unknown } }[];
  };
  const web = plan.bindings.find((b) => b.spec.resource.name === 'web');
  assert.ok(web, 'web has a binding');
  repo.commit('head: rebalance web', { 'rebalancers/failback.yaml': [rebalancer] });
  repo.git('checkout', '-q', '--orphan', 'flotilla-status');
  repo.git('rm', '-q', '-r', '--cached', '.');
  repo.commit('status', {
    'bindings/shop/deployment.web.yaml': [{ ...web, spec: { ...web.spec, clusters: [{ name: 'eu-1', replicas: 6 }] } }],
    ...records,
  });
  repo.git('checkout', '-q', '-f', 'main');
  return repo;
}

describe('flotilla diff: a WorkloadRebalancer in the pull request', function () {
  this.timeout(60000);
  const repos: FleetRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) r.remove();
  });

  it("shows the replicas the rebalance moves back to the policy's division", async () => {
    const repo = await piledUp({});
    repos.push(repo);
    const r = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--format', 'table']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Deployment shop\/web\s+changed\s+.*eu-1: 6 → 3, us-1: new 3$/m);
    assert.match(r.stderr, /planned the head in full: WorkloadRebalancers changed/);
  });

  it('a rebalancer the status branch records as done moves nothing', async () => {
    const record = {
      apiVersion: 'apps.karmada.io/v1alpha1',
      kind: 'WorkloadRebalancer',
      metadata: { name: 'failback' },
      status: {
        observedWorkloads: [{ workload: rebalancer.spec.workloads[0], result: 'Successful' }],
        finishTime: '2026-12-07T16:00:00Z',
      },
    };
    const repo = await piledUp({ 'rebalancers/failback.yaml': [record] });
    repos.push(repo);
    const r = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--format', 'table']);
    assert.doesNotMatch(r.stdout, /Deployment shop\/web\s+changed/, r.stdout);
  });
});
