import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const placement =
  '{clusterAffinity: {clusterNames: [member1, member2]}, replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: 1}, {targetCluster: {clusterNames: [member2]}, weight: 1}]}}}';
const rebalancer = file(
  'rebalancers/failback.yaml',
  'apiVersion: apps.karmada.io/v1alpha1\nkind: WorkloadRebalancer\nmetadata: {name: failback}\nspec:\n  workloads:\n    - {apiVersion: apps/v1, kind: Deployment, namespace: default, name: web}\n    - {apiVersion: apps/v1, kind: Deployment, namespace: default, name: nope}\n',
);
const snapshot = (extra: ReturnType<typeof file>[]) => ({
  revision: 'r1',
  problems: [],
  files: [
    ...['member1', 'member2', 'member3'].map((n) =>
      file(
        `clusters/${n}.yaml`,
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
      ),
    ),
    file(
      'policies/pp.yaml',
      `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: ${placement}\n`,
    ),
    file(
      'apps/web.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 4, template: {spec: {containers: [{name: c, image: nginx}]}}}\n',
    ),
    ...extra,
  ],
});
const history = (clusters: { name: string; replicas: number }[]) =>
  parsePrevious(
    [
      {
        spec: {
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
          clusters,
          placement: loadFleet(snapshot([])).fleet.propagationPolicies[0]?.object.spec.placement,
        },
      },
    ],
    'prev.json',
  );
const now = '2026-12-07T16:00:00Z';

describe('plan/planFleet with a WorkloadRebalancer (Karmada rescheduleTriggeredAt → Fresh assignment)', () => {
  it('without a rebalancer, the piled-up placement after failover stays (doScheduleBinding does not reschedule)', () => {
    const { fleet, diagnostics } = loadFleet(snapshot([]));
    const { previous, applied } = history([{ name: 'member1', replicas: 4 }]);
    assert.deepEqual(planFleet({ fleet, diagnostics, revision: 'r1', previous, applied }).bindings[0]?.spec.clusters, [
      { name: 'member1', replicas: 4 },
    ]);
  });
  it("a pending rebalancer schedules from scratch: back to the policy's division, and reports each workload", () => {
    const { fleet, diagnostics } = loadFleet(snapshot([rebalancer]));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const { previous, applied } = history([{ name: 'member1', replicas: 4 }]);
    const plan = planFleet({ fleet, diagnostics, revision: 'r1', previous, applied, now });
    assert.deepEqual(plan.bindings[0]?.spec.clusters, [
      { name: 'member1', replicas: 2 },
      { name: 'member2', replicas: 2 },
    ]);
    assert.equal(plan.explanations[0]?.result.explanation.rebalancedBy, 'failback');
    assert.deepEqual(plan.rebalancers, [
      {
        name: 'failback',
        status: {
          finishTime: now,
          observedWorkloads: [
            {
              workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nope' },
              result: 'Failed',
              reason: 'ReferencedBindingNotFound',
            },
            {
              workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
              result: 'Successful',
            },
          ],
        },
      },
    ]);
  });
  it('once recorded, the rebalancer does nothing more (exactly once)', () => {
    const { fleet, diagnostics } = loadFleet(snapshot([rebalancer]));
    const { previous, applied } = history([{ name: 'member1', replicas: 4 }]);
    const first = planFleet({ fleet, diagnostics, revision: 'r1', previous, applied, now });
    const rebalanced = new Map((first.rebalancers ?? []).map((r) => [r.name, r.status] as const));
    const second = planFleet({
      fleet,
      diagnostics,
      revision: 'r2',
      previous,
      applied,
      now: '2026-12-07T16:05:00Z',
      rebalanced,
    });
    assert.deepEqual(second.bindings[0]?.spec.clusters, [{ name: 'member1', replicas: 4 }]);
    assert.deepEqual(second.rebalancers?.[0]?.status.finishTime, now);
  });
  it('a cluster the fresh schedule leaves keeps its copy (a Gracefully task) until the replacement is ready', () => {
    const { fleet, diagnostics } = loadFleet(snapshot([rebalancer]));
    const { previous, applied } = history([{ name: 'member3', replicas: 4 }]);
    const plan = planFleet({ fleet, diagnostics, revision: 'r1', previous, applied, now });
    const b = plan.bindings[0];
    assert.deepEqual(b?.spec.clusters, [
      { name: 'member1', replicas: 2 },
      { name: 'member2', replicas: 2 },
    ]);
    assert.deepEqual(
      b?.spec.gracefulEvictionTasks?.map((t) => [
        t.fromCluster,
        t.replicas,
        t.purgeMode,
        t.producer,
        t.creationTimestamp,
      ]),
      [['member3', 4, 'Gracefully', 'WorkloadRebalancer', now]],
    );
    assert.ok(
      plan.works.some((w) => w.metadata.namespace === 'karmada-es-member3'),
      'member3 still gets its Work',
    );
  });
  it('a rebalancer without workloads is an error at its line', () => {
    const bad = file(
      'rebalancers/bad.yaml',
      'apiVersion: apps.karmada.io/v1alpha1\nkind: WorkloadRebalancer\nmetadata: {name: bad}\nspec:\n  workloads: []\n',
    );
    const { diagnostics } = loadFleet(snapshot([bad]));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file]),
      [['InvalidWorkloadRebalancer', 'rebalancers/bad.yaml']],
    );
  });
});
