/** Stateful failover at render (Karmada pkg/controllers/binding/common.go injectReservedLabelState) over a small fleet. */
import assert from 'node:assert/strict';
import { resourceKey, type GracefulEvictionTask } from '../api/index.ts';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const snapshot = {
  revision: 'r1',
  problems: [],
  files: [
    ...['member1', 'member2'].map((n) =>
      file(
        `clusters/${n}.yaml`,
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
      ),
    ),
    file(
      'policies/pp.yaml',
      'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: job}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    clusterAffinity: {clusterNames: [member1, member2]}\n    spreadConstraints: [{spreadByField: cluster, maxGroups: 1, minGroups: 1}]\n    replicaScheduling: {replicaSchedulingType: Duplicated}\n  propagateDeps: true\n  failover:\n    application:\n      decisionConditions: {tolerationSeconds: 60}\n      purgeMode: Directly\n      statePreservation:\n        rules: [{aliasLabelName: failover.example.io/checkpoint, jsonPath: "{.checkpoint}"}]\n',
    ),
    file(
      'apps/job.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: job}\nspec: {replicas: 1, template: {spec: {containers: [{name: c, image: flink}]}}}\n',
    ),
  ],
};
const key = resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'job' });
const task = (over: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster: 'member1',
  purgeMode: 'Directly',
  replicas: 1,
  reason: 'ApplicationFailure',
  producer: 'resource-binding-application-failover-controller',
  preservedLabelState: { 'failover.example.io/checkpoint': 'chk-17' },
  clustersBeforeFailover: ['member1'],
  creationTimestamp: '2026-01-01T00:00:00Z',
  ...over,
});
function deployments(tasks: GracefulEvictionTask[]) {
  const { fleet, diagnostics } = loadFleet(snapshot);
  const plan = planFleet({ fleet, diagnostics, revision: 'r1', evictions: new Map([[key, tasks]]) });
  assert.deepEqual(plan.errors, []);
  return plan.works
    .filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'Deployment')
    .map((w) => ({
      cluster: w.metadata.namespace.slice('karmada-es-'.length),
      labels: (w.spec.workload.manifests[0]?.['metadata'] as { labels?: Record<string, string> } | undefined)?.labels,
    }));
}

describe('plan: state preserved from an evicted copy', () => {
  it('is injected as labels into the manifest of the cluster the workload moved to; the Directly copy is not rendered', () => {
    assert.deepEqual(deployments([task()]), [
      {
        cluster: 'member2',
        labels: { 'app.kubernetes.io/managed-by': 'flotilla', 'failover.example.io/checkpoint': 'chk-17' },
      },
    ]);
  });
  it('is not injected under a Gracefully task (Karmada: Directly only), whose old copy is still rendered', () => {
    const got = deployments([task({ purgeMode: 'Gracefully' })]);
    assert.deepEqual(
      got.map((d) => [d.cluster, d.labels?.['failover.example.io/checkpoint']]),
      [
        ['member1', undefined],
        ['member2', undefined],
      ],
    );
  });
});
