/**
 * A WorkloadRebalancer acts once under `flotilla reconcile` too (issue 17): the status branch's
 * `rebalancers/<name>.yaml` is read back with the previous placement, so the revision after the
 * rebalance keeps the rebalanced placement (Karmada doScheduleBinding) instead of scheduling
 * afresh again. Aggregated over member1/member2, 4 replicas of 1 CPU:
 * rev 1, free 8/2 → member1:4; rev 2 (rebalancer, free 2/16) → Fresh: member1 2+4 vs member2 16
 * → member2:4, member1 kept as a task; rev 3 (free 20/2) → member2:4 stays (a second Fresh would
 * give member1:4).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { remoteContext, remoteStatusFile, startFleetRigWith, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush } from './helpers/workspace.ts';

function cluster(name: string, freeCpu: number) {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: { apiEndpoint: `https://${name}.clusters.example.net:6443`, syncMode: 'Push' },
    status: {
      resourceSummary: {
        allocatable: { cpu: '32', memory: '64Gi', pods: '110' },
        allocated: { cpu: String(32 - freeCpu), memory: '1Gi', pods: '10' },
      },
    },
  };
}

const fleet = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          containers: [{ name: 'api', image: 'nginx:1.27', resources: { requests: { cpu: '1', memory: '128Mi' } } }],
        },
      },
    },
  },
  {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }],
      placement: {
        clusterAffinity: { clusterNames: ['member1', 'member2'] },
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      },
    },
  },
];
const rebalancer = {
  apiVersion: 'apps.karmada.io/v1alpha1',
  kind: 'WorkloadRebalancer',
  metadata: { name: 'failback' },
  spec: { workloads: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'api' }] },
};

function writeFleet(dir: string, free: readonly [number, number], withRebalancer: boolean): void {
  for (const sub of ['clusters', 'apps', 'rebalancers']) mkdirSync(path.join(dir, sub), { recursive: true });
  for (const [i, f] of free.entries())
    writeFileSync(path.join(dir, 'clusters', `member${i + 1}.yaml`), YAML.stringify(cluster(`member${i + 1}`, f)));
  writeFileSync(path.join(dir, 'apps', 'api.yaml'), fleet.map((d) => YAML.stringify(d)).join('---\n'));
  if (withRebalancer) writeFileSync(path.join(dir, 'rebalancers', 'failback.yaml'), YAML.stringify(rebalancer));
}

describe('flotilla reconcile: a WorkloadRebalancer reschedules once (status branch record)', function () {
  this.timeout(300_000);
  let rig: FleetRig | undefined;
  afterEach(async () => {
    await rig?.cleanup();
    rig = undefined;
  });

  it('schedules afresh in the revision that adds it, and not again in the next one', async () => {
    rig = await startFleetRigWith((w) => writeFleet(w, [8, 2], false), 'fleet');
    const { work } = rig;
    const ctx = await remoteContext(rig, 'cache');
    const recorded = async (file: string) =>
      (await remoteStatusFile(work, file)) as {
        spec?: { clusters: unknown; gracefulEvictionTasks?: { fromCluster: string; producer: string }[] };
        status?: { observedWorkloads: { result: string }[] };
      };
    const reconcile = async () => {
      const o = await reconcileOnce(ctx);
      assert.equal(o.kind, 'applied', o.kind === 'failed' ? String(o.error) : undefined);
    };

    await reconcile();
    assert.deepEqual((await recorded('bindings/default/deployment.api.yaml')).spec?.clusters, [
      { name: 'member1', replicas: 4 },
    ]);

    writeFleet(work, [2, 16], true);
    await commitAndPush(work, 'rebalance api; capacities changed');
    await reconcile();
    const rebalanced = await recorded('bindings/default/deployment.api.yaml');
    assert.deepEqual(rebalanced.spec?.clusters, [{ name: 'member2', replicas: 4 }]);
    assert.deepEqual(
      rebalanced.spec?.gracefulEvictionTasks?.map((t) => [t.fromCluster, t.producer]),
      [['member1', 'WorkloadRebalancer']],
    );
    assert.deepEqual(
      (await recorded('rebalancers/failback.yaml')).status?.observedWorkloads.map((o) => o.result),
      ['Successful'],
    );

    writeFleet(work, [20, 2], true);
    await commitAndPush(work, 'capacities changed again');
    await reconcile();
    assert.deepEqual(
      (await recorded('bindings/default/deployment.api.yaml')).spec?.clusters,
      [{ name: 'member2', replicas: 4 }],
      'not rescheduled a second time',
    );
  });
});
